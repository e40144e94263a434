/// Who does something: the person an action is attributed to in the audit trail, the change
/// record and the approvals. The command-line tool builds one from `--by`/`QMS_USER`; a server
/// builds one from a signed-in account.
///
/// ```swift
/// let wang = Principal(id: "wangfang", displayName: "王芳", department: "quality", roles: [.record, .review])
/// try AuthorizationPolicy().check(wang, may: .issue)
/// ```
public struct Principal: Sendable, Hashable, Codable {
    /// What a person may do, after the procedure's responsibilities.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Fill and issue records (供销部, 技术部, 质管部 staff).
        case record
        /// Review records and prepare or review document revisions.
        case review
        /// Approve document revisions and close records (the management representative).
        case approve
        /// Release approved revisions (document control).
        case release
        /// Dispose of records past their retention.
        case dispose
        /// Export records for an audit.
        case export
        /// Manage accounts and the workspace.
        case administer
    }

    /// A stable identifier: an account name, or the typed name on the command line.
    public var id: String
    /// The printed name: what the audit trail and the signature blocks show.
    public var displayName: String
    /// The person's department, where known.
    public var department: String?
    /// What the person may do.
    public var roles: Set<Role>

    /// A person: `id` (stable), `displayName` (as printed and logged), their department and roles.
    public init(id: String, displayName: String, department: String? = nil, roles: Set<Role>) {
        self.id = id
        self.displayName = displayName
        self.department = department
        self.roles = roles
    }

    /// The one person at a desk using the command-line tool, named by `--by` or `QMS_USER`: every
    /// role (nobody else shares the workspace), still bound by segregation of duties. `nil` for a
    /// blank name: every action names who did it. The name is taken in its identity form
    /// (``PersonName/normalized(_:)``), so `王芳` and `王芳 ` (or with a zero-width space) are one person.
    public static func named(_ name: String) -> Principal? {
        let identity = PersonName.normalized(name)
        guard !identity.isEmpty else { return nil }
        return Principal(id: identity, displayName: identity, roles: Set(Role.allCases))
    }
}
