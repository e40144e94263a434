import ArgumentParser
import QMSForms

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check data against a form; exit 1 listing every problem.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, or - for standard input (YAML or JSON).") var data: String
    @Option(help: "Validate against this revision instead of the one in force (e.g. A/1).") var revision: String?
    @Flag(help: "Validate against the open draft revision.") var draft = false

    func run() throws {
        let (template, _) = try workspace.form(form, revision: revision, draft: draft)
        let node = try readData(data, for: template)
        do {
            let record = try RecordValidator(template: template).validate(node, source: data == "-" ? "<stdin>" : data)
            print("\(data): valid \(template.number) \(template.control.revision) record \(record.displayNumber)")
        } catch { throw Failure(error) }
    }
}
