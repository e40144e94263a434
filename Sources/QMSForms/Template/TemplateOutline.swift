/// A readable outline of a template: sections, fields with types and rules, computations.
public struct TemplateOutline: Sendable {
    /// The template.
    public let template: Template

    /// The outline of `template`.
    public init(template: Template) { self.template = template }

    /// The outline as text: sections, fields with types and rules.
    public var text: String {
        let t = template
        var out = "\(t.number) \(t.control.revision)  \(t.title.zh) / \(t.title.en)  [alias \(t.alias)]\n"
        out += "procedure \(t.procedure) · effective \(t.control.effective ?? "not released") · records \(t.control.recordNumber?.text ?? "none")"
        out += " · kept \(t.control.retention.label.en) by \(t.control.department.en)\n"
        if let document = t.document {
            out += "procedure document: printed with 'qmsforms blank \(t.alias)'\n"
            for part in document.parts {
                out += "\n" + (part.number.map { $0 + " " } ?? "") + part.title.both + "\n"
                for block in part.blocks { out += "  " + Self.describe(block) + "\n" }
            }
            return out
        }
        out += "data keys: record_no, " + t.sections.map(\.id).joined(separator: ", ") + "\n"
        for section in t.sections {
            out += "\n\(section.id)  \(section.label.both)" + (section.progressive ? "  (progressive: filled in order)" : "") + "\n"
            for field in section.fields { out += line(field, indent: "  ") }
        }
        return out
    }

    private func line(_ f: Field, indent: String) -> String {
        let rules = Self.rules(of: f)
        var children = ""
        if case let .table(table) = f.kind { children = table.columns.map { line($0, indent: indent + "    ") }.joined() }
        return "\(indent)\(f.id)  \(Self.type(of: f))  \(f.label.both)" + (rules.isEmpty ? "" : "  {" + rules.joined(separator: "; ") + "}") + "\n" + children
    }

    /// The field's type with its options, prefixes or computation: `enum(a=… b=…)`.
    static func type(of f: Field) -> String {
        switch f.kind {
        case let .choice(o), let .multi(o):
            return f.typeName + "(" + o.options.map { "\($0.code)=\($0.label.zh)" + ($0.points.map { ":\(Value.format($0))" } ?? "") }.joined(separator: " ") + ")"
        case let .reference(prefixes): return "reference→" + prefixes.joined(separator: "/")
        case let .computed(c): return "computed " + describe(c)
        default: return f.typeName
        }
    }

    /// The field's rules in words: required, conditions, lengths, bounds, dates, rows.
    static func rules(of f: Field) -> [String] {
        var rules: [String] = []
        if f.required { rules.append("required") }
        for c in f.requiredWhen {
            switch c.test {
            case let .inCodes(codes): rules.append("required when \(c.field) in [\(codes.joined(separator: ", "))]")
            case .isSet: rules.append("required when \(c.field) is set")
            case let .below(n): rules.append("required when \(c.field) < \(Value.format(n))")
            case let .atLeast(n): rules.append("required when \(c.field) ≥ \(Value.format(n))")
            }
        }
        switch f.kind {
        case let .text(r), let .multiline(r, _):
            if let m = r.maxLength { rules.append("max \(m) chars") }
            if let p = r.pattern { rules.append("pattern \(p)") }
        case let .integer(r), let .decimal(r):
            if let m = r.min { rules.append("min \(Value.format(m))") }
            if let m = r.max { rules.append("max \(Value.format(m))") }
        case let .date(r), let .datetime(r):
            if let nb = r.notBefore { rules.append("not before \(nb)") }
            if let b = r.before { rules.append("before \(b)") }
            if let y = r.yearField, let q = r.quarterField { rules.append("within the year \(y) and quarter \(q)") }
            if let y = r.yearField, let m = r.monthField { rules.append("within the year \(y) and month \(m)") }
        case let .table(table):
            if let m = table.minRows { rules.append("min \(m) rows") }
            if let m = table.maxRows { rules.append("max \(m) rows") }
            if table.hasFixedRows {
                rules.append("rows: " + table.fixedRows.map { $0.key + ($0.weight.map { " \(Value.format($0))%" } ?? "") }.joined(separator: ", "))
            }
        default: break
        }
        return rules
    }

    static func describe(_ b: ProcedureDocument.Block) -> String {
        switch b {
        case let .paragraph(number, text): (number.map { $0 + " " } ?? "") + String(text.zh.prefix(30)) + (text.zh.count > 30 ? "…" : "")
        case let .list(style, items): "list (\(style.rawValue)), \(items.count) items"
        case let .table(_, head, rows): "table, \(head.count) columns × \(rows.count) rows"
        case let .references(refs): "related documents: " + refs.map { $0.number ?? $0.title.zh }.joined(separator: ", ")
        case let .flow(flow): "flow chart: " + flow.steps.map(\.text.zh).joined(separator: " → ")
        case let .turtle(turtle): "turtle diagram of \(turtle.process.zh); key criteria: " + turtle.criteria.map(\.zh).joined(separator: ", ")
        }
    }

    static func describe(_ c: Computation) -> String {
        switch c {
        case let .sum(table, column, fields): "= sum(" + (table.map { "\($0).\(column ?? "")" } ?? fields.joined(separator: " + ")) + ")"
        case let .count(table, column, codes, empty): "= count(\(table)" + (column.map { " where \($0)" + (empty ? " is empty" : codes.isEmpty ? " is set" : " in [\(codes.joined(separator: ", "))]") } ?? "") + ")"
        case let .weightedScore(table, column, _, _): "= weighted score of \(table).\(column.id)"
        case let .mean(table, column, whereColumn, codes, _): "= mean of \(table).\(column.id)" + (whereColumn.map { " where \($0) in [\(codes.joined(separator: ", "))]" } ?? "")
        case let .ratio(n, d, scale, _): "= \(n) ÷ \(d) × \(Value.format(scale))"
        case let .difference(from, to, _): "= \(to) − \(from)"
        case let .rowScore(items, _): "= row score of " + items.map { "\($0.column.id)×\(Value.format($0.weight))" }.joined(separator: " ")
        case let .countCells(columns, codes, empty): "= cells of " + columns.joined(separator: ", ") + (empty ? " that are empty" : " in [\(codes.joined(separator: ", "))]")
        case let .dateDiff(from, to, unit): "= \(to) − \(from) in \(unit.rawValue)"
        case let .threshold(field, test): "= \(field) " + { switch test { case let .atLeast(n): "≥ \(Value.format(n))"; case let .atMost(n): "≤ \(Value.format(n))"; case let .above(n): "> \(Value.format(n))"; case let .below(n): "< \(Value.format(n))" } }()
        case let .isSet(field): "= \(field) is set"
        case let .allOf(tests): "= " + tests.map { String(describe($0).dropFirst(2)) }.joined(separator: " and ")
        case let .firstOf(tests): "= first of " + tests.map { String(describe($0).dropFirst(2)) }.joined(separator: ", else ")
        case let .band(field, levels): "= band of \(field): " + levels.map { "\($0.code)" + ($0.atLeast.map { "≥\(Value.format($0))" } ?? "") }.joined(separator: ", ")
        case let .status(rules, otherwise): "= status: " + rules.map { $0.result.code }.joined(separator: ", ") + ", else \(otherwise.code)"
        }
    }
}
