import ArgumentParser
import Foundation
import QMSForms

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a controlled workspace: the templates in DIR/forms, each registered as released.")

    @Argument(help: "The new workspace folder (must not exist, or be empty).") var directory: String
    @Option(help: "A company's own forms folder to start from (default: the built-in forms).") var from: String?
    @Option(help: "Who registers the documents (default: $QMS_USER, else \"qmsforms init\"); the audit log names them.") var by: String?

    func run() async throws {
        do {
            let who = Principal.named(by ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? "")
            let ws = try await Workspace.create(at: URL(fileURLWithPath: directory), from: from.map { .folder(URL(fileURLWithPath: $0)) } ?? .shipped,
                                                by: who)
            let rows = try await ChangeControl(workspace: ws).register()
            print("\(directory): \(rows.count) controlled documents registered")
        } catch { throw Failure(error) }
    }
}
