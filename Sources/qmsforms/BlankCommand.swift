import ArgumentParser
import Foundation
import QMSForms

struct BlankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blank", abstract: "Write the blank form for handwriting (or a procedure document) as ALIAS-blank.html.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both

    func run() throws {
        let catalog = try workspace.catalog()
        let template: Template
        do { template = try catalog.template(named: form) } catch { throw Failure(error) }
        let html = HTMLRenderer(settings: try workspace.settings(), language: lang, formTitles: catalog.titles).renderBlank(template)
        let name = template.alias + "-blank.html"
        do { try OutputFolder(URL(fileURLWithPath: output)).write([(name, Data(html.utf8))]) } catch { throw Failure(error) }
        print("\(output)/\(name)")
    }
}
