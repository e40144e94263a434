import QMSForms

extension FormEntries {
    /// The entries a form shows for an archived record, to correct it: every value it holds,
    /// named as the page names its fields (codes for options, `true`/`false` for yes and no).
    init(record: Record) {
        var pairs: [Draft.Entry] = []
        func add(_ value: Value, _ field: Field, at path: String) {
            switch value {
            case let .multi(codes): pairs += codes.map { Draft.Entry(path: path, value: $0) }
            case let .signature(name, date):
                if let name { pairs.append(.init(path: path + ".name", value: name)) }
                if let date { pairs.append(.init(path: path + ".date", value: date)) }
            case let .table(rows):
                guard case let .table(table) = field.kind else { return }
                for (i, row) in rows.enumerated() {
                    let rowPath = row.key.map { path + "." + $0 } ?? "\(path)[\(i + 1)]"
                    for column in table.columns {
                        if let cell = row.cells[column.id] { add(cell, column, at: rowPath + "." + column.id) }
                    }
                }
            default: pairs.append(.init(path: path, value: value.lexical))
            }
        }
        for section in record.template.sections {
            for field in section.fields where !field.isComputed {
                if let value = record.values[field.id] { add(value, field, at: section.id + "." + field.id) }
            }
        }
        self.init(pairs)
    }
}
