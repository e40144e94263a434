extension TemplateReader {
    /// `sections` with every reference resolved once every field is known: each `required-when`
    /// to the field, sibling cell or table column it names (a name that is none of these is a
    /// template error), and each scoring computation to the points of the column it scores and
    /// the weights of its rows. ``TemplateCheck`` then checks types; evaluation looks nothing up.
    func resolvingReferences(in sections: [Section]) throws(TemplateError) -> [Section] {
        let fields = Dictionary(sections.flatMap(\.fields).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func table(_ id: String) -> Table? { if case let .table(t)? = fields[id]?.kind { t } else { nil } }
        func scored(_ column: Computation.ScoredColumn, in table: Table?) -> Computation.ScoredColumn {
            var resolved = column
            if case let .choice(options)? = table?.column(column.id)?.kind {
                resolved.points = Dictionary(options.options.compactMap { o in o.points.map { (o.code, $0) } }, uniquingKeysWith: { a, _ in a })
            }
            return resolved
        }
        func resolve(_ c: Computation, in own: Table?) -> Computation {
            switch c {
            case let .mean(t, column, whereColumn, codes, places):
                return .mean(table: t, column: scored(column, in: table(t)), where: whereColumn, codes: codes, places: places)
            case let .weightedScore(t, column, _, places):
                let weights = Dictionary((table(t)?.fixedRows ?? []).compactMap { r in r.weight.map { (r.key, $0) } }, uniquingKeysWith: { a, _ in a })
                return .weightedScore(table: t, column: scored(column, in: table(t)), weights: weights, places: places)
            case let .rowScore(items, places):
                return .rowScore(items: items.map { (scored($0.column, in: own), $0.weight) }, places: places)
            default:
                return c
            }
        }
        func resolve(_ field: Field, in own: Table?) throws(TemplateError) -> Field {
            var resolved = field
            if case let .computed(c) = field.kind { resolved.kind = .computed(resolve(c, in: own)) }
            for i in resolved.requiredWhen.indices {
                let name = resolved.requiredWhen[i].field
                let parts = name.split(separator: ".").map(String.init)
                let reference: Condition.Reference
                if let own, parts.count == 1, own.column(name) != nil {
                    reference = .cell(name)
                } else if parts.count == 2, let inner = table(parts[0]), inner.column(parts[1]) != nil {
                    reference = .column(table: parts[0], column: parts[1])
                } else if parts.count == 1, fields[name] != nil {
                    reference = .field(name)
                } else {
                    throw TemplateError(path: path, line: field.line, reason: .semantic(
                        "field '\(field.id)': required-when names '\(name)', which is not a field" + (own == nil ? "" : " or a column of this table")))
                }
                resolved.requiredWhen[i].reference = reference
            }
            return resolved
        }
        var out = sections
        for s in out.indices {
            for f in out[s].fields.indices {
                var field = try resolve(out[s].fields[f], in: nil)
                if case var .table(t) = field.kind {
                    for c in t.columns.indices { t.columns[c] = try resolve(t.columns[c], in: t) }
                    field.kind = .table(t)
                }
                out[s].fields[f] = field
            }
        }
        return out
    }
}
