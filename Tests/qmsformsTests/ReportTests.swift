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
}
