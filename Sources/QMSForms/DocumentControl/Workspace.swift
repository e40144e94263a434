import Foundation

/// The folder the tool works in: `forms/` (working copies of the controlled templates),
/// `qms.yaml` (settings) and, once initialised, `.qms/` (the register and frozen revisions).
///
/// ```swift
/// let ws = try Workspace.create(at: URL(fileURLWithPath: "qms"))      // the built-in forms
/// let own = try Workspace.create(at: URL(fileURLWithPath: "acme"), from: .folder(URL(fileURLWithPath: "acme-forms")))
/// let control = try ChangeControl(workspace: ws)
/// ```
public struct Workspace: Sendable {
    /// The workspace folder.
    public let root: URL

    /// The workspace at `root` (which need not exist yet).
    public init(root: URL) { self.root = root }

    /// The working copies of the templates.
    public var formsDirectory: URL { root.appendingPathComponent("forms") }
    /// The register of controlled documents, in `.qms/`.
    public var register: FileRegisterStore { FileRegisterStore(directory: root.appendingPathComponent(".qms")) }
    /// The accounts of the people who use the workspace through `qmsforms serve` (SQLite, owner-only).
    public var accountsFile: URL { root.appendingPathComponent(".qms/accounts.sqlite") }
    /// The workspace's signing CA (``SigningAuthority``): `.qms/signing-ca/`.
    public var signingAuthorityDirectory: URL { root.appendingPathComponent(".qms/signing-ca") }
    /// The key a shared archive's trail head is signed with (``HeadKeyFile``): `.qms/archive-head-key.pem`, the same on every server.
    public var sharedArchiveHeadKey: URL { root.appendingPathComponent(".qms/archive-head-key.pem") }
    /// The record archive's folder.
    public var archiveDirectory: URL { root.appendingPathComponent("archive") }

    /// Whether the folder holds a register (was made by ``create(at:from:by:now:into:)``).
    public var isControlled: Bool { register.exists }

    /// `qms.yaml` at the root, or neutral settings.
    public func settings() throws -> Settings { try Settings.load(folder: root) }

    /// Where a new workspace's forms come from.
    public enum FormSource: Sendable {
        /// The forms built into qmsforms (``ShippedForms``).
        case shipped
        /// A company's own forms folder (templates, and optionally `schema/` and `examples/`).
        case folder(URL)
    }

    /// Creates a workspace at `root` (which must not exist, or be empty) holding a copy of the
    /// templates, schema and examples of `source`, each template registered as released at the
    /// revision its file declares. Built beside `root` and moved into place: all or nothing.
    ///
    /// With `shared`, the register goes into the stores it opens for the folder being built (a
    /// database, whose register must be empty) instead of the folder's files, and `qms.yaml` names
    /// that archive, so every command in the workspace uses it.
    public static func create(at root: URL, from source: FormSource = .shipped, by principal: Principal? = nil,
                              now: Date = Date(), into shared: (@Sendable (Workspace) async throws -> ArchiveStores)? = nil) async throws -> Workspace {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isFolder) {
            if Workspace(root: root).isControlled { throw ChangeControlError.workspaceExists(root.path) }
            guard isFolder.boolValue, (try? fm.contentsOfDirectory(atPath: root.path))?.isEmpty == true else {
                throw ChangeControlError.folderNotEmpty(root.path)
            }
        }
        if case let .folder(url) = source, !fm.fileExists(atPath: url.path) {
            throw ChangeControlError.file(FileError(.read, path: url.path, reason: "no such file or folder",
                                                    remedy: "give the forms folder to start from, or leave out --from for the built-in forms"))
        }
        let building = root.deletingLastPathComponent().appendingPathComponent(".\(root.lastPathComponent).init-\(getpid())")
        try? fm.removeItem(at: building)
        do {
            try FileError.attempt(.create, building) { try fm.createDirectory(at: building, withIntermediateDirectories: true) }
            let forms = building.appendingPathComponent("forms")
            switch source {
            case .shipped: try ShippedForms.write(to: forms)
            case let .folder(url): try FileError.attempt(.copy, url) { try fm.copyItem(at: url, to: forms) }
            }
            let ws = Workspace(root: building)
            let catalog = try FormCatalog(directory: ws.formsDirectory)
            var templates: [(template: Template, bytes: Data)] = []
            for t in catalog.templates {
                let url = URL(fileURLWithPath: t.path)
                templates.append((t, try FileError.attempt(.read, url) { try Data(contentsOf: url) }))
            }
            if let shared {
                let stores = try await shared(ws)
                defer { stores.close() }
                guard try await !stores.hasRegister() else { throw ChangeControlError.registerExists(stores.location) }
                let settings = ws.root.appendingPathComponent("qms.yaml")
                try FileError.attempt(.write, settings) { try Data("archive: \(stores.location)\n".utf8).write(to: settings) }
                let control = try ChangeControl(formsDirectory: ws.formsDirectory, register: stores.register, audit: stores.records)
                try await control.registerInitial(templates, by: principal, now: now)
            } else {
                let control = try ChangeControl(formsDirectory: ws.formsDirectory, register: ws.register,
                                                audit: FileArchiveStore(directory: ws.archiveDirectory))
                try await control.registerInitial(templates, by: principal, now: now)
            }
            if fm.fileExists(atPath: root.path) { try FileError.attempt(.remove, root) { try fm.removeItem(at: root) } }
            try FileError.attempt(.move, root) { try fm.moveItem(at: building, to: root) }
        } catch {
            try? fm.removeItem(at: building)
            throw error
        }
        return Workspace(root: root)
    }
}
