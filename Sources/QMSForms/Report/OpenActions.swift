import Foundation

/// What is past its date and not done, from the archive, by department: every deadline the
/// forms declare (``ArchiveProfile/Deadline``) — in the shipped forms, CAPA forms past their due
/// date and not closed, 8D reports open beyond the 30 days allowed for closure, quality feedback
/// forms not answered by their reply date, and call/letter entries still open after the one
/// day allowed for a reply.
///
/// ```swift
/// let report = try await OpenActions.report(from: archive, asOf: Day("2026-12-31")!)
/// for action in report.actions { print(action.record, action.daysOverdue) }
/// ```
public struct OpenActions: Codable, Sendable, Equatable {
    /// One overdue item.
    public struct Action: Codable, Sendable, Equatable {
        /// The deadline's kind, as its form declares it (`capa`, `8d`, `feedback`, `call`).
        public var kind: String
        /// The record number.
        public var record: String
        /// The row's entry number, for a deadline followed per table row.
        public var entry: String?
        /// The department answerable.
        public var department: String
        /// The customer, where known.
        public var customer: String?
        /// The date it was due (`yyyy-mm-dd`).
        public var due: String
        /// Days past the due date.
        public var daysOverdue: Int
        /// What the record says of it (its status), in Chinese as printed.
        public var status: String
    }

    /// The day the report is for.
    public var asOf: String
    /// Most overdue first; then by record.
    public var actions: [Action]
    /// Department → number of overdue items.
    public var byDepartment: [String: Int]

    /// The overdue items in `archive` on `day`: every deadline the forms in force declare, over their standing records.
    public static func report(from archive: Archive, asOf day: Day) async throws -> OpenActions {
        var actions: [Action] = []
        for template in try await archive.documents.effectiveCatalog() where !template.archive.deadlines.isEmpty {
            for record in try await archive.standingRecords(of: template.number) {
                for deadline in template.archive.deadlines { actions += overdue(record, deadline, asOf: day) }
            }
        }
        actions.sort { ($0.daysOverdue, $1.record, $1.entry ?? "") > ($1.daysOverdue, $0.record, $0.entry ?? "") }
        return OpenActions(asOf: day.description, actions: actions,
                           byDepartment: Dictionary(actions.map { ($0.department, 1) }, uniquingKeysWith: +))
    }

    /// The items of `record` that `deadline` finds overdue on `day`: the record itself, or each row of its table.
    static func overdue(_ record: Record, _ deadline: ArchiveProfile.Deadline, asOf day: Day) -> [Action] {
        let profile = record.template.archive
        /// A value and its printed label, from the row (when there is one) or the record.
        typealias Lookup = (String) -> (value: Value?, label: String)
        func action(_ find: Lookup, entry: String?) -> Action? {
            if deadline.doneWhen.contains(where: { $0.holds(find($0.field).value) }) { return nil }
            let due: Day?
            switch deadline.due {
            case let .on(field): due = Archive.day(of: find(field).value).flatMap(Day.init)
            case let .after(field, days): due = Archive.day(of: find(field).value).flatMap(Day.init)?.adding(days: days)
            }
            guard let due, day.number > due.number else { return nil }
            let department = deadline.department.map { find($0).label }.first { !$0.isEmpty } ?? record.template.control.department.zh
            let customer = (deadline.customer ?? profile.index[.customer]).flatMap { find($0).value?.lexical }
            return Action(kind: deadline.kind, record: record.displayNumber, entry: entry, department: department, customer: customer,
                          due: due.description, daysOverdue: day.number - due.number, status: deadline.status.map { find($0).label } ?? "")
        }
        guard let table = deadline.table else {
            return action({ (record.value($0), record.label($0)) }, entry: nil).map { [$0] } ?? []
        }
        guard case let .table(rows)? = record.value(table) else { return [] }
        return rows.compactMap { row in
            action({ id in
                if let column = record.template.field(table).flatMap({ if case let .table(t) = $0.kind { t.column(id) } else { nil } }) {
                    return (row.cells[column.id], record.label(row.cells[column.id], column: column.id, of: table))
                }
                return (record.value(id), record.label(id))
            }, entry: deadline.entry.flatMap { row.cells[$0]?.lexical })
        }
    }
}
