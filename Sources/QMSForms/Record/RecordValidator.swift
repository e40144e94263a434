/// Checks record data against a template and builds the ``Record``, reporting every problem.
///
/// ```swift
/// let data = try DataSource.read(path: "forms/examples/8d.yaml")
/// let record = try RecordValidator(template: template).validate(data, source: "8d.yaml")
/// ```
///
/// Data shape: a mapping with an optional `record_no` and one mapping per section, keyed by
/// section id; inside, field ids. Tables are lists of row mappings (or, for tables with
/// fixed rows, a mapping keyed by row key).
public struct RecordValidator: Sendable {
    /// The form the data must fill.
    public let template: Template
    /// Fields that may stay empty although the template requires them: a draft that people
    /// complete on paper (a report's conclusions, its signatures). Nothing else is relaxed.
    public var leavingBlank: Set<String> = []

    /// A validator for `template`; fields in `leavingBlank` may stay empty although required (a blank print).
    public init(template: Template, leavingBlank: Set<String> = []) {
        self.template = template
        self.leavingBlank = leavingBlank
    }

    /// Validates `data`; `source` names the data in the error.
    public func validate(_ data: DataNode, source: String) throws(RecordError) -> Record {
        var reader = ValueReader()
        var problems: [Problem] = []
        var values: [String: Value] = [:]
        var number: String?
        var lines: [String: Int] = [:]

        guard let pattern = template.control.recordNumber else {
            throw RecordError(source: source, problems: [Problem(
                path: "(top)", rule: .type, message: "\(template.number) is a \(template.kind.rawValue) document: it has no records to fill",
                hint: "print it with: qmsforms blank \(template.alias)")])
        }
        guard let entries = data.entries else {
            throw RecordError(source: source, problems: [Problem(
                path: "(top)", line: data.line, rule: .type, message: "the data must be a mapping of section ids, found \(data.kindName)",
                hint: "start with e.g. '\(template.sections[0].id):' on the first line")])
        }
        let sectionIds = template.sections.map(\.id)
        problems += duplicateKeys(data, path: nil)
        for (key, node) in entries {
            if key == "record_no" {
                if let s = node.scalarText, !node.isEmpty {
                    if pattern.matches(s) { number = s } else {
                        problems.append(Problem(path: "record_no", line: node.line, rule: .recordNumber, value: s,
                                                message: "is not a record number of this form",
                                                hint: "pattern \(pattern), e.g. \(pattern.example)"))
                    }
                } else if !node.isEmpty {
                    problems.append(Problem(path: "record_no", line: node.line, rule: .type, message: "expected text, found \(node.kindName)"))
                }
                continue
            }
            guard let section = template.sections.first(where: { $0.id == key }) else {
                problems.append(unknown(key, node, path: key, candidates: sectionIds, kind: "section"))
                continue
            }
            if node.isEmpty { continue }
            guard let fields = node.entries else {
                problems.append(Problem(path: key, line: node.line, rule: .type,
                                        message: "a section must be a mapping of field ids, found \(node.kindName)"))
                continue
            }
            for (fieldKey, fieldNode) in fields {
                let path = key + "." + fieldKey
                guard let field = section.fields.first(where: { $0.id == fieldKey }) else {
                    problems.append(unknown(fieldKey, fieldNode, path: path, candidates: section.fields.filter { !$0.isComputed }.map(\.id), kind: "field"))
                    continue
                }
                lines[field.id] = fieldNode.line
                switch field.kind {
                case .computed:
                    problems.append(Problem(path: path, line: fieldNode.line, rule: .computed, value: fieldNode.scalarText,
                                            message: "is computed by the form and cannot be given", hint: "remove this line"))
                case let .table(table):
                    if let rows = readTable(table, fieldNode, path: path, reader: &reader) { values[field.id] = .table(rows) }
                default:
                    if let v = reader.read(fieldNode, as: field, path: path) { values[field.id] = v }
                }
            }
        }
        problems += reader.problems
        values = Calculator(template: template).fillRows(values)
        let computed = Calculator(template: template).compute(values: values)
        var requirements = Requirements(template: template, values: values, computed: computed, lines: lines)
        // A value already reported as wrong is not also reported as missing.
        let flagged = Set(reader.problems.map(\.path))
        problems += requirements.check().filter {
            !(($0.rule == .required || $0.rule == .requiredWhen) && flagged.contains($0.path))
                && !($0.rule == .required && leavingBlank.contains(String($0.path.split(separator: ".").last ?? "")))
        }
        guard problems.isEmpty else { throw RecordError(source: source, problems: problems) }
        let statuses = Calculator(template: template).statuses(values: values, computed: computed,
                                                               complete: requirements.completeSections)
        return Record(template: template, number: number, values: values, computed: computed.merging(statuses) { $1 })
    }

    /// Keys written twice anywhere in the data: which value was meant is unknowable.
    private func duplicateKeys(_ node: DataNode, path: String?) -> [Problem] {
        var found: [Problem] = []
        var trail: [PathStep] = []
        if let path { trail.append(.key(path)) }
        duplicateKeys(node, trail: &trail, into: &found)
        return found
    }

    private enum PathStep { case key(String), row(Int) }

    /// Walks the tree once; the path is kept as steps and spelled out only for a problem.
    private func duplicateKeys(_ node: DataNode, trail: inout [PathStep], into found: inout [Problem]) {
        switch node.value {
        case let .map(entries):
            for (i, (key, child)) in entries.enumerated() {
                trail.append(.key(key))
                // Maps are small: comparing with the keys before is cheaper than hashing them.
                if entries[..<i].contains(where: { $0.key == key }) {
                    found.append(Problem(path: spelled(trail), line: child.line, rule: .duplicate,
                                         message: "'\(key)' is given twice", hint: "keep one of them"))
                }
                duplicateKeys(child, trail: &trail, into: &found)
                trail.removeLast()
            }
        case let .list(items):
            for (i, item) in items.enumerated() {
                trail.append(.row(i + 1))
                duplicateKeys(item, trail: &trail, into: &found)
                trail.removeLast()
            }
        default: break
        }
    }

    private func spelled(_ trail: [PathStep]) -> String {
        var path = ""
        for step in trail {
            switch step {
            case let .key(k): path += path.isEmpty ? k : "." + k
            case let .row(n): path += "[\(n)]"
            }
        }
        return path
    }

    /// An unknown key, with a hint that names only what may be supplied (never a computed field
    /// or column, never record_no, which the archive assigns).
    private func unknown(_ key: String, _ node: DataNode, path: String, candidates: [String], kind: String) -> Problem {
        var hint = Suggestion.closest(to: key, in: candidates).map { "did you mean '\($0)'?" }
        if hint == nil, let field = template.field(key), field.isComputed {
            hint = "'\(key)' is computed by the form; leave it out"
        }
        if hint == nil, let home = template.section(of: key) {
            hint = "'\(key)' belongs in section '\(home.id)'"
        }
        if hint == nil {
            hint = "known \(kind)s here: " + candidates.joined(separator: ", ")
        }
        return Problem(path: path, line: node.line, rule: .unknownKey, value: nil, message: "unknown \(kind) '\(key)'", hint: hint)
    }

    private func readTable(_ table: Table, _ node: DataNode, path: String, reader: inout ValueReader) -> [Value.Row]? {
        var rows: [Value.Row] = []
        func readRow(_ rowNode: DataNode, rowPath: String, key: String?) {
            guard let cells = rowNode.entries else {
                reader.problems.append(Problem(path: rowPath, line: rowNode.line, rule: .type,
                                               message: "a row must be a mapping of column ids, found \(rowNode.kindName)"))
                return
            }
            var row = Value.Row(key: key, cells: [:], line: rowNode.line)
            for (columnKey, cellNode) in cells {
                guard let column = table.column(columnKey) else {
                    reader.problems.append(unknown(columnKey, cellNode, path: rowPath + "." + columnKey,
                                                   candidates: table.columns.filter { !$0.isComputed }.map(\.id), kind: "column"))
                    continue
                }
                if column.isComputed {
                    if !cellNode.isEmpty {
                        reader.problems.append(Problem(path: rowPath + "." + columnKey, line: cellNode.line, rule: .computed,
                                                       value: cellNode.scalarText, message: "is computed by the form and cannot be given",
                                                       hint: "remove it"))
                    }
                    continue
                }
                if let v = reader.read(cellNode, as: column, path: rowPath + "." + columnKey) { row.cells[column.id] = v }
            }
            rows.append(row)
        }
        if table.hasFixedRows {
            guard let entries = node.entries else {
                reader.problems.append(Problem(path: path, line: node.line, rule: .type,
                                               message: "this table has fixed rows: give a mapping keyed by row",
                                               hint: "row keys: " + table.fixedRows.map(\.key).joined(separator: ", ")))
                return nil
            }
            let keys = table.fixedRows.map(\.key)
            for (key, rowNode) in entries where !keys.contains(key) {
                reader.problems.append(unknown(key, rowNode, path: path + "." + key, candidates: keys, kind: "row"))
            }
            for fixed in table.fixedRows {
                if let rowNode = entries.first(where: { $0.key == fixed.key })?.node, !rowNode.isEmpty {
                    readRow(rowNode, rowPath: path + "." + fixed.key, key: fixed.key)
                } else {
                    rows.append(Value.Row(key: fixed.key, cells: [:]))
                }
            }
            return rows
        }
        guard case let .list(items) = node.value else {
            reader.problems.append(Problem(path: path, line: node.line, rule: .type,
                                           message: "a table must be a list of rows, found \(node.kindName)",
                                           hint: "start each row with '- '"))
            return nil
        }
        for (i, item) in items.enumerated() { readRow(item, rowPath: "\(path)[\(i + 1)]", key: nil) }
        return rows
    }
}
