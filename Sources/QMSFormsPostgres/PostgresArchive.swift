import Crypto
import Foundation
import QMSForms

/// A whole archive in one PostgreSQL database — records and audit trail, register, people — over
/// one connection pool, as ``ArchiveStores`` for the command line and `qmsforms serve`.
///
/// The trail's head is signed with the workspace's `.qms/archive-head-key.pem`
/// (``Workspace/sharedArchiveHeadKey``, made on first use); the database pins the key of the first
/// server that writes, and a server holding another one is refused (``PostgresArchiveError/foreignHeadKey(database:pinned:ours:)``).
/// Without a password in the URL, `PGPASSWORD` gives it, as for `psql`.
///
/// ```swift
/// let stores = try await PostgresArchive.open(PostgresLocation("postgresql://qms_app@db/qms"), workspace: ws)
/// let archive = try await Archive(workspace: ws, stores: stores)
/// ```
public enum PostgresArchive {
    /// The stores of the archive at `location`, for the workspace folder `workspace`.
    public static func open(_ location: PostgresLocation, workspace: Workspace) async throws -> ArchiveStores {
        var location = location
        if location.password == nil { location.password = ProcessInfo.processInfo.environment["PGPASSWORD"] }
        let key: P256.Signing.PrivateKey
        do { key = try HeadKeyFile.key(at: workspace.sharedArchiveHeadKey, below: workspace.root) } catch { throw ArchiveError.file(error) }
        let database = PostgresDatabase(location)
        do {
            let records = try await PostgresArchiveStore(database: database, headKey: key)
            let register = PostgresRegisterStore(database: database)
            let people = PostgresAccountStore(database: database)
            return ArchiveStores(records: records, register: register, people: { people },
                                 location: location.description, isShared: true,
                                 hasRegister: { try await register.hasDocuments() }, close: { database.close() })
        } catch {
            database.close()
            throw error
        }
    }
}
