import ArgumentParser
import QMSForms

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Release the approved draft: freeze it; the previous revision is obsolete from the effective date.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Option(help: dateHelp("实施日期: the date the revision takes effect.")) var effective: Day

    func run() async throws {
        do {
            let revision = try await workspace.requireControl().release(document, effective: effective)
            print("\(document): \(revision) released, effective \(effective)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
