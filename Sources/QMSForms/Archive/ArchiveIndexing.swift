import Foundation

extension Archive {
    /// The index row of revision `revision` of `record`: what its template's ``ArchiveProfile``
    /// says to index, and every text it holds for free-text search.
    func indexRow(_ record: Record, revision: Int, issuedAt: String, path: String, state: ArchivedRecord.State? = nil) -> IndexChange {
        let template = record.template, profile = template.archive
        var text: [String] = [record.number ?? "", template.title.zh]
        for field in template.fields {
            switch record.value(field.id) {
            case let .text(s)?: text.append(s)
            case let .table(rows)?:
                // In column order: the same text for the same record, in every process.
                guard case let .table(table) = field.kind else { break }
                text += rows.flatMap { row in table.columns.compactMap { if case let .text(s)? = row.cells[$0.id] { s } else { nil } } }
            default: break
            }
        }
        func indexed(_ key: ArchiveProfile.IndexKey) -> String? {
            profile.index[key].flatMap { record.value($0) }.map(\.lexical)
        }
        let recordDate = record.declaredDay ?? String(issuedAt.prefix(10))
        let row = ArchivedRecord(
            number: record.number ?? "", form: template.number, templateRevision: template.control.revision.description, revision: revision,
            state: state ?? (revision > 0 ? .corrected : .issued), customer: indexed(.customer), recordDate: recordDate,
            status: indexed(.status), complaintCategory: indexed(.category), issuedAt: issuedAt,
            keepUntil: keepUntil(record, recordDate: recordDate), path: path)
        return .put(row, text: text.joined(separator: "\n"))
    }

    /// The day a date or date-time value falls on, as written (`yyyy-mm-dd`).
    static func day(of value: Value?) -> String? {
        switch value {
        case let .date(d)?: d
        case let .datetime(t)?: String(t.prefix(10))
        default: nil
        }
    }

    /// The record date, or the day its case closed (``ArchiveProfile/closedBy``), plus the
    /// form's retention years; `nil` while a case that is kept from closure is open.
    func keepUntil(_ record: Record, recordDate: String) -> String? {
        let retention = record.template.control.retention
        let start = retention.basis == .closure ? Self.day(of: record.template.archive.closedBy.flatMap { record.value($0) }) : recordDate
        guard let start, let (y, m, d) = CalendarDate.parseDate(start) else { return nil }
        let year = y + retention.years
        return String(format: "%04d-%02d-%02d", year, m, min(d, CalendarDate.daysIn(m, year)))
    }

    /// The index row of a disposed record: its number, form and dates, no content; its number
    /// is all that stays searchable.
    func disposedRow(_ issued: AuditEntry, revision: Int) -> IndexChange {
        let number = issued.number!
        return .put(ArchivedRecord(number: number, form: issued.form!, templateRevision: issued.revision ?? "", revision: revision,
                                   state: .disposed, customer: nil, recordDate: String(issued.time.prefix(10)), status: nil,
                                   complaintCategory: nil, issuedAt: issued.time, keepUntil: nil, path: folder(issued.form!, number)),
                    text: number)
    }

    /// The state the audit trail gives a record that still has its files: void, corrected or issued
    /// (a signature adds a revision but changes nothing a correction would).
    static func state(of events: [AuditEntry]) -> ArchivedRecord.State {
        events.contains { $0.action == .void } ? .void : events.contains { $0.action == .correct } ? .corrected : .issued
    }

    /// Rebuilds the index from the record files and the audit trail.
    public func reindex() async throws -> Int {
        try await store.perform {
            var rows: [IndexChange] = [.clear]
            for (number, events) in Dictionary(grouping: try await store.entries().filter { $0.number != nil }, by: { $0.number! }) {
                guard let issued = events.first(where: { $0.action == .issue }) else { continue }
                let latest = events.filter { $0.action.archivesRecordFiles }.compactMap(\.recordRevision).max() ?? 0
                let path = folder(issued.form!, number)
                if events.contains(where: { $0.action == .dispose }) {
                    rows.append(disposedRow(issued, revision: latest))
                } else {
                    let record = try await read("\(path)/r\(latest).xml")
                    rows.append(indexRow(record, revision: latest, issuedAt: issued.time, path: path,
                                         state: Self.state(of: events)))
                }
            }
            return ArchivePlan(change: ArchiveChange(entry: nil, index: rows), result: rows.count - 1)
        }.result
    }

    /// The archived XML at `path`, read back into a ``Record`` against the template revision it is pinned to.
    func read(_ path: String) async throws -> Record {
        try await RecordXMLReader().record(try await store.file(path), source: store.location(of: path) ?? path) { pin in
            try await documents.template(pin.form, revision: pin.revision).0
        }.record
    }
}

extension Record {
    /// The day the field its template declares as dating it (``ArchiveProfile/datedBy``) holds.
    public var declaredDay: String? { Archive.day(of: template.archive.datedBy.flatMap { value($0) }) }
}
