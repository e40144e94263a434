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
        /// What `name` names from a field (or a column of `own`): a sibling cell, a table's column, a field.
        func reference(_ name: String, in own: Table?, line: Int, what: String) throws(TemplateError) -> Condition.Reference {
            let parts = name.split(separator: ".").map(String.init)
            if let own, parts.count == 1, own.column(name) != nil { return .cell(name) }
            if parts.count == 2, let inner = table(parts[0]), inner.column(parts[1]) != nil { return .column(table: parts[0], column: parts[1]) }
            if parts.count == 1, fields[name] != nil { return .field(name) }
            throw TemplateError(path: path, line: line, reason: .semantic(
                "\(what) names '\(name)', which is not a field" + (own == nil ? "" : " or a column of this table")))
        }
        func resolve(_ condition: Condition, in own: Table?, line: Int, what: String) throws(TemplateError) -> Condition {
            var c = condition
            c.reference = try reference(c.field, in: own, line: line, what: what)
            for i in c.conjuncts.indices { c.conjuncts[i] = try resolve(c.conjuncts[i], in: own, line: line, what: what) }
            return c
        }
        func resolve(_ check: Check, in own: Table?) throws(TemplateError) -> Check {
            var c = check
            c.leftReference = try reference(c.left, in: own, line: c.line, what: "check \(c.formula)")
            if case let .field(name) = c.right { c.rightReference = try reference(name, in: own, line: c.line, what: "check \(c.formula)") }
            c.when = try c.when.map { (w) throws(TemplateError) in try resolve(w, in: own, line: c.line, what: "check \(c.formula)") }
            return c
        }
        func resolve(_ field: Field, in own: Table?) throws(TemplateError) -> Field {
            var resolved = field
            if case let .computed(c) = field.kind { resolved.kind = .computed(resolve(c, in: own)) }
            for i in resolved.requiredWhen.indices {
                resolved.requiredWhen[i] = try resolve(resolved.requiredWhen[i], in: own, line: field.line, what: "field '\(field.id)': required-when")
            }
            return resolved
        }
        var out = sections
        for s in out.indices {
            for f in out[s].fields.indices {
                var field = try resolve(out[s].fields[f], in: nil)
                if case var .table(t) = field.kind {
                    for c in t.columns.indices { t.columns[c] = try resolve(t.columns[c], in: t) }
                    t.checks = try t.checks.map { (c) throws(TemplateError) in try resolve(c, in: t) }
                    field.kind = .table(t)
                }
                out[s].fields[f] = field
            }
            out[s].checks = try out[s].checks.map { (c) throws(TemplateError) in try resolve(c, in: nil) }
        }
        return out
    }
}
