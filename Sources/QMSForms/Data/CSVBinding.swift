/// Turns a CSV of entries into record data for a form whose table takes CSV
/// (`<table csv="true">`: the call/letter log, the survey summary).
///
/// The header row names columns of that table; it may also name form fields as
/// `section.field` (or `record_no`) — sheet values such as the month, which must then be the
/// same on every row that gives them. Empty cells are absent values.
public struct CSVBinding: Sendable {
    /// The form the rows fill.
    public let template: Template

    /// A binding for `template`.
    public init(template: Template) { self.template = template }

    /// The record the rows of a CSV file make: the header names the fields, each row is a row of the form's CSV table.
    public func bind(_ rows: [CSVReader.Row], source: String) throws(DataError) -> DataNode {
        func fail(_ line: Int, _ message: String, hint: String? = nil) -> DataError {
            DataError(source: source, format: .csv, line: line, message: message, hint: hint)
        }
        guard let (section, tableField, table) = csvTable() else {
            throw fail(1, "form \(template.number) does not take CSV", hint: "use YAML or JSON")
        }
        guard let header = rows.first else { throw fail(1, "the file is empty; the first row must name the columns") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        enum Target { case column(String), field(section: String, id: String), recordNumber }
        var targets: [Target] = []
        for name in names {
            if table.column(name) != nil {
                targets.append(.column(name))
            } else if name == "record_no" {
                targets.append(.recordNumber)
            } else if let dot = name.firstIndex(of: "."), let f = template.field(String(name[name.index(after: dot)...])),
                      template.section(of: f.id)?.id == String(name[..<dot]) {
                targets.append(.field(section: String(name[..<dot]), id: f.id))
            } else {
                let candidates = table.columns.filter { !$0.isComputed }.map(\.id)
                throw fail(header.line, "unknown column '\(name)'",
                           hint: Suggestion.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
                               ?? "columns: " + candidates.joined(separator: ", ") + "; form fields as section.field")
            }
        }
        if Set(names).count != names.count { throw fail(header.line, "a column name repeats in the header") }
        var entries: [DataNode] = []
        var sheet: [String: (value: String, line: Int)] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == names.count else {
                throw fail(row.line, "\(row.fields.count) fields where the header has \(names.count)",
                           hint: "quote fields that contain commas")
            }
            var cells: [(key: String, node: DataNode)] = []
            for (target, value) in zip(targets, row.fields) where !value.isEmpty {
                switch target {
                case let .column(id): cells.append((id, DataNode(.string(value), line: row.line)))
                case let .field(s, id):
                    let key = s + "." + id
                    if let first = sheet[key], first.value != value {
                        throw fail(row.line, "column \(key) is '\(value)' here but '\(first.value)' on line \(first.line)",
                                   hint: "one sheet has one value for it")
                    }
                    sheet[key] = sheet[key] ?? (value, row.line)
                case .recordNumber:
                    if let first = sheet["record_no"], first.value != value {
                        throw fail(row.line, "record_no differs from line \(first.line)")
                    }
                    sheet["record_no"] = sheet["record_no"] ?? (value, row.line)
                }
            }
            entries.append(DataNode(.map(cells), line: row.line))
        }
        var top: [(key: String, node: DataNode)] = []
        if let number = sheet["record_no"] { top.append(("record_no", DataNode(.string(number.value), line: number.line))) }
        for s in template.sections {
            var fields: [(key: String, node: DataNode)] = []
            for f in s.fields {
                if let v = sheet[s.id + "." + f.id] { fields.append((f.id, DataNode(.string(v.value), line: v.line))) }
                if f.id == tableField && s.id == section { fields.append((f.id, DataNode(.list(entries), line: 2))) }
            }
            if !fields.isEmpty { top.append((s.id, DataNode(.map(fields), line: 1))) }
        }
        return DataNode(.map(top), line: 1)
    }

    /// The one table of the template that takes CSV.
    private func csvTable() -> (section: String, field: String, table: Table)? {
        for s in template.sections {
            for f in s.fields { if case let .table(t) = f.kind, t.csv { return (s.id, f.id, t) } }
        }
        return nil
    }
}
