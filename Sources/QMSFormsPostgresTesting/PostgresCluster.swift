import Foundation
import QMSFormsPostgres

/// A throwaway PostgreSQL server for tests (of this package and of whoever builds on it): `initdb` and `pg_ctl` from Debian's `postgresql`
/// package (as the `postgres` user when the tests run as root), on a Unix socket in a fresh
/// folder, no TCP port; started once per test process, stopped when it exits. Each archive gets
/// its own database, owned by `qms_owner`, used as `qms_app`.
public enum PostgresCluster {
    /// A running server: its socket folder, port and binaries.
    public struct Server: Sendable {
        public let folder: String
        public let port: Int
        public let binaries: String
    }

    /// The running server, or why there is none.
    public static let shared: Result<Server, TestFailure> = {
        do throws(TestFailure) { return .success(try start()) } catch { return .failure(error) }
    }()

    /// Why the server could not be started or a tool failed, in the tool's words.
    public struct TestFailure: Error, CustomStringConvertible {
        public var description: String
    }

    private static func start() throws(TestFailure) -> Server {
        guard let version = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.compactMap(Int.init).max() else {
            throw TestFailure(description: "PostgreSQL is not installed (apt-get install postgresql; .ci/setup does it)")
        }
        let binaries = "/usr/lib/postgresql/\(version)/bin"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        let server = Server(folder: folder, port: 54329, binaries: binaries)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if getuid() == 0 { try run("/bin/chown", ["postgres:", folder]) }
            try run(as: "\(binaries)/initdb", ["-D", "\(folder)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            try run(as: "\(binaries)/pg_ctl", ["-D", "\(folder)/data", "-w", "-t", "30", "-l", "\(folder)/log",
                                               "-o", "-k \(folder) -c listen_addresses='' -p \(server.port) -c fsync=off", "start"])
        } catch { throw TestFailure(description: "cannot start a PostgreSQL server: \(error)") }
        stopAtExit = server
        atexit {
            guard let server = PostgresCluster.stopAtExit else { return }
            try? PostgresCluster.run(as: "\(server.binaries)/pg_ctl", ["-D", "\(server.folder)/data", "-m", "immediate", "stop"])
            try? FileManager.default.removeItem(atPath: server.folder)
        }
        do {
            try psql(server, "postgres", "CREATE ROLE qms_owner LOGIN; CREATE ROLE qms_app LOGIN;")
        } catch { throw TestFailure(description: "cannot create the roles: \(error)") }
        return server
    }

    nonisolated(unsafe) private static var stopAtExit: Server?

    /// A new empty database owned by `qms_owner`, and where to reach it as that owner.
    public static func emptyDatabase() throws -> PostgresLocation {
        let server = try shared.get()
        let name = "qms_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "postgres", "CREATE DATABASE \(name) OWNER qms_owner;")
        return try PostgresLocation("postgresql://qms_owner@/\(name)?host=\(server.folder)&port=\(server.port)")
    }

    /// A fresh database owned by `qms_owner`, its schema migrated; where to reach it as `qms_app`.
    public static func freshDatabase() async throws -> PostgresLocation {
        let owner = try emptyDatabase()
        _ = try await PostgresSchema.migrate(owner, appRole: "qms_app")
        return owner.connecting(as: "qms_app")
    }

    /// Runs `sql` with psql as `user` (the superuser unless named) in `database`.
    public static func psql(_ server: Server, _ database: String, _ sql: String, as user: String = "postgres") throws {
        try run(as: "\(server.binaries)/psql", ["-h", server.folder, "-p", "\(server.port)", "-U", user, "-d", database,
                                                "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
    }

    /// Runs `tool` as the `postgres` user when we are root (initdb refuses root), as ourselves otherwise.
    static func run(as tool: String, _ arguments: [String]) throws {
        if getuid() == 0 { try run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments) } else { try run(tool, arguments) }
    }

    /// `posix_spawn` and `waitpid`, not `Process`: Foundation waits until every process that
    /// inherited its descriptors has closed them, and the server `pg_ctl` starts never does.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("qms-pg-stderr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure(description: "\(tool): cannot start it (\(String(cString: strerror(spawned))))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw TestFailure(description: "\(tool) \(arguments.joined(separator: " ")): \(said)")
        }
    }
}
