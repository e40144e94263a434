import ArgumentParser
import QMSForms

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a form's field tree with types and rules.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String

    func run() async throws {
        let (t, _) = try await workspace.template(form)
        print(TemplateOutline(template: t).text, terminator: "")
    }
}
