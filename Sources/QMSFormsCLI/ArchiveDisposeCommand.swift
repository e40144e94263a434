import ArgumentParser
import QMSForms

struct ArchiveDisposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispose", abstract: "Dispose of a record past its retention: files deleted, the act logged.",
        discussion: "Retention is judged against today's date on this machine's clock; no other day can be given.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The record number.") var number: String
    @Option(help: "Why (e.g. the retention period has ended).") var reason: String
    @Option(help: "Who disposes of it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            warnIfUnfinished("disposing of \(number)", try await workspace.archive().dispose(number, reason: reason, by: try principal(by, for: "dispose")))
            print("\(number): disposed of")
        } catch { throw Failure(error) }
    }
}
