import ArgumentParser
import QMSForms

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Release the approved draft: freeze it; the previous revision is obsolete from the effective date.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Option(help: dateHelp("实施日期: the date the revision takes effect.")) var effective: Day
    @Option(help: "Who releases it (default: $QMS_USER); the audit log names them.") var by: String?

    func run() async throws {
        do {
            let who = try principal(by, for: "release", documentControl: true)
            let revision = try await workspace.requireControl().release(document, effective: effective, by: who)
            print("\(document): \(revision) released, effective \(effective)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
