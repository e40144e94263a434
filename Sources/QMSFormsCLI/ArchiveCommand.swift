import ArgumentParser
import Foundation
import QMSForms

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Verify, index, search, export and dispose of archived records.",
        subcommands: [ArchiveVerifyCommand.self, ArchiveReindexCommand.self, ArchiveSearchCommand.self, ArchiveListCommand.self,
                      ArchiveShowCommand.self, ArchiveExportCommand.self, ArchiveDueCommand.self, ArchiveDisposeCommand.self,
                      ArchiveRepairCommand.self, ArchiveAnchorCommand.self])
}

/// Prints archived records as a table or JSON.
func printRecords(_ rows: [ArchivedRecord], format: OutputFormat) throws {
    switch format {
    case .json:
        try printJSON(rows)
    case .text:
        for r in rows {
            print([r.number, "r\(r.revision)", r.form, r.templateRevision, r.state.rawValue, r.recordDate, r.customer ?? "",
                   r.status ?? "", r.complaintCategory ?? "", r.keepUntil.map { "keep until \($0)" } ?? ""].joined(separator: "\t"))
        }
    }
}
