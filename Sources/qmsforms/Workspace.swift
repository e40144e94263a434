import ArgumentParser
import Foundation
import QMSForms

/// Where the tool works: `--workspace DIR`, else `QMS_WORKSPACE`, else the current folder.
/// A folder made by `qmsforms init` is controlled (its register decides which revision is in
/// force); any other folder with a `forms/` is used as it is.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("workspace"), help: "The workspace folder (default: $QMS_WORKSPACE, else the current folder).")
    var path: String?

    var workspace: Workspace {
        let env = ProcessInfo.processInfo.environment["QMS_WORKSPACE"]
        return Workspace(root: URL(fileURLWithPath: path ?? env ?? FileManager.default.currentDirectoryPath))
    }

    /// The document control of a controlled workspace, `nil` for a plain folder.
    func control() throws -> ChangeControl? {
        guard workspace.isControlled else { return nil }
        do { return try ChangeControl(workspace: workspace) } catch { throw Failure(error) }
    }

    /// The control of a controlled workspace; a plain folder is a usage error here.
    func requireControl() throws -> ChangeControl {
        guard let control = try control() else { throw Failure(ChangeControlError.notAWorkspace(workspace.root.path)) }
        return control
    }

    /// The templates in force: the register's effective revisions, or the working copies.
    func templates() throws -> [Template] {
        do {
            if let control = try control() { return try control.effectiveCatalog() }
            return try FormCatalog(directory: workspace.formsDirectory).templates
        } catch { throw Failure(error) }
    }

    /// The template named `name` (number, alias or path) at `revision`, with the watermark it prints with.
    func template(_ name: String, revision: String? = nil, draft: Bool = false, allowObsolete: Bool = false)
        throws -> (Template, PrintMarks.Watermark?) {
        let rev = try revision.map { text throws -> Revision in
            guard let r = Revision(text) else { throw Failure(.usage, "'\(text)' is not a revision; write it like A/1") }
            return r
        }
        do {
            if let control = try control(), !name.hasSuffix(".xml") {
                if allowObsolete, let rev, !draft {
                    let (t, standing) = try control.template(name, revision: rev)
                    let status = try control.register().first { $0.number == t.number }?.revisions
                        .first { $0.hasPrefix(rev.description + " ") }
                    return (t, standing == .draft ? .draft : status?.hasSuffix("obsolete") == true ? .obsolete : nil)
                }
                let (t, standing) = try control.templateForFilling(name, revision: rev, draft: draft)
                return (t, standing == .draft ? .draft : nil)
            }
            if revision != nil || draft {
                throw Failure(.usage, "--revision and --draft need a controlled workspace (qmsforms init DIR)")
            }
            return (try FormCatalog.template(named: name, in: workspace.formsDirectory), nil)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }

    /// A form that records are filled from; a procedure document is a usage error here.
    func form(_ name: String, revision: String? = nil, draft: Bool = false) throws -> (Template, PrintMarks.Watermark?) {
        let (t, mark) = try template(name, revision: revision, draft: draft)
        guard t.kind == .form else {
            throw Failure(.usage, "\(t.number) \(t.title.zh) is a procedure document: it has no records. Print it with: qmsforms blank \(t.alias) -o DIR")
        }
        return (t, mark)
    }

    func settings() throws -> Settings {
        do { return try workspace.settings() } catch { throw Failure(error) }
    }

    /// Form number → title of every template in force, for procedures naming forms.
    func titles() throws -> [String: Bilingual] {
        Dictionary(try templates().map { ($0.number, $0.title) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Language: ExpressibleByArgument {}

/// `--by`, else `QMS_USER`.
func actor(_ by: String?) -> String {
    by ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? ""
}

/// Reads DATA (a path or `-`) for `template` into a data tree, mapping errors to exit codes.
func readData(_ path: String, for template: Template) throws -> DataNode {
    if path != "-" && !FileManager.default.isReadableFile(atPath: path) {
        throw Failure(.io, "\(path): cannot read the data file (missing or not readable)")
    }
    do { return try DataSource.read(path: path, template: template) } catch let e as DataError { throw Failure(e) } catch {
        throw Failure(.io, "\(path): cannot read: \(error.localizedDescription)")
    }
}
