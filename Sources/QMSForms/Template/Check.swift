import Foundation

/// A rule between two values of a record, with a message of its own: `closed_on` at least
/// `d3_done_on` ("an 8D is not closed before its containment is done"), `ng_qty` at most
/// `checked_qty` in each containment row, a reply at least the day its letter came.
///
/// In a `<section>` it compares top-level fields; in a `<table>` it compares the cells of each
/// row (and may name top-level fields too). The right side is a field or a number (`value=`),
/// plus `plus-days` for dates. A date against a date-time compares days. The check applies when
/// both sides have a value and every `<when>` condition holds; missing values are the business
/// of `required`.
///
/// ```xml
/// <check left="closed_on" is="at-least" right="d6_done_on"
///        zh="结案日期不能早于D6实施日期" en="an 8D cannot close before D6 is implemented"/>
/// ```
public struct Check: Sendable {
    /// How the left side must compare with the right.
    public enum Comparison: String, Sendable, CaseIterable {
        /// `<`
        case below
        /// `≤`
        case atMost = "at-most"
        /// `=`
        case equals
        /// `≥`
        case atLeast = "at-least"
        /// `>`
        case above

        /// The sign, as a rule reads.
        public var symbol: String {
            switch self {
            case .below: "<"
            case .atMost: "≤"
            case .equals: "="
            case .atLeast: "≥"
            case .above: ">"
            }
        }

        /// Whether `order` (left against right) satisfies the comparison.
        func holds(_ order: ComparisonResult) -> Bool {
            switch self {
            case .below: order == .orderedAscending
            case .atMost: order != .orderedDescending
            case .equals: order == .orderedSame
            case .atLeast: order != .orderedAscending
            case .above: order == .orderedDescending
            }
        }
    }

    /// The right side: another field (or column), or a number.
    public enum Operand: Sendable {
        /// The value of the field or cell named, resolved at load into ``Check/rightReference``.
        case field(String)
        /// A constant.
        case number(Decimal)
    }

    /// The field (or column) checked, as written.
    public let left: String
    /// The comparison.
    public let comparison: Comparison
    /// What it is compared with.
    public let right: Operand
    /// Days added to a date on the right (`reply` at most `received` plus 1 day).
    public let plusDays: Int
    /// The rule's own words, printed with the values that broke it.
    public let message: Bilingual
    /// The clause of the procedure or form the rule comes from, shown as the hint.
    public let cite: String?
    /// Conditions that must all hold for the check to apply.
    public internal(set) var when: [Condition]
    /// Line in the template.
    public let line: Int
    /// What `left` names, resolved at load.
    public internal(set) var leftReference: Condition.Reference
    /// What the right side names when it is a field, resolved at load.
    public internal(set) var rightReference: Condition.Reference?

    /// A check of `left` against `right`; the loader resolves the references.
    public init(left: String, comparison: Comparison, right: Operand, plusDays: Int = 0, message: Bilingual,
                cite: String? = nil, when: [Condition] = [], line: Int = 0) {
        self.left = left
        self.comparison = comparison
        self.right = right
        self.plusDays = plusDays
        self.message = message
        self.cite = cite
        self.when = when
        self.line = line
        self.leftReference = .field(left)
        if case let .field(name) = right { rightReference = .field(name) } else { rightReference = nil }
    }

    /// As a rule reads: `closed_on ≥ d6_done_on + 1 day`.
    public var formula: String {
        let r: String = switch right {
        case let .field(name): name
        case let .number(n): Value.format(n)
        }
        return "\(left) \(comparison.symbol) \(r)" + (plusDays == 0 ? "" : " \(plusDays < 0 ? "−" : "+") \(abs(plusDays)) day\(abs(plusDays) == 1 ? "" : "s")")
    }
}
