import Foundation
import Hummingbird
import QMSForms

/// Reports: open actions (overdue first, by department, with its chart), and the annual summary
/// and the survey summary as the library prints them, with their charts.
struct ReportRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("reports") { _, context in try reportsPage(context) }
        router.get("reports/open-actions") { _, context in
            _ = try context.signedIn()
            let l = context.language
            let report = try await OpenActions.report(from: site.archive, asOf: Day(Date()))
            let departments = report.byDepartment.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let chart = Chart(kind: .bar, title: Words.openActions.in(l), description: Words.department.in(l),
                              labels: departments.map(\.key), values: departments.map { Double($0.value) })
            let body: HTML = "<p>\(report.asOf)</p>\(departments.isEmpty ? .empty : chart.svg(id: "by-department"))"
                + OpenActionsTable(actions: report.actions, site: site, language: l).html
            return Page(title: Words.openActions.in(l), body: body).response(context, site)
        }
        router.get("reports/annual") { request, context in
            _ = try context.signedIn()
            guard let year = request.uri.queryParameters["year"].flatMap({ Int(String($0)) }), (2000...2100).contains(year) else {
                throw WebError.badRequest("year: a year such as 2026")
            }
            let report = try await AnnualReport.compute(from: site.archive, year: year)
            let template = try await site.form("annual")
            let record = try RecordValidator(template: template, leavingBlank: report.leftBlank).validate(report.data, source: "annual \(year)")
            var renderer = HTMLRenderer(settings: site.settings, formTitles: try await site.titles())
            renderer.charts = report.charts
            return PrintPage.response(renderer.render(record))
        }
        router.get("reports/survey") { request, context in
            let who = try context.signedIn()
            let q = request.uri.queryParameters
            guard let campaign = q["campaign"].map(String.init), !campaign.isEmpty else { throw WebError.badRequest("campaign: such as MYDC-2026") }
            guard let issued = q["issued"].flatMap({ Int(String($0)) }), issued > 0 else { throw WebError.badRequest("issued: how many questionnaires were sent") }
            let data = try await SurveySummary.data(from: site.archive, campaign: campaign, issued: issued,
                                                    signers: ["compiled": who.displayName])
            let template = try await site.form("survey-summary")
            // Reviewed and approved are signed on the paper: their lines stay blank here.
            let summary = try RecordValidator(template: template, leavingBlank: ["reviewed", "approved"]).validate(data, source: "campaign \(campaign)")
            var renderer = HTMLRenderer(settings: site.settings, formTitles: try await site.titles())
            renderer.charts = SurveySummary.charts(SurveyFigures(summary), template: template)
            return PrintPage.response(renderer.render(summary))
        }
    }

    private func reportsPage(_ context: WebContext) throws -> Response {
        _ = try context.signedIn()
        let l = context.language
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let body: HTML = """
            <ul class="reports"><li><a href="\(site.link("/reports/open-actions"))">\(Words.openActions.in(l))</a></li></ul>
            <form method="get" action="\(site.link("/reports/annual"))" class="inline"><label for="year">\(Words.annual.in(l)) · \(Words.year.in(l))</label>
            <input id="year" name="year" value="\(year)" size="5"> <button type="submit">\(Words.show.in(l))</button></form>
            <form method="get" action="\(site.link("/reports/survey"))" class="inline"><label for="campaign">\(Words.survey.in(l)) · \(Words.campaign.in(l))</label>
            <input id="campaign" name="campaign" placeholder="MYDC-\(year)"> <label for="issued">\(Words.issuedCount.in(l))</label>
            <input id="issued" name="issued" size="4"> <button type="submit">\(Words.show.in(l))</button></form>
            """
        return Page(title: Words.reports.in(l), body: body).response(context, site)
    }
}

/// Open actions as a table, overdue first, each linking to its record.
struct OpenActionsTable {
    let actions: [OpenActions.Action]
    let site: Site
    let language: Language

    var html: HTML {
        guard !actions.isEmpty else { return "<p>\(Words.nothing.in(language))</p>" }
        return grid([Words.record, Words.action, Words.department, Words.customer, Words.due, Words.overdue, Words.status],
                    actions.map { a in
                        ["<a href=\"\(site.link("/records/\(a.record)"))\">\(a.record)</a>", "\(a.kind)\(a.entry.map { " " + $0 } ?? "")", "\(a.department)",
                         "\(a.customer ?? "")", "\(a.due)", "\(a.daysOverdue)", "\(a.status)"]
                    }, language: language, id: "actions")
    }
}
