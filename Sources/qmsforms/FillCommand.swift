import ArgumentParser
import Foundation
import QMSForms

struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill", abstract: "Fill a form from data: write NAME.xml and NAME.html, or nothing when invalid.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, or - for standard input (YAML or JSON).") var data: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both

    func run() throws {
        let template = try workspace.form(form)
        let node = try readData(data, for: template)
        let fallback = data == "-" ? "DRAFT" : URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        do {
            let filled = try FormFiller(settings: try workspace.settings(), language: lang)
                .fill(template, data: node, source: data == "-" ? "<stdin>" : data, fallbackName: fallback)
            try OutputFolder(URL(fileURLWithPath: output)).write(filled.files)
            print("\(output)/\(filled.name).xml\n\(output)/\(filled.name).html")
        } catch { throw Failure(error) }
    }
}
