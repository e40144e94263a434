import Foundation
import Hummingbird
import QMSForms

/// The archive: search with the filters of `archive search` (form, number, customer, dates,
/// status, complaint category, words — Chinese substrings included — and state); without a
/// filter, the latest records issued.
struct ArchiveRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("archive") { request, context in try await searchPage(request, context) }
    }

    private func searchPage(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.signedIn()
        let l = context.language
        let q = request.uri.queryParameters
        func text(_ key: String) -> String? { q[Substring(key)].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        func day(_ key: String) throws -> Day? {
            guard let s = text(key) else { return nil }
            guard let d = Day(s) else { throw WebError.badRequest("\(key): \(s) is not a date; write yyyy-mm-dd") }
            return d
        }
        let state = try text("state").map { s in
            guard let st = ArchivedRecord.State(rawValue: s) else { throw WebError.badRequest("state: \(s) is not one of issued, corrected, void, disposed") }
            return st
        }
        let search = Archive.Search(form: text("form"), number: text("number"), customer: text("customer"), from: try day("from"), to: try day("to"),
                                    status: text("status"), complaintCategory: text("category"), text: text("q"), state: state)
        let asked = q.contains { !String($0.value).isEmpty }
        let rows = asked ? try await site.archive.search(search)
            : Array(try await site.archive.search(Archive.Search()).sorted { ($0.issuedAt, $0.number) > ($1.issuedAt, $1.number) }.prefix(100))
        let forms = try await site.forms()
        func input(_ key: String, _ label: Bilingual, placeholder: String = "") -> HTML {
            "<label for=\"q-\(key)\">\(label.in(l))</label><input id=\"q-\(key)\" name=\"\(key)\" value=\"\(text(key) ?? "")\" placeholder=\"\(placeholder)\">"
        }
        let formOptions = forms.map { t -> HTML in
            "<option value=\"\(t.alias)\"\(text("form") == t.alias ? " selected" : "")>\(t.number) \(t.title.in(l))</option>"
        }.joined()
        let stateOptions = ArchivedRecord.State.allCases.map { s -> HTML in
            "<option value=\"\(s.rawValue)\"\(state == s ? " selected" : "")>\(s.rawValue)</option>"
        }.joined()
        let filters: HTML = """
            <form method="get" action="\(site.link("/archive"))" class="filters">
            \(input("q", Words.words, placeholder: "划伤"))
            <label for="q-form">\(Words.form.in(l))</label><select id="q-form" name="form"><option value="">\(Words.any.in(l))</option>\(formOptions)</select>
            \(input("number", Words.record))\(input("customer", Words.customer))\(input("from", Words.from, placeholder: "YYYY-MM-DD"))\(input("to", Words.to, placeholder: "YYYY-MM-DD"))
            \(input("status", Words.status))\(input("category", Words.category, placeholder: "a–e"))
            <label for="q-state">\(Words.state.in(l))</label><select id="q-state" name="state"><option value="">\(Words.any.in(l))</option>\(stateOptions)</select>
            <button type="submit">\(Words.search.in(l))</button></form>
            """
        let shown = rows.prefix(500).map { r -> [HTML] in
            ["<a href=\"\(site.link("/records/\(r.number)"))\">\(r.number)</a>", "\(r.form)", "\(r.recordDate)", "\(r.customer ?? "")",
             "\(r.status ?? "")", "\(r.state.rawValue)"]
        }
        let count: HTML = asked ? "<p class=\"count\">\(rows.count) \(Words.results.in(l))\(rows.count > 500 ? " (500 shown)" : "")</p>"
            : "<p class=\"count\">\(Words.latest.in(l))</p>"
        let results = count + grid([Words.record, Words.form, Words.date, Words.customer, Words.status, Words.state], Array(shown), language: l,
                                   id: asked ? "results" : "latest")
        return Page(title: Words.archive.in(l), body: filters + results).response(context, site)
    }
}
