import Foundation

/// Evaluates a template's computed fields over validated values, in template order.
///
/// Statuses depend on which sections are complete, so they are evaluated last by
/// ``statuses(values:computed:complete:)``.
struct Calculator {
    let template: Template

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
                if case let .choice(code)? = cell { return codes.contains(code) }
                return false
            }.count
            return .integer(n)
        case let .weightedScore(table, column, places):
            guard case let .table(t)? = template.field(table)?.kind, case let .choice(options)? = t.column(column)?.kind
            else { return nil }
            var weighted = Decimal(0), weights = Decimal(0)
            for row in rows(table, values) {
                guard let key = row.key, let weight = t.fixedRows.first(where: { $0.key == key })?.weight,
                      case let .choice(code)? = row.cells[column], let points = options.option(code: code)?.points
                else { continue }
                weighted += weight * points
                weights += weight
            }
            guard weights > 0 else { return nil }
            var score = weighted / weights
            var rounded = Decimal()
            NSDecimalRound(&rounded, &score, places, .plain)
            return .decimal(rounded)
        case let .dateDiff(from, to, unit):
            guard let a = (values[from]).flatMap({ CalendarDate.minutes($0.lexical) }),
                  let b = (values[to]).flatMap({ CalendarDate.minutes($0.lexical) }) else { return nil }
            let minutes = b - a
            switch unit {
            case .hours: return .integer(minutes >= 0 ? minutes / 60 : -((-minutes) / 60))
            case .days:
                // Whole calendar days between the dates (time of day ignored).
                let da = a >= 0 ? a / 1440 : (a - 1439) / 1440, db = b >= 0 ? b / 1440 : (b - 1439) / 1440
                return .integer(db - da)
            }
        case let .threshold(field, test):
            return number(field).map { .boolean(test.holds($0)) }
        case let .band(field, levels):
            guard let x = number(field) else { return nil }
            let level = levels.first { ($0.atLeast ?? .leastFiniteMagnitude) <= x }
            return level.map { .choice($0.code) }
        case .status:
            return nil
        }
    }
}
