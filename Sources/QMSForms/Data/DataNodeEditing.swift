extension DataNode {
    /// A copy with every date — a value that is a `yyyy-mm-dd` date or begins one as a
    /// date-time — moved by `days`; dates inside text stay as written.
    public func movingDates(by days: Int) -> DataNode {
        var copy = self
        switch value {
        case let .string(s):
            let bytes = Array(s.utf8)
            guard bytes.count == 10 || (bytes.count >= 16 && (bytes[10] == 0x20 || bytes[10] == UInt8(ascii: "T"))),
                  let day = CalendarDate.day(String(decoding: bytes[..<10], as: UTF8.self)) else { return self }
            copy.value = .string(CalendarDate.date(day + days) + String(decoding: bytes[10...], as: UTF8.self))
        case let .list(items): copy.value = .list(items.map { $0.movingDates(by: days) })
        case let .map(entries): copy.value = .map(entries.map { ($0.key, $0.node.movingDates(by: days)) })
        default: break
        }
        return copy
    }

    /// A copy with `value` at `path` (map keys), added at the end of its map when missing.
    public func setting(_ path: [String], _ value: DataNode) -> DataNode {
        guard let key = path.first else { return value }
        var entries = self.entries ?? []
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].node = entries[i].node.setting(Array(path.dropFirst()), value)
        } else {
            entries.append((key, DataNode(.map([])).setting(Array(path.dropFirst()), value)))
        }
        return DataNode(.map(entries), line: line)
    }

    /// A copy without the top-level `keys`.
    public func removing(_ keys: Set<String>) -> DataNode {
        DataNode(.map((entries ?? []).filter { !keys.contains($0.key) }), line: line)
    }

    /// A string value.
    public static func text(_ s: String) -> DataNode { DataNode(.string(s)) }
    /// A number value.
    public static func number(_ n: Int) -> DataNode { DataNode(.number(String(n))) }
}
