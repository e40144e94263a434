import ArgumentParser
import Foundation
import QMSForms

struct ReportAnnualCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "The annual summary SG-QR-07-08 (procedure §3.5) computed from the year's records in the archive.",
        discussion: """
        Without -o or --issue it prints the figures (every rate with numerator, denominator and formula). With -o \\
        it writes the form with its charts; conclusions, main issues, returned quantity and signatures stay blank \\
        for people to write. --issue archives it once those are written: give them in --notes FILE (YAML, by section).
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The year (records dated in it count).") var year: Int
    @Option(name: .shortAndLong, help: "Write the report's XML and HTML (with charts) into this folder.") var output: String?
    @Flag(help: "Issue the report into the archive (needs --notes).") var issue = false
    @Option(help: "YAML or JSON with what people wrote: s1.key_conclusions, s4.top_problems, s5.returned_qty, s10.main_issues, s12.conclusion, signatures.")
    var notes: String?
    @Option(help: "Who issues it (default: $QMS_USER).") var by: String?
    @Option(help: "text or json (the figures)") var format: OutputFormat = .text

    func run() async throws {
        do {
            let archive = try await workspace.archive()
            let report = try await AnnualReport.compute(from: archive, year: year)
            let (template, _) = try await workspace.form("annual")
            let data = try notes.map { report.data(with: try readData($0, for: template)) } ?? report.data
            if let output {
                var filler = FormFiller(settings: try workspace.settings())
                filler.renderer.charts = report.charts
                let record = try RecordValidator(template: template, leavingBlank: report.leftBlank).validate(data, source: "annual \(year)")
                let name = "annual-\(year)"
                let files = [(name: name + ".xml", data: Data(RecordXMLWriter().write(record).utf8)),
                             (name: name + ".html", data: Data(filler.renderer.render(record).utf8))]
                try OutputFolder(URL(fileURLWithPath: output)).write(files)
                for file in files { print("\(output)/\(file.name)") }
            }
            if issue {
                guard notes != nil else {
                    throw Failure(.usage, "--issue archives the report once its conclusions are written: give them with --notes FILE")
                }
                let issued = try await archive.issue("annual", data: data, source: "annual \(year)", by: try principal(by, for: "issue"))
                print("\(issued.number)\t\(issued.xmlPath)\t\(issued.htmlPath)")
                warnIfUnfinished(issued.number, issued.unfinished)
            }
            guard output == nil && !issue else { return }
            switch format {
            case .json: try printJSON(report)
            case .text:
                func rate(_ r: Rate) -> String { r.text }
                print("\(year): \(report.lots) lots to \(report.customers) customers, \(report.deliveredQuantity) delivered")
                print("calls and letters \(report.calls), replied on time \(rate(report.replyOnTime)) %")
                print("complaints " + ["a", "b", "c", "d", "e"].map { "\($0) \(report.complaintsByCategory[$0] ?? 0)" }.joined(separator: " · ")
                      + ", rate \(rate(report.complaintRate)) %, PPM \(rate(report.ppm))")
                print("on-time delivery \(rate(report.onTimeDelivery)) %; satisfaction \(report.satisfaction.map { String($0) } ?? "—") (target 80)")
                print("CAPA opened \(report.capaOpened), closed on time \(rate(report.capaOnTime)) %, effective \(rate(report.capaEffective)) %; "
                      + "8D opened \(report.eightDOpened), closed \(report.eightDClosed); visits \(rate(report.visits)) %")
            }
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
