/// The pattern a form's records are numbered by, e.g. `8D-{yyyy}-{seq:3}` → `8D-2026-001`.
///
/// Placeholders: `{yyyy}` year, `{yyyymmdd}` date, `{q}` quarter `Q1`…`Q4`, `{seq:N}` a
/// sequence of at least N digits. Everything else is literal (upper-case letters, digits, `-`).
/// A record number is checked against its pattern before it is used as a file name.
public struct RecordNumberPattern: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as the template writes it: `8D-{yyyy}-{seq:3}`.
    public let text: String
    /// The prefix before the first `-` (`8D`), used by references.
    public let prefix: String
    private let parts: [Part]

    enum Part: Sendable, Equatable {
        case literal(String)
        case digits(min: Int, max: Int)
        case quarter
    }

    /// Parses a pattern; `nil` when it has an unknown placeholder.
    public init?(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("{") {
                guard let close = rest.firstIndex(of: "}") else { return nil }
                let token = rest[rest.index(after: rest.startIndex)..<close]
                switch token {
                case "yyyy": parts.append(.digits(min: 4, max: 4))
                case "yyyymmdd": parts.append(.digits(min: 8, max: 8))
                case "q": parts.append(.quarter)
                default:
                    guard token.hasPrefix("seq:"), let n = Int(token.dropFirst(4)), (1...6).contains(n)
                    else { return nil }
                    parts.append(.digits(min: n, max: 9))
                }
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                let literal = rest[..<end]
                guard literal.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") })
                else { return nil }
                parts.append(.literal(String(literal)))
                rest = rest[end...]
            }
        }
        guard case .literal(let first)? = parts.first, let dash = first.firstIndex(of: "-") else { return nil }
        self.text = text
        self.prefix = String(first[..<dash])
        self.parts = parts
    }

    public var description: String { text }

    /// Whether `number` is a record number of this pattern.
    public func matches(_ number: String) -> Bool {
        var rest = Substring(number)
        for part in parts {
            switch part {
            case let .literal(l):
                guard rest.hasPrefix(l) else { return false }
                rest = rest.dropFirst(l.count)
            case let .digits(min, max):
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard digits.count >= min, digits.count <= max else { return false }
                rest = rest.dropFirst(digits.count)
            case .quarter:
                guard rest.count >= 2, rest.first == "Q", let d = rest.dropFirst().first,
                      ("1"..."4").contains(d) else { return false }
                rest = rest.dropFirst(2)
            }
        }
        return rest.isEmpty
    }

    /// The number for `seq` on the day `date` (`yyyy-mm-dd`): `8D-2026-007`.
    public func number(on date: String, seq: Int) -> String {
        build(on: date) { min in
            let s = String(seq)
            return String(repeating: "0", count: max(0, min - s.count)) + s
        }
    }

    /// What numbers count within: the number with `#` for its sequence (`8D-2026-#`), so the
    /// sequence restarts each year (or day, or quarter) the pattern names.
    public func series(on date: String) -> String { build(on: date) { _ in "#" } }

    private func build(on date: String, sequence: (Int) -> String) -> String {
        let digits = date.filter(\.isNumber)
        let month = Int(digits.dropFirst(4).prefix(2)) ?? 1
        return parts.map { part -> String in
            switch part {
            case let .literal(l): l
            case .digits(4, 4): String(digits.prefix(4))
            case .digits(8, 8): String(digits.prefix(8))
            case let .digits(min, _): sequence(min)
            case .quarter: "Q\((month - 1) / 3 + 1)"
            }
        }.joined()
    }

    /// An example number, for hints: `8D-2026-001`.
    public var example: String {
        parts.map { part -> String in
            switch part {
            case let .literal(l): l
            case let .digits(min, _): min == 4 ? "2026" : min == 8 ? "20260315" : String(repeating: "0", count: min - 1) + "1"
            case .quarter: "Q1"
            }
        }.joined()
    }
}
