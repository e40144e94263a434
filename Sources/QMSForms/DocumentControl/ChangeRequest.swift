/// What `revise` records in the change record (文件更改记录).
public struct ChangeRequest: Sendable {
    /// 更改内容(摘要).
    public var summary: String
    /// 更改页次.
    public var pages: String
    /// 更改文件号: the change order that authorised it.
    public var order: String
    /// 更改人.
    public var by: Principal
    /// Bump the edition letter (A/3 → B/0).
    public var major: Bool
    /// 备注: anything else the row should say.
    public var remarks: String
    /// Wording before and after; when `nil`, taken from the structural comparison.
    public var before: String?
    /// 更改后, when the author says it instead of the diff.
    public var after: String?
    /// The change date; today when `nil`.
    public var date: Day?
    /// Record again what the open draft changes (after an edit made since it was opened):
    /// its change-record row is replaced and its signatures are voided.
    public var amend: Bool

    /// A change of `summary` on `pages` under change order `order`, requested by `by`; `major` opens a new edition.
    public init(summary: String, pages: String, order: String, by: Principal, major: Bool = false, remarks: String = "",
                before: String? = nil, after: String? = nil, date: Day? = nil, amend: Bool = false) {
        self.summary = summary
        self.pages = pages
        self.order = order
        self.by = by
        self.major = major
        self.remarks = remarks
        self.before = before
        self.after = after
        self.date = date
        self.amend = amend
    }
}
