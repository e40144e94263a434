import Foundation
import QMSForms
import Testing

/// Reports from the archive, through the command line, against figures computed here
/// independently (dates with Foundation's calendar, not the tool's).
@Suite(.serialized) struct ReportTests {
    /// The example of `alias` without its record number and without `dropping` sections, as JSON.
    func open(_ f: ArchiveFixture, _ alias: String, dropping: Set<String>) throws -> String {
        let node = try DataSource.read(path: CLI.root.appendingPathComponent("forms/examples/\(alias).yaml").path)
        guard let entries = node.entries else { throw CocoaError(.coderInvalidValue) }
        let kept = DataNode(.map(entries.filter { !dropping.contains($0.key) && $0.key != "record_no" }), line: 1)
        let url = f.root.appendingPathComponent("\(alias)-open.json")
        try Data(kept.jsonText.utf8).write(to: url)
        return url.path
    }

    func days(from: String, to: String) -> Int {
        let parse = { (s: String) -> Date in
            var c = DateComponents()
            let p = s.split(separator: "-").map { Int($0)! }
            (c.year, c.month, c.day) = (p[0], p[1], p[2])
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: c)!
        }
        return Int((parse(to).timeIntervalSince(parse(from)) / 86_400).rounded())
    }

    @Test func openActionsListsWhatIsOverdueByDepartment() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        func issue(_ alias: String, _ path: String) throws -> String {
            let r = try f.q("issue", alias, path, "--by", "李强")
            #expect(r.status == 0, "\(path): \(r.stderr)")
            return String(r.stdout.prefix { $0 != "\t" })
        }
        let openCAPA = try issue("capa", try open(f, "capa", dropping: ["s6", "s7", "s8", "s9"]))
        _ = try issue("capa", f.data("capa"))                                   // closed on 2026-04-27: not overdue
        let voided = try issue("capa", try open(f, "capa", dropping: ["s6", "s7", "s8", "s9"]))
        #expect(try f.q("void", voided, "--reason", "重复", "--by", "李强").status == 0)
        let open8D = try issue("8d", try open(f, "8d", dropping: ["d8", "approval"]))
        let openFeedback = try issue("feedback", try open(f, "feedback", dropping: ["d", "e"]))
        let log = try issue("call-log", try open(f, "call-log", dropping: []))

        let asOf = "2026-12-31"
        let r = try f.q("report", "open-actions", "--as-of", asOf, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let actions = try #require(json["actions"] as? [[String: Any]])
        func find(_ record: String) -> [String: Any]? { actions.first { $0["record"] as? String == record } }

        let expected: [(String, String, String, String)] = [   // record, kind, due, department
            (openCAPA, "capa", "2026-04-30", "生产部"),
            (open8D, "8d", "2026-04-11", "质管部"),                    // opened 2026-03-12, 30 days to close
            (openFeedback, "feedback", "2026-03-13", "生产部"),
            (log, "call", "2026-04-29", "生产部、技术部"),              // LD-2026-043 received 2026-04-28, 1 day to reply
        ]
        #expect(actions.count == expected.count, "\(actions)")
        for (record, kind, due, department) in expected {
            let a = try #require(find(record), "\(record) (\(kind)) missing")
            #expect(a["kind"] as? String == kind && a["due"] as? String == due && a["department"] as? String == department, "\(a)")
            #expect(a["daysOverdue"] as? Int == days(from: due, to: asOf), "\(a)")
        }
        #expect(find(log)?["entry"] as? String == "LD-2026-043")
        #expect(find(voided) == nil)
        let byDepartment = try #require(json["byDepartment"] as? [String: Int])
        #expect(byDepartment == ["生产部": 2, "质管部": 1, "生产部、技术部": 1])
        // Most overdue first.
        let order = actions.compactMap { $0["daysOverdue"] as? Int }
        #expect(order == order.sorted(by: >))

        // Before anything was due, nothing is overdue.
        let early = try f.q("report", "open-actions", "--as-of", "2026-03-01")
        #expect(early.status == 0 && early.stdout.hasPrefix("overdue as of 2026-03-01: 0"), "\(early.stdout)")
        let text = try f.q("report", "open-actions", "--as-of", asOf)
        #expect(text.stdout.contains("生产部  2") && text.stdout.contains(openCAPA), "\(text.stdout)")
        #expect(try f.q("report", "open-actions", "--as-of", "2026-13-01").status != 0)
    }

    /// Three surveys of one campaign (one of them under 80 with its CAPA), one of another
    /// campaign and one voided: the summary holds the three, and its figures are what the
    /// survey's published rule gives when computed here.
    @Test func surveySummaryOfACampaign() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let example = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/survey.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("record_no:") }.joined(separator: "\n")
        let ratingLines = ["quality", "delivery", "packaging", "documents", "communication", "service", "price"]
        func survey(_ name: String, customer: String, campaign: String = "MYDC-2026", rating: String? = nil, capa: String? = nil) throws -> String {
            var text = example.replacingOccurrences(of: "  campaign: MYDC-2026", with: "  campaign: \(campaign)")
                .replacingOccurrences(of: "  customer: 江苏恒远精密机械有限公司", with: "  customer: \(customer)")
            if let rating {
                for item in ratingLines {
                    text = text.replacing(try Regex("    \(item): \\{rating: [^}]*\\}"), with: "    \(item): {rating: \(rating)}")
                }
            }
            if let capa { text += "  capa_ref: \(capa)\n  action_lt80: 顾客走访并整改随货文件\n" }
            let url = f.root.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            let r = try f.q("issue", "survey", url.path, "--by", "赵丽")
            #expect(r.status == 0, "\(name): \(r.stderr)")
            return String(r.stdout.prefix { $0 != "\t" })
        }
        let a = try survey("a.yaml", customer: "江苏恒远精密机械有限公司")
        let b = try survey("b.yaml", customer: "浙江新成液压设备有限公司", rating: "很满意")
        let c = try survey("c.yaml", customer: "山东鲁北机械制造有限公司", rating: "一般", capa: "CAPA-2026-011")
        _ = try survey("d.yaml", customer: "河北恒力重工有限公司", campaign: "MYDC-2025")
        let voided = try survey("e.yaml", customer: "安徽江淮液压件有限公司")
        #expect(try f.q("void", voided, "--reason", "重复录入", "--by", "赵丽").status == 0)

        // The rule, computed here: points 很满意 100, 满意 80, 一般 60; weights 30 20 10 10 10 15 5.
        let weights = [30.0, 20, 10, 10, 10, 15, 5]
        func score(_ points: [Double]) -> Double { (zip(weights, points).map { $0 * $1 }.reduce(0, +) / 100 * 10).rounded() / 10 }
        let scores = [a: score([80, 100, 80, 60, 80, 80, 60]), b: score(Array(repeating: 100, count: 7)), c: score(Array(repeating: 60, count: 7))]
        // The record and its JSON hold the mean unrounded (6 places); the page prints one place.
        let mean = scores.values.reduce(0, +) / 3
        let overall = (mean * 1_000_000).rounded() / 1_000_000

        let r = try f.q("report", "survey", "--campaign", "MYDC-2026", "--issued", "4", "--compiled-by", "赵丽",
                        "--reviewed-by", "孙伟", "--approved-by", "周建国", "--previous", "79.5", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["surveysReturned"] as? String == "3" && json["surveysIssued"] as? String == "4")
        let rate = try #require(json["returnRate"] as? [String: Any])
        #expect(rate["numerator"] as? String == "3" && rate["denominator"] as? String == "4" && Double(rate["value"] as? String ?? "") == 75)
        #expect(Double(json["overallScore"] as? String ?? "") == overall, "\(json["overallScore"] ?? "") vs \(overall)")
        #expect(json["targetMet"] as? Bool == (overall >= 80))
        let customers = try #require(json["customers"] as? [[String: Any]])
        #expect(customers.count == 3)
        for row in customers {
            let number = try #require(row["survey"] as? String)
            #expect(Double(row["score"] as? String ?? "") == scores[number], "\(number): \(row)")
        }
        let below = try #require(json["below80"] as? [[String: Any]])
        #expect(below.count == 1 && below[0]["survey"] as? String == c && below[0]["action"] as? String == "CAPA-2026-011")
        #expect(Double(json["change"] as? String ?? "") == ((mean - 79.5) * 1_000_000).rounded() / 1_000_000)

        // The customers' scores as a spreadsheet.
        let csv = try f.q("report", "survey", "--campaign", "MYDC-2026", "--issued", "4", "--compiled-by", "赵丽",
                          "--reviewed-by", "孙伟", "--approved-by", "周建国", "--format", "csv").stdout
        #expect(csv.hasPrefix("\u{FEFF}customer,survey,score,valid,action\r\n") && csv.split(separator: "\r\n").count == 4, "\(csv)")
        // Issued into the archive; the next campaign's report takes its score as the previous one.
        let issued = try f.q("report", "survey", "--campaign", "MYDC-2026", "--issued", "4", "--compiled-by", "赵丽",
                             "--reviewed-by", "孙伟", "--approved-by", "周建国", "--issue", "-o", "summary")
        #expect(issued.status == 0 && issued.stdout.contains("MYHZ-2026-01\t"), "\(issued.stderr)")
        let page = f.ws.appendingPathComponent("summary/survey-summary-MYDC-2026.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<figure class=\"chart\">").count - 1 == 2, "the two charts")
        #expect(html.contains("<title id=\"chart1-t\">各项平均得分 Item averages (MYDC-2026)</title>"))
        // The page with its charts passes the W3C Nu checker (required under CI=true).
        try expectValidHTML([page])
        let next = try f.q("report", "survey", "--campaign", "MYDC-2025", "--issued", "1", "--compiled-by", "赵丽",
                           "--reviewed-by", "孙伟", "--approved-by", "周建国", "--format", "json")
        let nextJSON = try #require(try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
        // The next campaign compares with the score as the summary printed it.
        #expect(Double(nextJSON["previousScore"] as? String ?? "") == (mean * 10).rounded() / 10, "\(next.stdout)")
        let none = try f.q("report", "survey", "--campaign", "NO-SUCH", "--issued", "1", "--reviewed-by", "孙伟", "--approved-by", "周建国",
                           "--compiled-by", "赵丽")
        #expect(none.status != 0 && none.stderr.contains("no archived survey"))
    }
}
