/// Where the sessions of `qmsforms serve` are kept: beside the accounts (``SQLiteAccountStore``
/// keeps both in `.qms/accounts.sqlite`), or in memory for tests (``MemoryAccountStore``).
public protocol SessionStore: Sendable {
    /// Keeps `session`.
    func save(_ session: Session) async throws
    /// The session with this identifier, if any.
    func session(_ id: String) async throws -> Session?
    /// Ends the session with this identifier.
    func end(_ id: String) async throws
    /// Ends every session of `account` but `keeping` (a changed password ends the others).
    func endAll(of account: String, keeping: String?) async throws
}
