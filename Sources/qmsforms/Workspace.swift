import ArgumentParser
import Foundation
import QMSForms

/// Where the tool finds its templates and settings.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("forms"), help: "The folder of controlled templates (default: ./forms).")
    var formsPath: String = "forms"

    /// The forms folder, each template parsed once for this run.
    func catalog() throws -> FormCatalog {
        do { return try FormCatalog(directory: URL(fileURLWithPath: formsPath)) } catch { throw Failure(error) }
    }

    func template(_ name: String) throws -> Template {
        do { return try catalog().template(named: name) } catch { throw Failure(error) }
    }

    /// A form that records are filled from; a procedure document is a usage error here.
    func form(_ name: String) throws -> Template {
        let t = try template(name)
        guard t.kind == .form else {
            throw Failure(.usage, "\(t.number) \(t.title.zh) is a procedure document: it has no records. Print it with: qmsforms blank \(t.alias) -o DIR")
        }
        return t
    }

    /// `qms.yaml` in the current folder, or neutral settings.
    func settings() throws -> Settings {
        do { return try Settings.load(folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) } catch {
            throw Failure(error)
        }
    }
}

extension Language: ExpressibleByArgument {}

/// Reads DATA (a path or `-`) for `template` into a data tree, mapping errors to exit codes.
func readData(_ path: String, for template: Template) throws -> DataNode {
    if path != "-" && !FileManager.default.isReadableFile(atPath: path) {
        throw Failure(.io, "\(path): cannot read the data file (missing or not readable)")
    }
    do { return try DataSource.read(path: path, template: template) } catch let e as DataError { throw Failure(e) } catch {
        throw Failure(.io, "\(path): cannot read: \(error.localizedDescription)")
    }
}
