import Foundation
import Synchronization
import XMLSupport

/// The record archive of a controlled workspace: records issued under numbers that are never
/// reused, frozen as XML and HTML with their hashes, logged in a hash-chained audit trail,
/// indexed for search, and exported as BagIt packages an auditor can check without us.
///
/// ```swift
/// let archive = try Archive(workspace: Workspace(root: url))
/// let issued = try archive.issue("8d", data: node, source: "8d.yaml", by: Principal.named("李强")!)
/// print(issued.number)   // 8D-2026-001
/// ```
public struct Archive: Sendable {
    public let workspace: Workspace
    let control: ChangeControl
    let store: ArchiveStore
    /// What "today" is for retention and "now" for the audit trail.
    public let clock: WallClock
    /// Who may do what.
    public let policy = AuthorizationPolicy()
    private let connection = IndexConnection()

    public init(workspace: Workspace, clock: WallClock = .system) throws {
        guard workspace.isControlled else { throw ArchiveError.notControlled(workspace.root.path) }
        self.workspace = workspace
        self.clock = clock
        self.control = try ChangeControl(workspace: workspace)
        self.store = ArchiveStore(directory: workspace.root.appendingPathComponent("archive"))
    }

    /// The index, opened on first use and kept (reopened after the file was deleted).
    final class IndexConnection: Sendable {
        private let open = Mutex<ArchiveIndex?>(nil)

        func get(_ url: URL) throws -> ArchiveIndex {
            try open.withLock { open in
                if let open, FileManager.default.fileExists(atPath: url.path) { return open }
                do throws(FileError) { try DurableFile.makeFolder(url.deletingLastPathComponent()) } catch { throw ArchiveError.file(error) }
                let index = try ArchiveIndex(url: url)
                open = index
                return index
            }
        }
    }

    func index() throws -> ArchiveIndex { try connection.get(store.directory.appendingPathComponent("index.sqlite")) }

    /// A record just issued or corrected.
    public struct Issued: Sendable {
        public var number: String
        public var revision: Int
        public var xmlPath: URL
        public var htmlPath: URL
        public var entry: AuditEntry
    }

    /// Validates `data` against the form's revision in force and archives it under the next number.
    public func issue(_ form: String, data: DataNode, source: String, by principal: Principal, now: Date? = nil) throws -> Issued {
        try policy.check(principal, may: .issue)
        let by = principal.displayName, now = now ?? clock.now
        if let given = data["record_no"], !given.isEmpty { throw ArchiveError.numberGiven(given.scalarText ?? "") }
        let (template, _) = try control.templateForFilling(form)
        let draft = try RecordValidator(template: template).validate(data, source: source)
        guard let pattern = template.control.recordNumber else { throw ArchiveError.unknownRecord(form) }
        return try store.locked(finish) {
            let day = ChangeControl.today(now)
            let series = pattern.series(on: day)
            let seq = (store.counters()[series] ?? 0) + 1
            let number = pattern.number(on: day, seq: seq)
            let record = Record(template: template, number: number, values: draft.values, computed: draft.computed)
            return try archive(record, revision: 0, action: .issue, reason: nil, corrections: [], by: by, now: now,
                               series: series, seq: seq)
        }
    }

    /// Archives a corrected revision of `number`, pinned to the same template revision; the
    /// earlier revisions stay as they were, and the new print lists every correction.
    public func correct(_ number: String, data: DataNode, source: String, reason: String, by principal: Principal) throws -> Issued {
        try policy.check(principal, may: .correct)
        let by = principal.displayName, now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "correct") }
        if let given = data["record_no"]?.scalarText, given != number { throw ArchiveError.numberGiven(given) }
        return try store.locked(finish) {
            let history = try entries(of: number)
            let first = history[0]
            let (template, _) = try control.template(first.form!, revision: Revision(first.revision!)!)
            let checked = try RecordValidator(template: template).validate(data, source: source)
            let record = Record(template: template, number: number, values: checked.values, computed: checked.computed)
            let revision = (history.compactMap(\.recordRevision).max() ?? 0) + 1
            let corrections = history.filter { $0.action == .correct }.map(correction)
                + [PrintMarks.Correction(revision: revision, date: String(ChangeControl.timestamp(now).prefix(10)), by: by, reason: reason)]
            return try archive(record, revision: revision, action: .correct, reason: reason, corrections: corrections, by: by, now: now,
                               series: nil, seq: nil)
        }
    }

    /// Retires `number`: logged with the reason, never issued again; its files stay readable.
    public func void(_ number: String, reason: String, by principal: Principal) throws {
        try policy.check(principal, may: .void)
        let by = principal.displayName, now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "void") }
        try store.locked(finish) {
            let history = try entries(of: number)
            let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: by, action: .void, form: history[0].form,
                                   revision: history[0].revision, number: number, recordRevision: history.last?.recordRevision,
                                   reason: reason, prev: "")
            try commit(ArchiveStore.Pending(entry: entry, files: []))
        }
    }

    /// Disposes of `number` after its retention: the files are deleted, the audit log keeps
    /// the fact, who, when and why.
    public func dispose(_ number: String, reason: String, by principal: Principal) throws {
        try policy.check(principal, may: .dispose)
        let by = principal.displayName, now = clock.now
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingReason(action: "dispose") }
        try store.locked(finish) {
            let history = try entries(of: number, allowVoid: true)
            guard let row = try index().record(number) else { throw ArchiveError.unknownRecord(number) }
            let day = Day(now).description
            guard let until = row.keepUntil, until < day else { throw ArchiveError.notDue(number: number, keepUntil: row.keepUntil ?? "its case is closed") }
            let files = history.compactMap(\.recordRevision).flatMap { ["\(row.path)/r\($0).xml", "\(row.path)/r\($0).html"] }
            let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: by, action: .dispose, form: history[0].form,
                                   revision: history[0].revision, number: number, reason: reason, detail: "kept until \(until)", prev: "")
            try commit(ArchiveStore.Pending(entry: entry, files: Array(Set(files)).sorted()))
        }
    }

    // MARK: - Inside the lock

    /// The issue and correct entries of `number`, oldest first; refuses void and disposed numbers.
    func entries(of number: String, allowVoid: Bool = false) throws -> [AuditEntry] {
        let all = store.auditLog.entries().filter { $0.number == number }
        guard all.contains(where: { $0.action == .issue }) else { throw ArchiveError.unknownRecord(number) }
        if all.contains(where: { $0.action == .dispose }) { throw ArchiveError.disposed(number) }
        if !allowVoid, all.contains(where: { $0.action == .void }) { throw ArchiveError.voided(number) }
        return all.filter { $0.action == .issue || $0.action == .correct }
    }

    func correction(_ e: AuditEntry) -> PrintMarks.Correction {
        PrintMarks.Correction(revision: e.recordRevision ?? 0, date: String(e.time.prefix(10)), by: e.actor, reason: e.reason ?? "")
    }

    func folder(_ form: String, _ number: String) -> String { "records/\(form)/\(number)" }

    private func archive(_ record: Record, revision: Int, action: AuditEntry.Action, reason: String?,
                         corrections: [PrintMarks.Correction], by: String, now: Date, series: String?, seq: Int?) throws -> Issued {
        let number = record.number!
        let xml = Data(RecordXMLWriter().write(record, recordRevision: revision).utf8)
        let renderer = HTMLRenderer(settings: try workspace.settings(), marks: PrintMarks(corrections: corrections))
        let html = Data(renderer.render(record).utf8)
        let c14n = try XMLTree.canonicalized(xml, source: number)
        let path = folder(record.template.number, number)
        let files = ["\(path)/r\(revision).xml", "\(path)/r\(revision).html"]
        let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: by, action: action, form: record.template.number,
                               revision: record.template.control.revision.description, number: number, recordRevision: revision,
                               xmlSHA256: Digest.sha256(c14n), htmlSHA256: Digest.sha256(html), reason: reason,
                               detail: series, prev: "")
        let pending = ArchiveStore.Pending(entry: entry, files: files, series: series, seq: seq)
        try store.writePending(pending)
        try store.writeOnce(xml, to: files[0])
        try store.writeOnce(html, to: files[1])
        let committed = try commit(pending, written: true, record: record)
        return Issued(number: number, revision: revision, xmlPath: store.directory.appendingPathComponent(files[0]),
                      htmlPath: store.directory.appendingPathComponent(files[1]), entry: committed)
    }

    /// Appends the audit entry (the commit point), then finishes: counter, index, deletions.
    @discardableResult
    private func commit(_ pending: ArchiveStore.Pending, written: Bool = false, record: Record? = nil) throws -> AuditEntry {
        if !written { try store.writePending(pending) }
        let entry = try store.auditLog.append(pending.entry)
        try finish(pending, record: record)
        store.clearPending()
        return entry
    }

    /// What follows a committed entry; safe to run again after a crash (then `record` is
    /// `nil` and is read back from its file).
    func finish(_ pending: ArchiveStore.Pending) throws { try finish(pending, record: nil) }

    func finish(_ pending: ArchiveStore.Pending, record: Record?) throws {
        let entry = pending.entry
        if let series = pending.series, let seq = pending.seq { try store.setCounter(series, seq) }
        switch entry.action {
        case .issue, .correct:
            let issuedAt = entry.action == .issue ? entry.time : (try index().record(entry.number!)?.issuedAt ?? entry.time)
            try indexRecord(number: entry.number!, path: folder(entry.form!, entry.number!), revision: entry.recordRevision ?? 0,
                            issuedAt: issuedAt, record: record)
        case .void:
            try index().setState(entry.number!, .void)
        case .dispose:
            for file in pending.files { store.removeReadOnly(store.directory.appendingPathComponent(file)) }
            store.removeEmptyFolder(for: pending.files)
            try index().setState(entry.number!, .disposed)
        default: break
        }
    }
}
