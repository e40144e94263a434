import ArgumentParser
import Foundation
import QMSForms

struct ReportSurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "The satisfaction summary SG-QR-18-02 of one campaign, from the surveys in the archive.",
        discussion: """
        Every standing survey (SG-QR-18-01) of the campaign becomes a row; the form computes each customer's \
        weighted score, the item averages, the return rate and the overall score against 80. Without -o or \
        --issue it prints the figures; with -o it writes the summary's XML and HTML; with --issue it archives it.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The campaign id the surveys carry (header.campaign).") var campaign: String
    @Option(help: "How many surveys were sent out (the archive holds the returned ones).") var issued: Int
    @Option(help: "The previous overall score (default: the latest other campaign's summary in the archive).") var previous: String?
    @Option(help: "Printed name of who compiles the summary (default: $QMS_USER).") var compiledBy: String?
    @Option(help: "Printed name of the reviewer.") var reviewedBy: String
    @Option(help: "Printed name of the approver.") var approvedBy: String
    @Option(name: .shortAndLong, help: "Write the summary's XML and HTML into this folder.") var output: String?
    @Flag(help: "Issue the summary into the archive (it gets the next number, MYHZ-YYYY-NN).") var issue = false
    @Option(help: "text or json (the figures), csv or xlsx (the customers' scores)") var format: SheetFormat = .text

    func run() async throws {
        guard let compiler = Principal.named(compiledBy ?? ProcessInfo.processInfo.environment["QMS_USER"] ?? "") else {
            throw Failure(.usage, "--compiled-by NAME (or QMS_USER) is needed: the summary names who compiled it")
        }
        let who = compiler.displayName
        do {
            let archive = try await workspace.archive()
            let data = try await SurveySummary.data(from: archive, campaign: campaign, issued: issued, previousScore: previous,
                                              signers: ["compiled": who, "reviewed": reviewedBy, "approved": approvedBy])
            let (template, _) = try await workspace.form("survey-summary")
            let summary = try RecordValidator(template: template).validate(data, source: "campaign \(campaign)")
            if let output {
                var filler = FormFiller(settings: try workspace.settings())
                filler.renderer.charts = SurveySummary.charts(SurveyFigures(summary), template: template)
                let filled = try filler.fill(template, data: data, source: "campaign \(campaign)", fallbackName: "survey-summary-" + FileName.sanitized(campaign))
                try OutputFolder(URL(fileURLWithPath: output)).write(filled.files)
                for file in filled.files { print("\(output)/\(file.name)") }
            }
            if issue {
                let issued = try await archive.issue("survey-summary", data: data, source: "campaign \(campaign)", by: compiler)
                print("\(issued.number)\t\(issued.xmlPath)\t\(issued.htmlPath)")
                warnIfUnfinished(issued.number, issued.unfinished)
            }
            guard output == nil && !issue else { return }
            let figures = SurveyFigures(summary)
            switch format {
            case .json: try printJSON(figures)
            case .text:
                print("campaign \(figures.campaign): \(figures.surveysReturned) of \(figures.surveysIssued) returned (\(figures.returnRate.value ?? "—") %), "
                      + "\(figures.validSurveys) valid")
                print("overall score \(figures.overallScore ?? "—") (target 80: \(figures.targetMet == true ? "met" : "not met"))"
                      + (figures.previousScore.map { ", previous \($0)" } ?? ""))
                for item in SurveySummary.items { if let a = figures.itemAverages[item] { print("  \(item)\t\(a)") } }
                print(Sheet(header: [], rows: figures.below80.map { c in ["  below 80: " + c.customer, c.score ?? "", c.action ?? "no action linked"] }).tsv,
                      terminator: "")
            case .csv, .xlsx:
                let sheet = Sheet(header: ["customer", "survey", "score", "valid", "action"], rows: figures.customers.map { c in
                    [c.customer, c.survey ?? "", c.score ?? "", c.valid ? "yes" : "no", c.action ?? ""]
                })
                try printSheet(sheet, format: format, name: "survey-" + figures.campaign)
            }
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
