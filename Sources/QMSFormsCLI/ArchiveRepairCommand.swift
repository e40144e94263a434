import ArgumentParser
import QMSForms

struct ArchiveRepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Restore or remove a torn last line of the audit log (which verify reports and other actions refuse), and log it.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Who repairs it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let archive = try await workspace.archive()
            guard let entry = try await archive.repair(by: try principal(by, for: "repair")) else {
                print("nothing to repair: the audit log ends with a whole line")
                return
            }
            print("audit entry \(entry.seq): \(entry.detail ?? "")")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
