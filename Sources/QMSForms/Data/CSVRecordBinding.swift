/// One CSV row as one record, for forms without a CSV table: each header names a path in the
/// record's data — `record_no`, `section.field`, or `section.table[n].column` for a cell of a
/// table's row n (counting from 1, as printed). Empty cells are absent values.
///
/// ```
/// record_no,header.customer,header.opened,d3.containment[1].location,d3.containment[1].suspect_qty
/// 8D-2026-101,江苏恒远精密机械有限公司,2026-03-12,customer,500
/// ```
public struct CSVRecordBinding: Sendable {
    /// A binding of one CSV row to one record.
    public init() {}

    /// The record one CSV row makes, its columns named by `header` (`section.field`, `table.column`).
    public func bind(header: CSVReader.Row, row: CSVReader.Row, source: String) throws(DataError) -> DataNode {
        guard row.fields.count == header.fields.count else {
            throw DataError(source: source, format: .csv, line: row.line,
                            message: "\(row.fields.count) fields where the header has \(header.fields.count)",
                            hint: "quote fields that contain commas")
        }
        var root = Tree()
        for (name, value) in zip(header.fields, row.fields) where !value.isEmpty {
            let path = try steps(name.trimmingCharacters(in: .whitespaces), line: header.line, source: source)
            root.insert(value, at: path[...])
        }
        guard let node = root.node(line: row.line) else {
            throw DataError(source: source, format: .csv, line: header.line, message: "the header names a field and also parts of it",
                            hint: "give either section.table[1].column cells or one value, not both")
        }
        return node
    }

    enum Step: Equatable { case key(String), index(Int) }

    /// The most steps a column's path may have: `section.table[row].column` has four.
    static let maxSteps = 6

    /// `d3.containment[2].qty` → key d3, key containment, index 2, key qty.
    func steps(_ name: String, line: Int, source: String) throws(DataError) -> [Step] {
        let levels = name.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ".") || $1 == UInt8(ascii: "[") ? 1 : 0) }
        guard levels <= Self.maxSteps else {
            throw DataError(source: source, format: .csv, line: line, message: "column '\(name.prefix(60))…' names \(levels) levels",
                            hint: "a column names at most section.table[row].column")
        }
        var steps: [Step] = []
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            var text = Substring(part)
            var key = text
            if let open = text.firstIndex(of: "[") {
                key = text[..<open]
                text = text[open...]
            } else { text = "" }
            guard !key.isEmpty else {
                throw DataError(source: source, format: .csv, line: line, message: "column '\(name)' is not a field path",
                                hint: "write section.field or section.table[1].column")
            }
            steps.append(.key(String(key)))
            while !text.isEmpty {
                guard text.first == "[", let close = text.firstIndex(of: "]"), let n = Int(text[text.index(after: text.startIndex)..<close]),
                      n >= 1, n <= 10_000 else {
                    throw DataError(source: source, format: .csv, line: line, message: "column '\(name)' has a bad row index",
                                    hint: "rows count from 1: table[1].column")
                }
                steps.append(.index(n))
                text = text[text.index(after: close)...]
            }
        }
        return steps
    }

    /// A map or list under construction, in the order the header names things.
    struct Tree {
        var value: String?
        var keys: [(String, Tree)] = []
        /// Where each key is in `keys`: finding one is a lookup, so a row of many columns binds in linear time.
        var position: [String: Int] = [:]
        var rows: [Int: Tree] = [:]

        mutating func insert(_ text: String, at path: ArraySlice<Step>) {
            guard let step = path.first else { value = text; return }
            switch step {
            case let .key(k):
                if let i = position[k] { keys[i].1.insert(text, at: path.dropFirst()) }
                else {
                    var t = Tree()
                    t.insert(text, at: path.dropFirst())
                    position[k] = keys.count
                    keys.append((k, t))
                }
            case let .index(n):
                rows[n, default: Tree()].insert(text, at: path.dropFirst())
            }
        }

        /// The data tree, or `nil` when one name is used both as a value and as a parent.
        func node(line: Int) -> DataNode? {
            let kinds = (value != nil ? 1 : 0) + (keys.isEmpty ? 0 : 1) + (rows.isEmpty ? 0 : 1)
            guard kinds <= 1 else { return nil }
            if let value { return DataNode(.string(value), line: line) }
            if !rows.isEmpty {
                // Rows the CSV skips stay as empty rows, so row numbers in messages match the header's.
                var list: [DataNode] = []
                for n in 1...(rows.keys.max() ?? 1) {
                    guard let row = rows[n].map({ $0.node(line: line) }) ?? DataNode(.map([]), line: line) else { return nil }
                    list.append(row)
                }
                return DataNode(.list(list), line: line)
            }
            var map: [(key: String, node: DataNode)] = []
            for (key, tree) in keys {
                guard let node = tree.node(line: line) else { return nil }
                map.append((key, node))
            }
            return DataNode(.map(map), line: line)
        }
    }
}
