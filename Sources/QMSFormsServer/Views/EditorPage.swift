import Hummingbird
import QMSForms

/// The page to write a record on: a new one (from empty, a draft or an import) or a correction
/// of an archived one. The same page works with and without scripts: the buttons post the form,
/// and the server answers with the page again, problems beside their fields.
struct EditorPage {
    enum Mode {
        case new(draft: String?)
        case correct(number: String, reason: String)
    }

    let template: Template
    let mode: Mode
    let editor: FormEditor
    var notice: String? = nil

    func response(_ context: WebContext, _ site: Site, status: HTTPResponse.Status = .ok) -> Response {
        let l = context.language
        let action: String, validate: String, title: String
        var hidden: HTML = csrfField(context), extra: HTML = .empty, buttons: [(String, Bilingual)]
        switch mode {
        case let .new(draft):
            action = site.link("/forms/\(template.alias)")
            validate = action + "/validate"
            title = Words.newRecord.in(l) + " · " + template.title.in(l)
            if let draft { hidden += "<input type=\"hidden\" name=\"_draft\" value=\"\(draft)\">" }
            buttons = [("check", Words.check), ("draft", Words.saveDraft), ("preview", Words.preview), ("pdf", Words.pdf), ("issue", Words.issue)]
        case let .correct(number, reason):
            action = site.link("/records/\(number)/correct")
            validate = site.link("/forms/\(template.alias)/validate")
            title = Words.correct.in(l) + " · " + number
            extra = """
                <div class="field reason" data-path="reason"><label for="f-reason">\(Words.reason.in(l)) <abbr class="req">*</abbr></label>
                <textarea id="f-reason" name="reason" rows="2" required>\(reason)</textarea></div>
                """
            buttons = [("check", Words.check), ("preview", Words.preview), ("correct", Words.correct)]
        }
        let summary = summaryList(l)
        let notice: HTML = self.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? .empty
        let buttonRow = buttons.map { b -> HTML in
            "<button type=\"submit\" name=\"action\" value=\"\(b.0)\"\(b.0 == "issue" || b.0 == "correct" ? " class=\"primary\"" : "")>\(b.1.in(l))</button>"
        }.joined(separator: " ")
        let importForm: HTML
        if case .new = mode {
            importForm = """
                <details class="import"><summary>\(Words.importFile.in(l))</summary>
                <form method="post" action="\(action)/import" enctype="multipart/form-data">\(csrfField(context))
                <input type="file" name="file" accept=".yaml,.yml,.json,.csv,.xlsx" required> <button type="submit">\(Words.importButton.in(l))</button></form></details>
                """
        } else { importForm = .empty }
        let body: HTML = """
            <p class="docno">\(template.number) · \(template.control.revision.description) · \(template.title.both)</p>
            \(notice)\(importForm)
            <form method="post" action="\(action)" class="record" data-validate="\(validate)" novalidate>
            \(hidden)
            <div id="summary" class="summary" aria-live="polite" data-heading="\(Words.problems.in(l))" data-valid="\(Words.valid.in(l))" data-later="\(Words.computedLater.in(l))">\(summary)</div>
            \(editor.steps)
            \(editor.body)
            \(extra)
            <div class="actions">\(buttonRow)</div>
            </form>
            """
        return Page(title: title, body: body, status: status).response(context, site)
    }

    /// Every problem at the top, each linking to its field; or "valid" after a check.
    private func summaryList(_ l: Language) -> HTML {
        guard !editor.problems.isEmpty else {
            return editor.record != nil ? "<p class=\"valid\">\(Words.valid.in(l))</p>" : .empty
        }
        let items = editor.problems.map { p -> HTML in
            "<li><a href=\"#\(p.path.contains(".") ? "f-" : "s-")\(p.path)\"><code>\(p.path)</code></a> \(p.message)\(p.hint.map { " <span class=\"fix\">\($0)</span>" as HTML } ?? .empty)</li>"
        }
        return "<h2>\(Words.problems.in(l)) (\(editor.problems.count))</h2><ul class=\"problems shown\">\(items.joined())</ul>"
    }
}
