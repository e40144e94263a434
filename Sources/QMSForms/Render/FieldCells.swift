/// The HTML of one section's fields, filled from a record or blank for handwriting.
struct FieldCells {
    let language: Language
    /// `nil` for a blank form.
    let record: Record?
    /// Electronic signatures, printed in the block of their meaning.
    var signatures: [ElectronicSignature] = []

    private func label(_ b: Bilingual) -> HTML { language.label(b) }

    /// Two label/value pairs a row.
    static let fieldsTable: HTML = "<table class=\"fields\"><colgroup><col class=\"l\"><col><col class=\"l\"><col></colgroup><tbody>"

    /// One label/value pair: long fields, and a lone short one.
    private func wide(_ field: Field) -> HTML {
        "<table class=\"fields\"><colgroup><col class=\"l\"><col></colgroup><tbody><tr>" + headerCell(field)
            + valueCell(field, span: 1) + "</tr></tbody></table>\n"
    }

    func section(_ section: Section) -> HTML {
        var h = HTML.empty
        var pairs: [Field] = []
        var signatures: [Field] = []
        func flushPairs() {
            guard !pairs.isEmpty else { return }
            if pairs.count == 1 {
                h += wide(pairs[0])
                pairs = []
                return
            }
            h += FieldCells.fieldsTable + "\n"
            var i = 0
            while i < pairs.count {
                h += "<tr>" + headerCell(pairs[i]) + valueCell(pairs[i], span: i + 1 < pairs.count ? 1 : 3)
                if i + 1 < pairs.count { h += headerCell(pairs[i + 1]) + valueCell(pairs[i + 1], span: 1) }
                h += "</tr>\n"
                i += 2
            }
            h += "</tbody></table>\n"
            pairs = []
        }
        for field in section.fields {
            switch field.kind {
            case .signature:
                signatures.append(field)
            case .table(let table):
                flushPairs()
                h += self.table(field, table)
            case .multiline, .multi:
                flushPairs()
                h += wide(field)
            case .choice(let options) where record == nil && options.options.count > 3:
                flushPairs()
                h += wide(field)
            default:
                pairs.append(field)
            }
        }
        flushPairs()
        if !signatures.isEmpty {
            h += "<div class=\"signatures\">\n\(signatures.map(signature).joined())</div>\n"
        }
        return h
    }

    private func headerCell(_ field: Field) -> HTML {
        var h: HTML = "<th scope=\"row\">\(label(field.label))"
        if field.required { h += " <span class=\"note\">*</span>" }
        if field.isComputed { h += "<br><span class=\"note\">\(label(Bilingual(zh: "自动计算", en: "computed")))</span>" }
        return h + "</th>"
    }

    private func valueCell(_ field: Field, span: Int) -> HTML {
        let colspan: HTML = span > 1 ? " colspan=\"\(span)\"" : .empty
        let cls: HTML = field.isComputed ? " class=\"computed\"" : .empty
        return "<td\(colspan)\(cls)>\(content(field, record?.value(field.id)))</td>"
    }

    /// The inside of a value cell: the value when filled, boxes and ticks when blank.
    func content(_ field: Field, _ value: Value?) -> HTML {
        guard let value else {
            // An empty multiline field keeps its ruled lines on a filled form: room to write by hand.
            if record != nil && !field.isComputed {
                if case .multiline = field.kind { return blank(field) }
                return "<div class=\"v\"></div>"
            }
            return blank(field)
        }
        switch (field.kind, value) {
        case let (.choice(options), .choice(code)) where field.showsAllOptions:
            return options.options.map { o in
                "<span class=\"tick\">\(o.code == code ? "☑ " : "☐ ")\(label(o.label))</span>" as HTML
            }.joined(separator: " ")
        case let (.choice(options), .choice(code)):
            return options.option(code: code).map { label($0.label) } ?? HTML(escaping: code)
        case let (.multi(options), .multi(codes)):
            return options.options.map { o in
                "<span class=\"tick\">\(codes.contains(o.code) ? "☑ " : "☐ ")\(label(o.label))</span>" as HTML
            }.joined(separator: " ")
        case let (.computed(c), .choice(code)):
            return c.levels.first { $0.code == code }.map { label($0.label) } ?? HTML(escaping: code)
        case let (_, .boolean(b)):
            return label(b ? Bilingual(zh: "是", en: "Yes") : Bilingual(zh: "否", en: "No"))
        case let (.integer(r), v), let (.decimal(r), v):
            return HTML(escaping: v.lexical + (r.unit.map { " " + $0 } ?? ""))
        case let (.computed(.ratio(n, d, scale, places)), .decimal(x)):
            let parts = [record?.value(n), record?.value(d)].map { $0?.lexical ?? "—" }
            let factor = scale == 100 || scale == 1 ? "" : " × " + Value.format(scale)
            return "\(Value.printed(x, places: places) + (scale == 100 ? "%" : "")) <span class=\"note\">(\(parts[0]) / \(parts[1] + factor))</span>"
        case let (.computed(c), .decimal(x)):
            return HTML(escaping: c.places.map { Value.printed(x, places: $0) } ?? Value.format(x))
        case let (.computed, v):
            return HTML(escaping: v.lexical)
        case let (_, .datetime(s)):
            return "<span class=\"d\">\(FieldCells.printable(dateTime: s))</span>"
        case let (_, .date(s)):
            return "<span class=\"d\">\(s)</span>"
        default:
            return "<div class=\"v\">\(value.lexical)</div>"
        }
    }

    /// `2026-04-13T15:20:00` → `2026-04-13 15:20` (seconds only when not zero).
    static func printable(dateTime s: String) -> String {
        var t = s.replacingOccurrences(of: "T", with: " ")
        if t.count >= 19, t.dropFirst(16).hasPrefix(":00") { t.removeSubrange(t.index(t.startIndex, offsetBy: 16)..<t.index(t.startIndex, offsetBy: 19)) }
        return t
    }

    private func blank(_ field: Field) -> HTML {
        switch field.kind {
        case let .multiline(_, lines):
            return "<div class=\"box lines\" style=\"height: \(lines * 7)mm\"></div>"
        case let .choice(options), let .multi(options):
            return options.options.map { "<span class=\"tick\">☐ \(label($0.label))</span>" as HTML }.joined(separator: " ")
        case .boolean:
            return "<span class=\"tick\">☐ \(label(Bilingual(zh: "是", en: "Yes")))</span> <span class=\"tick\">☐ \(label(Bilingual(zh: "否", en: "No")))</span>"
        case .date:
            return "<div class=\"box\">\(language == .en ? "____-__-__" : "____年__月__日")</div>"
        case .datetime:
            return "<div class=\"box\">\(language == .en ? "____-__-__ __:__" : "____年__月__日 __时__分")</div>"
        case let .computed(c) where !c.levels.isEmpty:
            return c.levels.map { "<span class=\"tick\">☐ \(label($0.label))</span>" as HTML }.joined(separator: " ")
        default:
            return "<div class=\"box\"></div>"
        }
    }

    private func table(_ field: Field, _ table: Table) -> HTML {
        let wide = table.columns.count > 8
        // The title is the first header row, not a <caption>: a header repeats on every page and
        // never stays behind at a page's foot without the table's first row.
        let span = 1 + (table.hasWeights ? 1 : 0) + table.columns.count
        var h: HTML = "<table class=\"grid\(wide ? " wide" : "")\">\n<thead><tr class=\"title\"><th scope=\"colgroup\" colspan=\"\(span)\">"
            + "\(label(field.label))\(field.required ? " *" : "")</th></tr>\n<tr>"
        h += "<th scope=\"col\">\(label(table.hasFixedRows ? Bilingual(zh: "项目", en: "Item") : Bilingual(zh: "序号", en: "No.")))</th>"
        if table.hasWeights { h += "<th scope=\"col\">\(label(Bilingual(zh: "权重", en: "Weight")))</th>" }
        for column in table.columns {
            let width: HTML = column.width.map { " style=\"width: \($0)\"" } ?? .empty
            h += "<th scope=\"col\"\(width)>\(label(column.label))</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        let rows: [Value.Row]
        if case let .table(r)? = record?.value(field.id) { rows = r } else { rows = [] }
        if table.hasFixedRows {
            for fixed in table.fixedRows {
                let row = rows.first { $0.key == fixed.key }
                h += "<tr\(record == nil ? " class=\"blank-row\"" as HTML : .empty)><th scope=\"row\">\(label(fixed.label))</th>"
                if table.hasWeights { h += "<td class=\"n\">\(fixed.weight.map { Value.format($0) + "%" } ?? "")</td>" }
                for column in table.columns { h += cell(column, row?.cells[column.id], wide: wide) }
                h += "</tr>\n"
            }
        } else if record != nil && !rows.isEmpty {
            for (i, row) in rows.enumerated() {
                h += "<tr><td class=\"n\">\(i + 1)</td>"
                for column in table.columns { h += cell(column, row.cells[column.id], wide: wide) }
                h += "</tr>\n"
            }
        } else {
            let count = record == nil ? max(table.blankRows, table.minRows ?? 0) : max(1, table.minRows ?? 1)
            for i in 0..<count {
                h += "<tr class=\"blank-row\"><td class=\"n\">\(i + 1)</td>"
                h += Array(repeating: "<td></td>" as HTML, count: table.columns.count).joined() + "</tr>\n"
            }
        }
        return h + "</tbody>\n</table>\n"
    }

    private func cell(_ column: Field, _ value: Value?, wide: Bool) -> HTML {
        guard let value else {
            if record == nil, !wide, case let .choice(options) = column.kind, options.options.count <= 6 {
                return "<td>\(blank(column))</td>"
            }
            return "<td></td>"
        }
        // A wide sheet has no room for two languages in every cell: its header carries both.
        let cells = wide && language == .both ? FieldCells(language: .zh, record: record, signatures: signatures) : self
        return "<td>\(cells.content(column, value))</td>"
    }

    private func signature(_ field: Field) -> HTML {
        var name = "", date = ""
        if case let .signature(n, d)? = record?.value(field.id) {
            name = n ?? ""
            date = d ?? ""
        }
        // An electronic signature names its signer and its day: the names typed in the data do not.
        let signed = signatures.first { $0.meaning == field.id }
        var entered = HTML.empty
        if let signed {
            if !name.isEmpty && PersonName.normalized(name) != PersonName.normalized(signed.signer) {
                entered = " <span class=\"note\">(\(label(Bilingual(zh: "表中填写", en: "entered as"))) \(name))</span>"
            }
            name = signed.signer
            date = String(signed.time.prefix(10))
        }
        let dateText = date.isEmpty ? (language == .en ? "____-__-__" : "____年__月__日") : date
        return "<div class=\"sig\"><div class=\"role\">\(label(field.label))</div>"
            + "<div class=\"printed\">\(label(Bilingual(zh: "姓名", en: "Name"))): \(name)\(entered)</div>"
            + (signed.map(manifestation) ?? "<div class=\"signline\">\(label(Bilingual(zh: "签名", en: "Signature"))):<span class=\"line\"></span></div>")
            + "<div class=\"date\">\(label(Bilingual(zh: "日期", en: "Date"))): \(dateText)</div></div>\n"
    }

    /// What an electronic signature shows where the ink would go (21 CFR 11.50): the signer's printed
    /// name and account, the meaning, the date and time with its zone, the certificate.
    private func manifestation(_ s: ElectronicSignature) -> HTML {
        "<div class=\"esig\"><b>\(label(Bilingual(zh: "电子签名", en: "Signed electronically")))</b><br>\(s.signer) (\(s.account))<br>"
            + "\(label(s.meaningLabel))<br>\(s.printedTime)<br>\(label(Bilingual(zh: "证书", en: "Certificate"))) \(String(s.certificateSerial.prefix(16)))</div>"
    }
}
