import QMSForms
import Foundation

/// A realistic, deterministic year of service-control records, issued into an archive: for
/// demos and for tests of the reports. Every record starts from the shipped example of its
/// form (so it is as complete as a real one), moved to its own day of the year, with its
/// customer, quantities and links set the way the procedure links them: complaints in the
/// call log → quality feedback forms → CAPA forms and 8D reports; opinion-book entries,
/// service records, shipping notices; a December satisfaction survey of every customer
/// (under 80 → linked to a CAPA); quarterly visits to the key customers.
///
/// ```swift
/// let year = try DemoYear(year: 2026, seed: 7).issue(into: archive, examples: forms.appendingPathComponent("examples"), by: "demo")
/// print(year.total)   // ≈ 1,900
/// ```
public struct DemoYear: Sendable {
    public var year: Int
    public var seed: UInt64
    /// Shipping notices in the year (the bulk of the records).
    public var shipments: Int

    public static let customers = ["江苏恒远精密机械有限公司", "浙江新成液压设备有限公司", "山东鲁北机械制造有限公司", "广东粤海工程机械有限公司",
                                   "河北恒力重工有限公司", "安徽江淮液压件有限公司", "湖北楚天机电有限公司", "福建闽江自动化设备有限公司",
                                   "四川蜀峰机械有限公司", "辽宁北方重型装备有限公司", "江西赣南矿山机械有限公司", "重庆渝江工程装备有限公司"]
    /// The first three are key customers (visited every quarter).
    public static let keyCustomers = 3

    public init(year: Int, seed: UInt64 = 1, shipments: Int = 1_700) {
        self.year = year
        self.seed = seed
        self.shipments = shipments
    }

    /// What was issued: form alias → record numbers in issue order.
    public struct Issued: Codable, Sendable, Equatable {
        public var numbers: [String: [String]] = [:]
        public var total: Int { numbers.values.reduce(0) { $0 + $1.count } }
    }

    public func issue(into archive: Archive, examples: URL, by: String) async throws -> Issued {
        var rng = SplitMix(seed: seed)
        var issued = Issued()
        func example(_ alias: String) throws -> DataNode {
            try DataSource.read(path: examples.appendingPathComponent("\(alias).yaml").path).removing(["record_no"])
        }
        func day(_ month: Int, _ dayOfMonth: Int) -> Int { Day(String(format: "%04d-%02d-%02d", year, month, dayOfMonth))!.number }
        /// `base` moved so that its date `anchor` falls on `target`.
        func moved(_ base: DataNode, from anchor: String, to target: Int) -> DataNode { base.movingDates(by: target - Day(anchor)!.number) }
        @discardableResult
        func put(_ alias: String, _ data: DataNode, on target: Int) async throws -> String {
            let number = try await issue(alias, data, on: target, into: archive, by: by)
            issued.numbers[alias, default: []].append(number)
            return number
        }
        let customers = Self.customers

        // The call log, a sheet a month; complaints are what the rest follows from.
        struct Complaint { var customer: String; var category: String; var day: Int }
        var complaints: [Complaint] = []
        var entryNumber = 0
        for month in 1...12 {
            var entries: [DataNode] = []
            for k in 0..<(10 + rng.below(6)) {
                entryNumber += 1
                let received = day(month, 1 + (k * 2 + rng.below(2)) % 27)
                let customer = customers[rng.below(customers.count)]
                let type = rng.pick([("投诉", 2), ("咨询", 5), ("询价/订货", 3)])
                let open = month == 12 && k % 4 == 0
                let late = rng.below(8) == 0
                var entry: [(key: String, node: DataNode)] = [
                    ("entry_no", .text(String(format: "LD-%04d-%03d", year, entryNumber))),
                    ("received_at", .text(Day(number: received).description + " 09:30")), ("channel", .text("电话")),
                    ("customer", .text(customer)), ("contact", .text("采购部")), ("summary", .text("第 \(entryNumber) 条：\(type)")),
                    ("type", .text(type)),
                ]
                if type == "投诉" {
                    let category = rng.pick([("a", 40), ("b", 15), ("c", 15), ("d", 20), ("e", 10)])
                    entry.append(("complaint_cat", .text(category)))
                    complaints.append(Complaint(customer: customer, category: category, day: received))
                }
                entry.append(("receiver", .text("赵丽")))
                if !open {
                    entry += [("reply", .text("已答复")), ("reply_channel", .text("电话")),
                              ("reply_date", .text(Day(number: received + (late ? 3 : rng.below(2))).description)), ("replier", .text("赵丽"))]
                }
                entry.append(("status", .text(open ? "处理中" : "已关闭")))
                entries.append(DataNode(.map(entry)))
            }
            let sheet = DataNode(.map([("year", .number(year)), ("month", .number(month)), ("dept", .text("供销部"))]))
            try await put("call-log", DataNode(.map([("sheet", sheet), ("log", DataNode(.map([("entries", DataNode(.list(entries)))])))])),
                    on: day(month, 28))
        }

        // Feedback forms for product complaints (a, b); a CAPA for every second one, an 8D for every fourth.
        let feedbackBase = try example("feedback"), capaBase = try example("capa"), eightDBase = try example("8d")
        var capas: [String] = []
        for (i, complaint) in complaints.filter({ $0.category == "a" || $0.category == "b" }).enumerated() {
            let recent = complaint.day > day(11, 1)
            var feedback = moved(feedbackBase, from: "2026-03-11", to: complaint.day).setting(["a", "customer"], .text(complaint.customer))
                .setting(["a", "model"], .text(["HV-200", "HV-150", "PV-32", "HV-300"][rng.below(4)]))
            if recent { feedback = feedback.removing(["d", "e"]) }
            let fk = try await put("feedback", feedback, on: complaint.day)
            if i % 2 == 0 {
                var capa = moved(capaBase, from: "2026-03-16", to: complaint.day + 5).setting(["header", "source_ref"], .text(fk))
                if recent { capa = capa.removing(["s6", "s7", "s8", "s9"]) }
                capas.append(try await put("capa", capa, on: complaint.day + 5))
            }
            if i % 4 == 0 {
                var report = moved(eightDBase, from: "2026-03-11", to: complaint.day)
                    .setting(["header", "customer"], .text(complaint.customer)).setting(["header", "fk_ref"], .text(fk))
                if recent { report = report.removing(["d8", "approval"]) }
                try await put("8d", report, on: complaint.day + 1)
            }
        }

        // Opinion-book entries and service records, spread over the year.
        let opinionBase = try example("opinion"), serviceBase = try example("service")
        for k in 0..<36 {
            let target = day(1 + k / 3, 3 + (k % 3) * 9)
            try await put("opinion", moved(opinionBase, from: "2026-03-16", to: target).setting(["entry", "customer"], .text(customers[k % customers.count])),
                    on: target + 3)
        }
        for k in 0..<48 {
            let target = day(1 + k / 4, 2 + (k % 4) * 6)
            try await put("service", moved(serviceBase, from: "2026-04-13", to: target), on: target)
        }

        // Shipping notices: the bulk of the year.
        let shippingBase = try example("shipping")
        let first = day(1, 6), last = day(12, 20)
        for k in 0..<shipments {
            let target = first + k * (last - first) / max(shipments, 1)
            var line = (shippingBase["goods"]?["lines"]).flatMap { if case let .list(l) = $0.value { l.first } else { nil } } ?? DataNode(.map([]))
            line = line.setting(["qty"], .number(100 + rng.below(900))).setting(["lot"], .text(String(format: "L%02d%04d", year % 100, k)))
            let notice = moved(shippingBase, from: "2026-03-24", to: target)
                .setting(["consignee", "customer"], .text(customers[rng.below(customers.count)]))
                .setting(["goods", "lines"], DataNode(.list([line])))
            try await put("shipping", notice, on: target - 1)
        }

        // The December survey of every customer; a score under 80 is followed by a CAPA.
        let surveyBase = try example("survey")
        for (k, customer) in customers.enumerated() {
            var survey = moved(surveyBase, from: "2026-12-01", to: day(12, 1))
                .setting(["header", "customer"], .text(customer)).setting(["header", "campaign"], .text("MYDC-\(year)"))
            for item in SurveySummary.items {
                let rating = rng.pick([("很满意", 3), ("满意", 6), ("一般", 3)])
                survey = survey.setting(["ratings_section", "ratings", item], DataNode(.map([("rating", .text(rating))])))
            }
            if let capa = capas.last {
                let followed = survey.setting(["evaluation", "capa_ref"], .text(capa)).setting(["evaluation", "action_lt80"], .text("走访并制定改进措施"))
                if try await formScore("survey", followed, using: archive) < 80 { survey = followed }
            }
            try await put("survey", survey, on: day(12, 9 + k % 5))
        }

        // The campaign's summary: three of the surveys sent out did not come back.
        var summary = try await SurveySummary.data(from: archive, campaign: "MYDC-\(year)", issued: customers.count + 3,
                                             signers: ["compiled": "赵丽", "reviewed": "孙伟", "approved": "周建国"])
        if let capa = capas.last {
            let followed = summary.setting(["totals", "action_lt80"], .text("专项改进：随货文件与交付")).setting(["totals", "capa_ref"], .text(capa))
            if try await formScore("survey-summary", followed, using: archive) < 80 { summary = followed }
        }
        try await put("survey-summary", summary, on: day(12, 22))

        // Quarterly visits to the key customers (one missed in Q3).
        let visitBase = try example("visit")
        for quarter in 1...4 {
            for (k, customer) in customers.prefix(Self.keyCustomers).enumerated() where !(quarter == 3 && k == 2) {
                let target = day(quarter * 3 - 1, 10 + k * 5)
                let visit = moved(visitBase, from: "2026-05-19", to: target)
                    .setting(["visit_info", "year"], .number(year)).setting(["visit_info", "quarter"], .text("Q\(quarter)"))
                    .setting(["visit_info", "customer"], .text(customer))
                try await put("visit", visit, on: target + 3)
            }
        }
        return issued
    }

    /// The score the form itself computes for `data` (a survey or the summary: field `csi`), given
    /// with its follow-up fields so that it is valid whatever the score.
    func formScore(_ form: String, _ data: DataNode, using archive: Archive) async throws -> Double {
        let template = try await archive.documents.templateForFilling(form).0
        let record = try RecordValidator(template: template).validate(data, source: "demo")
        return Double(record.value("csi")?.lexical ?? "") ?? 100
    }

    /// Issues `data` as a record of `form` dated (numbered, logged) on day `target`.
    private func issue(_ form: String, _ data: DataNode, on target: Int, into archive: Archive, by: String) async throws -> String {
        let now = ISO8601DateFormatter().date(from: Day(number: target).description + "T10:00:00Z")!
        return try await archive.issue(form, data: data, source: "demo \(year) \(form)", by: Principal.named(by)!, now: now).number
    }
}
