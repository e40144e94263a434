import ArgumentParser
import QMSForms

struct ArchiveReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Rebuild the search index from the record files and the audit log.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        do { print("\(try Archive(workspace: workspace.workspace).reindex()) records indexed") } catch { throw Failure(error) }
    }
}
