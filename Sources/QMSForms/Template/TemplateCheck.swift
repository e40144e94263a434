/// The consistency checks a template must pass beyond its schema: every rule and computation
/// names a field that exists, has the right type, and (for computed inputs) comes earlier.
struct TemplateCheck {
    let template: Template
    let path: String

    func fail(_ field: Field, _ message: String) -> TemplateError {
        TemplateError(path: path, line: field.line, reason: .semantic("field '\(field.id)': \(message)"))
    }

    func run() throws(TemplateError) {
        let sectionIds = Set(template.sections.map(\.id))
        var earlier: Set<String> = []
        for field in template.fields {
            if sectionIds.contains(field.id) {
                throw fail(field, "has the same id as a section; data keys would be ambiguous")
            }
            try checkConditions(field, table: nil)
            switch field.kind {
            case let .date(rules), let .datetime(rules):
                try checkDates(field, rules)
            case let .table(table):
                var earlierColumns: Set<String> = []
                for column in table.columns {
                    try checkConditions(column, table: table)
                    if case let .date(rules) = column.kind { try checkDates(column, rules, table: table) }
                    if case let .datetime(rules) = column.kind { try checkDates(column, rules, table: table) }
                    if case let .computed(c) = column.kind { try checkRow(column, c, table: table, earlier: earlierColumns) }
                    earlierColumns.insert(column.id)
                }
            case let .computed(computation):
                try checkComputation(field, computation, earlier: earlier)
            default: break
            }
            earlier.insert(field.id)
        }
        try checkArchive(template.archive)
        try checkRules()
    }

    /// Every field `<archive>` names exists where it says, with a type that makes sense there.
    private func checkArchive(_ profile: ArchiveProfile) throws(TemplateError) {
        func fail(_ message: String) -> TemplateError { TemplateError(path: path, reason: .semantic("<archive>: \(message)")) }
        for (attribute, id) in [("dated-by", profile.datedBy), ("closed-by", profile.closedBy)] {
            guard let id else { continue }
            guard let f = template.field(id), isDateLike(f) else { throw fail("\(attribute) '\(id)' must name a date or datetime field") }
        }
        if template.control.retention.basis == .closure, profile.closedBy == nil {
            throw fail("retention-from=\"closure\" needs closed-by naming the date that closes a record")
        }
        for (key, id) in profile.index.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let f = template.field(id), !isTable(f) else { throw fail("index \(key.rawValue) names '\(id)', which is not a field outside a table") }
        }
        for d in profile.deadlines {
            var table: Table?
            if let t = d.table {
                guard case let .table(found)? = template.field(t)?.kind else { throw fail("deadline \(d.kind): '\(t)' is not a table") }
                table = found
            }
            func field(_ id: String) -> Field? { table?.column(id) ?? template.field(id) }
            for id in d.fields where field(id) == nil {
                throw fail("deadline \(d.kind) names '\(id)', which is not a field\(d.table.map { " or a column of \($0)" } ?? "")")
            }
            switch d.due {
            case let .on(id), let .after(id, _):
                guard let f = field(id), isDateLike(f) else { throw fail("deadline \(d.kind): its date '\(id)' must be a date or datetime field") }
            }
        }
    }

    private func isTable(_ f: Field) -> Bool { if case .table = f.kind { true } else { false } }

    private func checkDates(_ field: Field, _ rules: DateRules, table: Table? = nil) throws(TemplateError) {
        for other in rules.others {
            guard let o = table?.column(other) ?? template.field(other), isDateLike(o) else {
                throw fail(field, "'\(other)' must name a date or datetime field")
            }
        }
        if let year = rules.yearField, let quarter = rules.quarterField {
            guard case .integer? = template.field(year)?.kind else { throw fail(field, "year-field '\(year)' must be an integer field") }
            guard let q = template.field(quarter), let codes = codes(q), Set(codes) == ["Q1", "Q2", "Q3", "Q4"] else {
                throw fail(field, "quarter-field '\(quarter)' must be an enum with codes Q1 Q2 Q3 Q4")
            }
        }
        if let year = rules.yearField, let month = rules.monthField {
            guard case .integer? = template.field(year)?.kind, case .integer? = template.field(month)?.kind else {
                throw fail(field, "year-field '\(year)' and month-field '\(month)' must be integer fields")
            }
        }
    }

    private func hasPoints(_ f: Field) -> Bool {
        if case let .choice(o) = f.kind { o.options.contains { $0.points != nil } } else { false }
    }

    /// A computed column: it may use the other columns of its row (computed ones declared before it).
    private func checkRow(_ field: Field, _ c: Computation, table: Table, earlier: Set<String>) throws(TemplateError) {
        func column(_ id: String) throws(TemplateError) -> Field {
            guard let f = table.column(id) else { throw fail(field, "uses '\(id)', which is not a column of this table") }
            if f.isComputed && !earlier.contains(id) { throw fail(field, "uses computed column '\(id)', which must come before it") }
            return f
        }
        switch c {
        case let .dateDiff(from, to, _):
            for id in [from, to] where !isDateLike(try column(id)) { throw fail(field, "date-diff uses '\(id)', which is not a date") }
        case let .threshold(id, _), let .band(id, _):
            guard isNumeric(try column(id)) else { throw fail(field, "tests '\(id)', which is not numeric") }
        case let .isSet(id):
            _ = try column(id)
        case let .allOf(tests), let .firstOf(tests):
            for test in tests { try checkRow(field, test, table: table, earlier: earlier) }
        case let .rowScore(items, _):
            for item in items where !hasPoints(try column(item.column.id)) {
                throw fail(field, "row-score uses '\(item.column.id)', which is not an enum whose options carry points")
            }
        case let .countCells(columns, list, _):
            for id in columns {
                let c = try column(id)
                if !list.isEmpty {
                    let known = codes(c) ?? []
                    for code in list where !known.contains(code) { throw fail(field, "count-cells: '\(code)' is not a code of '\(id)'") }
                }
            }
        default:
            throw fail(field, "this computation cannot be a table column")
        }
    }

    func isDateLike(_ f: Field) -> Bool {
        switch f.kind { case .date, .datetime: true; default: false }
    }

    func isNumeric(_ f: Field) -> Bool {
        switch f.kind {
        case .integer, .decimal: return true
        case let .computed(c): return c.resultType == .integer || c.resultType == .decimal
        default: return false
        }
    }

    /// The codes a field can hold, when it is coded.
    func codes(_ f: Field) -> [String]? {
        switch f.kind {
        case let .choice(o), let .multi(o): return o.options.map(\.code)
        case let .computed(c) where c.resultType == .code: return c.levels.map(\.code)
        case let .computed(c) where c.resultType == .boolean: return ["true", "false"]
        case .boolean: return ["true", "false"]
        default: return nil
        }
    }

    /// Resolves a condition's field: a sibling column inside a table, `table.column`, or a field.
    /// The field a resolved reference names.
    func target(_ reference: Condition.Reference, table: Table?) -> Field? {
        switch reference {
        case let .cell(id): table?.column(id)
        case let .column(t, c): if case let .table(inner)? = template.field(t)?.kind { inner.column(c) } else { nil }
        case let .field(id): template.field(id)
        }
    }

    private func checkConditions(_ field: Field, table: Table?) throws(TemplateError) {
        for condition in field.requiredWhen { try checkCondition(condition, of: field, table: table, what: "required-when") }
    }

    /// A condition (and each of its `<and>`s) names a field whose type suits its test.
    func checkCondition(_ condition: Condition, of field: Field, table: Table?, what: String) throws(TemplateError) {
        guard let target = target(condition.reference, table: table) else {
            throw fail(field, "\(what) names '\(condition.field)', which is not a field" + (table == nil ? "" : " or a column of this table"))
        }
        switch condition.test {
        case let .inCodes(list):
            guard let known = codes(target) else {
                throw fail(field, "\(what) in= needs a coded field; '\(condition.field)' is \(target.typeName)")
            }
            for code in list where !known.contains(code) {
                throw fail(field, "\(what): '\(code)' is not a code of '\(condition.field)' (codes: \(known.joined(separator: ", ")))")
            }
        case .below, .atLeast:
            guard isNumeric(target) else {
                throw fail(field, "\(what) below=/at-least= needs a number; '\(condition.field)' is \(target.typeName)")
            }
        case .isSet: break
        }
        for part in condition.conjuncts { try checkCondition(part, of: field, table: table, what: what) }
    }

    private func checkComputation(_ field: Field, _ c: Computation, earlier: Set<String>) throws(TemplateError) {
        func input(_ id: String) throws(TemplateError) -> Field {
            guard let f = template.field(id) else { throw fail(field, "uses '\(id)', which is not a field") }
            if f.isComputed && !earlier.contains(id) {
                throw fail(field, "uses computed field '\(id)', which must be declared before it")
            }
            return f
        }
        func table(_ id: String) throws(TemplateError) -> Table {
            guard case let .table(t) = try input(id).kind else { throw fail(field, "'\(id)' is not a table") }
            return t
        }
        switch c {
        case let .sum(tableId, columnId, fields):
            if let tableId, let columnId {
                guard let column = try table(tableId).column(columnId), isNumeric(column) else {
                    throw fail(field, "sums '\(tableId).\(columnId)', which is not a numeric column")
                }
            }
            for id in fields where !isNumeric(try input(id)) { throw fail(field, "sums '\(id)', which is not numeric") }
        case let .count(tableId, columnId, list, _):
            let t = try table(tableId)
            if let columnId {
                guard let column = t.column(columnId) else { throw fail(field, "counts by '\(columnId)', not a column of '\(tableId)'") }
                if !list.isEmpty {
                    let known = codes(column) ?? []
                    for code in list where !known.contains(code) { throw fail(field, "counts code '\(code)', not a code of '\(columnId)'") }
                }
            }
        case let .weightedScore(tableId, scored, _, _):
            let columnId = scored.id
            let t = try table(tableId)
            guard t.hasWeights, t.fixedRows.allSatisfy({ $0.weight != nil }) else {
                throw fail(field, "weighted-score needs a table whose fixed rows all have a weight")
            }
            guard let column = t.column(columnId), case let .choice(options) = column.kind,
                  options.options.contains(where: { $0.points != nil }) else {
                throw fail(field, "weighted-score needs an enum column whose options carry points")
            }
        case let .dateDiff(from, to, _):
            for id in [from, to] where !isDateLike(try input(id)) { throw fail(field, "date-diff uses '\(id)', which is not a date") }
        case let .mean(tableId, scored, whereColumn, list, _):
            let columnId = scored.id
            let t = try table(tableId)
            guard let column = t.column(columnId), isNumeric(column) || hasPoints(column) else {
                throw fail(field, "averages '\(tableId).\(columnId)', which is neither numeric nor rated with points")
            }
            if let whereColumn {
                guard let w = t.column(whereColumn), let known = codes(w) else {
                    throw fail(field, "mean where='\(whereColumn)' must name a coded or boolean column of '\(tableId)'")
                }
                for code in list where !known.contains(code) { throw fail(field, "mean: '\(code)' is not a code of '\(whereColumn)'") }
            }
        case let .ratio(n, d, _, _), let .difference(n, d, _):
            for id in [n, d] where !isNumeric(try input(id)) { throw fail(field, "uses '\(id)', which is not numeric") }
        case .rowScore, .countCells:
            throw fail(field, "row-score and count-cells work only as table columns")
        case let .threshold(id, _), let .band(id, _):
            guard isNumeric(try input(id)) else { throw fail(field, "tests '\(id)', which is not numeric") }
        case let .isSet(id):
            _ = try input(id)
        case let .allOf(tests), let .firstOf(tests):
            for test in tests { try checkComputation(field, test, earlier: earlier) }
        case let .status(rules, _):
            for rule in rules {
                switch rule.test {
                case let .sectionComplete(s):
                    guard template.sections.contains(where: { $0.id == s }) else {
                        throw fail(field, "status names section '\(s)', which does not exist")
                    }
                case let .field(id, list):
                    let f = try input(id)
                    let known = codes(f) ?? []
                    for code in list where !known.contains(code) { throw fail(field, "status: '\(code)' is not a code of '\(id)'") }
                }
            }
        }
    }
}
