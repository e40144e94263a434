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
    case weightedScore(table: String, column: ScoredColumn, weights: [String: Decimal], places: Int)
    /// Mean of a numeric column (or of the points of a coded one) over the rows that have a
    /// value, optionally only rows whose `where` column is one of `codes` (`true` for booleans).
    case mean(table: String, column: ScoredColumn, where: String?, codes: [String], places: Int)
    /// numerator ÷ denominator × scale: a rate that keeps its numerator and denominator.
    case ratio(numerator: String, denominator: String, scale: Decimal, places: Int)
    /// `to − from` for two numbers (this period against the last), printed to `places`.
    case difference(from: String, to: String, places: Int)
    /// In a table row: Σ(weight · points) / Σ(weight) over the row's answered coded columns.
    case rowScore(items: [(column: ScoredColumn, weight: Decimal)], places: Int)
    /// In a table row: how many of these cells are empty (`empty`), or hold one of `codes`.
    case countCells(columns: [String], codes: [String], empty: Bool)
    /// `to − from` in whole calendar days, or in hours to one decimal place.
    case dateDiff(from: String, to: String, unit: DateUnit)
    /// True when the field's number passes the test.
    case threshold(field: String, test: ThresholdTest)
    /// True when the field (or, in a row, the cell) has a value.
    case isSet(field: String)
    /// True when every test (thresholds, `set`) holds; a test on a value that is absent does not.
    indirect case allOf([Computation])
    /// The first of these tests that has a value to judge (hours when times are given, else days).
    indirect case firstOf([Computation])
    /// The first level whose lower bound the field's number reaches (levels from high to low).
    case band(field: String, levels: [Level])
    /// The first rule that holds, else `otherwise`.
    case status(rules: [StatusRule], otherwise: Level)

    /// The decimal places the figure is printed with (it is held and judged unrounded); `nil`
    /// for figures printed as they are (counts, sums, day differences).
    public var places: Int? {
        switch self {
        case let .weightedScore(_, _, _, p), let .mean(_, _, _, _, p), let .ratio(_, _, _, p), let .rowScore(_, p), let .difference(_, _, p): p
        case .dateDiff(_, _, .hours): 1
        default: nil
        }
    }

    /// A column whose cells score: a number as itself, a code by the points of its option.
    /// The points are taken from the column's options when the template loads.
    public struct ScoredColumn: Sendable, Equatable {
        /// The column's id.
        public let id: String
        /// Points by option code; empty for a numeric column.
        public internal(set) var points: [String: Decimal] = [:]

        /// The column `id`, its points resolved by the loader.
        public init(id: String) { self.id = id }

        /// What a cell scores: its number, or its option's points; `nil` when it scores nothing (N/A, empty).
        public func score(_ value: Value?) -> Decimal? {
            if let n = value?.number { return n }
            if case let .choice(code)? = value { return points[code] }
            return nil
        }
    }

    /// Whole calendar days, or hours to one decimal.
    public enum DateUnit: String, Sendable {
        /// Whole calendar days.
        case days
        /// Hours, to one decimal place.
        case hours
    }

    /// A comparison with a constant.
    public enum ThresholdTest: Sendable {
        /// At least, at most, above or below the number.
        case atLeast(Decimal), atMost(Decimal), above(Decimal), below(Decimal)

        /// Whether `x` passes.
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
        /// The lowest number that reaches this level (bands).
        public var atLeast: Decimal?
        /// The level's code.
        public var code: String
        /// The level's label.
        public var label: Bilingual

        /// A level `code` labelled `label`.
        public init(atLeast: Decimal? = nil, code: String, label: Bilingual) {
            self.atLeast = atLeast
            self.code = code
            self.label = label
        }
    }

    /// A rule of a status computation: a test and the level it gives.
    public struct StatusRule: Sendable {
        /// What a status rule tests.
        public enum Test: Sendable {
            /// Every required field of the section (named) is given.
            case sectionComplete(String)
            /// The field (named) holds one of the codes.
            case field(String, inCodes: [String])
        }
        /// What is tested.
        public var test: Test
        /// The level given when it holds.
        public var result: Level

        /// A rule giving `result` when `test` holds.
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
        case .threshold, .isSet, .allOf, .firstOf: .boolean
        case .band, .status: .code
        }
    }

    /// A whole number, a decimal, yes/no, or a code.
    public enum ResultType: Sendable {
        /// A whole number.
        case integer
        /// A decimal number.
        case decimal
        /// Yes or no.
        case boolean
        /// A code of the computation's levels.
        case code
    }

    /// Whether the computation works inside one table row (a computed column).
    public var isRowScoped: Bool {
        switch self {
        case .dateDiff, .threshold, .band, .rowScore, .countCells, .isSet: true
        case let .allOf(tests), let .firstOf(tests): tests.allSatisfy(\.isRowScoped)
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
