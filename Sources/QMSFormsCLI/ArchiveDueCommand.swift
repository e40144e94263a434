import ArgumentParser
import QMSForms

struct ArchiveDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "Records past their retention period.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: dateHelp("As of this date (default: today).")) var asOf: Day?
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() throws {
        do { try printRecords(try Archive(workspace: workspace.workspace).due(asOf: asOf), format: format) } catch { throw Failure(error) }
    }
}
