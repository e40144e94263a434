import Foundation
import Hummingbird
import QMSForms

/// Writing a record: the list of forms, the page for a new record (from empty, a draft or an
/// imported file), live validation, drafts, preview, PDF and issue.
struct FormRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("forms") { _, context in try await formList(context) }
        router.get("forms/:alias/new") { request, context in
            let who = try context.require(.record)
            let template = try await site.form(try context.parameters.require("alias"))
            var entries = FormEntries([])
            var draftID: String?
            if let id = request.uri.queryParameters["draft"].map(String.init) {
                guard let draft = try await site.drafts.draft(id), draft.author == who.id, draft.form == template.alias else { throw WebError.notFound("draft \(id)") }
                entries = FormEntries(draft.entries)
                draftID = id
            }
            let saved = request.uri.queryParameters["saved"] != nil ? Words.draftSaved.in(context.language) : nil
            return EditorPage(template: template, mode: .new(draft: draftID),
                              editor: FormEditor(template: template, entries: entries, problems: [], record: nil, language: context.language),
                              notice: saved).response(context, site)
        }
        router.post("forms/:alias/validate") { request, context in
            _ = try context.require(.record)
            let template = try await site.form(try context.parameters.require("alias"))
            var request = request
            let entries = FormEntries(form: try await PostedForm.read(&request, context: context))
            return ErrorResponses.json(LiveCheck(template: template, entries: entries, language: context.language))
        }
        router.post("forms/:alias") { request, context in
            let who = try context.require(.record)
            let template = try await site.form(try context.parameters.require("alias"))
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            return try await act(form, template: template, by: who, context)
        }
        router.post("forms/:alias/import") { request, context in
            _ = try context.require(.record)
            let template = try await site.form(try context.parameters.require("alias"))
            var request = request
            guard let file = try await PostedForm.read(&request, context: context).files.first, !file.data.isEmpty else {
                throw WebError.badRequest(Words.importFile.in(context.language))
            }
            let ext = file.filename.split(separator: ".").last.map { $0.lowercased() }
            let data: DataNode
            do {
                data = try DataSource.parse(file.data, source: file.filename, formatHint: ext, template: template)
            } catch let error as DataError {
                let problems = [Problem(path: "", line: error.line, rule: .syntax, message: error.description)]
                return EditorPage(template: template, mode: .new(draft: nil),
                                  editor: FormEditor(template: template, entries: FormEntries([]), problems: problems, record: nil, language: context.language))
                    .response(context, site, status: .unprocessableContent)
            }
            let entries = FormEntries(data: data)
            let check = Check(template: template, entries: entries)
            return EditorPage(template: template, mode: .new(draft: nil),
                              editor: FormEditor(template: template, entries: entries, problems: check.problems, record: check.record, language: context.language))
                .response(context, site)
        }
        router.get("drafts") { _, context in try await draftList(context) }
        router.post("drafts/:id/delete") { _, context in
            let who = try context.signedIn()
            let id = try context.parameters.require("id")
            guard let draft = try await site.drafts.draft(id), draft.author == who.id else { throw WebError.notFound("draft \(id)") }
            try await site.drafts.remove(id)
            return Page.redirect(site.link("/drafts"))
        }
    }

    /// A record's entries judged by the library: its problems, or the record when valid.
    struct Check {
        var problems: [Problem] = []
        var record: Record?
        var data: DataNode

        init(template: Template, entries: FormEntries) {
            data = entries.data(for: template)
            do { record = try RecordValidator(template: template).validate(data, source: "web form") } catch { problems = error.problems }
        }
    }

    /// What the page's script shows as the user types: the library's problems by path, and computed values.
    struct LiveCheck: Encodable {
        var valid: Bool
        var problems: [Problem]
        var computed: [String: String]

        init(template: Template, entries: FormEntries, language: Language) {
            let check = Check(template: template, entries: entries)
            valid = check.record != nil
            problems = check.problems
            computed = [:]
            if let record = check.record {
                for section in template.sections {
                    for field in section.fields where field.isComputed {
                        if let shown = record.printed(field.id) { computed[section.id + "." + field.id] = shown.markup }
                    }
                }
            }
        }
    }

    private func act(_ form: PostedForm, template: Template, by who: Principal, _ context: WebContext) async throws -> Response {
        let entries = FormEntries(form: form)
        let draftID = form["_draft"].flatMap { $0.isEmpty ? nil : $0 }
        func page(_ problems: [Problem], _ record: Record?, status: HTTPResponse.Status) -> Response {
            EditorPage(template: template, mode: .new(draft: draftID),
                       editor: FormEditor(template: template, entries: entries, problems: problems, record: record, language: context.language))
                .response(context, site, status: status)
        }
        switch form["action"] ?? "check" {
        case "draft":
            var draft: Draft
            if let draftID, let earlier = try await site.drafts.draft(draftID), earlier.author == who.id {
                draft = earlier
                draft.entries = entries.pairs
                draft.updated = ChangeControl.timestamp(Date())
            } else {
                draft = Draft.begin(form: template.alias, author: who.id, entries: entries.pairs, now: Date())
            }
            try await site.drafts.save(draft)
            return Page.redirect(site.link("/forms/\(template.alias)/new?draft=\(draft.id)&saved=1"))
        case "check":
            let check = Check(template: template, entries: entries)
            return page(check.problems, check.record, status: check.record == nil ? .unprocessableContent : .ok)
        case "preview", "pdf":
            let check = Check(template: template, entries: entries)
            guard check.record != nil else { return page(check.problems, nil, status: .unprocessableContent) }
            let filled = try FormFiller(settings: site.settings).fill(template, data: check.data, source: "web form", fallbackName: "preview")
            if form["action"] == "pdf" {
                return Page.download(try await site.printer.pdf(name: template.alias, html: filled.html), type: "application/pdf",
                                     name: "\(template.alias)-preview.pdf")
            }
            return PrintPage.response(filled.html)
        case "issue":
            let check = Check(template: template, entries: entries)
            guard check.record != nil else { return page(check.problems, nil, status: .unprocessableContent) }
            do {
                let issued = try await site.archive.issue(template.alias, data: check.data, source: "web form by \(who.id)", by: who)
                if let draftID, let draft = try await site.drafts.draft(draftID), draft.author == who.id { try await site.drafts.remove(draftID) }
                return Page.redirect(site.link("/records/\(issued.number)"))
            } catch let error as RecordError {
                return page(error.problems, nil, status: .unprocessableContent)
            }
        case let other:
            throw WebError.badRequest("unknown action \(other)")
        }
    }

    private func formList(_ context: WebContext) async throws -> Response {
        let who = try context.signedIn(), l = context.language
        let rows = try await site.forms().map { t -> [HTML] in
            let link: HTML = who.roles.contains(.record) ? "<a href=\"\(site.link("/forms/\(t.alias)/new"))\">\(Words.newRecord.in(l))</a>" : .empty
            return ["\(t.number)", "\(t.title.zh)<br><span class=\"en\">\(t.title.en)</span>", "\(t.control.revision.description)", link]
        }
        return Page(title: Words.newRecord.in(l), body: grid([Words.form, Words.form, Words.revision, Words.open], rows, language: l, id: "forms"))
            .response(context, site)
    }

    private func draftList(_ context: WebContext) async throws -> Response {
        let who = try context.signedIn(), l = context.language
        let drafts = try await site.drafts.drafts(of: who.id)
        let rows = drafts.map { d -> [HTML] in
            ["<a href=\"\(site.link("/forms/\(d.form)/new?draft=\(d.id)"))\">\(d.form)</a>", "\(d.updated)",
             "<form method=\"post\" action=\"\(site.link("/drafts/\(d.id)/delete"))\" class=\"inline\">\(csrfField(context))<button type=\"submit\">\(Words.delete.in(l))</button></form>"]
        }
        let body = drafts.isEmpty ? "<p>\(Words.noDrafts.in(l))</p>" as HTML : grid([Words.form, Words.updated, Words.action], rows, language: l, id: "drafts")
        return Page(title: Words.drafts.in(l), body: body).response(context, site)
    }
}
