import ArgumentParser
import Foundation
import QMSForms

struct ComplianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "The clauses of ISO 9001:2015 7.5.2/7.5.3 and 21 CFR Part 11 with the feature that meets each and the tests that prove it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    @Option(help: "text, json or html.") var format: Format = .text

    func run() throws {
        let clauses = ComplianceChecklist.clauses
        switch format {
        case .text: print(ComplianceReport.text(clauses), terminator: "")
        case .json: FileHandle.standardOutput.write(try ComplianceReport.json(clauses) + Data("\n".utf8))
        case .html: print(ComplianceReport.html(clauses), terminator: "")
        }
    }
}
