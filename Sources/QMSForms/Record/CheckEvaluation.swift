import Foundation

extension Requirements {
    /// The problem `check` finds (in `row` for a table's check), or `nil` when it holds for every
    /// value on each side, does not apply (a `when` fails) or lacks a value on either side.
    func broken(_ check: Check, row: Value.Row?, rowPath: String?, line: Int?) -> Problem? {
        guard check.when.allSatisfy({ reason($0, row: row) != nil }) else { return nil }
        let lefts = observe(check.leftReference, row: row)
        let rights: [Value]
        switch check.right {
        case .number(let n): rights = [.decimal(n)]
        case .field: rights = check.rightReference.map { observe($0, row: row) } ?? []
        }
        // Every value on each side must satisfy it: a table column on the right means every row.
        for left in lefts {
            for right in rights {
                guard let order = Self.compare(left, right, plusDays: check.plusDays), !check.comparison.holds(order) else { continue }
                let path: String = if case let .cell(id) = check.leftReference, let rowPath { rowPath + "." + id } else { template.path(of: check.left) }
                let shown: String = if case let .field(name) = check.right { "\(name) \(right.lexical)" } else { right.lexical }
                let plus = check.plusDays == 0 ? "" : " + \(check.plusDays) day\(check.plusDays == 1 ? "" : "s")"
                return Problem(path: path, line: line ?? lines[check.left], rule: .check, value: left.lexical,
                               message: "\(check.message.both) (\(check.left) \(left.lexical) must be \(check.comparison.symbol) \(shown)\(plus))",
                               hint: check.cite)
            }
        }
        return nil
    }

    /// `left` against `right` (+ `plusDays` when dates): numbers by value, dates and date-times
    /// in time, a date against a date-time by day; `nil` when they do not compare.
    static func compare(_ left: Value, _ right: Value, plusDays: Int) -> ComparisonResult? {
        if let a = left.number, let b = right.number {
            return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        }
        let l = left.lexical, r = right.lexical
        let byDay = l.count == 10 || r.count == 10
        func minutes(_ s: String) -> Int? { CalendarDate.minutes(byDay ? String(s.prefix(10)) : s) }
        guard left.isDateLike, right.isDateLike, let a = minutes(l), let b0 = minutes(r) else { return nil }
        let b = b0 + plusDays * 1440
        return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    }
}

private extension Value {
    var isDateLike: Bool {
        switch self {
        case .date, .datetime: true
        default: false
        }
    }
}
