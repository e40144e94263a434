/// One row of a document's change record (文件更改记录). Rows are append-only.
public struct ChangeRecord: Sendable, Equatable {
    /// 序号, from 1.
    public var seq: Int
    /// 更改日期, ISO date.
    public var date: String
    /// 版本/版次 after the change.
    public var version: Revision
    /// 更改内容(摘要).
    public var summary: String
    /// 更改前 / 更改后: the wording before and after.
    public var before: String
    /// 更改后: the text after the change.
    public var after: String
    /// 更改页次.
    public var pages: String
    /// 更改文件号: the change order that authorised it.
    public var order: String
    /// 更改人.
    public var by: String
    /// 备注.
    public var remarks: String

    /// A change-record row.
    public init(seq: Int, date: String, version: Revision, summary: String, before: String = "",
                after: String = "", pages: String, order: String, by: String, remarks: String = "") {
        self.seq = seq
        self.date = date
        self.version = version
        self.summary = summary
        self.before = before
        self.after = after
        self.pages = pages
        self.order = order
        self.by = by
        self.remarks = remarks
    }
}
