import Foundation

/// Everything a workspace shares with the other desks and servers that use it, opened together:
/// the records with their audit trail, the register of controlled documents with its frozen
/// revisions, and the people (accounts, sessions, drafts).
///
/// The file archive in the workspace folder is the default (``files(of:)``); `QMSFormsPostgres`
/// opens the same three seams on one PostgreSQL database. What a workspace folder keeps either
/// way: the working copies of the templates (`forms/`), the settings (`qms.yaml`) and the keys
/// (`.qms/`).
///
/// ```swift
/// let stores = try ArchiveStores.files(of: workspace)
/// let archive = try await Archive(workspace: workspace, stores: stores)
/// ```
public struct ArchiveStores: Sendable {
    /// The records, their files and the audit trail.
    public let records: any RecordArchiveStore
    /// The register of controlled documents and their frozen revisions.
    public let register: any DocumentRegisterStore
    /// Opens the accounts, sessions and drafts: only the commands that need them do (the file
    /// archive's are a SQLite file that concurrent `issue` processes should not all touch).
    private let openPeople: @Sendable () throws -> any AccountStore & SessionStore & DraftStore
    /// Where they are, for messages: a folder, or a database URL without its password.
    public let location: String
    /// Whether they are shared with other desks and servers (a database), not the workspace's own files.
    public let isShared: Bool
    /// Whether the register has been created here (``Workspace/create(at:from:by:now:into:)``).
    public let hasRegister: @Sendable () async throws -> Bool
    private let closing: @Sendable () -> Void

    /// Stores opened elsewhere, closed with `close`.
    public init(records: any RecordArchiveStore, register: any DocumentRegisterStore,
                people: @escaping @Sendable () throws -> any AccountStore & SessionStore & DraftStore,
                location: String, isShared: Bool, hasRegister: @escaping @Sendable () async throws -> Bool, close: @escaping @Sendable () -> Void = {}) {
        self.records = records
        self.register = register
        openPeople = people
        self.location = location
        self.isShared = isShared
        self.hasRegister = hasRegister
        closing = close
    }

    /// The workspace's own files: `archive/`, `.qms/register.json` and `.qms/revisions/`, `.qms/accounts.sqlite`.
    public static func files(of workspace: Workspace) throws -> ArchiveStores {
        let register = workspace.register
        return ArchiveStores(records: FileArchiveStore(directory: workspace.archiveDirectory), register: register,
                             people: { try SQLiteAccountStore(url: workspace.accountsFile) }, location: workspace.root.path, isShared: false,
                             hasRegister: { register.exists })
    }

    /// Accounts, sessions and drafts.
    public func people() throws -> any AccountStore & SessionStore & DraftStore { try openPeople() }

    /// The account operations over ``people()``, logged in the records' audit trail.
    public func accounts() throws -> Accounts { Accounts(store: try people(), audit: records) }

    /// Closes the connections, if any.
    public func close() { closing() }
}
