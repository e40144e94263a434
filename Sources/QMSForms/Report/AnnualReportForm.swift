import Foundation

extension AnnualReport {
    /// The data of SG-QR-07-08 with every counted figure filled; what people write stays out
    /// (see ``blankFields``, and the satisfaction score when no survey was returned).
    public var data: DataNode {
        func n(_ v: Int) -> DataNode { .number(v) }
        func map(_ entries: [(String, DataNode)]) -> DataNode { DataNode(.map(entries.map { (key: $0.0, node: $0.1) })) }
        let sources = ["服务记录", "来电、来函记录", "满意度调查", "质量信息反馈单", "纠正和预防措施", "8D报告", "顾客意见本", "重点顾客走访"]
        var s7: [(String, DataNode)] = [("surveys_issued", DataNode(.number(surveyReturnRate.denominator))), ("surveys_returned", DataNode(.number(surveyReturnRate.numerator)))]
        if let satisfaction { s7.append(("csi", DataNode(.number(Chart.number(satisfaction))))) }
        if let previous = satisfactionTrend[String(year - 1)] { s7.append(("prev_csi", DataNode(.number(Chart.number(previous))))) }
        s7.append(("item_averages", map(SurveySummary.items.compactMap { item in
            itemAverages[item].map { (item, map([("average", DataNode(.number(Chart.number($0))))])) }
        })))
        if !below80.isEmpty { s7.append(("below_80", .text(below80.joined(separator: "、")))) }
        var s8: [(String, DataNode)] = [("capa_opened", n(capaOpened)), ("capa_closed", DataNode(.number(capaOnTime.denominator))),
                                        ("capa_closed_on_time", DataNode(.number(capaOnTime.numerator))), ("capa_verified", DataNode(.number(capaEffective.denominator))),
                                        ("capa_effective", DataNode(.number(capaEffective.numerator)))]
        if !overdue.isEmpty { s8.append(("overdue_list", .text(overdue.joined(separator: "、")))) }
        return map([
            ("s1", map([("period_from", .text("\(year)-01-01")), ("period_to", .text("\(year)-12-31")), ("prepared_by_dept", .text("质管部")),
                        ("sources", DataNode(.list(sources.map { .text($0) })))])),
            ("s2", map([("customers", n(customers)), ("key_customers", n(keyCustomers)), ("lots", n(lots)), ("delivered_qty", n(deliveredQuantity))])),
            ("s3", map([("calls", n(calls)), ("calls_on_time", DataNode(.number(replyOnTime.numerator))), ("opinions", n(opinions)), ("services", n(services))])),
            ("s4", map([("by_category", map(["a", "b", "c", "d", "e"].map { ($0, map([("count", n(complaintsByCategory[$0] ?? 0))])) })),
                        ("repeat_complaints", n(repeatComplaints))])),
            ("s5", map([("ng_qty", n(nonconformingQuantity))])),
            ("s6", map([("lots_on_time", DataNode(.number(onTimeDelivery.numerator)))])),
            ("s7", map(s7)),
            ("s8", map(s8)),
            ("s9", map([("visits_planned", DataNode(.number(visits.denominator))), ("visits_done", DataNode(.number(visits.numerator)))])),
        ])
    }

    /// ``data`` with what people wrote (`notes`: section → field → value) put in.
    public func data(with notes: DataNode) -> DataNode {
        var filled = data
        for (section, node) in notes.entries ?? [] {
            for (field, value) in node.entries ?? [] { filled = filled.setting([section, field], value) }
        }
        return filled
    }

    /// Fields left blank for people: ``blankFields``, and the score when there is none.
    public var leftBlank: Set<String> { satisfaction == nil ? AnnualReport.blankFields.union(["csi"]) : AnnualReport.blankFields }

    /// The report's figures drawn: complaints by category (Pareto), by month, and satisfaction over the years against 80.
    public var charts: [Chart] {
        let categories = ["a", "b", "c", "d", "e"]
        let years = satisfactionTrend.keys.sorted()
        let total = complaintsByCategory.values.reduce(0, +)
        return [
            Chart(kind: .pareto, title: "\(year) 投诉分类 Complaints by category",
                  description: "共 \(total) 起 / \(total) complaints: " + categories.map { "\($0) \(complaintsByCategory[$0] ?? 0)" }.joined(separator: "，"),
                  labels: categories, values: categories.map { Double(complaintsByCategory[$0] ?? 0) }),
            Chart(kind: .bar, title: "\(year) 每月投诉 Complaints by month",
                  description: (1...12).map { "\($0)月 \(complaintsByMonth[$0 - 1])" }.joined(separator: "，"),
                  labels: (1...12).map { "\($0)月" }, values: complaintsByMonth.map(Double.init)),
            Chart(kind: .trend, title: "综合满意度 Overall satisfaction",
                  description: "目标 80 分 / target 80: " + years.map { "\($0) \(Chart.number(satisfactionTrend[$0]!))" }.joined(separator: "，"),
                  labels: years, values: years.map { satisfactionTrend[$0]! }, target: 80),
        ]
    }
}
