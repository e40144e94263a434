import QMSForms

/// Why the PostgreSQL archive could not be used.
public enum PostgresArchiveError: QMSError, Equatable {
    /// A `postgresql://` URL that does not say where the database is.
    case badLocation(String, reason: String)
    /// A role name that is not a plain identifier (it is written into GRANT statements).
    case badRole(String)
    /// The database has no qmsforms schema yet.
    case noSchema(database: String)
    /// The database's schema is newer than this qmsforms knows: refused rather than misread.
    case schemaTooNew(database: String, found: Int, known: Int)
    /// The database's schema is older: `qmsforms archive migrate-schema` brings it up to date.
    case schemaTooOld(database: String, found: Int, known: Int)
    /// This server signs the trail's head with a key other than the one the archive pinned.
    case foreignHeadKey(database: String, pinned: String, ours: String)
    /// The server refused or failed a statement.
    case server(String)

    public var category: ErrorCategory {
        switch self {
        case .badLocation, .badRole: .usage
        case .noSchema, .schemaTooNew, .schemaTooOld, .foreignHeadKey: .refused
        case .server: .io
        }
    }

    public var description: String {
        switch self {
        case let .badLocation(url, reason): "\(url): not a PostgreSQL location: \(reason)"
        case let .badRole(name): "\(name): not a plain role name (a-z, 0-9 and _, starting with a letter or _)"
        case let .noSchema(database): "database \(database) has no qmsforms schema: run qmsforms archive migrate-schema as the schema's owner"
        case let .schemaTooNew(database, found, known): "database \(database) has schema version \(found), newer than the \(known) this qmsforms knows: "
            + "upgrade qmsforms before it touches this archive"
        case let .schemaTooOld(database, found, known): "database \(database) has schema version \(found), older than \(known): "
            + "run qmsforms archive migrate-schema as the schema's owner"
        case let .foreignHeadKey(database, pinned, ours): "database \(database) signs its audit trail's head with the key of SHA-256 fingerprint "
            + "\(pinned), but this server's key is \(ours): copy .qms/archive-head-key.pem from the server that first used the archive "
            + "(docs/deployment.md); nothing was written"
        case let .server(message): "PostgreSQL: \(message)"
        }
    }
}
