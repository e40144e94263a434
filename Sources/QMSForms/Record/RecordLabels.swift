import Foundation

extension Record {
    /// A choice's label as printed (Chinese), else the value as written, else "".
    func label(_ id: String) -> String { label(value(id), field: template.field(id)) }

    /// The label of a cell of table `table`'s column `column`.
    func label(_ value: Value?, column: String, of table: String) -> String {
        guard case let .table(t)? = template.field(table)?.kind else { return value?.lexical ?? "" }
        return label(value, field: t.column(column))
    }

    private func label(_ value: Value?, field: Field?) -> String {
        guard let value else { return "" }
        if case let .choice(code) = value, let field {
            switch field.kind {
            case let .choice(options): return options.option(code: code)?.label.zh ?? code
            case let .computed(c): return c.levels.first { $0.code == code }?.label.zh ?? code
            default: break
            }
        }
        return value.lexical
    }
}
