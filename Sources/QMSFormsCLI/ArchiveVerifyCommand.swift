import ArgumentParser
import Foundation
import QMSForms

struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute every hash and the audit chain; exit 5 naming each problem.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "An anchor written down earlier (qmsforms archive anchor): prove the history still holds it.") var anchor: String?

    func run() async throws {
        let start = Date()
        var anchored: (seq: Int, hash: String)?
        if let anchor {
            let parts = anchor.split(separator: ":")
            guard parts.count == 2, let seq = Int(parts[0]), parts[1].count == 64 else {
                throw Failure(.usage, "--anchor takes N:HASH as qmsforms archive anchor prints it (e.g. 42:9f86d0…)")
            }
            anchored = (seq, String(parts[1]))
        }
        do {
            let archive = try await workspace.archive()
            let verification = try await archive.verification(anchor: anchored)
            let problems = verification.problems
            guard problems.isEmpty else {
                throw Failure(.refused, "archive verify found \(problems.count) problem(s):\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            }
            let seconds = Date().timeIntervalSince(start)
            let mb = Double(verification.bytes) / 1_000_000
            print(String(format: "archive verified: %.1f MB in %.2f s (%.0f MB/s), audit chain intact", mb, seconds, mb / max(seconds, 0.001)))
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
