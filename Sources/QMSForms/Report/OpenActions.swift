import Foundation

/// What is past its date and not done, from the archive, by department: CAPA forms past their
/// due date and not closed, 8D reports open beyond the 30 days allowed for closure, quality
/// feedback forms not answered by their reply date, and call/letter entries still open after
/// the one day allowed for a reply.
///
/// ```swift
/// let report = try OpenActions.report(from: archive, asOf: Day("2026-12-31")!)
/// for action in report.actions { print(action.record, action.daysOverdue) }
/// ```
public struct OpenActions: Codable, Sendable, Equatable {
    /// One overdue item.
    public struct Action: Codable, Sendable, Equatable {
        public var kind: Kind
        public var record: String
        /// The call/letter entry number, for a call log.
        public var entry: String?
        public var department: String
        public var customer: String?
        /// The date it was due (`yyyy-mm-dd`).
        public var due: String
        public var daysOverdue: Int
        /// What the record says of it (its status), in Chinese as printed.
        public var status: String
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case capa, eightD = "8d", feedback, call

        /// The form the kind comes from, by alias.
        var form: String { self == .eightD ? "8d" : self == .call ? "call-log" : rawValue }
    }

    public var asOf: String
    /// Most overdue first; then by record.
    public var actions: [Action]
    /// Department → number of overdue items.
    public var byDepartment: [String: Int]

    /// Days allowed to close an 8D (the 8D report's own rule: closure late over 30 days).
    public static let eightDClosureDays = 30
    /// Days allowed to answer a call or letter (the call log's rule: overdue over 1 day).
    public static let callReplyDays = 1

    public static func report(from archive: Archive, asOf day: Day) throws -> OpenActions {
        let today = day.number, asOf = day.description
        var actions: [Action] = []
        func add(_ kind: Kind, _ record: Record, entry: String? = nil, department: String, customer: String?, due: String, status: String) {
            guard let dueDay = CalendarDate.day(due), today > dueDay else { return }
            actions.append(Action(kind: kind, record: record.displayNumber, entry: entry, department: department, customer: customer,
                                  due: due, daysOverdue: today - dueDay, status: status))
        }
        for record in try archive.standingRecords(of: "capa") where record.value("closed_on") == nil {
            guard let due = record.value("due_date")?.lexical else { continue }
            add(.capa, record, department: record.label("resp_dept"), customer: record.value("customer")?.lexical, due: due,
                status: record.label("status"))
        }
        for record in try archive.standingRecords(of: "8d") where record.value("status")?.lexical != "closed" {
            guard let opened = record.value("opened_on")?.lexical, let day = CalendarDate.day(opened) else { continue }
            add(.eightD, record, department: record.template.control.department.zh, customer: record.value("customer")?.lexical,
                due: CalendarDate.date(day + eightDClosureDays), status: record.label("status"))
        }
        for record in try archive.standingRecords(of: "feedback") where record.value("reply_date") == nil {
            guard let due = record.value("due_date")?.lexical else { continue }
            add(.feedback, record, department: record.label("resp_dept"), customer: record.value("customer")?.lexical, due: due,
                status: record.label("status"))
        }
        for record in try archive.standingRecords(of: "call-log") {
            guard case let .table(rows)? = record.value("entries") else { continue }
            let sheetDept = record.value("dept")?.lexical ?? ""
            for row in rows where row.cells["reply_date"] == nil && row.cells["status"]?.lexical != "closed" {
                guard let received = row.cells["received_at"]?.lexical, let day = CalendarDate.day(String(received.prefix(10))) else { continue }
                add(.call, record, entry: row.cells["entry_no"]?.lexical, department: row.cells["forward_to"]?.lexical ?? sheetDept,
                    customer: row.cells["customer"]?.lexical, due: CalendarDate.date(day + callReplyDays),
                    status: record.label(row.cells["status"], column: "status", of: "entries"))
            }
        }
        actions.sort { ($0.daysOverdue, $1.record, $1.entry ?? "") > ($1.daysOverdue, $0.record, $0.entry ?? "") }
        return OpenActions(asOf: asOf, actions: actions, byDepartment: Dictionary(actions.map { ($0.department, 1) }, uniquingKeysWith: +))
    }
}
