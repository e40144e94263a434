import ArgumentParser
import Foundation
import QMSForms

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check data against a form; exit 1 listing every problem.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, - for standard input, or many records: a folder, JSON Lines, a YAML stream, CSV rows.")
    var data: String
    @Option(help: "Validate against this revision instead of the one in force (e.g. A/1).") var revision: String?
    @Flag(help: "Validate against the open draft revision.") var draft = false
    @OptionGroup var batch: BatchOptions

    func run() throws {
        let (template, _) = try workspace.form(form, revision: revision, draft: draft)
        if let input = try batch.input(data, template: template) {
            return try batch.perform(input) { report, progress in
                try FormFiller.validateAll(template, from: input, run: batch.run, report: report, progress: progress)
            }
        }
        let node = try readData(data, for: template)
        do {
            let record = try RecordValidator(template: template).validate(node, source: data == "-" ? "<stdin>" : data)
            print("\(data): valid \(template.number) \(template.control.revision) record \(record.displayNumber)")
        } catch { throw Failure(error) }
    }
}
