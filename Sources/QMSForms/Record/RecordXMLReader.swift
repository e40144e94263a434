import Foundation
import XMLSupport

/// Reads an archival XML record back: which form, revision and template it is pinned to, and
/// its entered values as data (computed values are recomputed, never trusted).
///
/// The one way back from XML to a ``Record`` is ``record(_:source:template:)``: the archive,
/// `render` and `print` all use it.
///
/// ```swift
/// let (record, pin) = try await RecordXMLReader().record(data, source: "r0.xml") { pin in
///     try await control.template(pin.form, revision: pin.revision).0
/// }
/// ```
public struct RecordXMLReader: Sendable {
    /// What a record names about itself.
    public struct Pin: Sendable, Equatable {
        /// The form number.
        public var form: String
        /// The template revision.
        public var revision: Revision
        /// The template's SHA-256.
        public var templateSHA256: String
        /// The record number (`DRAFT` for a draft).
        public var number: String
    }

    /// A reader.
    public init() {}

    /// The record in `data`, validated again against the template `template` finds for its pin;
    /// refused when that template is not the exact revision (by SHA-256) the record is pinned to.
    public func record(_ data: Data, source: String, template: (Pin) async throws -> Template) async throws -> (record: Record, pin: Pin) {
        let (pin, root) = try self.pin(data, source: source)
        let found = try await template(pin)
        guard found.sha256 == pin.templateSHA256, found.control.revision == pin.revision else {
            throw TemplateError(path: source, reason: .semantic(
                "the record is pinned to \(pin.form) \(pin.revision) with template SHA-256 \(pin.templateSHA256), but the template found is "
                    + "\(found.control.revision) with \(found.sha256); read it where that revision is held"))
        }
        return (try RecordValidator(template: found).validate(self.data(root, template: found), source: source), pin)
    }

    /// The pin of the record in `data`.
    public func pin(_ data: Data, source: String) throws -> (Pin, Element) {
        let tree = try XMLTree.parse(data, source: source)
        let root = tree.root
        guard root.name == "record", let ns = root.namespace, let form = root["form"], ns == "urn:qmsforms:record:" + form,
              let rev = root["revision"].flatMap(Revision.init), let sha = root["template-sha256"],
              let number = root["number"] else {
            throw DataError(source: source, format: .yaml, line: root.line,
                            message: "not a qmsforms record (expected <record xmlns=\"urn:qmsforms:record:FORM\" form=\"FORM\" revision= template-sha256= number=>)")
        }
        return (Pin(form: form, revision: rev, templateSHA256: sha, number: number), root)
    }

    /// The entered values of `record` as data for `template`.
    public func data(_ record: Element, template: Template) -> DataNode {
        var top: [(key: String, node: DataNode)] = []
        if let number = record["number"], number != "DRAFT" { top.append(("record_no", DataNode(.string(number), line: record.line))) }
        // Only elements in the record's own namespace are its fields; anything else is not read.
        let ns = record.namespace
        for sectionElement in record.elements where sectionElement.namespace == ns {
            guard let section = template.sections.first(where: { $0.id == sectionElement.name }) else { continue }
            var fields: [(key: String, node: DataNode)] = []
            for e in sectionElement.elements where e.namespace == ns {
                guard let field = section.fields.first(where: { $0.id == e.name }), !field.isComputed else { continue }
                fields.append((field.id, node(e, field)))
            }
            top.append((section.id, DataNode(.map(fields), line: sectionElement.line)))
        }
        return DataNode(.map(top), line: record.line)
    }

    private func node(_ e: Element, _ field: Field) -> DataNode {
        switch field.kind {
        case .multi:
            return DataNode(.list(e.elements(named: "option").map { DataNode(.string($0.text), line: $0.line) }), line: e.line)
        case .signature:
            return DataNode(.map(e.elements.map { ($0.name, DataNode(.string($0.text), line: $0.line)) }), line: e.line)
        case let .table(table):
            func row(_ r: Element) -> DataNode {
                DataNode(.map(r.elements.compactMap { cell in
                    guard let column = table.column(cell.name), !column.isComputed else { return nil }
                    return (cell.name, node(cell, column))
                }), line: r.line)
            }
            let rows = e.elements(named: "row")
            if table.hasFixedRows {
                return DataNode(.map(rows.map { ($0["key"] ?? "", row($0)) }), line: e.line)
            }
            return DataNode(.list(rows.map(row)), line: e.line)
        default:
            return DataNode(.string(e.text), line: e.line)
        }
    }
}
