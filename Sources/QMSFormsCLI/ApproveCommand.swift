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
    @Flag(help: "Sign electronically: --by is an account name, its password is asked again (21 CFR 11.200).") var sign = false
    @Flag(help: "With --sign, read the password from standard input (one line).") var passwordStdin = false

    func run() async throws {
        do {
            var who = try principal(by, for: "approve", documentControl: true)
            var key: SigningCeremony.Key?
            if sign {
                let ceremony = SigningCeremony(accounts: try await workspace.accounts(), authority: workspace.workspace.signingAuthorityDirectory)
                key = try await ceremony.unlock(who.id, password: try readPassword(fromStdin: passwordStdin, for: who.id, confirm: false),
                                                for: "\(document) as \(role.rawValue)")
                who = key!.account.principal
            }
            try await workspace.requireControl().approve(document, role: role, by: who, date: date, signedWith: key)
            print("\(document): \(role.rawValue) by \(who.displayName)" + (key == nil ? "" : ", signed electronically"))
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
