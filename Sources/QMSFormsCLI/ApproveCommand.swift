import ArgumentParser
import QMSForms



struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Sign the open draft: prepared, then reviewed, then approved.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Option(help: "prepared, reviewed or approved.") var role: Approval.Role
    @Option(help: "Who signs (default: $QMS_USER).") var by: String?
    @Option(help: dateHelp("The date signed (default: today).")) var date: Day?

    func run() async throws {
        do {
            try await workspace.requireControl().approve(document, role: role, by: try principal(by, for: "approve", documentControl: true), date: date)
            print("\(document): \(role.rawValue) by \(try principal(by, for: "approve", documentControl: true))")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
