import Synchronization

/// Accounts, sessions and drafts in memory, for tests: the same refusals as ``SQLiteAccountStore``.
public final class MemoryAccountStore: AccountStore, SessionStore, DraftStore {
    private let byName = Mutex<[String: Account]>([:])
    private let sessions = Mutex<[String: Session]>([:])
    private let kept = Mutex<[String: Draft]>([:])

    /// No accounts.
    public init() {}

    public func account(named name: String) async throws -> Account? { byName.withLock { $0[name] } }

    public func accounts() async throws -> [Account] { byName.withLock { $0.values.sorted { $0.name < $1.name } } }

    public func create(_ account: Account) async throws {
        try byName.withLock { (all: inout [String: Account]) throws(AccountError) in
            guard all[account.name] == nil else { throw .exists(account.name) }
            all[account.name] = account
        }
    }

    public func update(_ account: Account) async throws {
        try byName.withLock { (all: inout [String: Account]) throws(AccountError) in
            guard all[account.name] != nil else { throw .unknown(account.name) }
            all[account.name] = account
        }
    }

    public func save(_ session: Session) async throws { sessions.withLock { $0[session.id] = session } }

    public func session(_ id: String) async throws -> Session? { sessions.withLock { $0[id] } }

    public func end(_ id: String) async throws { sessions.withLock { $0[id] = nil } }

    public func endAll(of account: String, keeping: String?) async throws {
        sessions.withLock { all in all = all.filter { $0.value.account != account || $0.key == keeping } }
    }

    public func save(_ draft: Draft) async throws { kept.withLock { $0[draft.id] = draft } }

    public func draft(_ id: String) async throws -> Draft? { kept.withLock { $0[id] } }

    public func drafts(of author: String) async throws -> [Draft] {
        kept.withLock { $0.values.filter { $0.author == author }.sorted { ($0.updated, $1.id) > ($1.updated, $0.id) } }
    }

    public func remove(_ id: String) async throws { kept.withLock { $0[id] = nil } }
}
