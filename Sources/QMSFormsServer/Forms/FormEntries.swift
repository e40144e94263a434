import QMSForms

/// What a browser posted for a record: `path=value` pairs named as the library names fields in
/// its problems (`d2.statement`, `d0.era_actions[1].owner`, `ratings_section.ratings.quality.rating`,
/// `customer_view.cust_sign.name`), read into record data by walking the template, so a posted
/// name the template does not have is ignored and every value stays text for the library to type.
struct FormEntries: Sendable {
    var pairs: [Draft.Entry]

    init(_ pairs: [Draft.Entry]) { self.pairs = pairs }

    /// The posted values of `path`, in order.
    func values(_ path: String) -> [String] { pairs.filter { $0.path == path }.map(\.value) }

    /// The first posted value of `path`, `nil` when absent or blank.
    func value(_ path: String) -> String? {
        pairs.first { $0.path == path }.map(\.value).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
    }

    /// The record data of `template`: sections with what was filled in, blank fields left out.
    func data(for template: Template) -> DataNode {
        var sections: [(key: String, node: DataNode)] = []
        for section in template.sections {
            let fields = section.fields.compactMap { field in node(field, at: section.id + "." + field.id).map { (key: field.id, node: $0) } }
            if !fields.isEmpty { sections.append((key: section.id, node: DataNode(.map(fields)))) }
        }
        return DataNode(.map(sections))
    }

    private func node(_ field: Field, at path: String) -> DataNode? {
        switch field.kind {
        case .computed:
            return nil
        case .multi:
            let chosen = values(path).filter { !$0.isEmpty }
            return chosen.isEmpty ? nil : DataNode(.list(chosen.map { DataNode(.string($0)) }))
        case .signature:
            let parts = ["name", "date"].compactMap { key in value(path + "." + key).map { (key: key, node: DataNode(.string($0))) } }
            return parts.isEmpty ? nil : DataNode(.map(parts))
        case let .table(table) where table.hasFixedRows:
            let rows = table.fixedRows.compactMap { row in cells(table, at: path + "." + row.key).map { (key: row.key, node: $0) } }
            return rows.isEmpty ? nil : DataNode(.map(rows))
        case let .table(table):
            var rows = (1...max(rowCount(path), 1)).map { cells(table, at: "\(path)[\($0)]") }
            while let last = rows.last, last == nil { rows.removeLast() }   // the blank rows a form offers
            return rows.isEmpty ? nil : DataNode(.list(rows.map { $0 ?? DataNode(.map([])) }))
        default:
            return value(path).map { DataNode(.string($0)) }
        }
    }

    private func cells(_ table: Table, at rowPath: String) -> DataNode? {
        let cells = table.columns.compactMap { column in node(column, at: rowPath + "." + column.id).map { (key: column.id, node: $0) } }
        return cells.isEmpty ? nil : DataNode(.map(cells))
    }

    /// The highest row number posted under `path[N]` (rows are numbered from 1 without gaps by the page).
    func rowCount(_ path: String) -> Int {
        let prefix = path + "["
        return pairs.reduce(0) { most, pair in
            guard pair.path.hasPrefix(prefix), let close = pair.path.dropFirst(prefix.count).firstIndex(of: "]"),
                  let n = Int(pair.path[pair.path.index(pair.path.startIndex, offsetBy: prefix.count)..<close]), n <= 500 else { return most }
            return max(most, n)
        }
    }
}

extension FormEntries {
    /// The entries of imported record data, named as the page names its fields, whether or
    /// not the data is valid (an invalid import is shown to be put right).
    init(data: DataNode) {
        var pairs: [Draft.Entry] = []
        func flatten(_ node: DataNode, _ path: String) {
            switch node.value {
            case .null: break
            case let .bool(b): pairs.append(.init(path: path, value: b ? "true" : "false"))
            case let .number(s), let .string(s): pairs.append(.init(path: path, value: s))
            case let .map(entries): for (key, child) in entries { flatten(child, path.isEmpty ? key : path + "." + key) }
            case let .list(items):
                for (i, item) in items.enumerated() {
                    if case .map = item.value { flatten(item, "\(path)[\(i + 1)]") } else { flatten(item, path) }
                }
            }
        }
        for (key, section) in data.entries ?? [] where key != "record_no" { flatten(section, key) }
        self.init(pairs)
    }

    /// The entries of a posted form: its fields but the page's own (`_csrf`, `_draft`, `action`, `reason`).
    init(form: PostedForm) {
        self.init(form.fields.filter { !$0.name.hasPrefix("_") && $0.name != "action" && $0.name != "reason" }
            .map { Draft.Entry(path: $0.name, value: $0.value) })
    }
}
