import ArgumentParser
import QMSForms

struct ArchiveAnchorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Print the head of the audit trail (N:HASH) to write into a record kept elsewhere; verify --anchor proves it later.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        do {
            guard let head = try await Archive(workspace: workspace.workspace).anchor() else {
                throw Failure(.usage, "the audit trail is empty: there is nothing to anchor yet")
            }
            print("\(head.seq):\(head.hash)\t\(head.time)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
