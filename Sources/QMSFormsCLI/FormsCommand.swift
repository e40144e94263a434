import ArgumentParser
import Foundation
import QMSForms

struct FormsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "forms", abstract: "List the controlled forms.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        let templates = try await workspace.templates()
        if workspace.usesShippedForms {
            writeDiagnostic("\(workspace.workspace.root.path) is not a workspace: these are the built-in forms. "
                + "Make a workspace with qmsforms init DIR, or pass --workspace DIR (or set QMS_WORKSPACE).\n")
        }
        switch format {
        case .json:
            let rows: [[String: String]] = templates.map {
                ["number": $0.number, "revision": $0.control.revision.description, "title_zh": $0.title.zh,
                 "title_en": $0.title.en, "alias": $0.alias, "path": $0.path]
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            for t in templates {
                print([t.number, t.control.revision.description, t.alias, t.title.zh, t.title.en, t.path].joined(separator: "\t"))
            }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument { case text, json }

/// Prints `value` as pretty JSON with sorted keys: what every `--format json` prints.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
