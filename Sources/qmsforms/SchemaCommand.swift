import ArgumentParser
import QMSForms

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the XSD that this form's records are valid against.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String

    func run() throws {
        print(RecordSchema(template: try workspace.form(form)).xsd, terminator: "")
    }
}
