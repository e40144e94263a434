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
    /// `to − from` in whole days or hours.
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
        case .sum, .weightedScore: .decimal
        case .count, .dateDiff: .integer
        case .threshold: .boolean
        case .band, .status: .code
        }
    }

    public enum ResultType: Sendable { case integer, decimal, boolean, code }

    /// The coded results a band or status can give, for schemas and tick boxes.
    public var levels: [Level] {
        switch self {
        case let .band(_, levels): levels
        case let .status(rules, otherwise): rules.map(\.result) + [otherwise]
        default: []
        }
    }
}
