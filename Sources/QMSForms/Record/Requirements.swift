/// Required, required-when, row counts, date order and section order: the rules that look at
/// more than one value. Also decides which sections are complete, for computed statuses.
struct Requirements {
    let template: Template
    let values: [String: Value]
    let computed: [String: Value]
    let lines: [String: Int]
    private(set) var completeSections: Set<String> = []

    init(template: Template, values: [String: Value], computed: [String: Value], lines: [String: Int]) {
        self.template = template
        self.values = values
        self.computed = computed
        self.lines = lines
    }

    mutating func check() -> [Problem] {
        var problems: [Problem] = []
        var previousProgressive: (id: String, started: Bool, complete: Bool)?
        for section in template.sections {
            let started = section.fields.contains { values[$0.id] != nil }
            var sectionProblems: [Problem] = []
            if !section.progressive || started {
                // A started but incomplete predecessor reports its own problems; a skipped one is named here.
                if section.progressive, let previous = previousProgressive, !previous.complete, !previous.started {
                    sectionProblems.append(Problem(
                        path: section.id, line: section.fields.compactMap { lines[$0.id] }.min(), rule: .order,
                        message: "section \(section.id) (\(section.label.zh)) is started but section \(previous.id) before it is not",
                        hint: "complete \(previous.id) first, or remove \(section.id) for now"))
                }
                for field in section.fields { sectionProblems += check(field, in: section) }
                for rule in section.checks {
                    if let problem = broken(rule, row: nil, rowPath: nil, line: nil) { sectionProblems.append(problem) }
                }
            }
            problems += sectionProblems
            let complete = started && sectionProblems.isEmpty
            if complete { completeSections.insert(section.id) }
            if section.progressive { previousProgressive = (section.id, started, complete) }
        }
        return problems
    }

    private func check(_ field: Field, in section: Section) -> [Problem] {
        let path = section.id + "." + field.id
        var problems: [Problem] = []
        if field.isComputed { return [] }
        let value = values[field.id]
        if value == nil || isBlankSignature(value) {
            if field.required {
                problems.append(Problem(path: path, rule: .required, message: "is required (\(field.label.both))",
                                        hint: field.hint?.both ?? "add '\(field.id):' under '\(section.id):'"))
            } else if let reason = holdingCondition(field, row: nil) {
                problems.append(Problem(path: path, rule: .requiredWhen, message: "is required because \(reason) (\(field.label.both))",
                                        hint: field.hint?.both))
            }
        }
        switch (field.kind, value) {
        case let (.table(table), rows):
            let rows: [Value.Row] = if case let .table(r)? = rows { r } else { [] }
            let filled = table.hasFixedRows ? rows.filter { !$0.cells.isEmpty }.count : rows.count
            if value != nil || field.required {
                if let min = table.minRows, filled < min, !table.hasFixedRows {
                    problems.append(Problem(path: path, line: lines[field.id], rule: .rows,
                                            message: "has \(filled) row\(filled == 1 ? "" : "s"); at least \(min) needed (\(field.label.both))"))
                }
            }
            if let max = table.maxRows, rows.count > max {
                problems.append(Problem(path: path, line: lines[field.id], rule: .rows, message: "has \(rows.count) rows; at most \(max) fit"))
            }
            for (i, row) in rows.enumerated() {
                if table.hasFixedRows && row.cells.isEmpty && !field.required { continue }
                let rowPath = row.key.map { "\(path).\($0)" } ?? "\(path)[\(i + 1)]"
                let rowLine = row.line > 0 ? row.line : lines[field.id]
                for rule in table.checks {
                    if let problem = broken(rule, row: row, rowPath: rowPath, line: rowLine) { problems.append(problem) }
                }
                for column in table.columns {
                    guard let cell = row.cells[column.id] else { continue }
                    if case let .date(rules) = column.kind { problems += checkDates(column, rules, cell, path: rowPath + "." + column.id, row: row, table: table, line: rowLine) }
                    if case let .datetime(rules) = column.kind {
                        problems += checkDates(column, rules, cell, path: rowPath + "." + column.id, row: row, table: table, line: rowLine)
                    }
                }
                for column in table.columns where row.cells[column.id] == nil && !column.isComputed {
                    if column.required {
                        problems.append(Problem(path: rowPath + "." + column.id, line: rowLine, rule: .required,
                                                message: "is required (\(column.label.both))"))
                    } else if let reason = holdingCondition(column, row: row) {
                        problems.append(Problem(path: rowPath + "." + column.id, line: rowLine, rule: .requiredWhen,
                                                message: "is required because \(reason) (\(column.label.both))"))
                    }
                }
            }
        case let (.date(rules), v?), let (.datetime(rules), v?):
            problems += checkDates(field, rules, v, path: path)
        default: break
        }
        return problems
    }

    /// Order and period rules of a date (in `row` for a column: its sibling cells first).
    private func checkDates(_ field: Field, _ rules: DateRules, _ v: Value, path: String, row: Value.Row? = nil, table: Table? = nil,
                            line: Int? = nil) -> [Problem] {
        var problems: [Problem] = []
        let line = line ?? lines[field.id]
        func value(_ id: String) -> Value? { row?.cells[id] ?? values[id] }
        func compare(_ other: String, strict: Bool) {
            // A date against a date-time compares days: a date has no time of day.
            let byDay = v.lexical.count == 10 || (value(other)?.lexical.count ?? 0) == 10
            func key(_ s: String) -> Int? { CalendarDate.minutes(byDay ? String(s.prefix(10)) : s) }
            guard let o = value(other), let a = key(v.lexical), let b = key(o.lexical), strict ? a >= b : a < b,
                  let otherField = table?.column(other) ?? template.field(other) else { return }
            problems.append(Problem(
                path: path, line: line, rule: .order, value: v.lexical,
                message: strict ? "must be before \(template.path(of: other)) (\(otherField.label.both)) \(o.lexical)"
                    : "is before \(template.path(of: other)) (\(otherField.label.both)) \(o.lexical)",
                hint: "\(field.label.zh) " + (strict ? "must be earlier than " : "cannot be earlier than ") + otherField.label.zh))
        }
        if let other = rules.notBefore { compare(other, strict: false) }
        if let other = rules.before { compare(other, strict: true) }
        guard let yearId = rules.yearField, case let .integer(year)? = values[yearId],
              let (y, m, _) = CalendarDate.parseDate(String(v.lexical.prefix(10))) else { return problems }
        if let quarterId = rules.quarterField, case let .choice(quarter)? = values[quarterId] {
            let actual = "Q\((m - 1) / 3 + 1)"
            if y != year || actual != quarter {
                problems.append(Problem(path: path, line: line, rule: .order, value: v.lexical,
                                        message: "falls in \(y) \(actual), not in \(year) \(quarter) as the record says",
                                        hint: "correct the date or the year/quarter"))
            }
        }
        if let monthId = rules.monthField, case let .integer(month)? = values[monthId], y != year || m != month {
            problems.append(Problem(path: path, line: line, rule: .order, value: v.lexical,
                                    message: "falls in \(y)-\(m < 10 ? "0" : "")\(m), not in the sheet's month \(year)-\(month < 10 ? "0" : "")\(month)",
                                    hint: "an entry belongs on the sheet of the month it was received; correct the date or use that month's sheet"))
        }
        return problems
    }

    private func isBlankSignature(_ v: Value?) -> Bool {
        if case let .signature(name, _)? = v { (name ?? "").isEmpty } else { false }
    }

    /// A sentence naming the first condition that makes `field` required, or `nil`.
    private func holdingCondition(_ field: Field, row: Value.Row?) -> String? {
        for condition in field.requiredWhen { if let reason = reason(condition, row: row) { return reason } }
        return nil
    }

    /// Why `condition` holds (its test, `not`, and every `<and>`), or `nil` when it does not.
    func reason(_ condition: Condition, row: Value.Row?) -> String? {
        let observed = observe(condition.reference, row: row)
        let name = condition.field
        var own: String?
        switch condition.test {
        case let .inCodes(codes):
            own = observed.compactMap({ codeOf($0) }).first(where: codes.contains).map { "\(name) is '\($0)'" }
            if condition.negated { own = own == nil ? "\(name) is not " + codes.map { "'\($0)'" }.joined(separator: " or ") : nil }
        case .isSet:
            own = observed.isEmpty ? nil : "\(name) is given"
            if condition.negated { own = own == nil ? "\(name) is not given" : nil }
        case let .below(n):
            own = observed.compactMap(\.number).first(where: { $0 < n }).map { "\(name) is \(Value.format($0)), below \(Value.format(n))" }
            if condition.negated { own = own == nil ? "\(name) is not below \(Value.format(n))" : nil }
        case let .atLeast(n):
            own = observed.compactMap(\.number).first(where: { $0 >= n }).map { "\(name) is \(Value.format($0)), at least \(Value.format(n))" }
            if condition.negated { own = own == nil ? "\(name) is not at least \(Value.format(n))" : nil }
        }
        guard var sentence = own else { return nil }
        for part in condition.conjuncts {
            guard let more = reason(part, row: row) else { return nil }
            sentence += " and " + more
        }
        return sentence
    }

    private func codeOf(_ v: Value) -> String? {
        switch v {
        case let .choice(c): c
        case let .boolean(b): b ? "true" : "false"
        default: nil
        }
    }

    /// The values a condition looks at: a sibling cell, every row's cell of a table column,
    /// or a field's entered or computed value (each code of a multi counts).
    func observe(_ reference: Condition.Reference, row: Value.Row?) -> [Value] {
        switch reference {
        case let .cell(id):
            return row?.cells[id].map { [$0] } ?? []
        case let .column(table, column):
            guard case let .table(rows)? = values[table] else { return [] }
            return rows.compactMap { $0.cells[column] }
        case let .field(id):
            switch values[id] ?? computed[id] {
            case let .multi(codes)?: return codes.map { .choice($0) }
            case let v?: return [v]
            case nil: return []
            }
        }
    }
}
