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
                            signers: [String: String]) async throws -> DataNode {
        let surveys = try await archive.standingRecords(of: "survey").filter { $0.value("campaign")?.lexical == campaign }
        guard !surveys.isEmpty else { throw ArchiveError.nothingArchived("no archived survey of campaign \(campaign)") }
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
        var previous = previousScore
        if previous == nil { previous = try await previousCampaignScore(in: archive, other: campaign) }
        if let previous {
            info.append(("prev_csi", DataNode(.number(previous))))
        }
        let signatures = signers.sorted { $0.key < $1.key }.map { ($0.key, DataNode(.map([("name", text($0.value))]))) }
        return DataNode(.map([("campaign_info", DataNode(.map(info))),
                              ("results_section", DataNode(.map([("results", DataNode(.list(rows)))]))),
                              ("signatures", DataNode(.map(signatures)))]))
    }

    /// The overall score of the latest summary in the archive for another campaign, as that
    /// summary printed it (the figure management reviewed, with its declared places).
    static func previousCampaignScore(in archive: Archive, other campaign: String) async throws -> String? {
        guard let last = try await archive.standingRecords(of: "survey-summary").last(where: { $0.value("campaign")?.lexical != campaign }),
              case let .decimal(csi)? = last.value("csi") else { return nil }
        guard case let .computed(c)? = last.template.field("csi")?.kind, let places = c.places else { return Value.format(csi) }
        return Value.printed(csi, places: places)
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
