import Foundation
import Hummingbird
import QMSForms

/// An archived record: its page (every revision, its audit entries, its links), its print page,
/// XML and PDF, and correcting or voiding it with a reason.
struct RecordRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("records/:number") { _, context in try await recordPage(try Self.number(context), context) }
        router.get("records/:number/xml") { _, context in
            _ = try context.signedIn()
            let n = try Self.number(context)
            return Page.download(try await site.archive.archivedXML(n), type: "application/xml", name: n + ".xml")
        }
        router.get("records/:number/print") { request, context in
            _ = try context.signedIn()
            let n = try Self.number(context)
            let latest = try await site.archive.rendition(n)   // refuses a void or disposed record
            guard let r = request.uri.queryParameters["r"].flatMap({ Int(String($0)) }) else { return PrintPage.response(String(decoding: latest, as: UTF8.self)) }
            // An earlier revision, as it was archived: the trail names its files.
            guard let entry = try await site.archive.show(n).1.first(where: { $0.recordRevision == r && $0.recordFiles.count == 2 }) else {
                throw WebError.notFound("\(n) r\(r)")
            }
            return PrintPage.response(String(decoding: try await site.archive.store.file(entry.recordFiles[1]), as: UTF8.self))
        }
        router.get("records/:number/pdf") { _, context in
            _ = try context.signedIn()
            let n = try Self.number(context)
            let html = String(decoding: try await site.archive.rendition(n), as: UTF8.self)
            return Page.download(try await site.printer.pdf(name: n, html: html), type: "application/pdf", name: n + ".pdf")
        }
        router.get("records/:number/correct") { _, context in
            _ = try context.require(.record)
            let n = try Self.number(context)
            let (row, _) = try await site.archive.show(n)
            let record = try await site.archive.record(row)
            return EditorPage(template: record.template, mode: .correct(number: n, reason: ""),
                              editor: FormEditor(template: record.template, entries: FormEntries(record: record), problems: [], record: nil,
                                                 language: context.language)).response(context, site)
        }
        router.post("records/:number/correct") { request, context in
            let who = try context.require(.record)
            let n = try Self.number(context)
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            let (row, _) = try await site.archive.show(n)
            let template = try await site.archive.record(row).template
            let entries = FormEntries(form: form)
            let check = FormRoutes.Check(template: template, entries: entries)
            let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            func page(_ problems: [Problem], status: HTTPResponse.Status) -> Response {
                EditorPage(template: template, mode: .correct(number: n, reason: reason),
                           editor: FormEditor(template: template, entries: entries, problems: problems, record: check.record, language: context.language))
                    .response(context, site, status: status)
            }
            switch form["action"] ?? "check" {
            case "check": return page(check.problems, status: check.record == nil ? .unprocessableContent : .ok)
            case "preview":
                guard check.record != nil else { return page(check.problems, status: .unprocessableContent) }
                let data = check.data.setting(["record_no"], .text(n))
                return PrintPage.response(try FormFiller(settings: site.settings).fill(template, data: data, source: "web form", fallbackName: n).html)
            case "correct":
                guard check.record != nil else { return page(check.problems, status: .unprocessableContent) }
                guard !reason.isEmpty else {
                    return page([Problem(path: "reason", rule: .required, message: ArchiveError.missingReason(action: "correct").description)], status: .unprocessableContent)
                }
                do {
                    _ = try await site.archive.correct(n, data: check.data, source: "web form by \(who.id)", reason: reason, by: who)
                } catch let error as RecordError {
                    return page(error.problems, status: .unprocessableContent)
                }
                return Page.redirect(site.link("/records/\(n)"))
            case let other: throw WebError.badRequest("unknown action \(other)")
            }
        }
        router.post("records/:number/void") { request, context in
            let who = try context.require(.review)
            let n = try Self.number(context)
            var request = request
            let reason = (try await PostedForm.read(&request, context: context)["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw ArchiveError.missingReason(action: "void") }
            _ = try await site.archive.void(n, reason: reason, by: who)
            return Page.redirect(site.link("/records/\(n)"))
        }
    }

    /// The record number of the route, checked against the strict pattern before it goes anywhere.
    static func number(_ context: WebContext) throws -> String {
        let n = try context.parameters.require("number")
        guard n.count <= 40, n.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw WebError.notFound(n) }
        return n
    }

    private func recordPage(_ n: String, _ context: WebContext) async throws -> Response {
        let who = try context.signedIn(), l = context.language
        let (row, entries) = try await site.archive.show(n)
        var links: HTML = .empty
        if row.state != .disposed {
            let record = try await site.archive.record(row)
            let out = record.template.fields.compactMap { f -> String? in
                if case .reference = f.kind, case let .reference(v)? = record.values[f.id] { return v }
                return nil
            }
            let back = try await site.archive.search(Archive.Search(text: n)).map(\.number).filter { $0 != n }
            func list(_ numbers: [String]) -> HTML {
                numbers.isEmpty ? "—" : numbers.map { x -> HTML in "<a href=\"\(site.link("/records/\(x)"))\">\(x)</a>" }.joined(separator: ", ")
            }
            links = "<h2>\(Words.links.in(l))</h2><dl class=\"facts\"><dt>\(Words.refersTo.in(l))</dt><dd>\(list(out))</dd><dt>\(Words.referredBy.in(l))</dt><dd>\(list(back))</dd></dl>"
        }
        let facts: HTML = """
            <dl class="facts"><dt>\(Words.form.in(l))</dt><dd>\(row.form) · \(row.templateRevision)</dd>
            <dt>\(Words.state.in(l))</dt><dd class="state \(row.state.rawValue)">\(row.state.rawValue)</dd>
            <dt>\(Words.date.in(l))</dt><dd>\(row.recordDate)</dd><dt>\(Words.customer.in(l))</dt><dd>\(row.customer ?? "—")</dd>
            <dt>\(Words.revision.in(l))</dt><dd>r\(row.revision)</dd>\(row.status.map { "<dt>\(Words.status.in(l))</dt><dd>\($0)</dd>" as HTML } ?? .empty)</dl>
            """
        var actions: HTML = .empty
        if row.state == .issued || row.state == .corrected {
            actions = """
                <p class="actions"><a href="\(site.link("/records/\(n)/print"))">\(Words.printPage.in(l))</a> · <a href="\(site.link("/records/\(n)/pdf"))">\(Words.pdf.in(l))</a> · \
                <a href="\(site.link("/records/\(n)/xml"))">\(Words.downloadXML.in(l))</a>\
                \(who.roles.contains(.record) ? " · <a href=\"\(site.link("/records/\(n)/correct"))\">\(Words.correct.in(l))</a>" as HTML : .empty)</p>
                """
            if who.roles.contains(.review) {
                actions += """
                    <details class="void"><summary>\(Words.void.in(l))…</summary>
                    <form method="post" action="\(site.link("/records/\(n)/void"))" class="void">\(csrfField(context))
                    <label for="void-reason">\(Words.reason.in(l))</label> <input id="void-reason" name="reason" required>
                    <button type="submit" id="void">\(Words.void.in(l)) \(n)</button></form></details>
                    """
            }
        }
        let trail = grid([Words.time, Words.actor, Words.action, Words.revision, Words.detail],
                         entries.map { e -> [HTML] in
                            let rev: HTML = e.recordRevision.map { r in e.recordFiles.count == 2 && (row.state == .issued || row.state == .corrected)
                                ? "<a href=\"\(site.link("/records/\(n)/print?r=\(r)"))\">r\(r)</a>" : "r\(r)" } ?? .empty
                            return ["\(e.time)", "\(e.actor)", "\(e.action.rawValue)", rev, "\(e.reason ?? e.detail ?? "")"]
                         },
                         language: l, id: "audit")
        let signatures = row.state == .issued || row.state == .corrected
            ? try await SignatureRoutes(site: site).section(n, who: who, context: context) : .empty
        let body: HTML = "\(facts)\(actions)\(signatures)\(links)<h2>\(Words.auditEntries.in(l))</h2>\(trail)"
        return Page(title: n, body: body).response(context, site)
    }
}
