/// A rate as a report prints it: the value with the numerator and denominator it came from
/// and the formula, so an auditor can redo the division.
public struct Rate: Codable, Sendable, Equatable {
    /// What is counted, as a number.
    public var numerator: String
    /// What it is counted against.
    public var denominator: String
    /// How the rate is computed, in words.
    public var formula: String
    /// The value as printed, `nil` when the denominator is 0.
    public var value: String?

    /// A rate of `numerator` ÷ `denominator` with its `value` (nil when the denominator is 0).
    public init(numerator: String, denominator: String, formula: String, value: String?) {
        self.numerator = numerator
        self.denominator = denominator
        self.formula = formula
        self.value = value
    }

    /// `numerator ÷ denominator × scale`, one decimal.
    init(_ numerator: Int, _ denominator: Int, _ formula: String, scale: Double = 100) {
        self.init(numerator: String(numerator), denominator: String(denominator), formula: formula,
                  value: denominator > 0 ? Chart.number((Double(numerator) / Double(denominator) * scale * 10).rounded() / 10) : nil)
    }

    /// `75 (3 / 4)`: the value and its parts.
    public var text: String { (value ?? "—") + " (\(numerator) / \(denominator))" }
}
