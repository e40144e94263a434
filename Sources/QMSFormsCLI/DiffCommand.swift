import ArgumentParser
import QMSForms

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two revisions of a document, field by field (without revisions: the working copy with the last released one).")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Argument(help: revisionHelp("The older revision, e.g. A/0.")) var from: Revision?
    @Argument(help: revisionHelp("The newer revision, e.g. A/1.")) var to: Revision?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give two revisions, or none to compare the working copy with the last released one") }
    }

    func run() async throws {
        let changes: [TemplateDiff.Change]
        let same: String
        do {
            let control = try await workspace.requireControl()
            if let from, let to {
                changes = try await control.diff(document, from: from, to: to)
                same = "\(from) and \(to) have the same content"
            } else {
                let working = try await control.workingChanges(document)
                changes = working.changes
                same = "the working copy is the same as \(working.released)"
            }
        } catch let f as Failure { throw f } catch { throw Failure(error) }
        if changes.isEmpty { print("\(document): \(same)") }
        for change in changes { print(change) }
    }
}
