import Foundation
import PostgresNIO
import QMSForms

/// Accounts, sessions and drafts in PostgreSQL, so that every `qmsforms serve` in front of the one
/// archive knows the same people and a session begun on one server is valid on another. Rows hold
/// the same JSON as the SQLite store's.
///
/// ```swift
/// let people = try await PostgresAccountStore(location)
/// let signIn = SignIn(accounts: Accounts(store: people, audit: archiveStore), sessions: people)
/// ```
public final class PostgresAccountStore: AccountStore, SessionStore, DraftStore {
    let database: PostgresDatabase

    /// The accounts in the database at `location`, its schema checked.
    public convenience init(_ location: PostgresLocation) async throws {
        let database = PostgresDatabase(location)
        try await PostgresSchema.check(database)
        self.init(database: database)
    }

    /// Over a pool shared with the other stores, its schema checked already (``PostgresArchive``).
    init(database: PostgresDatabase) {
        self.database = database
    }

    /// Closes the connections.
    public func close() { database.close() }

    public func account(named name: String) async throws -> Account? {
        let found: [Account] = try await decoded(database.query("SELECT account FROM accounts WHERE name = \(name)"))
        return found.first
    }

    public func accounts() async throws -> [Account] {
        try await decoded(database.query("SELECT account FROM accounts ORDER BY name COLLATE \"C\""))
    }

    public func create(_ account: Account) async throws {
        let json = try Self.json(account)
        var inserted = false
        for try await _ in try await database.query("""
            INSERT INTO accounts (name, account) VALUES (\(account.name), \(json)) ON CONFLICT (name) DO NOTHING RETURNING 1
            """).decode(Int.self) { inserted = true }
        guard inserted else { throw AccountError.exists(account.name) }
    }

    public func update(_ account: Account) async throws {
        let json = try Self.json(account)
        var updated = false
        for try await _ in try await database.query("UPDATE accounts SET account = \(json) WHERE name = \(account.name) RETURNING 1").decode(Int.self) {
            updated = true
        }
        guard updated else { throw AccountError.unknown(account.name) }
    }

    public func save(_ session: Session) async throws {
        try await database.query("""
            INSERT INTO sessions (id, account, session) VALUES (\(session.id), \(session.account), \(try Self.json(session)))
            ON CONFLICT (id) DO UPDATE SET account = EXCLUDED.account, session = EXCLUDED.session
            """)
    }

    public func session(_ id: String) async throws -> Session? {
        let found: [Session] = try await decoded(database.query("SELECT session FROM sessions WHERE id = \(id)"))
        return found.first
    }

    public func end(_ id: String) async throws { try await database.query("DELETE FROM sessions WHERE id = \(id)") }

    public func endAll(of account: String, keeping: String?) async throws {
        try await database.query("DELETE FROM sessions WHERE account = \(account) AND id IS DISTINCT FROM \(keeping)")
    }

    public func save(_ draft: Draft) async throws {
        try await database.query("""
            INSERT INTO drafts (id, author, updated, draft) VALUES (\(draft.id), \(draft.author), \(draft.updated), \(try Self.json(draft)))
            ON CONFLICT (id) DO UPDATE SET author = EXCLUDED.author, updated = EXCLUDED.updated, draft = EXCLUDED.draft
            """)
    }

    public func draft(_ id: String) async throws -> Draft? {
        let found: [Draft] = try await decoded(database.query("SELECT draft FROM drafts WHERE id = \(id)"))
        return found.first
    }

    public func drafts(of author: String) async throws -> [Draft] {
        try await decoded(database.query("SELECT draft FROM drafts WHERE author = \(author) ORDER BY updated DESC, id COLLATE \"C\""))
    }

    public func remove(_ id: String) async throws { try await database.query("DELETE FROM drafts WHERE id = \(id)") }

    private func decoded<T: Decodable>(_ rows: PostgresRowSequence) async throws -> [T] {
        var values: [T] = []
        for try await json in rows.decode(String.self) { values.append(try JSONDecoder().decode(T.self, from: Data(json.utf8))) }
        return values
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
