import ArgumentParser
import QMSForms

struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Archive a corrected revision of a record; the earlier one stays readable.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The record number.") var number: String
    @Argument(help: "The corrected data (YAML, JSON or CSV).") var data: String
    @OptionGroup var input: DataOptions
    @Option(help: "Why it is corrected.") var reason: String
    @Option(help: "Who corrects it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let archive = try await workspace.archive()
            let (row, _) = try await archive.show(number)
            let (template, _) = try await workspace.template(row.form, revision: Revision(row.templateRevision), allowObsolete: true)
            let issued = try await archive.correct(number, data: try readData(data, for: template, input: input), source: data, reason: reason, by: try principal(by, for: "correct"))
            print("\(issued.number) r\(issued.revision)\t\(issued.xmlPath)\t\(issued.htmlPath)")
            warnIfUnfinished("\(issued.number) r\(issued.revision)", issued.unfinished)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
