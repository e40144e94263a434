import ArgumentParser
import Foundation
import QMSForms

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Verify, index, search, export and dispose of archived records.",
        subcommands: [ArchiveVerifyCommand.self, ArchiveReindexCommand.self, ArchiveSearchCommand.self, ArchiveListCommand.self,
                      ArchiveShowCommand.self, ArchiveExportCommand.self, ArchiveDueCommand.self, ArchiveDisposeCommand.self,
                      ArchiveRepairCommand.self, ArchiveAnchorCommand.self, ArchiveMigrateSchemaCommand.self])
}
