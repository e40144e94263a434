import Synchronization

/// Accounts in memory, for tests: the same refusals as ``SQLiteAccountStore``.
public final class MemoryAccountStore: AccountStore {
    private let byName = Mutex<[String: Account]>([:])

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
}
