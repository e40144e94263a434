import Foundation

/// The register as stored: for each controlled document, its released revisions in order.
public struct RegisterState: Codable, Equatable, Sendable {
    /// The version of this layout.
    public var format = 1
    /// Every controlled document, in registration order.
    public var documents: [Document] = []

    /// A register of `documents`.
    public init(documents: [Document] = []) { self.documents = documents }

    /// One controlled document.
    public struct Document: Codable, Equatable, Sendable {
        /// The document number.
        public var number: String
        /// Its alias on the command line.
        public var alias: String
        /// The working copy's file name in `forms/`.
        public var file: String
        /// Its released revisions, oldest first.
        public var released: [Released]

        /// Document `number` (alias `alias`, working copy `file`) with its `released` revisions.
        public init(number: String, alias: String, file: String, released: [Released]) {
            self.number = number
            self.alias = alias
            self.file = file
            self.released = released
        }
    }

    /// One released revision.
    public struct Released: Codable, Equatable, Sendable {
        /// The revision, `A/0`.
        public var revision: String
        /// SHA-256 of the frozen bytes.
        public var sha256: String
        /// Where the frozen bytes are kept (below `.qms/` for the files).
        public var file: String
        /// The day it takes effect (`yyyy-mm-dd`).
        public var effective: String
        /// When it was released (UTC, ISO 8601).
        public var releasedAt: String

        /// Revision `revision`, frozen as `file` with SHA-256 `sha256`, effective `effective`, released at `releasedAt`.
        public init(revision: String, sha256: String, file: String, effective: String, releasedAt: String) {
            self.revision = revision
            self.sha256 = sha256
            self.file = file
            self.effective = effective
            self.releasedAt = releasedAt
        }
    }

    /// A revision about to be released (the store decides where its bytes go).
    public struct Release: Sendable {
        /// The revision released.
        public var revision: Revision
        /// SHA-256 of its bytes.
        public var sha256: String
        /// The day it takes effect.
        public var effective: String
        /// When it was released.
        public var releasedAt: String
    }

    /// A document registered with its first released revision.
    public struct Registration: Sendable {
        /// The document number.
        public var number: String
        /// Its alias.
        public var alias: String
        /// The working copy's file name in `forms/`.
        public var file: String
        /// Its first released revision.
        public var release: Release
        /// That revision's bytes.
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
