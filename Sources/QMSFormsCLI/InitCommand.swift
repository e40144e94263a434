import ArgumentParser
import Foundation
import QMSForms
import QMSFormsPostgres

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a controlled workspace: the templates in DIR/forms, each registered as released.")

    @Argument(help: "The new workspace folder (must not exist, or be empty).") var directory: String
    @Option(help: "A company's own forms folder to start from (default: the built-in forms).") var from: String?
    @Option(help: "Who registers the documents (default: $QMS_USER, else \"qmsforms init\"); the audit log names them.") var by: String?
    @Option(help: "A shared archive to register the documents in, postgresql://USER@HOST/DB (default: $QMS_ARCHIVE, else the workspace's files); qms.yaml then names it.")
    var archive: String?

    func run() async throws {
        do {
            let who = Principal.named(by ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? "")
            let source: Workspace.FormSource = from.map { .folder(URL(fileURLWithPath: $0)) } ?? .shipped
            let root = URL(fileURLWithPath: directory)
            let rows: [RegisterRow]
            if let shared = archive ?? ProcessInfo.processInfo.environment["QMS_ARCHIVE"].flatMap({ $0.isEmpty ? nil : $0 }) {
                let location = try PostgresLocation(shared)
                let ws = try await Workspace.create(at: root, from: source, by: who, into: { try await PostgresArchive.open(location, workspace: $0) })
                let stores = try await PostgresArchive.open(location, workspace: ws)
                defer { stores.close() }
                rows = try await ChangeControl(workspace: ws, stores: stores).register()
            } else {
                rows = try await ChangeControl(workspace: try await Workspace.create(at: root, from: source, by: who)).register()
            }
            print("\(directory): \(rows.count) controlled documents registered")
        } catch { throw Failure(error) }
    }
}
