import ArgumentParser
import QMSForms

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the XSD that this form's records are valid against.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Option(help: revisionHelp("The revision whose records the schema is for (default: the one in force).")) var revision: Revision?

    func run() async throws {
        let (template, _) = try await revision == nil ? workspace.form(form) : workspace.template(form, revision: revision, allowObsolete: true)
        guard template.kind == .form else { _ = try await workspace.form(form); return }
        print(RecordSchema(template: template).xsd, terminator: "")
    }
}
