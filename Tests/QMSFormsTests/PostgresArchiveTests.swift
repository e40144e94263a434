import ComplianceTags
import Crypto
import Foundation
import QMSFormsPostgres
import QMSFormsPostgresTesting
import Testing
@testable import QMSForms

/// What the PostgreSQL archive guarantees by the server's own means, asked of a real server with
/// psql: the application's role cannot rewrite an audit row, a record file or a frozen revision,
/// nor can the schema's owner (triggers), and a server refuses a schema newer than it knows.
@Suite struct PostgresArchiveTests {
    @Test(.tags(.cfr11_10c, .cfr11_10e))
    func theServerRefusesToRewriteTheArchiveWhoeverAsks() async throws {
        let (archive, cleanUp) = try await StoreKind.postgres.archive()
        defer { cleanUp() }
        let number = try await archive.issue("8d", data: try ArchiveBehaviourTests.example("8d"), source: "8d.yaml", by: Principal.named("李强")!).number
        let store = try #require(archive.store as? PostgresArchiveStore)
        let server = try PostgresCluster.shared.get(), database = store.location.database
        func refused(_ sql: String, as user: String) -> String {
            do {
                try PostgresCluster.psql(server, database, sql, as: user)
                return "accepted"
            } catch { return "\(error)" }
        }
        for sql in ["UPDATE audit_entries SET entry = entry || ' ' WHERE seq = 1", "DELETE FROM audit_entries WHERE seq = 1",
                    "UPDATE record_files SET data = '\\x00' WHERE number = '\(number)'", "TRUNCATE audit_entries"] {
            #expect(refused(sql, as: "qms_app").contains("permission denied"), "qms_app: \(sql)")
        }
        // DELETE on record_files is granted for disposal: the trigger allows it only after a logged disposal.
        #expect(refused("DELETE FROM record_files WHERE number = '\(number)'", as: "qms_app").contains("write-once"))
        for sql in ["UPDATE audit_entries SET entry = entry || ' ' WHERE seq = 1", "DELETE FROM audit_entries",
                    "UPDATE record_files SET data = '\\x00'", "DELETE FROM record_files", "TRUNCATE audit_entries", "TRUNCATE record_files"] {
            #expect(refused(sql, as: "qms_owner").contains("write-once"), "qms_owner: \(sql)")
        }
        // The frozen revisions of the register: the same, for every role.
        for sql in ["UPDATE register_revisions SET bytes = '\\x00'", "DELETE FROM register_revisions", "TRUNCATE register_revisions"] {
            #expect(refused(sql, as: "qms_app").contains("permission denied"), "qms_app: \(sql)")
            #expect(refused(sql, as: "qms_owner").contains("released revisions are frozen"), "qms_owner: \(sql)")
        }
        #expect(try await archive.verify() == [])
        #expect(try await archive.store.file("records/SG-QR-22-02/\(number)/r0.xml").count > 1000)
    }

    @Test func aSchemaNewerThanThisQmsformsIsRefused() async throws {
        let location = try await PostgresCluster.freshDatabase()
        let server = try PostgresCluster.shared.get()
        try PostgresCluster.psql(server, location.database, "UPDATE qms_schema SET version = \(PostgresSchema.current + 1)", as: "qms_owner")
        await #expect(throws: PostgresArchiveError.schemaTooNew(database: location.database, found: PostgresSchema.current + 1, known: PostgresSchema.current)) {
            let store = try await PostgresArchiveStore(location, headKey: P256.Signing.PrivateKey())
            store.close()
        }
        let owner = location.connecting(as: "qms_owner")
        await #expect(throws: PostgresArchiveError.self) { _ = try await PostgresSchema.migrate(owner, appRole: "qms_app") }
        // Up to date: migrating again applies nothing.
        try PostgresCluster.psql(server, location.database, "UPDATE qms_schema SET version = \(PostgresSchema.current)", as: "qms_owner")
        #expect(try await PostgresSchema.migrate(owner, appRole: "qms_app") == [])
    }

    @Test func locationsAreReadAsLibpqWritesThem() throws {
        let socket = try PostgresLocation("postgresql://qms_app@/qms?host=/run/postgresql&port=5433")
        #expect(socket.user == "qms_app" && socket.database == "qms" && socket.socketPath == "/run/postgresql/.s.PGSQL.5433" && socket.host == nil)
        let tcp = try PostgresLocation("postgresql://qms_app:s3cret@db.example.com:6543/quality")
        #expect(tcp.host == "db.example.com" && tcp.port == 6543 && tcp.password == "s3cret" && tcp.socketPath == nil)
        #expect(!tcp.description.contains("s3cret"))
        #expect(try PostgresLocation("postgres://u@h/d").port == 5432)
        for bad in ["mysql://u@h/d", "postgresql://u@h/", "postgresql://h/d", "postgresql://u@/d"] {
            #expect(throws: PostgresArchiveError.self) { try PostgresLocation(bad) }
        }
    }

    /// Four archives on one database, each with its own connection pool (as four servers are),
    /// 250 issues each at once: 1,000 distinct consecutive numbers, the chain intact.
    @Test(.tags(.cfr11_10c))
    func fourServersIssuingAtOnceGetAThousandConsecutiveNumbers() async throws {
        let (first, cleanUp) = try await StoreKind.postgres.archive()
        defer { cleanUp() }
        let location = try #require(first.store as? PostgresArchiveStore).location, key = StoreKind.headKey
        var servers: [Archive] = []
        var stores: [PostgresArchiveStore] = []
        for _ in 0..<4 {
            let store = try await PostgresArchiveStore(location, headKey: key)
            let register = try await PostgresRegisterStore(location)
            stores.append(store)
            servers.append(Archive(store: store, documents: try ChangeControl(formsDirectory: first.documents.formsDirectory, register: register, audit: store),
                                   settings: .neutral, clock: first.clock))
        }
        defer { stores.forEach { $0.close() } }
        let data = try ArchiveBehaviourTests.example("opinion"), who = Principal.named("李强")!
        let numbers = try await withThrowingTaskGroup(of: [String].self) { group in
            for server in servers {
                group.addTask {
                    var mine: [String] = []
                    for _ in 0..<250 { mine.append(try await server.issue("opinion", data: data, source: "o.yaml", by: who).number) }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(numbers.count == 1000 && Set(numbers).count == 1000)
        #expect(Set(numbers) == Set((1...1000).map { String(format: "YJ-2026-%03d", $0) }), "\(numbers.sorted().prefix(3))")
        let trail = try await servers[0].store.verifiedEntries()
        #expect(trail.problems.isEmpty, "\(trail.problems.prefix(3))")
        #expect(try await servers[1].verify() == [])
    }
}
