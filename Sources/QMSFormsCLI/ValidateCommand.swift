import ArgumentParser
import Foundation
import QMSForms

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check data against a form; exit 1 listing every problem.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, - for standard input, or many records: a folder, JSON Lines, a YAML stream, CSV rows.")
    var data: String
    @Option(help: revisionHelp("Validate against this revision instead of the one in force (e.g. A/1).")) var revision: Revision?
    @Flag(help: "Validate against the open draft revision.") var draft = false
    @Option(help: "text, or json: the problems as JSON on standard output (one record).") var format: OutputFormat = .text
    @OptionGroup var batch: BatchOptions
    @OptionGroup var input: DataOptions

    func run() async throws {
        let (schedule, _) = try await workspace.schedule(form, revision: revision, draft: draft)
        if let input = try batch.input(data, template: schedule.current, options: input) {
            if format == .json { throw Failure(.usage, "--format json reports on one record; give a single data file") }
            return try await batch.perform(input) { report, progress in
                try await FormFiller.validateAll(schedule, from: input, run: batch.run, report: report, progress: progress)
            }
        }
        let source = data == "-" ? "<stdin>" : data
        try await reporting(format, template: schedule.current, source: source) {
            let node = try readData(data, for: schedule.current, input: input)
            let template = schedule.template(for: node)
            let record = try RecordValidator(template: template).validate(node, source: source)
            if format == .text { print("\(data): valid \(template.number) \(template.control.revision) record \(record.displayNumber)") }
            return ValidationReport(source: source, form: template.number, revision: template.control.revision.description,
                                    record: record.number, problems: [])
        }
    }
}
