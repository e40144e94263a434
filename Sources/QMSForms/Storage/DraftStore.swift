/// Where the drafts of `qmsforms serve` are kept: beside the accounts (``SQLiteAccountStore``
/// keeps them in `.qms/accounts.sqlite`), or in memory for tests (``MemoryAccountStore``).
public protocol DraftStore: Sendable {
    /// Keeps `draft`, replacing an earlier save of the same id.
    func save(_ draft: Draft) async throws
    /// The draft with this identifier, if any.
    func draft(_ id: String) async throws -> Draft?
    /// The drafts of `author`, most recently saved first.
    func drafts(of author: String) async throws -> [Draft]
    /// Ends the draft with this identifier (issued or thrown away).
    func remove(_ id: String) async throws
}
