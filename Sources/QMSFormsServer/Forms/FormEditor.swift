import QMSForms

/// The page's form for a record, generated from its template: every field type, bilingual
/// labels, option lists, tables with add and remove row, sections in the template's order,
/// computed fields as the library computes them, and each problem next to its field.
///
/// Inputs are named by the paths the library's problems use (see ``FormEntries``), so the
/// page's script and the server place a problem by its path alone.
struct FormEditor {
    let template: Template
    let entries: FormEntries
    let problems: [Problem]
    /// The record when the entries are valid: its computed values are shown.
    let record: Record?
    let language: Language

    /// Problems by the path of the field, cell or table they are shown at; the rest go on top.
    private var placed: [String: [Problem]] = [:]
    private(set) var unplaced: [Problem] = []

    init(template: Template, entries: FormEntries, problems: [Problem], record: Record?, language: Language) {
        self.template = template
        self.entries = entries
        self.problems = problems
        self.record = record
        self.language = language
        let anchors = Set(template.sections.flatMap { s in s.fields.flatMap { paths($0, at: s.id + "." + $0.id) } })
        for problem in problems {
            var path = problem.path
            while !anchors.contains(path), let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) { path = String(path[..<cut]) }
            if anchors.contains(path) { placed[path, default: []].append(problem) } else { unplaced.append(problem) }
        }
    }

    /// Every path a problem can be shown at: fields, tables, their cells.
    private func paths(_ field: Field, at path: String) -> [String] {
        guard case let .table(table) = field.kind else { return [path] }
        let rows = table.hasFixedRows ? table.fixedRows.map { path + "." + $0.key } : (1...rowCount(path, table)).map { "\(path)[\($0)]" }
        return [path] + rows.flatMap { row in table.columns.map { row + "." + $0.id } }
    }

    /// Rows a list table shows: those posted, at least its minimum, and one blank to write in.
    private func rowCount(_ path: String, _ table: Table) -> Int {
        let posted = entries.rowCount(path)
        let shown = max(posted + 1, table.minRows ?? 1, min(table.blankRows, 3), 1)
        return table.maxRows.map { min(shown, max($0, posted)) } ?? shown
    }

    /// The sections of the form.
    var body: HTML {
        template.sections.map { section -> HTML in
            let fields = section.fields.map { field($0, at: section.id + "." + $0.id) }.joined(separator: "\n")
            return """
                <fieldset class="section\(section.progressive ? " progressive" : "")" id="s-\(section.id)">
                <legend>\(bilingual(section.label))</legend>
                \(problemList(section.id))\(fields)
                </fieldset>
                """
        }.joined(separator: "\n")
    }

    /// The steps of a progressive form (8D D0 … D8), as links to its sections.
    var steps: HTML {
        let progressive = template.sections.filter(\.progressive)
        guard !progressive.isEmpty else { return .empty }
        return "<ol class=\"steps\">\(progressive.map { s -> HTML in "<li><a href=\"#s-\(s.id)\">\(s.label.in(language))</a></li>" }.joined())</ol>"
    }

    private func bilingual(_ b: Bilingual) -> HTML {
        b.zh == b.en ? "\(b.zh)" : "\(b.zh) <span class=\"en\" lang=\"en\">\(b.en)</span>"
    }

    private func problemList(_ path: String) -> HTML {
        let list = (placed[path] ?? []).map { p -> HTML in
            "<li>\(p.message)\(p.hint.map { h -> HTML in " <span class=\"fix\">\(h)</span>" } ?? .empty)</li>"
        }
        return "<ul class=\"problems\" data-for=\"\(path)\">\(list.joined())</ul>"
    }

    private func field(_ field: Field, at path: String) -> HTML {
        let required: HTML = field.required ? " <abbr class=\"req\" title=\"\(Words.required.in(language))\">*</abbr>" : .empty
        let hint = field.hint.map { h -> HTML in "<p class=\"hint\">\(h.in(language))</p>" } ?? .empty
        let kind: String
        switch field.kind {
        case .table: kind = "table"
        case .computed: kind = "computed"
        default: kind = field.typeName
        }
        let labelFor: HTML = ["table", "multi", "signature", "computed"].contains(kind) ? .empty : " for=\"f-\(path)\"" as HTML
        return """
            <div class="field \(kind)" data-path="\(path)">
            <label\(labelFor)>\(bilingual(field.label))\(required)</label>
            \(control(field, at: path))\(hint)\(problemList(path))
            </div>
            """
    }

    private func control(_ field: Field, at path: String) -> HTML {
        let value = entries.values(path).first ?? ""
        let id: HTML = "id=\"f-\(path)\" name=\"\(path)\""
        switch field.kind {
        case let .text(rules):
            return "<input type=\"text\" \(id) value=\"\(value)\"\(maxLength(rules))>"
        case .reference(let prefixes):
            return "<input type=\"text\" \(id) value=\"\(value)\" placeholder=\"\(prefixes.map { $0 + "-YYYY-NNN" }.joined(separator: " / "))\" class=\"ref\">"
        case let .multiline(rules, lines):
            return "<textarea \(id) rows=\"\(max(lines, 2))\"\(maxLength(rules))>\(value)</textarea>"
        case let .integer(rules), let .decimal(rules):
            let mode = if case .integer = field.kind { "numeric" } else { "decimal" }
            return "<input type=\"text\" inputmode=\"\(mode)\" class=\"number\" \(id) value=\"\(value)\">\(rules.unit.map { u -> HTML in " <span class=\"unit\">\(u)</span>" } ?? .empty)"
        case .date:
            return "<input type=\"text\" class=\"date\" inputmode=\"numeric\" placeholder=\"YYYY-MM-DD\" \(id) value=\"\(value)\">"
        case .datetime:
            return "<input type=\"text\" class=\"datetime\" placeholder=\"YYYY-MM-DD hh:mm\" \(id) value=\"\(value)\">"
        case .boolean:
            return select(id, value, [("true", Words.yes), ("false", Words.no)])
        case let .choice(options):
            return select(id, value, options.options.map { ($0.code, $0.label) })
        case let .multi(options):
            let chosen = Set(entries.values(path))
            return "<div class=\"ticks\">" + options.options.enumerated().map { i, o -> HTML in
                "<label class=\"tick\"><input type=\"checkbox\" id=\"f-\(path)-\(i)\" name=\"\(path)\" value=\"\(o.code)\"\(chosen.contains(o.code) ? " checked" : "")> \(bilingual(o.label))</label>"
            }.joined(separator: " ") + "</div>"
        case .signature:
            let name = entries.values(path + ".name").first ?? "", date = entries.values(path + ".date").first ?? ""
            return """
                <span class="sign"><input type="text" id="f-\(path).name" name="\(path).name" value="\(name)" aria-label="\(path).name" placeholder="姓名 name">\
                <input type="text" class="date" id="f-\(path).date" name="\(path).date" value="\(date)" aria-label="\(path).date" placeholder="YYYY-MM-DD"></span>
                """
        case let .table(table):
            return self.table(table, at: path)
        case .computed:
            let shown = record?.printed(field.id, language: .both)
            return "<output class=\"computed\" data-path=\"\(path)\">\(shown ?? HTML(escaping: Words.computedLater.in(language)))</output>"
        }
    }

    private func maxLength(_ rules: TextRules) -> HTML {
        rules.maxLength.map { " maxlength=\"\($0)\"" as HTML } ?? .empty
    }

    private func select(_ id: HTML, _ value: String, _ options: [(code: String, label: Bilingual)]) -> HTML {
        let known = options.contains { $0.code == value }
        let items = options.map { o -> HTML in
            "<option value=\"\(o.code)\"\(o.code == value ? " selected" : "")>\(o.label.zh == o.label.en ? o.label.zh : o.label.zh + " " + o.label.en)</option>"
        }
        // A value the list does not have (imported, or from an older revision) stays visible, to be put right.
        let other: HTML = !value.isEmpty && !known ? "<option value=\"\(value)\" selected>\(value)</option>" : .empty
        return "<select \(id)><option value=\"\">\(Words.choose.in(language))</option>\(other)\(items.joined())</select>"
    }

    private func table(_ table: Table, at path: String) -> HTML {
        let heads = table.columns.map { c -> HTML in
            "<th>\(bilingual(c.label))\(c.required ? " <abbr class=\"req\">*</abbr>" as HTML : .empty)</th>"
        }.joined()
        func row(_ rowPath: String, label: HTML?, removable: Bool) -> HTML {
            let cells = table.columns.map { c -> HTML in
                "<td data-path=\"\(rowPath).\(c.id)\">\(control(c, at: rowPath + "." + c.id))\(problemList(rowPath + "." + c.id))</td>"
            }.joined()
            let remove: HTML = removable ? "<td class=\"rowops\"><button type=\"button\" class=\"remove-row\" title=\"\(Words.removeRow.in(language))\">×</button></td>" : .empty
            return "<tr data-path=\"\(rowPath)\">\(label.map { l -> HTML in "<th scope=\"row\">\(l)</th>" } ?? .empty)\(cells)\(remove)</tr>"
        }
        if table.hasFixedRows {
            let rows = table.fixedRows.map { r in row(path + "." + r.key, label: bilingual(r.label), removable: false) }.joined(separator: "\n")
            return "<table class=\"grid\"><thead><tr><th></th>\(heads)</tr></thead><tbody>\n\(rows)\n</tbody></table>"
        }
        let rows = (1...rowCount(path, table)).map { row("\(path)[\($0)]", label: nil, removable: true) }.joined(separator: "\n")
        let model = row("\(path)[__N__]", label: nil, removable: true)
        let limit: HTML = table.maxRows.map { " data-max-rows=\"\($0)\"" as HTML } ?? .empty
        return """
            <table class="grid rows" data-table="\(path)"\(limit)><thead><tr>\(heads)<th></th></tr></thead><tbody>
            \(rows)
            </tbody></table>
            <template data-row-for="\(path)">\(model)</template>
            <button type="button" class="add-row" data-add-row="\(path)">\(Words.addRow.in(language))</button>
            """
    }
}
