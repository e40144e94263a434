import ArgumentParser
import QMSForms

struct VoidCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void", abstract: "Retire a record number: logged with the reason, never issued again.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The record number.") var number: String
    @Option(help: "Why it is void.") var reason: String
    @Option(help: "Who voids it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            warnIfUnfinished("voiding \(number)", try await workspace.archive().void(number, reason: reason, by: try principal(by, for: "void")))
            print("\(number): void")
        } catch { throw Failure(error) }
    }
}
