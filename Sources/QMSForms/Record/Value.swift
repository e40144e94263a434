import Foundation

/// A typed, validated value of one field of a ``Record``.
public indirect enum Value: Sendable, Equatable {
    /// Text.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// A decimal number.
    case decimal(Decimal)
    /// ISO date `yyyy-mm-dd`.
    case date(String)
    /// ISO date-time `yyyy-mm-ddThh:mm:ss`, with the offset when one was given.
    case datetime(String)
    /// Yes or no.
    case boolean(Bool)
    /// The code of the chosen option.
    case choice(String)
    /// Codes of the ticked options, in the template's order.
    case multi([String])
    /// Another record's number.
    case reference(String)
    /// Printed name and date; either may be missing (signed by hand on paper).
    case signature(name: String?, date: String?)
    /// The rows of a table.
    case table([Row])

    /// One row of a table: its fixed-row key (when the template fixes rows) and its cells.
    public struct Row: Sendable, Equatable {
        /// The fixed row's key, for a table with fixed rows.
        public var key: String?
        /// The cells by column id.
        public var cells: [String: Value]
        /// Where the row was written in the data, for messages (0 when unknown).
        public var line: Int

        /// A row of `cells`, read at `line`.
        public init(key: String? = nil, cells: [String: Value], line: Int = 0) {
            self.key = key
            self.cells = cells
            self.line = line
        }
    }

    /// The value as a number, for sums, thresholds and bands.
    public var number: Decimal? {
        switch self {
        case let .integer(i): Decimal(i)
        case let .decimal(d): d
        default: nil
        }
    }

    /// The value in its XML Schema lexical form (for `xs:date`, `xs:decimal`, …).
    public var lexical: String {
        switch self {
        case let .text(s), let .date(s), let .datetime(s), let .choice(s), let .reference(s): s
        case let .integer(i): String(i)
        case let .decimal(d): Value.format(d)
        case let .boolean(b): b ? "true" : "false"
        case let .multi(codes): codes.joined(separator: " ")
        case let .signature(name, date): [name, date].compactMap { $0 }.joined(separator: " ")
        case let .table(rows): "\(rows.count) rows"
        }
    }

    /// The decimal places a record holds computed figures and writes decimals to.
    public static let heldPlaces = 6

    /// A decimal without trailing zeros or exponent, to ``heldPlaces``: `81`, `12.5`.
    public static func format(_ d: Decimal) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, heldPlaces, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// A figure as printed with its declared `places`: rounded half to even (GB/T 8170-2008
    /// 数值修约规则, 3.3: a 5 with nothing after it rounds to the even digit), every place
    /// shown: `79.96` to 1 place is `80.0`, `79.85` is `79.8`, `79.75` is `79.8`.
    public static func printed(_ d: Decimal, places: Int) -> String {
        var value = d, rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .bankers)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return parts[0] + "." + fraction.padding(toLength: places, withPad: "0", startingAt: 0)
    }
}
