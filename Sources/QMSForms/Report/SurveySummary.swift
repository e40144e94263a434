import Foundation

/// The satisfaction summary of one survey campaign (SG-QR-18-02) from the surveys in the
/// archive (SG-QR-18-01): one row per standing survey of the campaign, its ratings as the
/// customer gave them, and the survey's linked action; the summary form then computes each
/// customer's weighted score, validity, the item averages, the return rate and the overall
/// score against 80.
///
/// ```swift
/// let data = try SurveySummary.data(from: archive, campaign: "MYDC-2026", issued: 12,
///                                   signers: ["compiled": "赵丽", "reviewed": "孙伟", "approved": "周建国"])
/// ```
public enum SurveySummary {
    /// The items rated on the survey and summarised per column, in the form's order.
    public static let items = ["quality", "delivery", "packaging", "documents", "communication", "service", "price"]

    /// The summary's data: `issued` is how many surveys were sent (the archive holds the returned
    /// ones); `previousScore` defaults to the overall score of the latest other campaign's summary
    /// in the archive; `signers` gives the printed names for the signature blocks (role → name).
    public static func data(from archive: Archive, campaign: String, issued: Int, previousScore: String? = nil,
                            signers: [String: String]) throws -> DataNode {
        let surveys = try archive.standingRecords(of: "survey").filter { $0.value("campaign")?.lexical == campaign }
        guard !surveys.isEmpty else { throw ArchiveError.io("no archived survey of campaign \(campaign)") }
        var rows: [DataNode] = []
        for survey in surveys {
            var cells: [(key: String, node: DataNode)] = [("customer", text(survey.value("customer")?.lexical ?? "")),
                                                          ("survey_no", text(survey.displayNumber))]
            if case let .table(ratings)? = survey.value("ratings") {
                for item in items {
                    if let rating = ratings.first(where: { $0.key == item })?.cells["rating"]?.lexical { cells.append((item, text(rating))) }
                }
            }
            if let action = survey.value("capa_ref")?.lexical { cells.append(("action_ref", text(action))) }
            rows.append(DataNode(.map(cells)))
        }
        var info: [(key: String, node: DataNode)] = [("campaign", text(campaign)), ("issued", DataNode(.number(String(issued))))]
        if let previous = try previousScore ?? previousCampaignScore(in: archive, other: campaign) {
            info.append(("prev_csi", DataNode(.number(previous))))
        }
        let signatures = signers.sorted { $0.key < $1.key }.map { ($0.key, DataNode(.map([("name", text($0.value))]))) }
        return DataNode(.map([("campaign_info", DataNode(.map(info))),
                              ("results_section", DataNode(.map([("results", DataNode(.list(rows)))]))),
                              ("signatures", DataNode(.map(signatures)))]))
    }

    /// The overall score of the latest summary in the archive for another campaign.
    static func previousCampaignScore(in archive: Archive, other campaign: String) throws -> String? {
        try archive.standingRecords(of: "survey-summary").last { $0.value("campaign")?.lexical != campaign }?.value("csi")?.lexical
    }

    private static func text(_ s: String) -> DataNode { DataNode(.string(s)) }

    /// The summary's figures drawn: item averages and each customer's score, against 80.
    public static func charts(_ figures: SurveyFigures, template: Template) -> [Chart] {
        var columns: [String: Bilingual] = [:]
        if case let .table(t)? = template.field("results")?.kind { for c in t.columns { columns[c.id] = c.label } }
        let answered = items.filter { figures.itemAverages[$0] != nil }
        let averages = answered.map { Double(figures.itemAverages[$0]!) ?? 0 }
        let itemNames = answered.map { columns[$0]?.zh ?? $0 }
        let scored = figures.customers.filter { $0.valid && $0.score != nil }
        let scores = scored.map { Double($0.score!) ?? 0 }
        func listed(_ names: [String], _ values: [Double]) -> String {
            zip(names, values).map { "\($0) \(Chart.number($1))" }.joined(separator: "，")
        }
        return [
            Chart(kind: .bar, title: "各项平均得分 Item averages (\(figures.campaign))",
                  description: "目标 80 分 / target 80: " + listed(itemNames, averages), labels: itemNames, values: averages, target: 80),
            Chart(kind: .bar, title: "各顾客得分 Scores by customer (\(figures.campaign))",
                  description: "目标 80 分 / target 80: " + listed(scored.map(\.customer), scores),
                  labels: scored.map(\.customer), values: scores, target: 80),
        ]
    }
}

/// The figures of a filled summary, every rate with its parts, for `--format json`.
public struct SurveyFigures: Codable, Sendable, Equatable {
    public struct Rate: Codable, Sendable, Equatable {
        public var numerator: String
        public var denominator: String
        public var formula: String
        public var value: String?
    }

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
