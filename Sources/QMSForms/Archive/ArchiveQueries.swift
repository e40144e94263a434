import Foundation

extension Archive {
    /// Filters for ``search(_:)``; every one given must hold.
    public struct Search: Sendable {
        public var form: String?
        public var number: String?
        public var customer: String?
        /// Record dates from / to, inclusive.
        public var from: Day?
        public var to: Day?
        public var status: String?
        public var complaintCategory: String?
        /// Words anywhere in the record's text (any language).
        public var text: String?
        public var state: ArchivedRecord.State?

        public init(form: String? = nil, number: String? = nil, customer: String? = nil, from: Day? = nil, to: Day? = nil,
                    status: String? = nil, complaintCategory: String? = nil, text: String? = nil, state: ArchivedRecord.State? = nil) {
            self.form = form
            self.number = number
            self.customer = customer
            self.from = from
            self.to = to
            self.status = status
            self.complaintCategory = complaintCategory
            self.text = text
            self.state = state
        }
    }

    public func search(_ s: Search) throws -> [ArchivedRecord] {
        let form = try s.form.map { try control.templateForFilling($0).0.number }
        return try index().search(.init(form: form, number: s.number, customer: s.customer, from: s.from?.description, to: s.to?.description,
                                        status: s.status, category: s.complaintCategory, text: s.text, state: s.state))
    }

    /// A record as the index knows it, and every audit entry about it.
    public func show(_ number: String) throws -> (ArchivedRecord, [AuditEntry]) {
        guard let row = try index().record(number) else { throw ArchiveError.unknownRecord(number) }
        return (row, store.auditLog.entries().filter { $0.number == number })
    }

    /// The frozen HTML of a record's latest revision, for printing it again. A void or disposed
    /// record is refused: its number stays in the audit log, not on new paper.
    public func rendition(_ number: String) throws -> URL {
        guard let row = try index().record(number) else { throw ArchiveError.unknownRecord(number) }
        switch row.state {
        case .void: throw ArchiveError.voided(number)
        case .disposed: throw ArchiveError.disposed(number)
        case .issued, .corrected: return store.directory.appendingPathComponent(row.path).appendingPathComponent("r\(row.revision).html")
        }
    }

    /// Records past their retention on `asOf` (default today), not yet disposed of.
    public func due(asOf: Day? = nil) throws -> [ArchivedRecord] {
        let day = (asOf ?? clock.today).description
        return try index().all().filter { $0.state != .disposed && ($0.keepUntil.map { $0 < day } ?? false) }
    }

    /// Appends a document-control action to the audit trail.
    public func log(_ action: AuditEntry.Action, document: String, revision: String, by principal: Principal, detail: String) throws {
        let by = principal.displayName, now = clock.now
        _ = try store.locked(finish) {
            try store.auditLog.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: by, action: action,
                                                 form: document, revision: revision, detail: detail, prev: ""))
        }
    }
}
