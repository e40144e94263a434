import ArgumentParser
import Foundation
import QMSForms

struct ArchiveExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records as a BagIt 1.0 bag an auditor can check with bagit.py.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: dateHelp("Issued from.")) var from: Day?
    @Option(help: dateHelp("Issued to.")) var to: Day?
    @Option(help: "Only this form.") var form: String?
    @Option(name: .shortAndLong, help: "The bag folder to create.") var output: String
    @Option(help: "Who exports (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let s = try await workspace.archive().export(to: URL(fileURLWithPath: output), from: from, to: to, form: form, by: try principal(by, for: "export"))
            print("\(output): \(s.records) records, \(s.templates) template revisions, \(s.auditEntries) audit entries, \(s.bytes) bytes")
        } catch { throw Failure(error) }
    }
}
