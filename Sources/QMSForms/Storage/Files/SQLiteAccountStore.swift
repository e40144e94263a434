import Foundation
import GRDB

/// Accounts, sessions and drafts in a SQLite file (`.qms/accounts.sqlite` of a workspace, readable
/// by its owner only): one row an account (as JSON beside its name), one row a session, one a draft.
public struct SQLiteAccountStore: AccountStore, SessionStore, DraftStore {
    private let queue: DatabaseQueue

    /// The store in the SQLite file at `url`, made (mode 0600) when absent.
    public init(url: URL) throws {
        let fresh = !FileManager.default.fileExists(atPath: url.path)
        queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, account TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, account TEXT NOT NULL, session TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, author TEXT NOT NULL, updated TEXT NOT NULL, draft TEXT NOT NULL);
                """)
        }
        if fresh { chmod(url.path, 0o600) }
    }

    public func account(named name: String) async throws -> Account? {
        try await queue.read { db in try String.fetchOne(db, sql: "SELECT account FROM accounts WHERE name = ?", arguments: [name]) }
            .map { try JSONDecoder().decode(Account.self, from: Data($0.utf8)) }
    }

    public func accounts() async throws -> [Account] {
        try await queue.read { db in try String.fetchAll(db, sql: "SELECT account FROM accounts ORDER BY name") }
            .map { try JSONDecoder().decode(Account.self, from: Data($0.utf8)) }
    }

    public func create(_ account: Account) async throws {
        let json = try Self.json(account)
        try await queue.write { db in
            guard try String.fetchOne(db, sql: "SELECT name FROM accounts WHERE name = ?", arguments: [account.name]) == nil else {
                throw AccountError.exists(account.name)
            }
            try db.execute(sql: "INSERT INTO accounts(name, account) VALUES (?, ?)", arguments: [account.name, json])
        }
    }

    public func update(_ account: Account) async throws {
        let json = try Self.json(account)
        try await queue.write { db in
            try db.execute(sql: "UPDATE accounts SET account = ? WHERE name = ?", arguments: [json, account.name])
            guard db.changesCount == 1 else { throw AccountError.unknown(account.name) }
        }
    }

    public func save(_ session: Session) async throws {
        let json = try Self.json(session)
        try await queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sessions(id, account, session) VALUES (?, ?, ?)", arguments: [session.id, session.account, json])
        }
    }

    public func session(_ id: String) async throws -> Session? {
        try await queue.read { db in try String.fetchOne(db, sql: "SELECT session FROM sessions WHERE id = ?", arguments: [id]) }
            .map { try JSONDecoder().decode(Session.self, from: Data($0.utf8)) }
    }

    public func end(_ id: String) async throws {
        try await queue.write { db in try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id]) }
    }

    public func endAll(of account: String, keeping: String?) async throws {
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE account = ? AND id IS NOT ?", arguments: [account, keeping])
        }
    }

    public func save(_ draft: Draft) async throws {
        let json = try Self.json(draft)
        try await queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO drafts(id, author, updated, draft) VALUES (?, ?, ?, ?)",
                           arguments: [draft.id, draft.author, draft.updated, json])
        }
    }

    public func draft(_ id: String) async throws -> Draft? {
        try await queue.read { db in try String.fetchOne(db, sql: "SELECT draft FROM drafts WHERE id = ?", arguments: [id]) }
            .map { try JSONDecoder().decode(Draft.self, from: Data($0.utf8)) }
    }

    public func drafts(of author: String) async throws -> [Draft] {
        try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT draft FROM drafts WHERE author = ? ORDER BY updated DESC, id", arguments: [author])
        }.map { try JSONDecoder().decode(Draft.self, from: Data($0.utf8)) }
    }

    public func remove(_ id: String) async throws {
        try await queue.write { db in try db.execute(sql: "DELETE FROM drafts WHERE id = ?", arguments: [id]) }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
