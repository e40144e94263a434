import Foundation

/// Evaluates a template's computed fields over validated values, in template order.
///
/// Statuses depend on which sections are complete, so they are evaluated last by
/// ``statuses(values:computed:complete:)``.
struct Calculator {
    let template: Template

    /// Fills the computed columns of every table row, in column order.
    func fillRows(_ values: [String: Value]) -> [String: Value] {
        var out = values
        for field in template.fields {
            guard case let .table(table) = field.kind, case var .table(rows)? = values[field.id],
                  table.columns.contains(where: \.isComputed) else { continue }
            for i in rows.indices where !(table.hasFixedRows && rows[i].cells.isEmpty) {
                for column in table.columns {
                    guard case let .computed(c) = column.kind else { continue }
                    rows[i].cells[column.id] = evaluateRow(c, cells: rows[i].cells, table: table)
                }
            }
            out[field.id] = .table(rows)
        }
        return out
    }

    private func evaluateRow(_ c: Computation, cells: [String: Value], table: Table) -> Value? {
        switch c {
        case let .dateDiff(from, to, unit): return Self.dateDiff(cells[from], cells[to], unit)
        case let .threshold(field, test): return cells[field]?.number.map { .boolean(test.holds($0)) }
        case let .isSet(field): return .boolean(cells[field] != nil)
        case let .allOf(tests): return .boolean(tests.allSatisfy { evaluateRow($0, cells: cells, table: table) == .boolean(true) })
        case let .firstOf(tests): return tests.lazy.compactMap { evaluateRow($0, cells: cells, table: table) }.first
        case let .band(field, levels): return cells[field]?.number.flatMap { Self.band($0, levels) }
        case let .countCells(columns, codes, empty):
            return .integer(columns.filter { empty ? cells[$0] == nil : Self.matches(cells[$0], codes) }.count)
        case let .rowScore(items, _):
            var weighted = Decimal(0), weights = Decimal(0)
            for item in items {
                guard let p = item.column.score(cells[item.column.id]) else { continue }
                weighted += item.weight * p
                weights += item.weight
            }
            return weights > 0 ? .decimal(Self.held(weighted / weights)) : nil
        default: return nil
        }
    }

    /// A computed figure as the record holds it: to ``Value/heldPlaces`` decimal places, not to
    /// the places it is printed with. Thresholds, bands and statuses judge this value; only the
    /// printed figure is rounded (``Value/printed(_:places:)``, half to even).
    static func held(_ x: Decimal) -> Decimal {
        var value = x, rounded = Decimal()
        NSDecimalRound(&rounded, &value, Value.heldPlaces, .plain)
        return rounded
    }

    static func band(_ x: Decimal, _ levels: [Computation.Level]) -> Value? {
        levels.first { ($0.atLeast ?? .leastFiniteMagnitude) <= x }.map { .choice($0.code) }
    }

    static func dateDiff(_ from: Value?, _ to: Value?, _ unit: Computation.DateUnit) -> Value? {
        guard let a = from.flatMap({ CalendarDate.minutes($0.lexical) }), let b = to.flatMap({ CalendarDate.minutes($0.lexical) })
        else { return nil }
        switch unit {
        case .hours:
            return .decimal(held(Decimal(b - a) / 60))
        case .days:
            // Whole calendar days between the dates (time of day ignored).
            func day(_ m: Int) -> Int { m >= 0 ? m / 1440 : (m - 1439) / 1440 }
            return .integer(day(b) - day(a))
        }
    }

    /// Whether a cell's code (or boolean) is one of `codes`.
    static func matches(_ v: Value?, _ codes: [String]) -> Bool {
        switch v {
        case let .choice(c)?: codes.contains(c)
        case let .boolean(b)?: codes.contains(b ? "true" : "false")
        default: false
        }
    }

    func compute(values: [String: Value]) -> [String: Value] {
        var out: [String: Value] = [:]
        for field in template.fields {
            guard case let .computed(c) = field.kind else { continue }
            if case .status = c { continue }
            if let v = evaluate(c, values: values, computed: out) { out[field.id] = v }
        }
        return out
    }

    func statuses(values: [String: Value], computed: [String: Value], complete: Set<String>) -> [String: Value] {
        var out: [String: Value] = [:]
        for field in template.fields {
            guard case let .computed(.status(rules, otherwise)) = field.kind else { continue }
            let all = computed.merging(out) { $1 }
            let hit = rules.first { rule in
                switch rule.test {
                case let .sectionComplete(s): return complete.contains(s)
                case let .field(id, codes):
                    guard let v = values[id] ?? all[id] else { return false }
                    if case let .choice(c) = v { return codes.contains(c) }
                    if case let .boolean(b) = v { return codes.contains(b ? "true" : "false") }
                    return false
                }
            }
            out[field.id] = .choice((hit?.result ?? otherwise).code)
        }
        return out
    }

    private func rows(_ id: String, _ values: [String: Value]) -> [Value.Row] {
        if case let .table(r)? = values[id] { r } else { [] }
    }

    private func evaluate(_ c: Computation, values: [String: Value], computed: [String: Value]) -> Value? {
        func number(_ id: String) -> Decimal? { (values[id] ?? computed[id])?.number }
        switch c {
        case let .sum(table, column, fields):
            if let table, let column {
                let cells = rows(table, values).compactMap { $0.cells[column]?.number }
                return cells.isEmpty ? nil : .decimal(cells.reduce(0, +))
            }
            let parts = fields.compactMap(number)
            return parts.isEmpty ? nil : .decimal(parts.reduce(0, +))
        case let .count(table, column, codes, empty):
            let n = rows(table, values).filter { row in
                guard let column else { return true }
                let cell = row.cells[column]
                if empty { return cell == nil }
                if codes.isEmpty { return cell != nil }
                return Self.matches(cell, codes)
            }.count
            return .integer(n)
        case let .mean(table, column, whereColumn, codes, _):
            let xs = rows(table, values)
                .filter { whereColumn == nil || Self.matches($0.cells[whereColumn!], codes) }
                .compactMap { column.score($0.cells[column.id]) }
            return xs.isEmpty ? nil : .decimal(Self.held(xs.reduce(0, +) / Decimal(xs.count)))
        case let .ratio(n, d, scale, _):
            guard let num = number(n), let den = number(d), den != 0 else { return nil }
            return .decimal(Self.held(num / den * scale))
        case let .difference(from, to, _):
            guard let a = number(from), let b = number(to) else { return nil }
            return .decimal(b - a)
        case .rowScore, .countCells:
            return nil
        case let .weightedScore(table, column, rowWeights, _):
            var weighted = Decimal(0), weights = Decimal(0)
            for row in rows(table, values) {
                guard let key = row.key, let weight = rowWeights[key], case let .choice(code)? = row.cells[column.id],
                      let points = column.points[code]
                else { continue }
                weighted += weight * points
                weights += weight
            }
            return weights > 0 ? .decimal(Self.held(weighted / weights)) : nil
        case let .dateDiff(from, to, unit):
            return Self.dateDiff(values[from], values[to], unit)
        case let .threshold(field, test):
            return number(field).map { .boolean(test.holds($0)) }
        case let .isSet(field):
            return .boolean((values[field] ?? computed[field]) != nil)
        case let .allOf(tests):
            return .boolean(tests.allSatisfy { evaluate($0, values: values, computed: computed) == .boolean(true) })
        case let .firstOf(tests):
            return tests.lazy.compactMap { evaluate($0, values: values, computed: computed) }.first
        case let .band(field, levels):
            return number(field).flatMap { Self.band($0, levels) }
        case .status:
            return nil
        }
    }
}
