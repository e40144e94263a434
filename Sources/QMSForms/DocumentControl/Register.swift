import Foundation

/// One line of the master list of controlled documents (受控文件清单).
public struct RegisterRow: Sendable, Codable, Equatable {
    /// How a revision stands on the day asked: in preparation, approved (not yet in force), in force, or superseded.
    public enum Status: String, Sendable, Codable {
        /// In preparation, not fully approved.
        case draft
        /// Approved and released, not yet in force.
        case approved
        /// In force.
        case effective
        /// Superseded by a later revision in force.
        case obsolete
    }

    /// The document number.
    public var number: String
    /// Its alias on the command line.
    public var alias: String
    /// Its title in Chinese.
    public var titleZh: String
    /// Its title in English.
    public var titleEn: String
    /// The revision in force (or the latest, when none is in force yet).
    public var revision: String
    /// How the revision shown stands.
    public var status: Status
    /// The day it took effect.
    public var effective: String?
    /// The department that owns it.
    public var owner: String
    /// How long its records are kept, as printed.
    public var retention: String
    /// A revision in preparation, with its status (draft or approved).
    public var pending: String?
    /// Every revision with its status, oldest first: `A/0 obsolete`, `A/1 effective`.
    public var revisions: [String]
}

/// How a revision chosen for filling stands.
public enum RevisionStanding: Sendable, Equatable {
    /// In force (released and effective), or the open draft.
    case effective, draft
}

extension ChangeControl {
    /// Statuses of the released revisions of a document on `asOf`.
    func statuses(_ entry: RegisterState.Document, asOf: String) -> [RegisterRow.Status] {
        let current = entry.released.lastIndex { $0.effective <= asOf }
        return entry.released.indices.map { i in
            guard let current else { return .approved }
            return i < current ? .obsolete : i == current ? .effective : .approved
        }
    }

    /// The master list on `asOf` (default today).
    public func register(asOf: Day? = nil) async throws -> [RegisterRow] {
        let day = asOf?.description ?? Self.today()
        let state = try await register.load()
        var rows: [RegisterRow] = []
        for entry in state.documents {
            let doc = try document(entry.number, in: state)
            let statuses = statuses(entry, asOf: day)
            let currentIndex = statuses.firstIndex(of: .effective) ?? entry.released.count - 1
            let current = entry.released[currentIndex]
            let c = doc.working.control
            // A released revision whose day has not come is shown with that day, then an open draft.
            let waiting = zip(entry.released, statuses).filter { $0.1 == .approved }.map { "\($0.0.revision) released, effective \($0.0.effective)" }
            let draft = c.revision > doc.lastRevision ? "\(c.revision) \(c.isApproved ? "approved" : "draft")" : nil
            let pending = (waiting + (draft.map { [$0] } ?? [])).joined(separator: "; ")
            rows.append(RegisterRow(
                number: entry.number, alias: entry.alias, titleZh: doc.working.title.zh, titleEn: doc.working.title.en,
                revision: current.revision, status: statuses[currentIndex], effective: current.effective,
                owner: c.department.zh, retention: c.retention.label.zh, pending: pending.isEmpty ? nil : pending,
                revisions: zip(entry.released, statuses).map { $1 == .approved ? "\($0.revision) released, effective \($0.effective)" : "\($0.revision) \($1.rawValue)" }
                    + (draft.map { [$0] } ?? [])))
        }
        return rows
    }

    /// The change record of `name` as its working copy holds it (the open draft's row included).
    public func history(_ name: String) async throws -> [ChangeRecord] {
        try document(name, in: try await register.load()).working.changeRecord
    }

    /// The template of `name` at `revision`: a released one from its frozen bytes, or the open draft.
    public func template(_ name: String, revision: Revision) async throws -> (Template, RevisionStanding) {
        let state = try await register.load()
        let entry = try self.entry(name, in: state).entry
        if let r = entry.released.first(where: { Revision($0.revision) == revision }) {
            return (try await frozenTemplate(r, number: entry.number), .effective)
        }
        let doc = try document(name, in: state)
        if doc.working.control.revision == revision, revision > doc.lastRevision { return (doc.working, .draft) }
        throw ChangeControlError.noSuchRevision(document: doc.entry.number, revision: revision.description)
    }

    /// The frozen bytes of a released revision, hash-checked.
    func frozenBytes(_ number: String, revision: String) async throws -> Data {
        let state = try await register.load()
        guard let entry = state.documents.first(where: { $0.number == number }),
              let r = entry.released.first(where: { $0.revision == revision }) else {
            throw ChangeControlError.noSuchRevision(document: number, revision: revision)
        }
        return try await register.frozen(r, of: number)
    }

    /// A structural comparison of two revisions of `name`.
    public func diff(_ name: String, from a: Revision, to b: Revision) async throws -> [TemplateDiff.Change] {
        TemplateDiff(from: try await template(name, revision: a).0, to: try await template(name, revision: b).0).changes
    }

    /// What the working copy of `name` changes against its last released revision (what
    /// ``revise(_:_:)`` records), with that revision.
    public func workingChanges(_ name: String) async throws -> (released: Revision, changes: [TemplateDiff.Change]) {
        let doc = try document(name, in: try await register.load())
        let released = try await frozenTemplate(doc.lastReleased, number: doc.entry.number)
        return (doc.lastRevision, TemplateDiff(from: released, to: doc.working).changes)
    }

    /// The template a new record of `name` is filled against: the effective revision; with
    /// `revision`, that one if it is in force; with `draft`, the open draft. Only a draft is
    /// read from the working copy: every released revision comes from its frozen, hash-checked
    /// bytes, so an edit in progress in `forms/` never changes what records are filled against.
    public func templateForFilling(_ name: String, revision: Revision? = nil, draft: Bool = false,
                                   asOf: Day? = nil) async throws -> (Template, RevisionStanding) {
        let day = asOf?.description ?? Self.today()
        let state = try await register.load()
        let entry = try self.entry(name, in: state).entry
        let statuses = statuses(entry, asOf: day)
        let effectiveIndex = statuses.firstIndex(of: .effective)
        if draft {
            let doc = try document(name, in: state)
            let released = try await frozenTemplate(doc.lastReleased, number: doc.entry.number)
            guard try draftRevision(doc, released: released) != nil, revision == nil || revision == doc.working.control.revision else {
                throw ChangeControlError.noDraft(document: doc.entry.number, released: doc.lastRevision)
            }
            return (doc.working, .draft)
        }
        guard let revision else {
            guard let i = effectiveIndex else {
                let last = entry.released.last!
                throw ChangeControlError.notYetEffective(document: entry.number, revision: Revision(last.revision)!, from: last.effective)
            }
            return (try await frozenTemplate(entry.released[i], number: entry.number), .effective)
        }
        guard let i = entry.released.firstIndex(where: { Revision($0.revision) == revision }) else {
            if (try? document(name, in: state))?.working.control.revision == revision {
                throw ChangeControlError.draftNeedsFlag(document: entry.number, revision: revision)
            }
            throw ChangeControlError.noSuchRevision(document: entry.number, revision: revision.description)
        }
        switch statuses[i] {
        case .obsolete:
            throw ChangeControlError.obsolete(document: entry.number, revision: revision,
                                              effective: Revision(entry.released[effectiveIndex!].revision)!)
        case .approved:
            throw ChangeControlError.notYetEffective(document: entry.number, revision: revision, from: entry.released[i].effective)
        default:
            return (try await frozenTemplate(entry.released[i], number: entry.number), .effective)
        }
    }

    /// The revisions of `name` a new record may be filled against, by its record date: the one
    /// in force today and the released ones before it (see ``RevisionSchedule``).
    public func schedule(_ name: String, asOf: Day? = nil) async throws -> RevisionSchedule {
        let (current, _) = try await templateForFilling(name, asOf: asOf)
        let entry = try self.entry(name, in: try await register.load()).entry
        var earlier: [(effective: String, template: Template)] = []
        for r in entry.released where Revision(r.revision)! < current.control.revision {
            earlier.append((r.effective, try await frozenTemplate(r, number: entry.number)))
        }
        return RevisionSchedule(current: current, earlier: earlier)
    }

    /// Every problem with the frozen revisions: missing or changed files, files the register
    /// does not know. Empty when all is well.
    public func verify() async throws -> [ChangeControlError] {
        let state = try await register.load()
        let trail = try await audit.entries().filter { $0.action == .register || $0.action == .release }
        var findings: [ChangeControlError] = []
        for entry in state.documents {
            for r in entry.released {
                do { _ = try await register.frozen(r, of: entry.number) } catch let error as ChangeControlError {
                    findings.append(error)
                }
                // Bound to the trail: the revision's registration or release logged these very bytes.
                if !trail.contains(where: { $0.form == entry.number && $0.revision == r.revision && $0.detail?.contains("SHA-256 \(r.sha256)") == true }) {
                    findings.append(.notInTrail(document: entry.number, revision: r.revision, sha256: r.sha256))
                }
            }
        }
        return findings + (try await register.unregisteredFiles()).map { ChangeControlError.unregisteredFile(document: $0.document, path: $0.path) }
    }

    /// The templates in force, for listing and for naming forms in procedures.
    public func effectiveCatalog(asOf: Day? = nil) async throws -> [Template] {
        var templates: [Template] = []
        for document in try await register.load().documents { templates.append(try await templateForFilling(document.number, asOf: asOf).0) }
        return templates
    }
}
