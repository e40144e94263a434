import ArgumentParser
import QMSForms

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check data against a form; exit 1 listing every problem.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML or JSON data file, or - for standard input.") var data: String

    func run() throws {
        let template = try workspace.template(form)
        let node = try readData(data)
        do {
            let record = try RecordValidator(template: template).validate(node, source: data == "-" ? "<stdin>" : data)
            print("\(data): valid \(template.number) \(template.control.revision) record \(record.displayNumber)")
        } catch { throw Failure(error) }
    }
}
