import Foundation

/// The figures of a filled summary, every rate with its parts, for `--format json`.
public struct SurveyFigures: Codable, Sendable, Equatable {
    /// One customer's survey in the campaign.
    public struct Customer: Codable, Sendable, Equatable {
        /// The customer.
        public var customer: String
        /// The survey's record number.
        public var survey: String?
        /// Its score.
        public var score: String?
        /// Whether it counts (a valid survey).
        public var valid: Bool
        /// The action taken on a score under 80.
        public var action: String?
    }

    /// The campaign (`MYDC-2026`).
    public var campaign: String
    /// Surveys sent out.
    public var surveysIssued: String
    /// Surveys returned.
    public var surveysReturned: String
    /// Returned ÷ issued.
    public var returnRate: Rate
    /// Surveys that count.
    public var validSurveys: String
    /// The mean score of the valid surveys.
    public var overallScore: String?
    /// The target score (80).
    public var target: Int
    /// Whether the overall score reaches the target.
    public var targetMet: Bool?
    /// The previous campaign's score.
    public var previousScore: String?
    /// This score minus the previous one.
    public var change: String?
    /// Item → average of the valid surveys' points.
    public var itemAverages: [String: String]
    /// Every customer's survey.
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
