import Foundation

/// Where the database is, from a `postgresql://` URL as `--archive`, `archive:` in `qms.yaml` and
/// `QMS_ARCHIVE` give it: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or a Unix socket
/// folder as `?host=/run/postgresql` (the `libpq` convention).
///
/// ```swift
/// let here = try PostgresLocation("postgresql://qms_app@/qms?host=/tmp/pg&port=54329")
/// here.socketPath   // "/tmp/pg/.s.PGSQL.54329"
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// The role connected as.
    public var user: String
    /// Its password, if the server asks for one.
    public var password: String?
    /// A host name, or `nil` for a Unix socket.
    public var host: String?
    /// The port (for a socket: the number in its file name).
    public var port: Int
    /// The database.
    public var database: String
    /// The folder of the server's Unix socket, when it is reached that way.
    public var socketFolder: String?

    /// Parses `url`; a URL that is not a PostgreSQL one says what is wrong.
    public init(_ url: String) throws(PostgresArchiveError) {
        guard let parts = URLComponents(string: url), parts.scheme == "postgresql" || parts.scheme == "postgres" else {
            throw .badLocation(url, reason: "it does not start with postgresql://")
        }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw .badLocation(url, reason: "it names no database (postgresql://USER@HOST/DATABASE)") }
        guard let user = parts.user ?? query["user"], !user.isEmpty else { throw .badLocation(url, reason: "it names no user (postgresql://USER@HOST/DATABASE)") }
        self.user = user
        password = parts.password ?? query["password"]
        self.database = database
        port = parts.port ?? query["port"].flatMap(Int.init) ?? 5432
        if let folder = query["host"], folder.hasPrefix("/") {
            socketFolder = folder
            host = nil
        } else {
            host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"]
            guard host != nil else { throw .badLocation(url, reason: "it names neither a host nor a socket folder (?host=/run/postgresql)") }
        }
    }

    /// The socket file, when the server is reached by a Unix socket.
    public var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    /// The same database as another role.
    public func connecting(as user: String) -> PostgresLocation {
        var copy = self
        copy.user = user
        copy.password = nil
        return copy
    }

    /// The URL without the password.
    public var description: String {
        "postgresql://\(user)@\(host ?? "")\(host == nil ? "" : ":\(port)")/\(database)" + (socketFolder.map { "?host=\($0)&port=\(port)" } ?? "")
    }
}
