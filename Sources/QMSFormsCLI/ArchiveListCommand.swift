import ArgumentParser
import QMSForms

struct ArchiveListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every archived record.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: SheetFormat.help) var format: SheetFormat = .text

    func run() async throws {
        do { try printRecords(try await workspace.archive().search(.init()), format: format) } catch { throw Failure(error) }
    }
}
