/// What the archive and the reports know about a form's records, as its template declares in
/// `<archive>`: nothing here is a field name written in Swift.
///
/// ```xml
/// <archive dated-by="raised_on" closed-by="closed_on">
///   <index key="status" field="status"/>
///   <deadline kind="capa" due="due_date" done-when="closed_on" department="resp_dept" status="status"/>
/// </archive>
/// ```
public struct ArchiveProfile: Sendable, Equatable {
    /// The date (or date-time) field that dates a record: searched by `--from/--to`, the start
    /// of its retention, `archive due`. `nil`: the day it was issued.
    public let datedBy: String?
    /// The date field that closes the record's case, where retention runs from closure.
    public let closedBy: String?
    /// The field behind each searchable index column.
    public let index: [IndexKey: String]
    /// What the open-actions report follows up.
    public let deadlines: [Deadline]

    /// A profile; what a template without `<archive>` has is ``init(datedBy:closedBy:index:deadlines:)`` with no arguments.
    public init(datedBy: String? = nil, closedBy: String? = nil, index: [IndexKey: String] = [:], deadlines: [Deadline] = []) {
        self.datedBy = datedBy
        self.closedBy = closedBy
        self.index = index
        self.deadlines = deadlines
    }

    /// The index columns a form may fill.
    public enum IndexKey: String, Sendable, CaseIterable {
        /// The customer (`--customer`), the status (`--status`), the complaint category (`--category`).
        case customer, status, category
    }

    /// A date by which something must be done, and what shows it was.
    public struct Deadline: Sendable, Equatable {
        /// What the report calls it: `capa`, `8d`, `call` …
        public let kind: String
        /// Followed per row of this table; `nil`: per record.
        public let table: String?
        /// How the due date is found.
        public let due: Due
        /// Done when any of these holds.
        public let doneWhen: [Condition]
        /// The department answerable: the first of these with a value, else the form's own department.
        public let department: [String]
        /// The field whose label the report shows as the status.
        public let status: String?
        /// The customer's field, else the form's indexed customer.
        public let customer: String?
        /// Names the row, for a table (an entry number).
        public let entry: String?

        /// A deadline as the template declares it.
        public init(kind: String, table: String?, due: Due, doneWhen: [Condition], department: [String], status: String?,
                    customer: String?, entry: String?) {
            self.kind = kind
            self.table = table
            self.due = due
            self.doneWhen = doneWhen
            self.department = department
            self.status = status
            self.customer = customer
            self.entry = entry
        }

        /// How a due date is found.
        public enum Due: Sendable, Equatable {
            /// The date in this field.
            case on(String)
            /// So many days after the date (or date-time) in this field.
            case after(String, days: Int)
        }

        /// `FIELD` (has a value) or `FIELD=CODE`.
        public struct Condition: Sendable, Equatable {
            /// The field looked at.
            public let field: String
            /// The code it must hold; `nil`: any value.
            public let equals: String?

            /// A condition on `field`.
            public init(field: String, equals: String?) {
                self.field = field
                self.equals = equals
            }

            /// Whether it holds for `value`.
            public func holds(_ value: Value?) -> Bool {
                guard let value else { return false }
                return equals.map { value.lexical == $0 } ?? true
            }
        }

        /// Every field it names (in its table, when it has one).
        var fields: [String] {
            var all = doneWhen.map(\.field) + department + [status, customer, entry].compactMap { $0 }
            switch due {
            case let .on(f), let .after(f, _): all.append(f)
            }
            return all
        }
    }
}
