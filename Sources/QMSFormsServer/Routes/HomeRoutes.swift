import Foundation
import Hummingbird
import QMSForms

/// A person's home page: their drafts, document revisions waiting for a signature they may
/// give, and the open actions of their department, overdue first (the deadlines the forms declare).
struct HomeRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("") { _, context in try await home(context) }
    }

    private func home(_ context: WebContext) async throws -> Response {
        let who = try context.signedIn(), l = context.language
        let drafts = try await site.drafts.drafts(of: who.id)
        let draftList: HTML = drafts.isEmpty ? "<p>\(Words.noDrafts.in(l))</p>" : "<ul id=\"my-drafts\">" + drafts.prefix(20).map { d -> HTML in
            "<li><a href=\"\(site.link("/forms/\(d.form)/new?draft=\(d.id)"))\">\(d.form)</a> · \(Words.updated.in(l)) \(d.updated)</li>"
        }.joined() + "</ul>"

        var waiting: [HTML] = []
        for row in try await site.documents.register() where row.pending != nil || row.status == .draft {
            guard let (draft, _) = try? await site.documents.templateForFilling(row.alias, draft: true) else { continue }
            let next = Approval.Role.allCases.first { draft.control.approval($0) == nil }
            let role: Principal.Role = next.map { $0 == .approved ? .approve : .review } ?? .release
            // Only what this person may do next: the role, and not a second signature on the same revision.
            let signedAlready = draft.control.approvals.contains { PersonName.normalized($0.name) == PersonName.normalized(who.displayName) }
            guard who.roles.contains(role), next == nil || !signedAlready || draft.control.selfApproval else { continue }
            waiting.append("<li><a href=\"\(site.link("/documents/\(row.alias)"))\">\(row.number) \(row.titleZh)</a> · \(draft.control.revision.description) · \(next?.label.in(l) ?? Words.release.in(l))</li>")
        }
        let waitingList: HTML = waiting.isEmpty ? "<p>\(Words.nothing.in(l))</p>" : "<ul id=\"waiting\">\(waiting.joined())</ul>"

        let report = try await OpenActions.report(from: site.archive, asOf: Day(Date()))
        let mine = report.actions.filter { a in who.department.map { d in a.department == d || a.department.contains(d) } ?? false }
        let shown = mine.isEmpty ? Array(report.actions.prefix(20)) : Array(mine.prefix(50))
        let heading = mine.isEmpty ? Words.openActions.in(l) : Words.openActions.in(l) + " · " + (who.department ?? "")
        let body: HTML = """
            <h2>\(Words.drafts.in(l))</h2>\(draftList)
            <h2>\(Words.waiting.in(l))</h2>\(waitingList)
            <h2>\(heading) (\(mine.isEmpty ? report.actions.count : mine.count))</h2>\(OpenActionsTable(actions: shown, site: site, language: l).html)
            """
        return Page(title: Words.home.in(l) + " · " + who.displayName, body: body).response(context, site)
    }
}
