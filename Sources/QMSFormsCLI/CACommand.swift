import ArgumentParser
import Foundation
import QMSForms

struct CACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca", abstract: "The workspace's signing CA, which issues every person's signing certificate.",
        subcommands: [CAInitCommand.self])
}

struct CAInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Make the signing CA (once; logged with its fingerprint). Accounts added after it get a signing key.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Who makes it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let ws = workspace.workspace
            let accounts = try await workspace.accounts()
            let company = try ws.settings().company
            let authority = try await accounts.createSigningAuthority(in: ws.signingAuthorityDirectory, organization: "\(company.zh) \(company.en)",
                                                                      by: try principal(by, for: "ca init"))
            print("\(SigningAuthority.certificateFile(in: ws.signingAuthorityDirectory).path)\tSHA-256 \(authority.fingerprint)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
