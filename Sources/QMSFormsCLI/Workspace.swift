import ArgumentParser
import Foundation
import QMSForms

/// Where the tool works: `--workspace DIR`, else `QMS_WORKSPACE`, else the current folder.
/// A folder made by `qmsforms init` is controlled (its register decides which revision is in
/// force); any other folder with a `forms/` is used as it is; anywhere else the built-in forms
/// serve (``ShippedForms``).
///
/// Where its archive is: `--archive postgresql://…`, else `QMS_ARCHIVE`, else `archive:` in its
/// `qms.yaml`, else the workspace's own files (see ``stores()``).
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("workspace"), help: "The workspace folder (default: $QMS_WORKSPACE, else the current folder).")
    var path: String?
    @Option(name: .customLong("archive"),
            help: "A shared archive: postgresql://USER@HOST/DB (default: $QMS_ARCHIVE, else archive: in qms.yaml, else the workspace's files).")
    var archiveURL: String?

    var workspace: Workspace {
        let env = ProcessInfo.processInfo.environment["QMS_WORKSPACE"]
        return Workspace(root: URL(fileURLWithPath: path ?? env ?? FileManager.default.currentDirectoryPath))
    }

    /// The document control of a controlled workspace, `nil` for a plain folder.
    func control() async throws -> ChangeControl? {
        guard try sharedArchive() != nil || workspace.isControlled else { return nil }
        do { return try await ChangeControl(workspace: workspace, stores: stores()) } catch let f as Failure { throw f } catch { throw Failure(error) }
    }

    /// The control of a controlled workspace; a plain folder is a usage error here.
    func requireControl() async throws -> ChangeControl {
        guard let control = try await control() else { throw Failure(ChangeControlError.notAWorkspace(workspace.root.path)) }
        return control
    }

    /// The archive of a controlled workspace, in its files or the shared database.
    func archive() async throws -> Archive {
        do { return try await Archive(workspace: workspace, stores: stores()) } catch let f as Failure { throw f } catch { throw Failure(error) }
    }

    /// The accounts of a controlled workspace, changes logged in its archive's trail.
    func accounts() async throws -> Accounts {
        let stores = try await stores()
        do {
            guard try await stores.hasRegister() else { throw ChangeControlError.notAWorkspace(workspace.root.path) }
            return try stores.accounts()
        } catch { throw Failure(error) }
    }

    /// Whether the templates are the built-in ones: no workspace and no `forms/` here.
    var usesShippedForms: Bool {
        (try? sharedArchive()) == nil && !workspace.isControlled && !FileManager.default.fileExists(atPath: workspace.formsDirectory.path)
    }

    /// The templates in force: the register's effective revisions, the working copies, or the built-in forms.
    func templates() async throws -> [Template] {
        do {
            if let control = try await control() { return try await control.effectiveCatalog() }
            if usesShippedForms { return try ShippedForms.catalog().templates }
            return try FormCatalog(directory: workspace.formsDirectory).templates
        } catch { throw Failure(error) }
    }

    /// The template named `name` (number, alias or path) at `revision`, with the watermark it prints with.
    func template(_ name: String, revision: Revision? = nil, draft: Bool = false, allowObsolete: Bool = false)
        async throws -> (Template, PrintMarks.Watermark?) {
        do {
            if let control = try await control() {
                // In a controlled workspace a template file names its document at the revision it
                // declares, and the register's rules apply to it as to the alias: no back door.
                var name = name, rev = revision
                if name.hasSuffix(".xml") || name.contains("/") {
                    let file = try TemplateLoader().load(contentsOf: URL(fileURLWithPath: name))
                    name = file.number
                    if rev == nil && !draft { rev = file.control.revision }
                }
                if allowObsolete, let rev, !draft {
                    let (t, standing) = try await control.template(name, revision: rev)
                    let status = try await control.register().first { $0.number == t.number }?.revisions
                        .first { $0.hasPrefix(rev.description + " ") }
                    let mark: PrintMarks.Watermark? = standing == .draft ? .draft : status?.hasSuffix("obsolete") == true ? .obsolete
                        : status?.contains("released, effective") == true ? .notYetEffective : nil
                    return (t, mark)
                }
                let (t, standing) = try await control.templateForFilling(name, revision: rev, draft: draft)
                return (t, standing == .draft ? .draft : nil)
            }
            if revision != nil || draft {
                throw Failure(.usage, "--revision and --draft need a controlled workspace (qmsforms init DIR)")
            }
            if usesShippedForms { return (try ShippedForms.catalog().template(named: name), nil) }
            return (try FormCatalog.template(named: name, in: workspace.formsDirectory), nil)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }

    /// The revisions records of `name` are filled against, each by its record date; one fixed
    /// template when `--revision`, `--draft`, a template path or an uncontrolled folder decides.
    func schedule(_ name: String, revision: Revision? = nil, draft: Bool = false) async throws -> (RevisionSchedule, PrintMarks.Watermark?) {
        let (t, mark) = try await form(name, revision: revision, draft: draft)
        guard revision == nil, !draft, !(name.hasSuffix(".xml") || name.contains("/")), let control = try await control() else {
            return (RevisionSchedule(fixed: t), mark)
        }
        do { return (try await control.schedule(name), mark) } catch { throw Failure(error) }
    }

    /// A form that records are filled from; a procedure document is a usage error here.
    func form(_ name: String, revision: Revision? = nil, draft: Bool = false) async throws -> (Template, PrintMarks.Watermark?) {
        let (t, mark) = try await template(name, revision: revision, draft: draft)
        guard t.kind == .form else {
            throw Failure(.usage, "\(t.number) \(t.title.zh) is a procedure document: it has no records. Print it with: qmsforms blank \(t.alias) -o DIR")
        }
        return (t, mark)
    }

    func settings() throws -> Settings {
        do { return try workspace.settings() } catch { throw Failure(error) }
    }

    /// Form number → title of every template in force, for procedures naming forms.
    func titles() async throws -> [String: Bilingual] {
        Dictionary(try await templates().map { ($0.number, $0.title) }, uniquingKeysWith: { a, _ in a })
    }
}



/// Who does `action`: `--by`, else `QMS_USER`, as the one person at this desk. A blank name is
/// refused: every action names who did it.
func principal(_ by: String?, for action: String, documentControl: Bool = false) throws -> Principal {
    let name = by ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? ""
    guard let principal = Principal.named(name) else {
        throw Failure(documentControl ? ChangeControlError.missingBy(action: action) as any QMSError : ArchiveError.missingBy(action: action))
    }
    return principal
}

/// Reads DATA (a path or `-`) for `template` into a data tree, mapping errors to exit codes.
func readData(_ path: String, for template: Template, input: DataOptions? = nil) throws -> DataNode {
    if path != "-" && !FileManager.default.isReadableFile(atPath: path) {
        let exists = FileManager.default.fileExists(atPath: path)
        throw Failure(FileError(.read, path: path, reason: exists ? "permission denied" : "no such file or folder",
                                remedy: exists ? "check the file's permissions" : "check the path of the data file"))
    }
    do { return try DataSource.read(path: path, template: template, encoding: input?.encoding ?? .utf8, sheet: input?.sheet) } catch let e as any QMSError { throw Failure(e) } catch {
        throw Failure(FileError.from(error, .read, path: path))
    }
}
