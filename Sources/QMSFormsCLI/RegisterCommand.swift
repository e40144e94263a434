import ArgumentParser
import Foundation
import QMSForms

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "The master list of controlled documents 受控文件清单; --verify checks every frozen revision.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "text, json or html") var format: RegisterFormat = .text
    @Flag(help: "Recompute the SHA-256 of every frozen revision; exit 5 naming each one that changed.") var verify = false
    @Option(help: dateHelp("Statuses as of this date (default: today).")) var asOf: Day?

    enum RegisterFormat: String, ExpressibleByArgument { case text, json, html }

    func run() async throws {
        let control = try await workspace.requireControl()
        if verify {
            let findings: [ChangeControlError]
            do { findings = try await control.verify() } catch { throw Failure(error) }
            guard findings.isEmpty else {
                throw Failure(.refused, "register --verify found \(findings.count) problem(s):\n" + findings.map { "  - \($0)" }.joined(separator: "\n"))
            }
            print("all frozen revisions match their SHA-256")
            return
        }
        let rows: [RegisterRow]
        do { rows = try await control.register(asOf: asOf) } catch { throw Failure(error) }
        switch format {
        case .json:
            try printJSON(rows)
        case .html:
            print(RegisterPage(rows: rows, settings: try workspace.settings()).html, terminator: "")
        case .text:
            for r in rows {
                print([r.number, r.revision, r.status.rawValue, r.effective ?? "—", r.titleZh, r.titleEn, r.owner, r.retention,
                       r.pending.map { "pending \($0)" } ?? ""].joined(separator: "\t"))
            }
        }
    }
}
