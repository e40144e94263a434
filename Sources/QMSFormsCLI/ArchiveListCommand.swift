import ArgumentParser
import QMSForms

struct ArchiveListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every archived record.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() throws {
        do { try printRecords(try Archive(workspace: workspace.workspace).search(.init()), format: format) } catch { throw Failure(error) }
    }
}
