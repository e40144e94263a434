import ArgumentParser
import QMSForms

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two revisions of a document, field by field.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Argument(help: revisionHelp("The older revision, e.g. A/0.")) var from: Revision
    @Argument(help: revisionHelp("The newer revision, e.g. A/1.")) var to: Revision

    func run() async throws {
        let changes: [TemplateDiff.Change]
        do { changes = try await workspace.requireControl().diff(document, from: from, to: to) } catch let f as Failure { throw f } catch { throw Failure(error) }
        if changes.isEmpty { print("\(document): \(from) and \(to) have the same content") }
        for change in changes { print(change) }
    }
}
