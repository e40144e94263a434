import ArgumentParser
import QMSForms

struct ArchiveDueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "Records past their retention period.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: dateHelp("As of this date (default: today).")) var asOf: Day?
    @Option(help: SheetFormat.help) var format: SheetFormat = .text

    func run() async throws {
        do { try printRecords(try await workspace.archive().due(asOf: asOf), format: format) } catch { throw Failure(error) }
    }
}
