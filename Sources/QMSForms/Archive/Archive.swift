import Foundation
import XMLSupport

/// The record archive: records issued under numbers that are never reused, frozen as XML and
/// HTML with their hashes, accounted for in a hash-chained audit trail, indexed for search,
/// and exported as BagIt packages an auditor can check without us.
///
/// `Archive` decides; a ``RecordArchiveStore`` keeps. Each of ``issue(_:data:source:by:now:)``,
/// ``correct(_:data:source:reason:by:)``, ``void(_:reason:by:)`` and ``dispose(_:reason:by:)``
/// is one ``RecordArchiveStore/perform(_:)``: one atomic change.
///
/// ```swift
/// let archive = try Archive(workspace: Workspace(root: url))
/// let issued = try await archive.issue("8d", data: node, source: "8d.yaml", by: Principal.named("李强")!)
/// print(issued.number)   // 8D-2026-001
/// ```
public struct Archive: Sendable {
    /// Where the records, the audit trail and the index are kept.
    public let store: any RecordArchiveStore
    /// The register: which template revision records are filled against.
    public let documents: ChangeControl
    /// Company, logo and print settings for the frozen HTML.
    public let settings: Settings
    /// What "today" is for retention and "now" for the audit trail.
    public let clock: WallClock
    /// Who may do what.
    public let policy = AuthorizationPolicy()
    /// The folder of the workspace's signing CA, whose certificate every signature is checked against.
    public var signingAuthority: URL?

    /// An archive over `store`, filling records against the revisions `documents` has in force, printing with `settings`.
    public init(store: any RecordArchiveStore, documents: ChangeControl, settings: Settings, clock: WallClock = .system) {
        self.store = store
        self.documents = documents
        self.settings = settings
        self.clock = clock
    }

    /// The archive of a controlled workspace, in its files (`archive/`).
    public init(workspace: Workspace, clock: WallClock = .system) throws {
        guard workspace.isControlled else { throw ArchiveError.notControlled(workspace.root.path) }
        let store = FileArchiveStore(directory: workspace.archiveDirectory)
        self.init(store: store, documents: try ChangeControl(workspace: workspace, audit: store),
                  settings: try workspace.settings(), clock: clock)
        signingAuthority = workspace.signingAuthorityDirectory
    }

    /// The archive in `stores` (the workspace's files or a shared database), filling records against
    /// the register kept there, with `workspace`'s settings and signing CA.
    public init(workspace: Workspace, stores: ArchiveStores, clock: WallClock = .system) async throws {
        self.init(store: stores.records, documents: try await ChangeControl(workspace: workspace, stores: stores),
                  settings: try workspace.settings(), clock: clock)
        signingAuthority = workspace.signingAuthorityDirectory
    }

    /// A record just issued or corrected.
    public struct Issued: Sendable {
        /// The record number, e.g. `8D-2026-001`.
        public var number: String
        /// The record's own revision: 0 as issued, 1 after the first correction.
        public var revision: Int
        /// Where its files are (a path on disk for the file archive).
        public var xmlPath: String
        /// Where the frozen HTML print is (a path on disk for the file archive).
        public var htmlPath: String
        /// The audit entry that committed it.
        public var entry: AuditEntry
        /// What failed after the record was committed (the index), in words; the next archive
        /// action finishes it. The record is issued either way.
        public var unfinished: String?
    }

    /// Validates `data` against the form's revision in force on the record's date (see
    /// ``RevisionSchedule``) and archives it under the next number.
    public func issue(_ form: String, data: DataNode, source: String, by principal: Principal, now: Date? = nil) async throws -> Issued {
        try policy.check(principal, may: .issue)
        let now = now ?? clock.now
        if let given = data["record_no"], !given.isEmpty { throw ArchiveError.numberGiven(given.scalarText ?? "") }
        let template = try await documents.schedule(form, asOf: clock.today).template(for: data)
        let draft = try RecordValidator(template: template).validate(data, source: source)
        guard let pattern = template.control.recordNumber else { throw ArchiveError.unknownRecord(form) }
        return try await commit { () async throws -> (ArchiveChange, String, Int) in
            let day = ChangeControl.today(now)
            let series = pattern.series(on: day)
            let seq = try await store.lastSequence(in: series) + 1
            let number = pattern.number(on: day, seq: seq)
            let record = Record(template: template, number: number, values: draft.values, computed: draft.computed)
            let change = try frozen(record, revision: 0, action: .issue, reason: nil, corrections: [], by: principal, now: now,
                                    issuedAt: ChangeControl.timestamp(now), sequence: SequenceUse(series: series, seq: seq))
            return (change, number, 0)
        }
    }

    /// Archives a corrected revision of `number`, pinned to the same template revision; the
    /// earlier revisions stay as they were, and the new print lists every correction.
    public func correct(_ number: String, data: DataNode, source: String, reason: String, by principal: Principal) async throws -> Issued {
        try policy.check(principal, may: .correct)
        let now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "correct") }
        if let given = data["record_no"]?.scalarText, given != number { throw ArchiveError.otherNumberGiven(given: given, number: number) }
        return try await commit { () async throws -> (ArchiveChange, String, Int) in
            let history = try await standing(number)
            let first = history[0]
            let (template, _) = try await documents.template(first.form!, revision: Revision(first.revision!)!)
            let checked = try RecordValidator(template: template).validate(data, source: source)
            let record = Record(template: template, number: number, values: checked.values, computed: checked.computed)
            // Like revise, a correction must change something.
            let current = try await read(history.last!.recordFiles[0])
            guard current.values != record.values else { throw ArchiveError.nothingCorrected(number) }
            let revision = (history.compactMap(\.recordRevision).max() ?? 0) + 1
            let corrections = history.filter { $0.action == .correct }.map(correction)
                + [PrintMarks.Correction(revision: revision, date: String(ChangeControl.timestamp(now).prefix(10)), by: principal.displayName, reason: reason)]
            let change = try frozen(record, revision: revision, action: .correct, reason: reason, corrections: corrections, by: principal,
                                    now: now, issuedAt: first.time, sequence: nil)
            return (change, number, revision)
        }
    }

    /// Retires `number`: logged with the reason, never issued again; its files stay readable.
    /// Returns what failed after the commit, if anything (see ``Committed/unfinished``).
    @discardableResult
    public func void(_ number: String, reason: String, by principal: Principal) async throws -> String? {
        try policy.check(principal, may: .void)
        let now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "void") }
        try await freshIndex()
        return try await store.perform {
            let history = try await standing(number)
            let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: principal.displayName, action: .void, form: history[0].form,
                                   revision: history[0].revision, number: number, recordRevision: history.last?.recordRevision,
                                   reason: reason, prev: "")
            return ArchivePlan(change: ArchiveChange(entry: entry, index: [.state(number: number, .void)]))
        }.unfinished
    }

    /// Disposes of `number` after its retention: the files are deleted, the audit trail keeps
    /// the fact, who, when and why. Returns what failed after the commit, if anything.
    @discardableResult
    public func dispose(_ number: String, reason: String, by principal: Principal) async throws -> String? {
        try policy.check(principal, may: .dispose)
        let now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "dispose") }
        try await freshIndex()
        return try await store.perform {
            let (history, keepUntil) = try await retention(of: number)
            let day = Day(now).description
            guard let until = keepUntil, until < day else { throw ArchiveError.notDue(number: number, keepUntil: keepUntil ?? "its case is closed") }
            let files = Set(history.flatMap(\.recordFiles))
            let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: principal.displayName, action: .dispose, form: history[0].form,
                                   revision: history[0].revision, number: number, reason: reason, detail: "kept until \(until)", prev: "")
            // Its content leaves the index with its files.
            let latest = history.compactMap(\.recordRevision).max() ?? 0
            return ArchivePlan(change: ArchiveChange(entry: entry, removing: files.sorted(), index: [disposedRow(history[0], revision: latest)]))
        }.unfinished
    }

    /// How long `number` is kept, from the record itself (its latest XML and its template
    /// revision), never from the index; with its history. `nil` while its case is open.
    func retention(of number: String) async throws -> (history: [AuditEntry], keepUntil: String?) {
        let history = try await standing(number, allowVoid: true)
        let record = try await read(history.last!.recordFiles[0])
        return (history, keepUntil(record, recordDate: record.declaredDay ?? String(history[0].time.prefix(10))))
    }

    /// Rebuilds the index first when a committed change could not reach it.
    func freshIndex() async throws {
        if await store.indexIsStale() { _ = try await reindex() }
    }

    // MARK: - Inside a transaction

    /// The issue, correct and sign entries of `number`, oldest first; refuses void and disposed numbers.
    func standing(_ number: String, allowVoid: Bool = false) async throws -> [AuditEntry] {
        let all = try await store.history(of: number)
        guard all.contains(where: { $0.action == .issue }) else { throw ArchiveError.unknownRecord(number) }
        if all.contains(where: { $0.action == .dispose }) { throw ArchiveError.disposed(number) }
        if !allowVoid, all.contains(where: { $0.action == .void }) { throw ArchiveError.voided(number) }
        return all.filter { $0.action.archivesRecordFiles }
    }

    func correction(_ e: AuditEntry) -> PrintMarks.Correction {
        PrintMarks.Correction(revision: e.recordRevision ?? 0, date: String(e.time.prefix(10)), by: e.actor, reason: e.reason ?? "")
    }

    /// `records/FORM/NUMBER`, below the archive.
    func folder(_ form: String, _ number: String) -> String { AuditEntry.recordFolder(form: form, number: number) }

    /// Commits the change `plan` makes for record `number` revision `revision`, and reports it.
    func commit(_ plan: () async throws -> (ArchiveChange, String, Int)) async throws -> Issued {
        struct Archived: Sendable { var number: String, revision: Int, xml: String, html: String }
        try await freshIndex()
        let committed = try await store.perform { () async throws -> ArchivePlan<Archived> in
            let (change, number, revision) = try await plan()
            return ArchivePlan(change: change, result: Archived(number: number, revision: revision,
                                                                xml: change.adding[0].path, html: change.adding[1].path))
        }
        let made = committed.result
        return Issued(number: made.number, revision: made.revision, xmlPath: store.location(of: made.xml) ?? made.xml,
                      htmlPath: store.location(of: made.html) ?? made.html, entry: committed.entry!, unfinished: committed.unfinished)
    }

    /// The change that archives `record` as its revision `revision`: its XML and HTML, their
    /// hashes in the audit entry, its index row.
    private func frozen(_ record: Record, revision: Int, action: AuditEntry.Action, reason: String?, corrections: [PrintMarks.Correction],
                        by principal: Principal, now: Date, issuedAt: String, sequence: SequenceUse?) throws -> ArchiveChange {
        try archived(record, xml: Data(RecordXMLWriter().write(record, recordRevision: revision).utf8), as: revision, action: action,
                     marks: PrintMarks(corrections: corrections), reason: reason, detail: sequence?.series, by: principal.displayName,
                     now: now, issuedAt: issuedAt, sequence: sequence)
    }

    /// The change that archives `xml` (the XML of `record`) as its file revision `revision`, with
    /// its print made with `marks`: both files, their hashes in the audit entry, its index row.
    func archived(_ record: Record, xml: Data, as revision: Int, action: AuditEntry.Action, marks: PrintMarks, reason: String?, detail: String?,
                  by actor: String, now: Date, issuedAt: String, sequence: SequenceUse? = nil, state: ArchivedRecord.State? = nil) throws -> ArchiveChange {
        let number = record.number!
        let html = Data(HTMLRenderer(settings: settings, marks: marks).render(record).utf8)
        let c14n = try XMLTree.canonicalized(xml, source: number)
        let path = folder(record.template.number, number)
        let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: actor, action: action,
                               form: record.template.number, revision: record.template.control.revision.description, number: number,
                               recordRevision: revision, xmlSHA256: Digest.sha256(c14n), htmlSHA256: Digest.sha256(html), reason: reason,
                               detail: detail, prev: "")
        let row = indexRow(record, revision: revision, issuedAt: issuedAt, path: path, state: state)
        return ArchiveChange(entry: entry, adding: [StoredFile(path: entry.recordFiles[0], data: xml),
                                                    StoredFile(path: entry.recordFiles[1], data: html)],
                             sequence: sequence, index: [row])
    }
}
