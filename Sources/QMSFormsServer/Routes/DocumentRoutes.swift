import Foundation
import Hummingbird
import QMSForms

/// Document control: the register, a document's revisions, change record and differences, its
/// blank form (with a copy number), and the workflow revise → prepared → reviewed → approved →
/// release, each step by a signed-in person holding its role (the library's policy decides:
/// three different people unless the document allows self-approval).
struct DocumentRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("documents") { _, context in try await registerPage(context) }
        router.get("documents/:doc") { request, context in try await documentPage(try document(context), request, context) }
        router.get("documents/:doc/blank") { request, context in
            _ = try context.signedIn()
            let doc = try document(context)
            let copy = request.uri.queryParameters["copy"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            if let copy, !(1...12).contains(copy.count) || !copy.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                throw WebError.badRequest("copy: a distribution number such as 03")
            }
            let template = try await site.documents.templateForFilling(doc).0
            let marks = PrintMarks(stamp: copy.map { .controlledCopy($0) })
            return PrintPage.response(HTMLRenderer(settings: site.settings, formTitles: try await site.titles(), marks: marks).renderBlank(template))
        }
        router.post("documents/:doc/revise") { request, context in
            let who = try context.require(.review)
            let doc = try document(context)
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            func given(_ key: String) -> String? { form[key].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } }
            _ = try await site.documents.revise(doc, ChangeRequest(summary: given("summary") ?? "", pages: given("pages") ?? "", order: given("order") ?? "", by: who,
                                                                    major: form["major"] == "true", remarks: given("remarks") ?? "",
                                                                    amend: form["amend"] == "true"))
            return Page.redirect(site.link("/documents/\(doc)"))
        }
        router.post("documents/:doc/approve") { request, context in
            let doc = try document(context)
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            guard let role = form["role"].flatMap(Approval.Role.init(rawValue:)) else {
                throw WebError.badRequest("role: prepared, reviewed or approved")
            }
            let who = try context.require(role == .approved ? .approve : .review)
            // With a signing CA, an approval is an electronic signature: the password again (21 CFR 11.200).
            let key = SigningAuthority.exists(in: site.workspace.signingAuthorityDirectory)
                ? try await site.signing.unlock(who.id, password: form["password"] ?? "", for: "\(doc) as \(role.rawValue)") : nil
            try await site.documents.approve(doc, role: role, by: who, signedWith: key)
            return Page.redirect(site.link("/documents/\(doc)"))
        }
        router.post("documents/:doc/release") { request, context in
            let who = try context.require(.release)
            let doc = try document(context)
            var request = request
            let text = try await PostedForm.read(&request, context: context)["effective"] ?? ""
            guard let day = Day(text) else { throw WebError.badRequest("\(Words.effective.in(context.language)): \(text) is not a date; write yyyy-mm-dd") }
            _ = try await site.documents.release(doc, effective: day, by: who)
            return Page.redirect(site.link("/documents/\(doc)"))
        }
    }

    private func document(_ context: WebContext) throws -> String {
        let d = try context.parameters.require("doc")
        guard d.count <= 40, d.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { throw WebError.notFound(d) }
        return d
    }

    private func registerPage(_ context: WebContext) async throws -> Response {
        _ = try context.signedIn()
        let l = context.language
        let rows = try await site.documents.register().map { r -> [HTML] in
            ["<a href=\"\(site.link("/documents/\(r.alias)"))\">\(r.number)</a>", "\(r.titleZh)<br><span class=\"en\">\(r.titleEn)</span>",
             "\(r.revision)", "\(r.status.rawValue)", "\(r.effective ?? "—")", "\(r.pending ?? "")"]
        }
        return Page(title: Words.register.in(l), body: grid([Words.documents, Words.documents, Words.revision, Words.state, Words.effective, Words.pending],
                                                              rows, language: l, id: "register")).response(context, site)
    }

    private func documentPage(_ doc: String, _ request: Request, _ context: WebContext) async throws -> Response {
        let who = try context.signedIn(), l = context.language
        guard let row = try await site.documents.register().first(where: { $0.alias == doc || $0.number == doc }) else {
            throw ChangeControlError.unknownDocument(doc)
        }
        let history = try await site.documents.history(doc)
        let changes = grid([Words.revision, Words.date, Words.summary, Words.pages, Words.order, Words.actor],
                           history.map { c in ["\(c.version.description)", "\(c.date)", "\(c.summary)", "\(c.pages)", "\(c.order)", "\(c.by)"] },
                           language: l, id: "changes")
        let revisions = "<ul class=\"revisions\">\(row.revisions.map { r -> HTML in "<li>\(r)</li>" }.joined())</ul>" as HTML
        var work: HTML = .empty
        if row.status == .draft || row.pending != nil, let (draft, _) = try? await site.documents.templateForFilling(doc, draft: true) {
            let signed = draft.control.approvals.map { a -> HTML in "<li>\(a.role.label.in(l)): \(a.name) \(a.date)</li>" }.joined()
            let next = Approval.Role.allCases.first { draft.control.approval($0) == nil }
            let signing = SigningAuthority.exists(in: site.workspace.signingAuthorityDirectory)
            let sign: HTML = next.map { role in
                """
                <form method="post" action="\(site.link("/documents/\(doc)/approve"))" class="inline">\(csrfField(context))
                <input type="hidden" name="role" value="\(role.rawValue)">\(signing ? "<label for=\"approve-password\">\(Words.passwordAgain.in(l))</label> <input id=\"approve-password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required> " as HTML : .empty)<button type="submit" id="approve">\(Words.approveAs.in(l)) \(role.label.in(l)) · \(draft.control.revision.description)</button></form>
                """
            } ?? """
                <form method="post" action="\(site.link("/documents/\(doc)/release"))" class="inline">\(csrfField(context))
                <label for="effective">\(Words.effective.in(l))</label> <input id="effective" name="effective" value="\(ChangeControl.today())" placeholder="YYYY-MM-DD">
                <button type="submit" id="release">\(Words.release.in(l)) \(draft.control.revision.description)</button></form>
                """
            work = "<h2>\(Words.pending.in(l)): \(draft.control.revision.description)</h2><ul>\(signed)</ul>\(sign)"
        }
        var working: HTML = .empty
        if let (released, found) = try? await site.documents.workingChanges(doc) {
            let list = found.isEmpty ? "<p>\(Words.noChanges.in(l))</p>" as HTML
                : "<ul class=\"diff\">\(found.map { c -> HTML in "<li>\(c.description)</li>" }.joined())</ul>"
            let revise: HTML = who.roles.contains(.review) && !found.isEmpty && row.pending == nil ? """
                <form method="post" action="\(site.link("/documents/\(doc)/revise"))" class="revise">\(csrfField(context))
                <label for="summary">\(Words.summary.in(l))</label><input id="summary" name="summary" required>
                <label for="pages">\(Words.pages.in(l))</label><input id="pages" name="pages" placeholder="P1" required>
                <label for="order">\(Words.order.in(l))</label><input id="order" name="order" placeholder="DCR-2026-001" required>
                <label class="tick"><input type="checkbox" name="major" value="true"> \(Words.major.in(l))</label>
                <button type="submit" id="revise">\(Words.revise.in(l))</button></form>
                """ : .empty
            working = "<h2>\(Words.workingChanges.in(l)) (\(released.description))</h2>\(list)\(revise)"
        }
        var diff: HTML = .empty
        if let a = request.uri.queryParameters["from"].flatMap({ Revision(String($0)) }), let b = request.uri.queryParameters["to"].flatMap({ Revision(String($0)) }) {
            let found = try await site.documents.diff(doc, from: a, to: b)
            diff = "<h2>\(Words.diff.in(l)) \(a.description) → \(b.description)</h2><ul class=\"diff\">\(found.map { c -> HTML in "<li>\(c.description)</li>" }.joined())</ul>"
        }
        let body: HTML = """
            <p class="docno">\(row.number) · \(row.titleZh) \(row.titleEn) · \(row.revision) · \(row.status.rawValue)</p>
            <p><a href="\(site.link("/documents/\(row.alias)/blank"))">\(Words.blank.in(l))</a></p>
            <form method="get" action="\(site.link("/documents/\(row.alias)/blank"))" class="inline"><label for="copy">\(Words.copyNumber.in(l))</label>
            <input id="copy" name="copy" size="4"> <button type="submit">\(Words.blank.in(l))</button></form>
            <h2>\(Words.revisions.in(l))</h2>\(revisions)
            <form method="get" action="\(site.link("/documents/\(row.alias)"))" class="inline"><label for="from">\(Words.diff.in(l))</label>
            <input id="from" name="from" size="4" placeholder="A/0"> → <input id="to" name="to" size="4" placeholder="A/1"> <button type="submit">\(Words.show.in(l))</button></form>
            \(diff)\(work)\(working)
            <h2>\(Words.changeRecord.in(l))</h2>\(changes)
            """
        return Page(title: row.number + " " + row.titleZh, body: body).response(context, site)
    }
}
