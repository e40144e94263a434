import ArgumentParser
import QMSForms

struct ArchiveReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Rebuild the search index from the record files and the audit log.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        do { print("\(try await workspace.archive().reindex()) records indexed") } catch { throw Failure(error) }
    }
}
