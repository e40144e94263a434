extension TemplateReader {
    /// `sections` with every `required-when` resolved to the field, sibling cell or table
    /// column it names; a name that is none of these is a template error, at load.
    func resolvingConditions(in sections: [Section]) throws(TemplateError) -> [Section] {
        let fields = Dictionary(sections.flatMap(\.fields).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func resolve(_ field: Field, in table: Table?) throws(TemplateError) -> Field {
            var resolved = field
            for i in resolved.requiredWhen.indices {
                let name = resolved.requiredWhen[i].field
                let parts = name.split(separator: ".").map(String.init)
                let reference: Condition.Reference
                if let table, parts.count == 1, table.column(name) != nil {
                    reference = .cell(name)
                } else if parts.count == 2, case let .table(inner)? = fields[parts[0]]?.kind, inner.column(parts[1]) != nil {
                    reference = .column(table: parts[0], column: parts[1])
                } else if parts.count == 1, fields[name] != nil {
                    reference = .field(name)
                } else {
                    throw TemplateError(path: path, line: field.line, reason: .semantic(
                        "field '\(field.id)': required-when names '\(name)', which is not a field" + (table == nil ? "" : " or a column of this table")))
                }
                resolved.requiredWhen[i].reference = reference
            }
            return resolved
        }
        var out = sections
        for s in out.indices {
            for f in out[s].fields.indices {
                var field = try resolve(out[s].fields[f], in: nil)
                if case var .table(table) = field.kind {
                    for c in table.columns.indices { table.columns[c] = try resolve(table.columns[c], in: table) }
                    field.kind = .table(table)
                }
                out[s].fields[f] = field
            }
        }
        return out
    }
}
