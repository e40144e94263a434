import ArgumentParser
import QMSForms

struct ArchiveAnchorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Print the head of the audit trail (N:HASH) to write into a record kept elsewhere; verify --anchor proves it later.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        do {
            let archive = try await workspace.archive()
            guard let head = try await archive.anchor() else {
                throw Failure(.usage, "the audit trail is empty: there is nothing to anchor yet")
            }
            // The key's fingerprint too: a bag's signed head is worth what the key it names is.
            let key = try await archive.store.signedHead()?.keyFingerprint ?? "unsigned"
            print("\(head.seq):\(head.hash)\t\(head.time)\tkey SHA-256 \(key)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
