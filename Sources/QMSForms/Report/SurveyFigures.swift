import Foundation

/// The figures of a filled summary, every rate with its parts, for `--format json`.
public struct SurveyFigures: Codable, Sendable, Equatable {
    public struct Customer: Codable, Sendable, Equatable {
        public var customer: String
        public var survey: String?
        public var score: String?
        public var valid: Bool
        public var action: String?
    }

    public var campaign: String
    public var surveysIssued: String
    public var surveysReturned: String
    public var returnRate: Rate
    public var validSurveys: String
    public var overallScore: String?
    public var target: Int
    public var targetMet: Bool?
    public var previousScore: String?
    public var change: String?
    /// Item → average of the valid surveys' points.
    public var itemAverages: [String: String]
    public var customers: [Customer]
    /// The customers whose score is under the target, with their linked action.
    public var below80: [Customer]

    /// Reads the figures off a validated summary record (the form computed them).
    public init(_ summary: Record) {
        func v(_ id: String) -> String? { summary.value(id)?.lexical }
        campaign = v("campaign") ?? ""
        surveysIssued = v("issued") ?? "0"
        surveysReturned = v("returned") ?? "0"
        returnRate = Rate(numerator: surveysReturned, denominator: surveysIssued, formula: "returned ÷ issued × 100%", value: v("return_rate"))
        validSurveys = v("valid_n") ?? "0"
        overallScore = v("csi")
        target = 80
        if case let .boolean(met)? = summary.value("target_met") { targetMet = met } else { targetMet = nil }
        previousScore = v("prev_csi")
        change = v("change")
        var averages: [String: String] = [:]
        for item in SurveySummary.items { if let a = v("avg_" + item) { averages[item] = a } }
        itemAverages = averages
        var customers: [Customer] = []
        if case let .table(rows)? = summary.value("results") {
            for row in rows {
                var valid = false
                if case let .boolean(b)? = row.cells["valid"] { valid = b }
                customers.append(Customer(customer: row.cells["customer"]?.lexical ?? "", survey: row.cells["survey_no"]?.lexical,
                                          score: row.cells["score"]?.lexical, valid: valid, action: row.cells["action_ref"]?.lexical))
            }
        }
        self.customers = customers
        below80 = customers.filter { c in c.valid && (c.score.flatMap { Decimal(string: $0) }.map { $0 < 80 } ?? false) }
    }
}
