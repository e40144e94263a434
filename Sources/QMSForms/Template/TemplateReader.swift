import Foundation
import XMLSupport

/// Turns a schema-valid template element tree into a ``Template`` and checks what the schema
/// cannot: unique ids, rules and computations that name real fields of the right type.
struct TemplateReader {
    let path: String
    private var options: [String: Options] = [:]
    private var seen: [String: Field] = [:]

    init(path: String) { self.path = path }

    private func fail(_ line: Int, _ message: String) -> TemplateError {
        TemplateError(path: path, line: line, reason: .semantic(message))
    }

    mutating func read(_ root: Element, sha256: String) throws(TemplateError) -> Template {
        let identity = root.element(named: "identity")!
        let kind = Template.Kind(rawValue: root["kind"] ?? "form") ?? .form
        let documentElement = root.element(named: "document")
        guard (kind == .procedure) == (documentElement != nil) else {
            throw fail(root.line, kind == .procedure ? "a procedure holds a <document>, not sections" : "a form holds sections, not a <document>")
        }
        let control = try readControl(root.element(named: "control")!, kind: kind)
        let changes = try readChanges(root.element(named: "change-record")!, current: control.revision)
        for list in root.elements(named: "options") {
            options[list["id"]!] = Options(id: list["id"]!, options: list.elements(named: "option").map {
                Options.Option(code: $0["code"]!, label: label($0), points: $0["points"].flatMap { Decimal(string: $0) })
            })
        }
        var sections: [Section] = []
        for element in root.elements(named: "section") {
            var fields: [Field] = []
            var checks: [Check] = []
            for fieldElement in element.elements {
                if fieldElement.name == "check" { checks.append(try check(fieldElement)); continue }
                let field = try readField(fieldElement, inTable: nil)
                if let previous = seen[field.id] {
                    throw fail(fieldElement.line, "field id '\(field.id)' is used twice (first at line \(previous.line)); ids must be unique in a template")
                }
                seen[field.id] = field
                fields.append(field)
            }
            var section = Section(id: element["id"]!, label: label(element), progressive: element["progressive"] == "true",
                                  pageBreakBefore: element["page-break-before"] == "true", fields: fields)
            section.checks = checks
            sections.append(section)
        }
        sections = try resolvingReferences(in: sections)
        let template = Template(number: identity["number"]!, procedure: identity["procedure"]!,
                                alias: identity["alias"]!, title: label(identity), control: control,
                                changeRecord: changes, sections: sections, sha256: sha256, path: path, kind: kind,
                                document: try documentElement.map { (e) throws(TemplateError) in try ProcedureReader(path: path).read(e) },
                                landscape: root["orientation"] == "landscape",
                                archive: root.element(named: "archive").map(readArchive) ?? ArchiveProfile())
        try TemplateCheck(template: template, path: path).run()
        return template
    }

    private func readArchive(_ e: Element) -> ArchiveProfile {
        func words(_ s: String?) -> [String] { (s ?? "").split(separator: " ").map(String.init) }
        let deadlines = e.elements(named: "deadline").map { d in
            ArchiveProfile.Deadline(
                kind: d["kind"]!, table: d["table"],
                due: d["due"].map { .on($0) } ?? .after(d["after"] ?? "", days: Int(d["days"] ?? "0") ?? 0),
                doneWhen: words(d["done-when"]).map { c in
                    let parts = c.split(separator: "=", maxSplits: 1).map(String.init)
                    return .init(field: parts[0], equals: parts.count > 1 ? parts[1] : nil)
                },
                department: words(d["department"]), status: d["status"], customer: d["customer"], entry: d["entry"])
        }
        var index: [ArchiveProfile.IndexKey: String] = [:]
        for i in e.elements(named: "index") { index[ArchiveProfile.IndexKey(rawValue: i["key"]!)!] = i["field"]! }
        return ArchiveProfile(datedBy: e["dated-by"], closedBy: e["closed-by"], index: index, deadlines: deadlines)
    }

    private func label(_ e: Element) -> Bilingual { Bilingual(zh: e["zh"]!, en: e["en"]!) }

    private func readControl(_ e: Element, kind: Template.Kind) throws(TemplateError) -> DocumentControl {
        var pattern: RecordNumberPattern?
        switch (kind, e["record-number"]) {
        case let (.form, text?):
            guard let p = RecordNumberPattern(text) else { throw fail(e.line, "record-number '\(text)' is not a valid pattern") }
            pattern = p
        case (.form, nil): throw fail(e.line, "a form needs record-number= (e.g. 8D-{yyyy}-{seq:3})")
        case (.procedure, _?): throw fail(e.line, "a procedure has no records: remove record-number=")
        case (.procedure, nil): pattern = nil
        }
        let approvals = e.elements(named: "approval").map {
            Approval(role: Approval.Role(rawValue: $0["role"]!)!, name: $0["name"]!, date: $0["date"]!, contentSHA256: $0["content-sha256"])
        }
        guard approvals.map(\.role) == Array(Approval.Role.allCases.prefix(approvals.count)) else {
            throw fail(e.line, "approvals must be prepared, reviewed, approved, in that order")
        }
        guard zip(approvals, approvals.dropFirst()).allSatisfy({ $0.date <= $1.date }) else {
            throw fail(e.line, "approval dates go backwards: prepared ≤ reviewed ≤ approved")
        }
        if let effective = e["effective"] {
            guard approvals.count == 3 else { throw fail(e.line, "an effective date needs all three approvals") }
            guard approvals[2].date <= effective else {
                throw fail(e.line, "effective date \(effective) is before the approval date \(approvals[2].date)")
            }
        }
        guard let number = Int(e["revision"]!), number < 100 else { throw fail(e.line, "revision must be 0–99") }
        return DocumentControl(
            revision: Revision(edition: Character(e["edition"]!), number: number),
            approvals: approvals, effective: e["effective"],
            retention: Retention(years: Int(e["retention-years"]!) ?? 3,
                                 basis: Retention.Basis(rawValue: e["retention-from"] ?? "record-date") ?? .recordDate),
            department: Bilingual(zh: e["department-zh"]!, en: e["department-en"]!),
            recordNumber: pattern, letterAfter: Int(e["letter-after"] ?? "4") ?? 4,
            selfApproval: e["self-approval"] == "true")
    }

    private func readChanges(_ e: Element, current: Revision) throws(TemplateError) -> [ChangeRecord] {
        var rows: [ChangeRecord] = []
        for (i, c) in e.elements(named: "change").enumerated() {
            guard let version = Revision(c["version"]!) else { throw fail(c.line, "bad version") }
            if let last = rows.last, !(last.version < version) {
                throw fail(c.line, "change record goes backward: \(version) after \(last.version)")
            }
            if let last = rows.last, c["date"]! < last.date {
                throw fail(c.line, "change record date \(c["date"]!) is before the previous row's \(last.date)")
            }
            rows.append(ChangeRecord(seq: i + 1, date: c["date"]!, version: version,
                                     summary: c.element(named: "summary")!.text,
                                     before: c.element(named: "before")?.text ?? "",
                                     after: c.element(named: "after")?.text ?? "",
                                     pages: c["pages"]!, order: c["order"]!, by: c["by"]!,
                                     remarks: c.element(named: "remarks")?.text ?? ""))
        }
        guard rows.first?.version == Revision(edition: "A", number: 0) else {
            throw fail(e.line, "the first change-record row must be A/0 (first issue)")
        }
        guard rows.last?.version == current else {
            throw fail(e.line, "the last change-record row is \(rows.last!.version) but the control data says \(current)")
        }
        return rows
    }

    private func decimal(_ e: Element, _ name: String) throws(TemplateError) -> Decimal? {
        guard let s = e[name] else { return nil }
        guard let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else {
            throw fail(e.line, "\(name)='\(s)' is not a number")
        }
        return d
    }

    private func readField(_ e: Element, inTable: String?) throws(TemplateError) -> Field {
        let id = e["id"]!
        let kind: Field.Kind
        switch e.name {
        case "text", "multiline":
            var rules = TextRules(maxLength: e["max-length"].flatMap { Int($0) }, pattern: e["pattern"])
            if let pattern = rules.pattern {
                do { rules.regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$") } catch {
                    throw fail(e.line, "pattern of '\(id)' is not a valid regular expression: \(pattern)")
                }
            }
            kind = e.name == "text" ? .text(rules) : .multiline(rules, lines: Int(e["lines"] ?? "3") ?? 3)
        case "integer", "decimal":
            let rules = NumberRules(min: try decimal(e, "min"), max: try decimal(e, "max"), unit: e["unit"])
            if let lo = rules.min, let hi = rules.max, lo > hi { throw fail(e.line, "min > max on '\(id)'") }
            kind = e.name == "integer" ? .integer(rules) : .decimal(rules)
        case "date", "datetime":
            let rules = DateRules(notBefore: e["not-before"], before: e["before"],
                                  yearField: e["year-field"], quarterField: e["quarter-field"], monthField: e["month-field"])
            if (rules.yearField == nil) != (rules.quarterField == nil && rules.monthField == nil) || (rules.quarterField != nil && rules.monthField != nil) {
                throw fail(e.line, "'\(id)': year-field goes with quarter-field or with month-field")
            }
            kind = e.name == "date" ? .date(rules) : .datetime(rules)
        case "boolean": kind = .boolean
        case "enum", "multi":
            guard let list = options[e["options"]!] else {
                throw fail(e.line, "'\(id)' uses options '\(e["options"]!)', which are not declared before the sections")
            }
            kind = e.name == "enum" ? .choice(list) : .multi(list)
        case "reference": kind = .reference(prefixes: e["prefixes"]!.split(separator: " ").map(String.init))
        case "signature": kind = .signature
        case "table":
            guard inTable == nil else { throw fail(e.line, "a table cannot hold another table ('\(id)')") }
            var columns: [Field] = []
            for c in e.element(named: "columns")!.elements {
                let column = try readField(c, inTable: id)
                if case let .computed(computation) = column.kind, !computation.isRowScoped {
                    throw fail(c.line, "computed column '\(column.id)' must compute from its own row (date-diff, threshold, band, row-score, count-cells)")
                }
                if case .signature = column.kind { throw fail(c.line, "signature columns are not supported; use text for a name ('\(column.id)')") }
                if columns.contains(where: { $0.id == column.id }) { throw fail(c.line, "column '\(column.id)' is used twice in '\(id)'") }
                columns.append(column)
            }
            let rows = e.elements(named: "row").map {
                Table.FixedRow(key: $0["key"]!, label: label($0), weight: $0["weight"].flatMap { Decimal(string: $0) })
            }
            if Set(rows.map(\.key)).count != rows.count { throw fail(e.line, "row keys repeat in '\(id)'") }
            let minRows = e["min-rows"].flatMap { Int($0) }
            let maxRows = e["max-rows"].flatMap { Int($0) }
            if let lo = minRows, let hi = maxRows, lo > hi { throw fail(e.line, "min-rows > max-rows on '\(id)'") }
            var table = Table(columns: columns, fixedRows: rows, minRows: minRows, maxRows: maxRows,
                              blankRows: Int(e["blank-rows"] ?? "5") ?? 5, csv: e["csv"] == "true")
            for c in e.elements(named: "check") { table.checks.append(try check(c)) }
            kind = .table(table)
        case "computed":
            kind = .computed(try readComputation(e.elements.first!))
        default:
            throw fail(e.line, "unknown field type <\(e.name)>")
        }
        var conditions: [Condition] = []
        for w in e.elements(named: "required-when") { conditions.append(try condition(w)) }
        let hint: Bilingual? = e["hint-zh"].map { Bilingual(zh: $0, en: e["hint-en"] ?? $0) }
        var field = Field(id: id, label: label(e), kind: kind, required: e["required"] == "true",
                          requiredWhen: conditions, hint: hint, width: e["width"], line: e.line)
        field.showsAllOptions = e["show"] == "all"
        return field
    }

    /// A `required-when`, `when` or `and` condition: `field` with one test, maybe `not="true"`,
    /// and every `<and>` inside it as well.
    private func condition(_ w: Element) throws(TemplateError) -> Condition {
        let test: Condition.Test
        if let codes = w["in"] {
            test = .inCodes(codes.split(separator: " ").map(String.init))
        } else if let n = try decimal(w, "below") {
            test = .below(n)
        } else if let n = try decimal(w, "at-least") {
            test = .atLeast(n)
        } else if w["is-set"] == "true" {
            test = .isSet
        } else {
            throw fail(w.line, "<\(w.name)> needs one of in=, is-set=\"true\", below=, at-least=")
        }
        var conjuncts: [Condition] = []
        for a in w.elements(named: "and") { conjuncts.append(try condition(a)) }
        return Condition(field: w["field"]!, test: test, negated: w["not"] == "true", conjuncts: conjuncts)
    }

    /// A `<check>`: left, the comparison, a field or a number on the right, its own message.
    func check(_ e: Element) throws(TemplateError) -> Check {
        guard let comparison = e["is"].flatMap(Check.Comparison.init(rawValue:)) else {
            throw fail(e.line, "<check> needs is=\"" + Check.Comparison.allCases.map(\.rawValue).joined(separator: "|") + "\"")
        }
        let right: Check.Operand
        if let field = e["right"], e["value"] == nil { right = .field(field) }
        else if let n = try decimal(e, "value"), e["right"] == nil { right = .number(n) }
        else { throw fail(e.line, "<check> takes right= (a field) or value= (a number), one of them") }
        var when: [Condition] = []
        for w in e.elements(named: "when") { when.append(try condition(w)) }
        return Check(left: e["left"]!, comparison: comparison, right: right, plusDays: Int(e["plus-days"] ?? "0") ?? 0,
                     message: label(e), cite: e["cite"], when: when, line: e.line)
    }

    private func readComputation(_ e: Element) throws(TemplateError) -> Computation {
        func level(_ l: Element) throws(TemplateError) -> Computation.Level {
            Computation.Level(atLeast: try decimal(l, "at-least"), code: l["code"]!, label: label(l))
        }
        switch e.name {
        case "sum":
            let fields = e["fields"]?.split(separator: " ").map(String.init) ?? []
            guard (e["table"] != nil && e["column"] != nil) != !fields.isEmpty else {
                throw fail(e.line, "<sum> takes either table= and column=, or fields=")
            }
            return .sum(table: e["table"], column: e["column"], fields: fields)
        case "count":
            return .count(table: e["table"]!, column: e["column"],
                          codes: e["in"]?.split(separator: " ").map(String.init) ?? [], empty: e["empty"] == "true")
        case "mean":
            return .mean(table: e["table"]!, column: .init(id: e["column"]!), where: e["where"],
                         codes: e["in"]?.split(separator: " ").map(String.init) ?? [], places: Int(e["places"] ?? "1") ?? 1)
        case "ratio":
            return .ratio(numerator: e["numerator"]!, denominator: e["denominator"]!,
                          scale: try decimal(e, "scale") ?? 100, places: Int(e["places"] ?? "1") ?? 1)
        case "difference":
            return .difference(from: e["from"]!, to: e["to"]!, places: Int(e["places"] ?? "1") ?? 1)
        case "row-score":
            var items: [(column: Computation.ScoredColumn, weight: Decimal)] = []
            for item in e.elements(named: "item") { items.append((.init(id: item["column"]!), try decimal(item, "weight") ?? 0)) }
            return .rowScore(items: items, places: Int(e["places"] ?? "1") ?? 1)
        case "count-cells":
            let codes = e["in"]?.split(separator: " ").map(String.init) ?? []
            guard codes.isEmpty != (e["empty"] != "true") else { throw fail(e.line, "<count-cells> takes either in= or empty=\"true\"") }
            return .countCells(columns: e["columns"]!.split(separator: " ").map(String.init), codes: codes, empty: e["empty"] == "true")
        case "weighted-score":
            return .weightedScore(table: e["table"]!, column: .init(id: e["column"]!), weights: [:], places: Int(e["places"] ?? "1") ?? 1)
        case "date-diff":
            return .dateDiff(from: e["from"]!, to: e["to"]!, unit: Computation.DateUnit(rawValue: e["unit"] ?? "days") ?? .days)
        case "threshold":
            let test: Computation.ThresholdTest
            if let n = try decimal(e, "at-least") { test = .atLeast(n) }
            else if let n = try decimal(e, "at-most") { test = .atMost(n) }
            else if let n = try decimal(e, "above") { test = .above(n) }
            else if let n = try decimal(e, "below") { test = .below(n) }
            else { throw fail(e.line, "<threshold> needs at-least=, at-most=, above= or below=") }
            return .threshold(field: e["field"]!, test: test)
        case "set":
            return .isSet(field: e["field"]!)
        case "all-of", "first-of":
            var tests: [Computation] = []
            for t in e.elements {
                guard t.name == "threshold" || t.name == "set" else { throw fail(t.line, "<\(e.name)> holds <threshold> and <set> tests, not <\(t.name)>") }
                tests.append(try readComputation(t))
            }
            guard !tests.isEmpty else { throw fail(e.line, "<\(e.name)> needs at least one test") }
            return e.name == "all-of" ? .allOf(tests) : .firstOf(tests)
        case "band":
            var levels: [Computation.Level] = []
            for l in e.elements(named: "level") { levels.append(try level(l)) }
            return .band(field: e["field"]!, levels: levels)
        case "status":
            var rules: [Computation.StatusRule] = []
            for w in e.elements(named: "when") {
                let test: Computation.StatusRule.Test
                if let s = w["section-complete"] { test = .sectionComplete(s) }
                else if let f = w["field"], let codes = w["in"] {
                    test = .field(f, inCodes: codes.split(separator: " ").map(String.init))
                } else { throw fail(w.line, "<when> needs section-complete=, or field= with in=") }
                rules.append(Computation.StatusRule(test: test, result: try level(w)))
            }
            return .status(rules: rules, otherwise: try level(e.element(named: "otherwise")!))
        default:
            throw fail(e.line, "unknown computation <\(e.name)>")
        }
    }
}
