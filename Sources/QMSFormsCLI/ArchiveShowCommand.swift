import ArgumentParser
import Foundation
import QMSForms

struct ArchiveShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One archived record and its audit entries.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The record number.") var number: String
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        do {
            let (row, entries) = try await workspace.archive().show(number)
            switch format {
            case .json:
                struct Shown: Encodable { var record: ArchivedRecord; var audit: [AuditEntry] }
                try printJSON(Shown(record: row, audit: entries))
            case .text:
                try printRecords([row], format: .text)
                print(Sheet(header: [], rows: entries.map { e in
                    ["  \(e.seq)", e.time, e.action.rawValue, e.actor, e.recordRevision.map { "r\($0)" } ?? ""] + (e.reason.map { [$0] } ?? [])
                }).tsv, terminator: "")
            }
        } catch { throw Failure(error) }
    }
}
