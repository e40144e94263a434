import Foundation

/// What a computed field computes. Declarative only: a template cannot run code.
///
/// Computed fields are evaluated in template order, so one may use those declared before it.
public enum Computation: Sendable {
    /// Sum of a numeric table column, or of numeric fields.
    case sum(table: String?, column: String?, fields: [String])
    /// Rows of a table; optionally only rows whose `column` is one of `codes`, or is empty.
    case count(table: String, column: String?, codes: [String], empty: Bool)
    /// Σ(weight · points) / Σ(weight) over the rows of a fixed-row table whose rating in
    /// `column` has points (N/A and unanswered rows are left out, renormalising the weights).
    case weightedScore(table: String, column: String, places: Int)
    /// Mean of a numeric column (or of the points of a coded one) over the rows that have a
    /// value, optionally only rows whose `where` column is one of `codes` (`true` for booleans).
    case mean(table: String, column: String, where: String?, codes: [String], places: Int)
    /// numerator ÷ denominator × scale: a rate that keeps its numerator and denominator.
    case ratio(numerator: String, denominator: String, scale: Decimal, places: Int)
    /// `to − from` for two numbers (this period against the last).
    case difference(from: String, to: String)
    /// In a table row: Σ(weight · points) / Σ(weight) over the row's answered coded columns.
    case rowScore(items: [(column: String, weight: Decimal)], places: Int)
    /// In a table row: how many of these cells are empty (`empty`), or hold one of `codes`.
    case countCells(columns: [String], codes: [String], empty: Bool)
    /// `to − from` in whole calendar days, or in hours to one decimal place.
    case dateDiff(from: String, to: String, unit: DateUnit)
    /// True when the field's number passes the test.
    case threshold(field: String, test: ThresholdTest)
    /// The first level whose lower bound the field's number reaches (levels from high to low).
    case band(field: String, levels: [Level])
    /// The first rule that holds, else `otherwise`.
    case status(rules: [StatusRule], otherwise: Level)

    public enum DateUnit: String, Sendable { case days, hours }

    public enum ThresholdTest: Sendable {
        case atLeast(Decimal), atMost(Decimal), above(Decimal), below(Decimal)

        public func holds(_ x: Decimal) -> Bool {
            switch self {
            case let .atLeast(n): x >= n
            case let .atMost(n): x <= n
            case let .above(n): x > n
            case let .below(n): x < n
            }
        }
    }

    /// A coded result with a label: a grade, a status.
    public struct Level: Sendable {
        public var atLeast: Decimal?
        public var code: String
        public var label: Bilingual

        public init(atLeast: Decimal? = nil, code: String, label: Bilingual) {
            self.atLeast = atLeast
            self.code = code
            self.label = label
        }
    }

    public struct StatusRule: Sendable {
        public enum Test: Sendable {
            case sectionComplete(String)
            case field(String, inCodes: [String])
        }
        public var test: Test
        public var result: Level

        public init(test: Test, result: Level) {
            self.test = test
            self.result = result
        }
    }

    /// The kind of value this computation produces.
    public var resultType: ResultType {
        switch self {
        case .sum, .weightedScore, .mean, .ratio, .difference, .rowScore, .dateDiff(_, _, .hours): .decimal
        case .count, .dateDiff, .countCells: .integer
        case .threshold: .boolean
        case .band, .status: .code
        }
    }

    public enum ResultType: Sendable { case integer, decimal, boolean, code }

    /// Whether the computation works inside one table row (a computed column).
    public var isRowScoped: Bool {
        switch self {
        case .dateDiff, .threshold, .band, .rowScore, .countCells: true
        default: false
        }
    }

    /// The coded results a band or status can give, for schemas and tick boxes.
    public var levels: [Level] {
        switch self {
        case let .band(_, levels): levels
        case let .status(rules, otherwise): rules.map(\.result) + [otherwise]
        default: []
        }
    }
}
