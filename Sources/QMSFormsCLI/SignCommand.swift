import ArgumentParser
import Foundation
import QMSForms

struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an archived record electronically (21 CFR 11.50/11.70/11.200): your password again, a meaning, a new record revision.",
        discussion: """
            The signature is an XML-DSig ds:Signature appended to the record's XML, checked by \
            `qmsforms archive verify` and by `xmlsec1 --verify --trusted-pem .qms/signing-ca/ca.pem`. \
            The meaning is one of the form's signature fields (prepared, reviewed, approved …); \
            each is signed once, each by a different person. A wrong password is refused and logged; \
            five in a row lock signing for 15 minutes.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The record number, e.g. 8D-2026-001.") var number: String
    @Option(help: "What the signature means: the id of one of the form's signature fields, e.g. reviewed.") var meaning: String
    @Option(help: "The signer's account name (default: $QMS_USER).") var by: String?
    @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false

    func run() async throws {
        do {
            let ws = workspace.workspace
            let archive = try await workspace.archive()
            let meanings = try await archive.signatureMeanings(of: number)
            guard meanings.contains(where: { $0.id == meaning }) else {
                throw Failure(SignatureError.unknownMeaning(form: number, meaning: meaning, known: meanings.map(\.id)))
            }
            let name = by ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? ""
            guard !name.isEmpty else { throw Failure(ArchiveError.missingBy(action: "sign")) }
            let ceremony = SigningCeremony(accounts: try await workspace.accounts(), authority: ws.signingAuthorityDirectory)
            let password = try readPassword(fromStdin: passwordStdin, for: name, confirm: false)
            let key = try await ceremony.unlock(name, password: password, for: "\(number) as \(meaning)")
            let signed = try await archive.sign(number, meaning: meaning, with: key)
            print("\(signed.number) r\(signed.revision)\t\(meaning)\t\(key.account.displayName)\t\(signed.xmlPath)\t\(signed.htmlPath)")
            warnIfUnfinished("\(signed.number) r\(signed.revision)", signed.unfinished)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
