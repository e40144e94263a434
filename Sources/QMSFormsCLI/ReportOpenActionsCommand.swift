import ArgumentParser
import Foundation
import QMSForms

struct ReportOpenActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open-actions",
        abstract: "Overdue CAPA forms, 8D reports, feedback forms and call/letter entries, by department.",
        discussion: """
        Overdue means: a CAPA form not closed by its due date; an 8D report not closed within 30 days of \
        opening; a quality feedback form not answered by its reply date; a call or letter not answered \
        within one day. Void and disposed records are left out; corrected ones count as corrected.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: dateHelp("The day to judge against (default: today).")) var asOf: Day?
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        let report: OpenActions
        do {
            report = try await OpenActions.report(from: Archive(workspace: workspace.workspace), asOf: asOf ?? Day(Date()))
        } catch { throw Failure(error) }
        switch format {
        case .json:
            try printJSON(report)
        case .text:
            print("overdue as of \(report.asOf): \(report.actions.count)")
            for (department, count) in report.byDepartment.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                print("\n\(department)  \(count)")
                for a in report.actions where a.department == department {
                    print("  \(a.record)\(a.entry.map { " " + $0 } ?? "")\t\(a.kind)\tdue \(a.due)\t\(a.daysOverdue) days over\t"
                          + "\(a.status)\(a.customer.map { "\t" + $0 } ?? "")")
                }
            }
        }
    }
}
