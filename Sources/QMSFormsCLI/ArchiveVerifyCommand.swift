import ArgumentParser
import Foundation
import QMSForms

struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute every hash and the audit chain; exit 5 naming each problem.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        let start = Date()
        do {
            let archive = try Archive(workspace: workspace.workspace)
            let verification = try await archive.verification()
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
