import Foundation
import XMLSupport

/// Writes a ``Record`` as archival XML: the record of truth.
///
/// The root names the form number, revision and the template's SHA-256; each section is an
/// element named by its id, each field an element named by its id holding the typed value;
/// computed values carry `computed="true"`; coded values carry their labels so the XML reads
/// on its own years later. Valid against ``RecordSchema``'s XSD for the same template.
public struct RecordXMLWriter: Sendable {
    /// A writer.
    public init() {}

    /// The archival XML of `record`, pinned to its template's number, revision and SHA-256.
    ///
    /// - Parameters:
    ///   - record: a validated record.
    ///   - recordRevision: the record's own revision; corrections count up from 1.
    public func write(_ record: Record, recordRevision: Int = 0) -> String {
        let t = record.template
        var w = XMLWriter()
        w.open("record", attributes: [
            ("xmlns", t.recordNamespace), ("form", t.number), ("revision", t.control.revision.description),
            ("template-sha256", t.sha256), ("number", record.displayNumber),
        ] + (recordRevision > 0 ? [("record-revision", String(recordRevision))] : []))
        w.leaf("title", attributes: [("zh", t.title.zh), ("en", t.title.en)], text: nil)
        for section in t.sections {
            let present = section.fields.filter { record.value($0.id) != nil }
            guard !present.isEmpty else { continue }
            w.open(section.id)
            for field in present { write(field, record.value(field.id)!, computed: field.isComputed, in: record, into: &w) }
            w.close()
        }
        w.close()
        return w.document
    }

    private func write(_ field: Field, _ value: Value, computed: Bool, in record: Record, into w: inout XMLWriter) {
        let mark: [(String, String)] = computed ? [("computed", "true")] : []
        switch (field.kind, value) {
        case let (.choice(options), .choice(code)), let (.multi(options), .choice(code)):
            let label = options.option(code: code)?.label
            w.leaf(field.id, attributes: mark + labels(label), text: code)
        case let (.computed(c), .choice(code)):
            let label = c.levels.first { $0.code == code }?.label
            w.leaf(field.id, attributes: mark + labels(label), text: code)
        case let (.multi(options), .multi(codes)):
            w.open(field.id)
            for code in codes { w.leaf("option", attributes: labels(options.option(code: code)?.label), text: code) }
            w.close()
        case let (_, .signature(name, date)):
            w.open(field.id)
            if let name, !name.isEmpty { w.leaf("name", text: name) }
            if let date { w.leaf("date", text: date) }
            w.close()
        case let (.table(table), .table(rows)):
            w.open(field.id)
            for row in rows where !row.cells.isEmpty || row.key == nil {
                w.open("row", attributes: row.key.map { [("key", $0)] } ?? [])
                for column in table.columns {
                    if let cell = row.cells[column.id] { write(column, cell, computed: column.isComputed, in: record, into: &w) }
                }
                w.close()
            }
            w.close()
        case let (.computed(.ratio(n, d, scale, _)), _):
            // A rate keeps what it was computed from, so an auditor can redo the division.
            w.leaf(field.id, attributes: mark + RecordXMLWriter.ratioAttributes(record, n, d, scale), text: value.lexical)
        default:
            w.leaf(field.id, attributes: mark, text: value.lexical)
        }
    }

    static func ratioAttributes(_ record: Record, _ n: String, _ d: String, _ scale: Decimal) -> [(String, String)] {
        [("numerator", record.value(n)?.lexical ?? ""), ("denominator", record.value(d)?.lexical ?? ""),
         ("formula", "\(n) / \(d) × \(Value.format(scale))")]
    }

    private func labels(_ label: Bilingual?) -> [(String, String)] {
        label.map { [("zh", $0.zh), ("en", $0.en)] } ?? []
    }
}
