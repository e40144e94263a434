/// Renders a record (or a blank form) as one standalone, print-ready HTML5 page for A4.
///
/// Every value is HTML-escaped; CSS is inline; the page header and `第 X 页 共 Y 页` are
/// printed in the page margins on every page.
///
/// ```swift
/// let html = HTMLRenderer(settings: .neutral, language: .both).render(record)
/// let blank = HTMLRenderer(settings: .neutral, language: .zh).renderBlank(template)
/// ```
public struct HTMLRenderer: Sendable {
    /// Company name and logo.
    public var settings: Settings
    /// Which languages the page shows.
    public var language: Language
    /// Form number → title, so a procedure's flow chart can name the forms it produces.
    public var formTitles: [String: Bilingual]
    /// Document-control marks: DRAFT / OBSOLETE watermark, CONTROLLED COPY / UNCONTROLLED stamp.
    public var marks: PrintMarks
    /// Charts printed after the form's sections (a report's figures drawn), each whole on a page.
    public var charts: [Chart] = []

    /// A renderer printing with `settings` in `language`.
    public init(settings: Settings, language: Language = .both, formTitles: [String: Bilingual] = [:],
                marks: PrintMarks = PrintMarks()) {
        self.settings = settings
        self.language = language
        self.formTitles = formTitles
        self.marks = marks
    }

    /// The filled record.
    public func render(_ record: Record) -> String {
        page(record.template, record: record)
    }

    /// The form with empty boxes sized for handwriting; for a procedure, the document itself.
    public func renderBlank(_ template: Template) -> String {
        page(template, record: nil)
    }

    private func page(_ t: Template, record: Record?) -> String {
        let lang = language
        let number = record?.displayNumber ?? ""
        let title = lang.plain(t.title)
        // The running header stays on one line: in both languages it names company and form in
        // Chinese (page 1's title block carries the English); the number side never wraps.
        let short: Language = lang == .both ? .zh : lang
        let headerLeft = short.plain(settings.company) + "  " + short.plain(t.title)
        let headerRight = t.number + " " + t.control.revision.description + marks.headerText(lang)
            + (t.document != nil ? "" : "  " + (lang == .en ? "No. " : "记录编号 ") + (record?.displayNumber ?? "__________"))
        var h: HTML = "<!DOCTYPE html>\n<html lang=\"\(lang.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"qmsforms\">\n"
        h += "<title>\(title + " " + t.number + (number.isEmpty ? "" : " " + number))</title>\n"
        h += .style(Stylesheet.css(headerLeft: headerLeft, headerRight: headerRight, pageLabel: lang, landscape: t.landscape))
        h += "</head>\n<body>\n<main class=\"sheet\">\n"
        h += marks.html(lang)
        h += titleBlock(t, record: record)
        h += marks.correctionsHTML(lang)
        if marks.changeRecord && t.document == nil { h += ChangeRecordTable(rows: t.changeRecord, language: lang).html }
        if let document = t.document {
            h += ProcedureBody(template: t, document: document, language: lang, formTitles: formTitles).html
        }
        let cells = FieldCells(language: lang, record: record, signatures: marks.signatures)
        for section in t.sections {
            // A section of signatures only keeps company with what it signs: never alone on the last page.
            let signing = !section.fields.isEmpty && section.fields.allSatisfy { if case .signature = $0.kind { true } else { false } }
            let classes = [section.pageBreakBefore ? "break" : nil, signing ? "signing" : nil].compactMap { $0 }.joined(separator: " ")
            h += "<section\(classes.isEmpty ? .empty : " class=\"\(classes)\"" as HTML) id=\"s-\(section.id)\">\n"
            h += "<h2>\(lang.label(section.label))</h2>\n"
            h += cells.section(section)
            h += "</section>\n"
        }
        if !charts.isEmpty {
            h += "<section class=\"charts\" id=\"s-charts\">\n<h2>\(lang.label(Bilingual(zh: "图表", en: "Charts")))</h2>\n"
            for (i, chart) in charts.enumerated() { h += "<figure class=\"chart\">\n\(chart.svg(id: "chart\(i + 1)"))</figure>\n" }
            h += "</section>\n"
        }
        h += footer(t)
        h += "</main>\n</body>\n</html>\n"
        return h.markup
    }

    private func titleBlock(_ t: Template, record: Record?) -> HTML {
        let lang = language
        var h: HTML = "<header class=\"title-block\">\n<div class=\"company\">"
        if let logo = settings.logoDataURI { h += "<img src=\"\(logo)\" alt=\"\(settings.company.zh)\">" }
        h += lang.label(settings.company) + "</div>\n"
        h += "<table class=\"doc-id\"><tbody>\n"
        h += "<tr><th>\(lang.label(Bilingual(zh: "表单编号", en: "Form No.")))</th><td>\(t.number)</td>"
        h += "<th>\(lang.label(Bilingual(zh: "版本", en: "Rev.")))</th><td>\(t.control.revision.description)</td></tr>\n"
        h += "<tr><th>\(lang.label(Bilingual(zh: "记录编号", en: "Record No.")))</th><td colspan=\"3\">\(record?.displayNumber ?? "")</td></tr>\n"
        h += "</tbody></table>\n"
        h += "<h1>\(lang.label(t.title))</h1>\n</header>\n"
        return h
    }

    private func footer(_ t: Template) -> HTML {
        let lang = language
        let c = t.control
        return "<footer class=\"form-foot\">"
            + "<span>\(lang.label(Bilingual(zh: "保存期限", en: "Retention"))): \(lang.label(c.retention.label))</span>"
            + "<span>\(lang.label(Bilingual(zh: "保存部门", en: "Kept by"))): \(lang.label(c.department))</span>"
            + "<span>\(t.number) \(c.revision.description) · \(lang.label(Bilingual(zh: "实施日期", en: "Effective"))) \(c.effective ?? "—")</span>"
            + "</footer>\n"
    }
}
