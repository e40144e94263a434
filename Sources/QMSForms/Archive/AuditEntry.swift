import Foundation

/// One line of the audit log: who did what to which record or document, when, with the
/// content hashes, chained to the line before by its hash.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// What was done: a record action (issue, correct, void, export, dispose) or a document-control one (revise, approve, release).
    public enum Action: String, Codable, Sendable {
        /// A record issued under a new number.
        case issue
        /// A corrected revision of a record.
        case correct
        /// A record number retired.
        case void
        /// Records exported as a BagIt package.
        case export
        /// A record's files deleted after its retention.
        case dispose
        /// A document's next revision opened.
        case revise
        /// A draft revision signed in one role.
        case approve
        /// An approved revision frozen and put in force.
        case release
        /// The trail's torn last line restored or removed, explicitly.
        case repair
        /// A document registered with its first released revision (when the workspace is made).
        case register
        /// An account created, disabled, or given a new password (named first in `detail`).
        case account
        /// The workspace's signing CA made, or a person's signing certificate issued (serial in `detail`).
        case certificate
        /// A record signed electronically: a new record revision whose XML carries one more `ds:Signature`
        /// (meaning, signer and certificate serial in `detail`).
        case sign
        /// A signing attempt refused — wrong password, locked or disabled account — and why, in `detail`.
        case signingRefused

        /// Whether entries of this action account for a record revision's two files.
        public var archivesRecordFiles: Bool { self == .issue || self == .correct || self == .sign }
    }

    /// 1, 2, 3 … without gaps.
    public var seq: Int
    /// UTC, ISO 8601.
    public var time: String
    /// Who did it (the principal's display name).
    public var actor: String
    /// What was done.
    public var action: Action
    /// Form or document number.
    public var form: String?
    /// The template revision (records) or document revision (document control).
    public var revision: String?
    /// The record number, for record actions.
    public var number: String?
    /// The record's own revision: 0 when issued, 1 after the first correction …
    public var recordRevision: Int?
    /// SHA-256 of the exclusive-C14N XML record.
    public var xmlSHA256: String?
    /// SHA-256 of the HTML rendition.
    public var htmlSHA256: String?
    /// Why (corrections, voids, disposals).
    public var reason: String?
    /// Free detail: a date range exported, a role approved …
    public var detail: String?
    /// The previous entry's `hash` (64 zeros for the first).
    public var prev: String
    /// SHA-256 of this entry's canonical JSON without `hash`.
    public var hash: String

    /// The `prev` of the first entry: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// A draft entry; the trail fills in `seq`, `prev` and `hash` when it appends it.
    public init(seq: Int, time: String, actor: String, action: Action, form: String? = nil, revision: String? = nil,
                number: String? = nil, recordRevision: Int? = nil, xmlSHA256: String? = nil, htmlSHA256: String? = nil,
                reason: String? = nil, detail: String? = nil, prev: String, hash: String = "") {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.action = action
        self.form = form
        self.revision = revision
        self.number = number
        self.recordRevision = recordRevision
        self.xmlSHA256 = xmlSHA256
        self.htmlSHA256 = htmlSHA256
        self.reason = reason
        self.detail = detail
        self.prev = prev
        self.hash = hash
    }

    /// The folder below the archive that holds record `number` of form `form`.
    public static func recordFolder(form: String, number: String) -> String { "records/\(form)/\(number)" }

    /// The record files an issue, correct or sign entry accounts for (XML, HTML); none for other actions.
    public var recordFiles: [String] {
        guard action.archivesRecordFiles, let form, let number else { return [] }
        let base = Self.recordFolder(form: form, number: number) + "/r\(recordRevision ?? 0)"
        return [base + ".xml", base + ".html"]
    }

    /// The hash this entry must carry: SHA-256 of its canonical JSON with `hash` empty.
    public var computedHash: String {
        var copy = self
        copy.hash = ""
        return Digest.sha256(copy.canonicalJSON)
    }

    /// Sorted keys, no spaces: the same bytes on every machine.
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
