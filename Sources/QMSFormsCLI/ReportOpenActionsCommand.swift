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
    @Option(help: SheetFormat.help) var format: SheetFormat = .text

    func run() async throws {
        let report: OpenActions
        do {
            report = try await OpenActions.report(from: workspace.archive(), asOf: asOf ?? Day(Date()))
        } catch { throw Failure(error) }
        switch format {
        case .json:
            try printJSON(report)
        case .text:
            print("overdue as of \(report.asOf): \(report.actions.count)")
            for (department, count) in report.byDepartment.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                print("\n\(department)  \(count)")
                let rows = report.actions.filter { $0.department == department }
                    .map { a in ["  " + a.record + (a.entry.map { " " + $0 } ?? ""), a.kind, "due \(a.due)", "\(a.daysOverdue) days over", a.status]
                        + (a.customer.map { [$0] } ?? []) }
                print(Sheet(header: [], rows: rows).tsv, terminator: "")
            }
        case .csv, .xlsx:
            let sheet = Sheet(header: ["department", "record", "entry", "kind", "due", "days overdue", "status", "customer"],
                              rows: report.actions.map { a in
                                  [a.department, a.record, a.entry ?? "", a.kind, a.due, String(a.daysOverdue), a.status, a.customer ?? ""]
                              })
            try printSheet(sheet, format: format, name: "open-actions")
        }
    }
}
