/// Where accounts are kept: ``SQLiteAccountStore`` in a workspace (`.qms/accounts.sqlite`),
/// ``MemoryAccountStore`` for tests; a PostgreSQL one later. Every change goes through
/// ``Accounts``, which logs it in the audit trail.
public protocol AccountStore: Sendable {
    /// The account called `name`, if any.
    func account(named name: String) async throws -> Account?
    /// Every account, by name.
    func accounts() async throws -> [Account]
    /// Adds `account`; throws ``AccountError/exists(_:)`` when its name is taken.
    func create(_ account: Account) async throws
    /// Replaces the account of the same name; throws ``AccountError/unknown(_:)`` when there is none.
    func update(_ account: Account) async throws
}
