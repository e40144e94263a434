import Foundation

/// The yearly summary analysis of customers' product-quality information (SG-QR-07-08,
/// procedure §3.5) computed from the archive: every figure counted from the year's standing
/// records, every rate with its numerator, denominator and formula. What people must write —
/// conclusions, main issues, proposals, quantities the records do not hold — stays blank
/// (``blankFields``) for them to fill in on the printed form.
public struct AnnualReport: Codable, Sendable, Equatable {
    /// The year summarised.
    public var year: Int
    /// Customers shipped to.
    public var customers: Int
    /// Key customers visited.
    public var keyCustomers: Int
    /// Lots shipped (shipping notices).
    public var lots: Int
    /// Quantity shipped.
    public var deliveredQuantity: Int
    /// Calls and letters registered.
    public var calls: Int
    /// Calls and letters by channel.
    public var callsByChannel: [String: Int]
    /// Calls and letters by type.
    public var callsByType: [String: Int]
    /// Calls and letters answered within a day ÷ answered.
    public var replyOnTime: Rate
    /// Entries in the customer opinion book.
    public var opinions: Int
    /// Service records.
    public var services: Int
    /// Complaints registered in the call log, by category a–e, by month (1…12) and by customer.
    public var complaintsByCategory: [String: Int]
    /// Complaints by month, January first.
    public var complaintsByMonth: [Int]
    /// Complaints by customer.
    public var complaintsByCustomer: [String: Int]
    /// Quality feedback forms (product complaints) by product and model.
    public var complaintsByProduct: [String: Int]
    /// Complaints ÷ lots shipped.
    public var complaintRate: Rate
    /// Complaints of a customer and category seen before in the year.
    public var repeatComplaints: Int
    /// Nonconforming quantity reported in feedback forms.
    public var nonconformingQuantity: Int
    /// Nonconforming quantity per million shipped.
    public var ppm: Rate
    /// Lots without a late-delivery complaint ÷ lots shipped.
    public var onTimeDelivery: Rate
    /// Valid surveys returned.
    public var surveys: Int
    /// Returned ÷ issued, the issued count from the campaign's summary (SG-QR-18-02) in the archive.
    public var surveyReturnRate: Rate
    /// Mean of the valid surveys' scores (one decimal), against the target of 80.
    public var satisfaction: Double?
    /// Satisfaction by campaign, earlier years included.
    public var satisfactionTrend: [String: Double]
    /// Mean points of each survey item.
    public var itemAverages: [String: Double]
    /// Customers scoring under 80, with the score and the action taken.
    public var below80: [String]
    /// CAPA forms raised.
    public var capaOpened: Int
    /// CAPA forms closed by their due date ÷ closed.
    public var capaOnTime: Rate
    /// CAPA forms verified effective ÷ verified.
    public var capaEffective: Rate
    /// 8D reports opened.
    public var eightDOpened: Int
    /// 8D reports closed.
    public var eightDClosed: Int
    /// CAPA and 8D items overdue at the year's end, with days.
    public var overdue: [String]
    /// Visits done ÷ visits planned.
    public var visits: Rate

    /// Fields of SG-QR-07-08 left for people to write.
    public static let blankFields: Set<String> = ["key_conclusions", "top_problems", "returned_qty", "main_issues", "conclusion",
                                                  "prepared", "reviewed", "approved"]

    /// The figures of `year` from the standing records in `archive`.
    public static func compute(from archive: Archive, year: Int) async throws -> AnnualReport {
        let prefix = String(year) + "-"
        /// Dated (by the field its form declares) in `year`.
        func inYear(_ r: Record) -> Bool { r.declaredDay?.hasPrefix(prefix) == true }
        func rows(_ r: Record, _ table: String) -> [Value.Row] { if case let .table(rows)? = r.value(table) { rows } else { [] } }

        let shipping = try await archive.standingRecords(of: "shipping").filter { inYear($0) }
        let quantity = shipping.reduce(0) { sum, r in sum + rows(r, "lines").reduce(0) { $0 + Int($1.cells["qty"]?.lexical ?? "0")! } }
        let calls = try await archive.standingRecords(of: "call-log").filter { $0.value("year")?.lexical == String(year) }
        let entries = calls.flatMap { rows($0, "entries") }
        let complaints = entries.filter { $0.cells["type"]?.lexical == "complaint" }
        var byCategory = Dictionary(uniqueKeysWithValues: ["a", "b", "c", "d", "e"].map { ($0, 0) })
        var byMonth = Array(repeating: 0, count: 12), byCustomer: [String: Int] = [:], seen: Set<String> = [], repeats = 0
        for c in complaints {
            let category = c.cells["complaint_cat"]?.lexical ?? "e", customer = c.cells["customer"]?.lexical ?? ""
            byCategory[category, default: 0] += 1
            byMonth[(Int(c.cells["received_at"]?.lexical.dropFirst(5).prefix(2) ?? "1") ?? 1) - 1] += 1
            byCustomer[customer, default: 0] += 1
            if !seen.insert(customer + "/" + category).inserted { repeats += 1 }
        }
        let replied = entries.filter { $0.cells["reply_date"] != nil && $0.cells["overdue"]?.lexical == "false" }.count
        let feedback = try await archive.standingRecords(of: "feedback").filter { inYear($0) }
        let ng = feedback.reduce(0) { $0 + (Int($1.value("qty_affected")?.lexical ?? "0") ?? 0) }
        let capas = try await archive.standingRecords(of: "capa").filter { inYear($0) }
        let closed = capas.filter { $0.value("closed_on") != nil }
        let onTime = closed.filter { ($0.value("closed_on")?.lexical ?? "") <= ($0.value("due_date")?.lexical ?? "") }.count
        let verified = capas.filter { $0.value("verify_result") != nil }
        let effective = verified.filter { $0.value("verify_result")?.lexical == "effective" }.count
        let eightD = try await archive.standingRecords(of: "8d").filter { inYear($0) }
        let visits = try await archive.standingRecords(of: "visit").filter { $0.value("year")?.lexical == String(year) }
        let keyCustomers = Set(visits.compactMap { $0.value("customer")?.lexical })
        let open = try await OpenActions.report(from: archive, asOf: Day("\(year)-12-31")!)

        // Satisfaction: this year's campaign, and earlier campaigns in the archive for the trend.
        let surveys = try await archive.standingRecords(of: "survey")
        func campaignScore(_ year: Int) -> (score: Double?, averages: [String: Double], below: [String], count: Int) {
            let these = surveys.filter { $0.value("campaign")?.lexical == "MYDC-\(year)" && $0.value("is_valid")?.lexical == "true" }
            let scores = these.compactMap { Double($0.value("csi")?.lexical ?? "") }
            var averages: [String: Double] = [:]
            for item in SurveySummary.items {
                let points = these.compactMap { r -> Double? in
                    guard let code = r.value("ratings").flatMap({ v -> String? in
                        if case let .table(t) = v { return t.first { $0.key == item }?.cells["rating"]?.lexical } else { return nil } }),
                          case let .table(table)? = r.template.field("ratings")?.kind, case let .choice(options)? = table.column("rating")?.kind,
                          let p = options.option(code: code)?.points else { return nil }
                    return NSDecimalNumber(decimal: p).doubleValue
                }
                if !points.isEmpty { averages[item] = (points.reduce(0, +) / Double(points.count) * 10).rounded() / 10 }
            }
            let below = these.filter { (Double($0.value("csi")?.lexical ?? "") ?? 100) < 80 }
                .map { "\($0.value("customer")?.lexical ?? "")（\($0.value("csi")?.lexical ?? "")，\($0.value("capa_ref")?.lexical ?? "无措施")）" }
            let mean = scores.isEmpty ? nil : (scores.reduce(0, +) / Double(scores.count) * 10).rounded() / 10
            return (mean, averages, below, these.count)
        }
        let current = campaignScore(year)
        let summary = try await archive.standingRecords(of: "survey-summary").last { $0.value("campaign")?.lexical == "MYDC-\(year)" }
        let surveysIssued = summary.flatMap { Int($0.value("issued")?.lexical ?? "") }
        var trend: [String: Double] = [:]
        for y in (year - 4)...year { if let s = campaignScore(y).score { trend[String(y)] = s } }

        return AnnualReport(
            year: year, customers: Set(shipping.compactMap { $0.value("customer")?.lexical }).count, keyCustomers: keyCustomers.count,
            lots: shipping.count, deliveredQuantity: quantity, calls: entries.count,
            callsByChannel: Dictionary(entries.map { ($0.cells["channel"]?.lexical ?? "", 1) }, uniquingKeysWith: +),
            callsByType: Dictionary(entries.map { ($0.cells["type"]?.lexical ?? "", 1) }, uniquingKeysWith: +),
            replyOnTime: Rate(replied, entries.count, "replied within 1 day ÷ calls and letters × 100%"),
            opinions: try await archive.standingRecords(of: "opinion").filter { inYear($0) }.count,
            services: try await archive.standingRecords(of: "service").filter { inYear($0) }.count,
            complaintsByCategory: byCategory, complaintsByMonth: byMonth, complaintsByCustomer: byCustomer,
            complaintsByProduct: Dictionary(feedback.map { (($0.value("product")?.lexical ?? "") + " " + ($0.value("model")?.lexical ?? ""), 1) },
                                            uniquingKeysWith: +),
            complaintRate: Rate(complaints.count, shipping.count, "complaints ÷ shipment lots × 100%"), repeatComplaints: repeats,
            nonconformingQuantity: ng, ppm: Rate(ng, quantity, "nonconforming quantity ÷ delivered quantity × 10⁶", scale: 1_000_000),
            onTimeDelivery: Rate(max(0, shipping.count - (byCategory["c"] ?? 0)), shipping.count,
                                 "(lots − late-delivery complaints) ÷ lots × 100%"),
            surveys: current.count,
            surveyReturnRate: Rate(current.count, surveysIssued ?? current.count, surveysIssued == nil
                ? "returned ÷ issued × 100% (no summary of MYDC-\(year) in the archive: issued taken as returned)" : "returned ÷ issued × 100%"),
            satisfaction: current.score, satisfactionTrend: trend, itemAverages: current.averages,
            below80: current.below, capaOpened: capas.count,
            capaOnTime: Rate(onTime, closed.count, "closed by the due date ÷ closed × 100%"),
            capaEffective: Rate(effective, verified.count, "effective ÷ verified × 100%"),
            eightDOpened: eightD.count, eightDClosed: eightD.filter { $0.value("status")?.lexical == "closed" }.count,
            overdue: open.actions.filter { $0.kind == "capa" || $0.kind == "8d" }.map { "\($0.record)（\($0.daysOverdue) 天）" },
            visits: Rate(visits.count, keyCustomers.count * 4, "visits done ÷ visits planned (key customers × 4 quarters) × 100%"))
    }
}
