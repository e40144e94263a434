import ArgumentParser
import Foundation
import QMSForms

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports computed from the archive.",
        subcommands: [ReportAnnualCommand.self, ReportSurveyCommand.self, ReportOpenActionsCommand.self])
}
