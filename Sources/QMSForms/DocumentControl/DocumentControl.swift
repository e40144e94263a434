/// The control data of a controlled document: revision, approvals, effective date, retention,
/// keeping department and the pattern its records are numbered with.
public struct DocumentControl: Sendable, Equatable {
    /// The revision (版本/版次), `A/0` … `B/0`.
    public var revision: Revision
    /// Prepared, reviewed and approved, in that order.
    public var approvals: [Approval]
    /// 实施日期, ISO date; `nil` for a draft not yet released.
    public var effective: String?
    /// 保存期限: how long records are kept, and from when.
    public var retention: Retention
    /// 保存部门.
    public var department: Bilingual
    /// How records of a form are numbered; `nil` for procedures, which have no records.
    public var recordNumber: RecordNumberPattern?
    /// After which revision number the next change bumps the edition letter (A/4 → B/0).
    public var letterAfter: Int
    /// Whether the same person may prepare and approve a revision.
    public var selfApproval: Bool

    /// The control data of a template.
    public init(revision: Revision, approvals: [Approval], effective: String?, retention: Retention,
                department: Bilingual, recordNumber: RecordNumberPattern?, letterAfter: Int = 4, selfApproval: Bool = false) {
        self.revision = revision
        self.approvals = approvals
        self.effective = effective
        self.retention = retention
        self.department = department
        self.recordNumber = recordNumber
        self.letterAfter = letterAfter
        self.selfApproval = selfApproval
    }

    /// All three approvals are given.
    public var isApproved: Bool { approvals.count == 3 }

    /// The approval for `role`, if recorded.
    public func approval(_ role: Approval.Role) -> Approval? {
        approvals.first { $0.role == role }
    }
}

/// How long a record is kept (保存期限), and from when.
public struct Retention: Sendable, Equatable {
    /// Where retention starts.
    public enum Basis: String, Sendable {
        /// From the record's date.
        case recordDate = "record-date"
        /// From the closure of the case the record belongs to (CAPA, 8D).
        case closure
        /// From the day the document revision is superseded (controlled documents).
        case superseded
    }

    /// Years kept.
    public var years: Int
    /// Where they count from.
    public var basis: Basis

    /// Kept `years` from `basis`.
    public init(years: Int, basis: Basis) {
        self.years = years
        self.basis = basis
    }

    /// As printed: `3年（自记录日期）` / `3 years from the record date`.
    public var label: Bilingual {
        let en = years == 1 ? "1 year" : "\(years) years"
        return switch basis {
        case .recordDate: Bilingual(zh: "\(years)年", en: en)
        case .closure: Bilingual(zh: "结案后\(years)年", en: en + " after closure")
        case .superseded: Bilingual(zh: "作废后\(years)年", en: en + " after superseded")
        }
    }
}
