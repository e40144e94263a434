import ArgumentParser
import QMSForms

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two revisions of a document, field by field.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Argument(help: "The older revision, e.g. A/0.") var from: String
    @Argument(help: "The newer revision, e.g. A/1.") var to: String

    func run() throws {
        guard let a = Revision(from), let b = Revision(to) else { throw Failure(.usage, "revisions are written like A/0 and A/1") }
        let changes: [TemplateDiff.Change]
        do { changes = try workspace.requireControl().diff(document, from: a, to: b) } catch let f as Failure { throw f } catch { throw Failure(error) }
        if changes.isEmpty { print("\(document): \(a) and \(b) have the same content") }
        for change in changes { print(change) }
    }
}
