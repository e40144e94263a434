import Foundation
import QMSForms

/// Everything the routes work with, opened once at start: the workspace's archive and document
/// control, its accounts, sessions and drafts, and one shared PDF printer.
public struct Site: Sendable {
    public let workspace: Workspace
    public let configuration: WebConfiguration
    let archive: Archive
    let signIn: SignIn
    /// The signing ceremony: password again, then the signer's key for one signature.
    let signing: SigningCeremony
    let drafts: any DraftStore
    let printer: SharedPrinter

    /// Opens the controlled workspace `workspace` in its files; a folder that is not one is refused.
    public init(workspace: Workspace, configuration: WebConfiguration) async throws {
        guard workspace.isControlled else { throw ChangeControlError.notAWorkspace(workspace.root.path) }
        try await self.init(workspace: workspace, stores: .files(of: workspace), configuration: configuration)
    }

    /// Serves `workspace` over `stores`: its files, or an archive shared with other servers (every
    /// page reads the stores afresh, so what one server writes the others show at once).
    public init(workspace: Workspace, stores: ArchiveStores, configuration: WebConfiguration) async throws {
        self.workspace = workspace
        self.configuration = configuration
        archive = try await Archive(workspace: workspace, stores: stores)
        let people = try stores.people()
        let accounts = Accounts(store: people, audit: stores.records)
        signIn = SignIn(accounts: accounts, sessions: people)
        signing = SigningCeremony(accounts: accounts, authority: workspace.signingAuthorityDirectory)
        drafts = people
        printer = SharedPrinter()
    }

    var documents: ChangeControl { archive.documents }
    var settings: Settings { archive.settings }

    /// A path inside the application: `/records/X` → `/qms/records/X` behind a base path.
    func link(_ path: String) -> String { configuration.basePath + path }

    /// The forms in force (register's effective revisions), procedures left out.
    func forms() async throws -> [Template] {
        try await documents.effectiveCatalog().filter { $0.kind == .form }
    }

    /// The form in force named `alias`, or 404.
    func form(_ alias: String) async throws -> Template {
        guard let t = try await forms().first(where: { $0.alias == alias || $0.number == alias }) else {
            throw WebError.notFound(alias)
        }
        return t
    }

    /// Form number → title, for pages naming other forms.
    func titles() async throws -> [String: Bilingual] {
        Dictionary(try await documents.effectiveCatalog().map { ($0.number, $0.title) }, uniquingKeysWith: { a, _ in a })
    }
}
