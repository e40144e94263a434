import Foundation

extension Archive {
    /// Indexes revision `revision` of `number` from its XML file: the files are the truth.
    func indexRecord(number: String, path: String, revision: Int, issuedAt: String, state: ArchivedRecord.State? = nil,
                     record known: Record? = nil) throws {
        let (record, template) = try known.map { ($0, $0.template) } ?? readRecord(path: path, revision: revision)
        var text: [String] = [number, template.title.zh]
        for field in template.fields {
            switch record.value(field.id) {
            case let .text(s)?: text.append(s)
            case let .table(rows)?: text += rows.flatMap(\.cells.values).compactMap { if case let .text(s) = $0 { s } else { nil } }
            default: break
            }
        }
        let firstDate = template.fields.lazy.compactMap { f -> String? in
            if case .date = f.kind, case let .date(d)? = record.value(f.id) { d } else { nil }
        }.first
        let recordDate = firstDate ?? String(issuedAt.prefix(10))
        let row = ArchivedRecord(
            number: number, form: template.number, templateRevision: template.control.revision.description, revision: revision,
            state: state ?? (revision > 0 ? .corrected : .issued),
            customer: { if case let .text(s)? = record.value("customer") { s } else { nil } }(),
            recordDate: recordDate, status: { if case let .choice(c)? = record.computed["status"] { c } else { nil } }(),
            complaintCategory: { if case let .choice(c)? = record.value("complaint_cat") { c } else { nil } }(),
            issuedAt: issuedAt, keepUntil: keepUntil(record, template: template, recordDate: recordDate), path: path)
        try index().upsert(row, body: text.joined(separator: "\n"))
    }

    /// A record read back from its archived XML, validated against its pinned template.
    func readRecord(path: String, revision: Int) throws -> (Record, Template) {
        let url = store.directory.appendingPathComponent("\(path)/r\(revision).xml")
        guard let data = try? Data(contentsOf: url) else { throw ArchiveError.missingFile(url.path) }
        let reader = RecordXMLReader()
        let (pin, root) = try reader.pin(data, source: url.path)
        let (template, _) = try control.template(pin.form, revision: pin.revision)
        let record = try RecordValidator(template: template).validate(reader.data(root, template: template), source: url.path)
        return (record, template)
    }

    /// The record date (or closure date) plus the form's retention years.
    func keepUntil(_ record: Record, template: Template, recordDate: String) -> String? {
        let retention = template.control.retention
        var start: String? = recordDate
        if retention.basis == .closure {
            start = { if case let .date(d)? = record.value("closed_on") { d } else { nil } }()
        }
        guard let start, let (y, m, d) = CalendarDate.parseDate(start) else { return nil }
        let year = y + retention.years
        let day = min(d, CalendarDate.daysIn(m, year))
        return String(format: "%04d-%02d-%02d", year, m, day)
    }

    /// Rebuilds the index from the record files and the audit log.
    public func reindex() throws -> Int {
        try store.locked(finish) {
            let index = try index()
            try index.clear()
            var count = 0
            for (number, events) in Dictionary(grouping: store.auditLog.entries().filter { $0.number != nil }, by: { $0.number! }) {
                guard let issued = events.first(where: { $0.action == .issue }) else { continue }
                let latest = events.filter { $0.action == .issue || $0.action == .correct }.compactMap(\.recordRevision).max() ?? 0
                let path = folder(issued.form!, number)
                if events.contains(where: { $0.action == .dispose }) {
                    try index.upsert(ArchivedRecord(number: number, form: issued.form!, templateRevision: issued.revision ?? "",
                                                    revision: latest, state: .disposed, customer: nil, recordDate: String(issued.time.prefix(10)),
                                                    status: nil, complaintCategory: nil, issuedAt: issued.time, keepUntil: nil, path: path), body: number)
                } else {
                    try indexRecord(number: number, path: path, revision: latest, issuedAt: issued.time,
                                    state: events.contains { $0.action == .void } ? .void : nil)
                }
                count += 1
            }
            return count
        }
    }
}
