import Foundation

/// The register as stored: for each controlled document, its released revisions in order.
public struct RegisterState: Codable, Equatable, Sendable {
    public var format = 1
    public var documents: [Document] = []

    public init(documents: [Document] = []) { self.documents = documents }

    /// One controlled document.
    public struct Document: Codable, Equatable, Sendable {
        public var number: String
        public var alias: String
        /// The working copy's file name in `forms/`.
        public var file: String
        public var released: [Released]
    }

    /// One released revision.
    public struct Released: Codable, Equatable, Sendable {
        public var revision: String
        public var sha256: String
        /// Where the frozen bytes are kept (below `.qms/` for the files).
        public var file: String
        public var effective: String
        public var releasedAt: String
    }

    /// A revision about to be released (the store decides where its bytes go).
    public struct Release: Sendable {
        public var revision: Revision
        public var sha256: String
        public var effective: String
        public var releasedAt: String
    }

    /// A document registered with its first released revision.
    public struct Registration: Sendable {
        public var number: String
        public var alias: String
        public var file: String
        public var release: Release
        public var bytes: Data
    }

    /// The registrations of `templates`, each released at the revision its file declares; a
    /// template not approved by all three roles, or with no effective date, is refused.
    static func registrations(of templates: [(template: Template, bytes: Data)], now: Date) throws -> [Registration] {
        try templates.map { t, bytes in
            guard t.control.isApproved, let effective = t.control.effective else {
                throw ChangeControlError.notApproved(document: t.number, revision: t.control.revision,
                                                     missing: Array(Approval.Role.allCases.dropFirst(t.control.approvals.count)))
            }
            return Registration(number: t.number, alias: t.alias, file: URL(fileURLWithPath: t.path).lastPathComponent,
                                release: Release(revision: t.control.revision, sha256: t.sha256, effective: effective,
                                                 releasedAt: ChangeControl.timestamp(now)),
                                bytes: bytes)
        }
    }
}
