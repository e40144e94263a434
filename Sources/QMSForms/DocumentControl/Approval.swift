/// One of the three signatures every controlled document carries: prepared (编制),
/// reviewed (审核) and approved (批准), each with a name and a date.
public struct Approval: Sendable, Equatable {
    /// Who signs, in the order the roles must sign.
    public enum Role: String, Sendable, CaseIterable {
        /// Prepared (编制), reviewed (审核), approved (批准), signed in that order.
        case prepared, reviewed, approved

        /// The role's name as printed.
        public var label: Bilingual {
            switch self {
            case .prepared: Bilingual(zh: "编制", en: "Prepared")
            case .reviewed: Bilingual(zh: "审核", en: "Reviewed")
            case .approved: Bilingual(zh: "批准", en: "Approved")
            }
        }
    }

    /// Who signed as what.
    public var role: Role
    /// The signer's name.
    public var name: String
    /// ISO date, `yyyy-mm-dd`.
    public var date: String
    /// SHA-256 of the draft signed: the template's text with its approvals and effective date
    /// left out (``ChangeControl`` computes it). `nil` on signatures made before it was recorded.
    public var contentSHA256: String?

    /// A signature given in `role` by `name` on `date` (`yyyy-mm-dd`) to the draft whose content hash is `contentSHA256`.
    public init(role: Role, name: String, date: String, contentSHA256: String? = nil) {
        self.role = role
        self.name = name
        self.date = date
        self.contentSHA256 = contentSHA256
    }
}
