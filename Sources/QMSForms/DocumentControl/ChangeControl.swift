import Foundation
import Synchronization

/// Revise, approve and release controlled documents in a ``Workspace`` (ISO 9001 7.5.2/7.5.3).
///
/// The working copy in `forms/` is where authors edit; ``revise(_:_:)`` opens the next revision
/// and appends its change-record row, ``approve(_:role:by:date:signedWith:)`` signs it in order, and
/// ``release(_:effective:by:now:)`` freezes its bytes and SHA-256 in `.qms/`. Every action checks
/// first and changes nothing when it refuses.
///
/// ```swift
/// let control = try ChangeControl(workspace: Workspace(root: url))
/// try await control.revise("capa", ChangeRequest(summary: "改标签", pages: "P1", order: "DCR-2026-004", by: Principal.named("王芳")!))
/// for role in Approval.Role.allCases { try await control.approve("capa", role: role, by: signer(role), date: Day("2026-02-01")) }
/// try await control.release("capa", effective: Day("2026-02-05")!)
/// ```
///
/// The register is a ``DocumentRegisterStore``; every action is appended to an ``AuditTrail``.
public struct ChangeControl: Sendable {
    /// The working copies authors edit (`forms/`).
    public let formsDirectory: URL
    /// Released revisions and their frozen bytes.
    public let register: any DocumentRegisterStore
    /// Where each revise, approve and release is logged.
    public let audit: any AuditTrail
    let loader: TemplateLoader
    private let parsed = ParsedTemplates()

    /// Document control over the working copies in `formsDirectory`, the register in `register`, logging to `audit`.
    public init(formsDirectory: URL, register: any DocumentRegisterStore, audit: any AuditTrail) throws {
        self.formsDirectory = formsDirectory
        self.register = register
        self.audit = audit
        self.loader = try TemplateLoader()
    }

    /// The document control of a controlled workspace, in its files; `audit` defaults to the
    /// workspace archive's trail.
    public init(workspace: Workspace, audit: (any AuditTrail)? = nil) throws {
        guard workspace.isControlled else { throw ChangeControlError.notAWorkspace(workspace.root.path) }
        try self.init(formsDirectory: workspace.formsDirectory, register: workspace.register,
                      audit: audit ?? FileArchiveStore(directory: workspace.archiveDirectory))
    }

    /// The document control of `workspace`'s working copies over the register in `stores`
    /// (the workspace's files or a shared database), logging to its records' trail. A place
    /// without a register yet is refused.
    public init(workspace: Workspace, stores: ArchiveStores) async throws {
        guard try await stores.hasRegister() else {
            throw stores.isShared ? ChangeControlError.noRegister(location: stores.location) : .notAWorkspace(workspace.root.path)
        }
        try self.init(formsDirectory: workspace.formsDirectory, register: stores.register, audit: stores.records)
    }

    /// Templates parse once per process for the same bytes: the parsed template is kept by the
    /// SHA-256 of the bytes it came from (frozen revisions are hash-checked on every read).
    final class ParsedTemplates: Sendable {
        private let bySHA = Mutex<[String: Template]>([:])

        func template(sha: String, load: () throws -> Template) throws -> Template {
            if let t = bySHA.withLock({ $0[sha] }) { return t }
            let t = try load()
            bySHA.withLock { $0[sha] = t }
            return t
        }
    }

    /// A document as the register and the working copy show it.
    struct Document {
        var index: Int
        var entry: RegisterState.Document
        var workingURL: URL
        var workingText: String
        var working: Template
        var lastReleased: RegisterState.Released
        var lastRevision: Revision
    }

    /// The register's entry for `name` (number or alias), without reading the working copy.
    func entry(_ name: String, in state: RegisterState) throws(ChangeControlError) -> (index: Int, entry: RegisterState.Document) {
        guard let index = state.documents.firstIndex(where: {
            $0.number.caseInsensitiveCompare(name) == .orderedSame || $0.alias == name
        }) else { throw ChangeControlError.unknownDocument(name) }
        return (index, state.documents[index])
    }

    func document(_ name: String, in state: RegisterState) throws -> Document {
        let (index, entry) = try self.entry(name, in: state)
        let url = formsDirectory.appendingPathComponent(entry.file)
        let data: Data
        do { data = try FileError.attempt(.read, url) { try Data(contentsOf: url) } } catch { throw ChangeControlError.file(error) }
        let working = try parsed.template(sha: Digest.sha256(data) + url.path) { try loader.load(data: data, path: url.path) }
        let last = entry.released.last!
        return Document(index: index, entry: entry, workingURL: url, workingText: String(decoding: data, as: UTF8.self),
                        working: working, lastReleased: last, lastRevision: Revision(last.revision)!)
    }

    /// The open draft's revision, checked to follow the last released one without a gap;
    /// `nil` when the working copy declares the released revision (no draft). The numbering rule
    /// is the released revision's: a draft cannot change how it is itself numbered.
    func draftRevision(_ doc: Document, released: Template) throws -> Revision? {
        let declared = doc.working.control.revision
        if declared == doc.lastRevision { return nil }
        if declared < doc.lastRevision { throw ChangeControlError.backward(document: doc.entry.number, from: doc.lastRevision, to: declared) }
        let allowed = [false, true].compactMap { RevisionRule.next(after: doc.lastRevision, major: $0, letterAfter: released.control.letterAfter) }
        guard allowed.contains(declared) else {
            throw ChangeControlError.gap(document: doc.entry.number, from: doc.lastRevision, to: declared, expected: allowed)
        }
        return declared
    }

    /// The template of a released revision, from its frozen, hash-checked bytes.
    func frozenTemplate(_ r: RegisterState.Released, number: String) async throws -> Template {
        let data = try await register.frozen(r, of: number)
        return try parsed.template(sha: r.sha256) { try loader.load(data: data, path: r.file) }
    }

    /// Writes a new working copy after checking it loads; returns the loaded template.
    @discardableResult
    func rewrite(_ doc: Document, _ edit: (inout TemplateEditor) throws -> Void) throws -> Template {
        var editor = TemplateEditor(text: doc.workingText)
        try edit(&editor)
        let data = Data(editor.text.utf8)
        let template = try loader.load(data: data, path: doc.workingURL.path)
        try OutputFolder(formsDirectory).write([(doc.entry.file, data)])
        return template
    }

    /// Opens the next revision of `name` from its edited working copy and appends the change row;
    /// with `request.amend`, records again what the open draft changes (its row is replaced and
    /// its signatures voided), for an edit made after the draft was opened.
    @discardableResult
    public func revise(_ name: String, _ request: ChangeRequest) async throws -> ChangeRecord {
        try AuthorizationPolicy().check(request.by, may: .revise)
        let state = try await register.load()
        let doc = try document(name, in: state)
        let missing = [("summary 更改内容", request.summary), ("pages 更改页次", request.pages), ("change order 更改文件号", request.order)]
            .filter { $0.1.allSatisfy(\.isWhitespace) }.map(\.0)
        if !missing.isEmpty { throw ChangeControlError.incompleteChange(document: doc.entry.number, missing: missing) }
        let released = try await frozenTemplate(doc.lastReleased, number: doc.entry.number)
        let declared = doc.working.control.revision
        if declared < doc.lastRevision { throw ChangeControlError.backward(document: doc.entry.number, from: doc.lastRevision, to: declared) }
        let next: Revision
        var rows = doc.working.changeRecord
        if request.amend {
            guard let draft = try draftRevision(doc, released: released) else {
                throw ChangeControlError.noDraft(document: doc.entry.number, released: doc.lastRevision)
            }
            next = draft
            if rows.last?.version == draft { rows.removeLast() }
        } else {
            if declared > doc.lastRevision { throw ChangeControlError.draftOpen(document: doc.entry.number, draft: declared) }
            guard let n = RevisionRule.next(after: declared, major: request.major, letterAfter: released.control.letterAfter) else {
                throw ChangeControlError.noEditionAfterZ(document: doc.entry.number)
            }
            next = n
        }
        let changes = TemplateDiff(from: released, to: doc.working).changes
        if changes.isEmpty && request.before == nil && request.after == nil {
            throw ChangeControlError.nothingChanged(document: doc.entry.number)
        }
        let date = (request.date ?? Day(Date())).description
        var remarks = request.remarks
        if next.edition != doc.lastRevision.edition && remarks.isEmpty {
            remarks = "换版 New edition (\(doc.lastRevision.edition)/0–\(doc.lastRevision) consolidated)"
        }
        // Control data changes are always written out, whatever wording the author gives.
        let control = changes.filter(\.isControl)
        func side(_ given: String?, _ value: KeyPath<TemplateDiff.Change, String>) -> String {
            (given.map { [$0] + Self.lines(control, value) } ?? Self.lines(changes, value)).joined(separator: "\n")
        }
        let row = ChangeRecord(
            seq: rows.count + 1, date: date, version: next, summary: request.summary,
            before: side(request.before, \.before), after: side(request.after, \.after),
            pages: request.pages, order: request.order, by: request.by.displayName, remarks: remarks)
        var updated = doc.working.control
        updated.revision = next
        updated.approvals = []
        updated.effective = nil
        try rewrite(doc) { editor in
            try editor.setControl(updated)
            try editor.setChangeRecord(rows + [row])
        }
        try await log(.revise, document: doc.entry.number, revision: next.description, by: request.by,
                      detail: (request.amend ? "amended: " : "") + "\(request.summary) (\(request.order))", now: Date())
        return row
    }

    /// The lines a change-record row gives `changes` under 更改前 or 更改后 (`value`).
    static func lines(_ changes: [TemplateDiff.Change], _ value: KeyPath<TemplateDiff.Change, String>) -> [String] {
        changes.map { "\($0.path) \($0.aspect): \($0[keyPath: value].isEmpty ? "—" : $0[keyPath: value])" }
    }

    /// Refuses a draft whose control data differ from the released revision's in a way its
    /// change-record row does not state: control data change only as a recorded change.
    func checkControlChangesRecorded(_ doc: Document, released: Template) throws {
        let control = TemplateDiff(from: released, to: doc.working).changes.filter(\.isControl)
        guard !control.isEmpty else { return }
        let row = doc.working.changeRecord.last { $0.version == doc.working.control.revision }
        let before = Set(row?.before.split(separator: "\n").map(String.init) ?? [])
        let after = Set(row?.after.split(separator: "\n").map(String.init) ?? [])
        for change in control where !before.contains(Self.lines([change], \.before)[0]) || !after.contains(Self.lines([change], \.after)[0]) {
            throw ChangeControlError.controlChangeNotRecorded(document: doc.entry.number, change: change.description)
        }
    }

    /// Signs the open draft of `name` as `role`; the roles sign in order. With `key` (from a
    /// ``SigningCeremony`` for the same person) the approval is also signed electronically: a
    /// ``SignedApproval`` of the draft's content hash, carried in the audit entry.
    public func approve(_ name: String, role: Approval.Role, by principal: Principal, date: Day? = nil,
                        signedWith key: SigningCeremony.Key? = nil) async throws {
        let by = principal.displayName
        let state = try await register.load()
        let doc = try document(name, in: state)
        let control = doc.working.control
        let released = try await frozenTemplate(doc.lastReleased, number: doc.entry.number)
        guard try draftRevision(doc, released: released) != nil else {
            throw ChangeControlError.releasedIsFrozen(document: doc.entry.number, revision: doc.lastRevision)
        }
        try checkControlChangesRecorded(doc, released: released)
        // A signature covers the text it signed: after an edit, the earlier ones no longer do.
        let digest = try contentDigest(doc)
        var signed = control.approvals
        if let stale = signed.first(where: { $0.contentSHA256 != digest }) {
            guard role == .prepared else { throw ChangeControlError.changedSinceSigned(document: doc.entry.number, signedAs: stale.role) }
            signed = []   // signing again from the start
        }
        guard signed.count < 3 else {
            throw ChangeControlError.alreadyApproved(document: doc.entry.number, revision: control.revision, by: signed[2].name, date: signed[2].date)
        }
        let expected = Approval.Role.allCases[signed.count]
        guard role == expected else { throw ChangeControlError.outOfOrder(document: doc.entry.number, expected: expected, given: role) }
        // The draft is approved under the rules in force, not under the ones it proposes.
        try AuthorizationPolicy().check(principal, may: .approve(role, signedBy: signed.map(\.name),
                                                                  selfApproval: released.control.selfApproval))
        let day = (date ?? Day(Date())).description
        if let last = signed.last, day < last.date {
            throw ChangeControlError.approvalBeforePrevious(document: doc.entry.number, role: role, date: day, previous: last)
        }
        var detail = "\(role.rawValue) \(day), content SHA-256 \(digest)"
        let now = Date()
        if let key {
            guard key.account.displayName == by else { throw SignatureError.noSigningKey(account: by) }
            detail += ", " + SignedApproval.marker + (try SignedApproval.sign(document: doc.entry.number, revision: control.revision.description,
                                                                           role: role, contentSHA256: digest, with: key, now: now))
        }
        var updated = control
        updated.approvals = signed + [Approval(role: role, name: by, date: day, contentSHA256: digest)]
        try rewrite(doc) { try $0.setControl(updated) }
        try await log(.approve, document: doc.entry.number, revision: control.revision.description, by: principal, detail: detail, now: now)
    }

    /// Releases the approved draft of `name`: freezes its bytes, effective from `effective`;
    /// the revision before it is obsolete from that day.
    @discardableResult
    public func release(_ name: String, effective day: Day, by principal: Principal, now: Date = Date()) async throws -> Revision {
        try AuthorizationPolicy().check(principal, may: .release)
        let effective = day.description
        let state = try await register.load()
        let doc = try document(name, in: state)
        var control = doc.working.control
        let released = try await frozenTemplate(doc.lastReleased, number: doc.entry.number)
        guard try draftRevision(doc, released: released) != nil else {
            throw ChangeControlError.noDraft(document: doc.entry.number, released: doc.lastRevision)
        }
        try checkControlChangesRecorded(doc, released: released)
        guard control.isApproved else {
            throw ChangeControlError.notApproved(document: doc.entry.number, revision: control.revision,
                                                 missing: Array(Approval.Role.allCases.dropFirst(control.approvals.count)))
        }
        // What is frozen is exactly what the three signed.
        let digest = try contentDigest(doc)
        guard control.approvals.allSatisfy({ $0.contentSHA256 == digest }) else {
            throw ChangeControlError.changedSinceApproved(document: doc.entry.number)
        }
        guard effective >= control.approvals[2].date else {
            throw ChangeControlError.effectiveBeforeApproval(document: doc.entry.number, effective: effective, approved: control.approvals[2].date)
        }
        // Never in force retroactively: records filled before today stay on the revision they were filled on.
        guard effective >= Day(now).description else {
            throw ChangeControlError.effectiveBeforeRelease(document: doc.entry.number, effective: effective, today: Day(now).description)
        }
        guard effective >= doc.lastReleased.effective else {
            throw ChangeControlError.effectiveBeforePrevious(document: doc.entry.number, effective: effective, previous: doc.lastReleased.effective)
        }
        control.effective = effective
        var editor = TemplateEditor(text: doc.workingText)
        try editor.setControl(control)
        let data = Data(editor.text.utf8)
        let template = try loader.load(data: data, path: doc.workingURL.path)
        // The trail first: a release the register shows is one the trail accounts for (verify
        // checks each frozen revision against its entry), attributed to whoever released it.
        try await log(.release, document: doc.entry.number, revision: control.revision.description, by: principal,
                      detail: "effective \(effective), SHA-256 \(template.sha256)", now: now)
        _ = try await register.release(.init(revision: control.revision, sha256: template.sha256, effective: effective,
                                             releasedAt: Self.timestamp(now)), bytes: data, for: doc.entry.number)
        try OutputFolder(formsDirectory).write([(doc.entry.file, data)])
        return control.revision
    }

    /// Registers `templates` (with their bytes) into an empty register, each released at the
    /// revision its file declares, and logs every registration in the audit trail, so frozen
    /// revisions are bound to it from the start.
    public func registerInitial(_ templates: [(template: Template, bytes: Data)], by principal: Principal?, now: Date = Date()) async throws {
        let registrations = try RegisterState.registrations(of: templates, now: now)
        try await register.create(registrations)
        for r in registrations {
            _ = try await audit.append(AuditEntry(
                seq: 0, time: Self.timestamp(now), actor: principal?.displayName ?? "qmsforms init", action: .register,
                form: r.number, revision: r.release.revision.description,
                detail: "effective \(r.release.effective), SHA-256 \(r.release.sha256)", prev: ""))
        }
    }

    /// SHA-256 of what a signature signs: the working copy as it would read with no approvals
    /// and no effective date (the parts signing and releasing write).
    func contentDigest(_ doc: Document) throws -> String {
        var unsigned = doc.working.control
        unsigned.approvals = []
        unsigned.effective = nil
        var editor = TemplateEditor(text: doc.workingText)
        try editor.setControl(unsigned)
        return Digest.sha256(Data(editor.text.utf8))
    }

    /// Appends a document-control action to the audit trail.
    func log(_ action: AuditEntry.Action, document: String, revision: String, by principal: Principal, detail: String, now: Date) async throws {
        _ = try await audit.append(AuditEntry(seq: 0, time: Self.timestamp(now), actor: principal.displayName, action: action,
                                              form: document, revision: revision, detail: detail, prev: ""))
    }

    /// Today, `yyyy-mm-dd`, in local time.
    public static func today(_ date: Date = Date()) -> String { Day(date).description }

    /// A moment as the audit trail writes it: UTC, ISO 8601, whole seconds (`2026-03-12T08:30:00Z`).
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
