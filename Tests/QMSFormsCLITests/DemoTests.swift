import Foundation
import Testing

/// `qmsforms demo`: a full year issued, linked as the procedure links records, the same
/// every time for the same seed.
@Suite(.serialized) struct DemoTests {
    func audit(_ ws: URL) throws -> [[String: Any]] {
        try String(contentsOf: ws.appendingPathComponent("archive/audit.log"), encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aYearIsIssuedLinkedAndVerifiable() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let ws = root.appendingPathComponent("ws")
        let r = try CLI.qmsforms("demo", "--year", "2026", "--workspace", ws.path, "--seed", "7")
        #expect(r.status == 0, "\(r.stderr)")
        let total = Int(r.stdout.split(separator: "\n").first { $0.contains(" records issued into ") }?.split(separator: " ").first ?? "") ?? 0
        #expect((1_800...2_200).contains(total), "\(r.stdout)")
        // Someone for each part of the procedure can sign in to qmsforms serve: five accounts, passwords shown once.
        let people = try CLI.run(CLI.binary, ["user", "list"], in: ws).stdout
        for name in ["wang.fang", "li.qiang", "chen.gang", "zhou.jianguo", "admin"] {
            #expect(people.contains(name + "\t"), "\(people)")
            #expect(r.stdout.contains("  \(name)\t"), "its password is printed")
        }
        #expect(try CLI.run(CLI.binary, ["archive", "verify"], in: ws).status == 0)

        // Every form of the procedure's records is there, dated in the year.
        let entries = try audit(ws).filter { $0["action"] as? String == "issue" }
        let forms = Set(entries.compactMap { $0["form"] as? String })
        for form in ["SG-QR-07-01", "SG-QR-07-02", "SG-QR-07-03", "SG-QR-07-04", "SG-QR-07-05", "SG-QR-07-06", "SG-QR-18-01",
                     "SG-QR-18-02", "SG-QR-22-01", "SG-QR-22-02"] {
            #expect(forms.contains(form), "no \(form) issued")
        }
        #expect(entries.allSatisfy { ($0["time"] as? String)?.hasPrefix("2026-") == true })

        // Links point at records that exist: CAPA → feedback form, 8D → feedback form, low survey → CAPA.
        let numbers = Set(entries.compactMap { $0["number"] as? String })
        for entry in entries where ["SG-QR-22-01", "SG-QR-22-02", "SG-QR-18-01"].contains(entry["form"] as? String ?? "") {
            let number = entry["number"] as! String
            let show = try CLI.run(CLI.binary, ["archive", "show", number, "--format", "json"], in: ws)
            let xmlPath = ws.appendingPathComponent("archive").appendingPathComponent(
                ((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["record"] as? [String: Any])?["path"] as? String ?? "")
                .appendingPathComponent("r0.xml")
            let xml = try String(contentsOf: xmlPath, encoding: .utf8)
            for ref in xml.matches(of: /(?:source_ref|fk_ref|capa_ref)[^>]*>([A-Z0-9-]+)</).map({ String($0.1) }) {
                #expect(numbers.contains(ref), "\(number) links to \(ref), which is not in the archive")
            }
        }
    }

    @Test func theSameSeedGivesTheSameYear() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var hashes: [[String]] = []
        for name in ["a", "b"] {
            let ws = root.appendingPathComponent(name)
            let r = try CLI.qmsforms("demo", "--year", "2025", "--workspace", ws.path, "--seed", "3", "--shipments", "20")
            #expect(r.status == 0, "\(r.stderr)")
            hashes.append(try audit(ws).compactMap { e in (e["xmlSHA256"] as? String).map { (e["number"] as? String ?? "") + " " + $0 } })
        }
        #expect(hashes[0].count > 150 && hashes[0] == hashes[1])
        let other = root.appendingPathComponent("c")
        #expect(try CLI.qmsforms("demo", "--year", "2025", "--workspace", other.path, "--seed", "4", "--shipments", "20").status == 0)
        #expect(try audit(other).compactMap { $0["xmlSHA256"] as? String } != hashes[0].map { String($0.split(separator: " ")[1]) })
    }

    /// The annual report of a demo year, against figures counted here straight from the
    /// archived XML files (text search, not the tool's record model).
    @Test func theAnnualReportMatchesAnIndependentCount() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let ws = root.appendingPathComponent("ws")
        #expect(try CLI.qmsforms("demo", "--year", "2026", "--workspace", ws.path, "--seed", "5", "--shipments", "150").status == 0)
        func records(_ form: String) throws -> [String] {
            let folder = ws.appendingPathComponent("archive/records/\(form)")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
                try String(contentsOf: folder.appendingPathComponent("\($0)/r0.xml"), encoding: .utf8)
            }
        }
        func values(_ xml: String, _ element: String) -> [String] {
            xml.matches(of: try! Regex("<\(element)(?: [^>]*)?>([^<]*)</\(element)>")).map { String($0.output[1].substring ?? "") }
        }
        let shipping = try records("SG-QR-07-05"), logs = try records("SG-QR-07-02"), capas = try records("SG-QR-22-01")
        let surveys = try records("SG-QR-18-01"), visits = try records("SG-QR-07-06")
        let rows = logs.flatMap { $0.components(separatedBy: "<row>").dropFirst() }
        let complaints = logs.flatMap { values($0, "complaint_cat") }
        let onTime = rows.filter { $0.contains("<reply_date>") && $0.contains("<overdue computed=\"true\">false</overdue>") }.count
        let delivered = shipping.flatMap { values($0, "qty") }.compactMap(Int.init).reduce(0, +)
        let closed = capas.filter { !values($0, "closed_on").isEmpty }
        let closedOnTime = closed.filter { values($0, "closed_on")[0] <= values($0, "due_date")[0] }.count
        let scores = surveys.filter { values($0, "is_valid") == ["true"] }.compactMap { Double(values($0, "csi").first ?? "") }
        let satisfaction = (scores.reduce(0, +) / Double(scores.count) * 10).rounded() / 10

        let r = try CLI.run(CLI.binary, ["report", "annual", "--year", "2026", "--format", "json"], in: ws)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        func rate(_ key: String) -> (Int, Int) {
            let r = json[key] as? [String: Any] ?? [:]
            return (Int(r["numerator"] as? String ?? "") ?? -1, Int(r["denominator"] as? String ?? "") ?? -1)
        }
        #expect(json["lots"] as? Int == shipping.count && json["deliveredQuantity"] as? Int == delivered)
        #expect(json["calls"] as? Int == rows.count)
        #expect(rate("replyOnTime") == (onTime, rows.count))
        let byCategory = json["complaintsByCategory"] as? [String: Int] ?? [:]
        for category in ["a", "b", "c", "d", "e"] { #expect(byCategory[category] == complaints.filter { $0 == category }.count, "\(category)") }
        #expect(rate("complaintRate") == (complaints.count, shipping.count))
        #expect(rate("onTimeDelivery") == (shipping.count - complaints.filter { $0 == "c" }.count, shipping.count))
        #expect(json["capaOpened"] as? Int == capas.count && rate("capaOnTime") == (closedOnTime, closed.count))
        #expect(json["satisfaction"] as? Double == satisfaction)
        let summaries = try records("SG-QR-18-02")
        #expect(rate("surveyReturnRate") == (scores.count, Int(values(summaries.last ?? "", "issued").first ?? "") ?? -1))
        let feedback = try records("SG-QR-07-03")
        let products = Dictionary(feedback.map { (values($0, "product")[0] + " " + values($0, "model")[0], 1) }, uniquingKeysWith: +)
        #expect(json["complaintsByProduct"] as? [String: Int] == products)
        let keyCustomers = Set(visits.flatMap { values($0, "customer") }).count
        #expect(rate("visits") == (visits.count, keyCustomers * 4))
        // The remaining figures, counted the same way.
        let opinions = try records("SG-QR-07-04"), services = try records("SG-QR-07-01"), eightDs = try records("SG-QR-22-02")
        #expect(json["opinions"] as? Int == opinions.count && json["services"] as? Int == services.count)
        #expect(json["customers"] as? Int == Set(shipping.flatMap { values($0, "customer") }).count)
        #expect(json["keyCustomers"] as? Int == keyCustomers)
        func tally(_ items: [String]) -> [String: Int] { Dictionary(items.map { ($0, 1) }, uniquingKeysWith: +) }
        #expect(json["callsByChannel"] as? [String: Int] == tally(rows.flatMap { values($0, "channel") }))
        #expect(json["callsByType"] as? [String: Int] == tally(rows.flatMap { values($0, "type") }))
        let complaintRows = rows.filter { values($0, "type") == ["complaint"] }
        var months = Array(repeating: 0, count: 12), firstSeen: Set<String> = [], repeats = 0
        for row in complaintRows {
            months[Int(values(row, "received_at")[0].dropFirst(5).prefix(2))! - 1] += 1
            if !firstSeen.insert(values(row, "customer")[0] + values(row, "complaint_cat")[0]).inserted { repeats += 1 }
        }
        #expect(json["complaintsByMonth"] as? [Int] == months)
        #expect(json["complaintsByCustomer"] as? [String: Int] == tally(complaintRows.flatMap { values($0, "customer") }))
        #expect(json["repeatComplaints"] as? Int == repeats)
        let affected = feedback.flatMap { values($0, "qty_affected") }.compactMap(Int.init).reduce(0, +)
        #expect(json["nonconformingQuantity"] as? Int == affected && rate("ppm") == (affected, delivered))
        let verified = capas.flatMap { values($0, "verify_result") }
        #expect(rate("capaEffective") == (verified.filter { $0 == "effective" }.count, verified.count))
        #expect(json["eightDOpened"] as? Int == eightDs.count)
        #expect(json["eightDClosed"] as? Int == eightDs.filter { values($0, "status").first == "closed" }.count)
        let points = ["very_satisfied": 100.0, "satisfied": 80, "neutral": 60, "dissatisfied": 40, "very_dissatisfied": 20]
        let averages = json["itemAverages"] as? [String: Double] ?? [:]
        for item in ["quality", "delivery", "packaging", "documents", "communication", "service", "price"] {
            let given = surveys.compactMap { xml -> Double? in
                let row = xml.components(separatedBy: "<row key=\"\(item)\">").dropFirst().first ?? ""
                return values(row, "rating").first.flatMap { points[$0] }
            }
            #expect(averages[item] == (given.reduce(0, +) / Double(given.count) * 10).rounded() / 10, "\(item)")
        }
        #expect((json["below80"] as? [String])?.count == scores.filter { $0 < 80 }.count)
        for key in ["replyOnTime", "complaintRate", "ppm", "onTimeDelivery", "surveyReturnRate", "capaOnTime", "capaEffective", "visits"] {
            #expect((json[key] as? [String: Any])?["formula"] as? String != nil, "\(key) without its formula")
        }

        // The form with its charts: blanks for people, valid for the Nu checker.
        let out = try CLI.run(CLI.binary, ["report", "annual", "--year", "2026", "-o", "out"], in: ws)
        #expect(out.status == 0, "\(out.stderr)")
        let page = ws.appendingPathComponent("out/annual-2026.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<figure class=\"chart\">").count - 1 == 3)
        #expect(html.contains("class=\"cumulative\""), "the Pareto line")
        try expectValidHTML([page])

        // On paper: A4 pages with their header and numbering, charts inside the margins, signature blocks whole.
        let paper = PrintTests()
        if let tools = paper.judges() {
            let printed = try CLI.run(CLI.binary, ["print", page.path, "--pdf", "annual.pdf"], in: ws)
            #expect(printed.status == 0, "\(printed.stderr)")
            try paper.checkPaper(try PDFInspection(ws.appendingPathComponent("annual.pdf"), tools: tools), of: page, record: "DRAFT",
                                 titles: try paper.formTitles())
        }

        // Issued only with what people wrote.
        let refused = try CLI.run(CLI.binary, ["report", "annual", "--year", "2026", "--issue", "--by", "王芳"], in: ws)
        #expect(refused.status == 2 && refused.stderr.contains("--notes"))
        let notes = ws.appendingPathComponent("notes.yaml")
        try Data("""
            s1: {key_conclusions: 全年综合满意度达到目标。}
            s4: {top_problems: 密封面划伤。}
            s5: {returned_qty: 12}
            s10: {main_issues: 随货文件。}
            s12: {conclusion: 过程有效。}
            signatures: {prepared: {name: 王芳}, reviewed: {name: 李强}, approved: {name: 周建国}}
            """.utf8).write(to: notes)
        let issued = try CLI.run(CLI.binary, ["report", "annual", "--year", "2026", "--issue", "--notes", notes.path, "--by", "王芳"], in: ws)
        #expect(issued.status == 0 && issued.stdout.hasPrefix("NB-2026"), "\(issued.stderr)")
    }
}
