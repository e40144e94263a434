import Foundation
import Testing
@testable import QMSForms

/// The rules issue 14 found missing, written in the template language (`<check>`, `first-of`,
/// `month-field`, `not`/`and`), each cited to the form or the procedure in the template.
@Suite struct FormRuleTests {
    func edited(_ alias: String, _ pairs: [(String, String)]) throws -> DataNode {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent(alias + ".yaml"), encoding: .utf8)
        for (old, new) in pairs {
            #expect(text.contains(old), "fixture text not found: \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try Fixtures.yaml(text)
    }

    func checks(_ alias: String, _ pairs: [(String, String)]) throws -> [Problem] {
        Fixtures.problems(alias, try edited(alias, pairs)).filter { $0.rule == .check || $0.rule == .order }
    }

    /// An 8D "closed in 0 days, on time" before D3 is done is refused, and so are closures
    /// before D5 is agreed or before a D6 action is done.
    @Test func an8DClosesOnlyAfterD3D5AndD6() throws {
        let early = try checks("8d", [("closed_on: 2026-04-07", "closed_on: 2026-03-12")])
        #expect(early.map(\.path) == ["d8.closed_on", "d8.closed_on", "d8.closed_on"], "\(early)")
        #expect(early[0].message.contains("an 8D cannot close before D3 containment is done")
                && early[0].message.contains("closed_on 2026-03-12 must be ≥ d3_done_on 2026-03-13"), "\(early[0].message)")
        #expect(early[0].hint == "8D D8: closure after D3, D5 and D6")
        // Closed after D5 but before a D6 action — the first row's (03-24), or only the second's.
        let beforeSecond = try checks("8d", [("closed_on: 2026-04-07", "closed_on: 2026-03-23"), ("done: 2026-03-24", "done: 2026-03-21"),
                                             ("done: 2026-03-20", "done: 2026-03-25")])
        #expect(beforeSecond.count == 1 && beforeSecond[0].message.contains("implementation.done 2026-03-25"), "\(beforeSecond)")
        // Closed after D5 but before the last D6 action (done 03-24).
        let beforeD6 = try checks("8d", [("closed_on: 2026-04-07", "closed_on: 2026-03-22")])
        #expect(beforeD6.map(\.message).joined().contains("every D6 action is done") && beforeD6.count == 1, "\(beforeD6)")
    }

    /// The D1 table's own title: a leader and at least two members.
    @Test func theD1TeamHasOneLeaderAndTwoMembers() throws {
        let two = try checks("8d", [("- {role: 成员, name: 陈刚", "- {role: 组长, name: 陈刚")])
        #expect(two.map(\.path) == ["d1.leaders", "d1.members"], "\(two)")
        #expect(two[0].message.contains("exactly one leader") && two[1].message.contains("at least two members"))
    }

    /// Containment per row: NG ≤ checked ≤ suspect.
    @Test func containmentQuantitiesNest() throws {
        let problems = try checks("8d", [("suspect_qty: 180, checked_qty: 180, ng_qty: 3", "suspect_qty: 180, checked_qty: 200, ng_qty: 201")])
        #expect(problems.map(\.path) == ["d3.containment[2].checked_qty", "d3.containment[2].ng_qty"], "\(problems)")
        #expect(problems[1].message.contains("ng_qty 201 must be ≤ checked_qty 200"))
    }

    /// D3 within 24 hours: in hours when both times are given, else by calendar days, as labelled.
    @Test func theD3RuleIsJudgedInHoursWhenTimesAreGiven() throws {
        let template = Fixtures.template("8d")
        #expect(template.field("d3_late")?.label.en == "D3 late (over 24 h when times are given, else over 1 calendar day)")
        func late(_ pairs: [(String, String)]) throws -> Value? {
            try RecordValidator(template: template).validate(try edited("8d", pairs), source: "t").computed["d3_late"]
        }
        // Next calendar day, by dates only: not late.
        #expect(try late([]) == .boolean(false))
        // The same dates, 30 hours apart by the clock: late.
        let times = [("  opened_on: 2026-03-12\n", "  opened_on: 2026-03-12\n  opened_at: 2026-03-12 08:00\n"),
                     ("  d3_done_on: 2026-03-13\n", "  d3_done_on: 2026-03-13\n  d3_done_at: 2026-03-13 14:00\n")]
        #expect(try late(times) == .boolean(true))
        // 20 hours across midnight: on time.
        #expect(try late([times[0], ("  d3_done_on: 2026-03-13\n", "  d3_done_on: 2026-03-13\n  d3_done_at: 2026-03-13 04:00\n")]) == .boolean(false))
    }

    /// A reply is not dated before the call; every entry lies in the sheet's month.
    @Test func theCallLogKeepsItsDatesInOrderAndInItsMonth() throws {
        let early = try checks("call-log", [("reply_date: 2026-04-14", "reply_date: 2026-03-27")])
        #expect(early.map(\.path) == ["log.entries[1].reply_date"], "\(early)")
        #expect(early[0].message.contains("a reply cannot be dated before the call or letter was received"))
        let march = try checks("call-log", [("received_at: 2026-04-16 09:00", "received_at: 2026-03-16 09:00")])
        #expect(march.map(\.path) == ["log.entries[2].received_at"], "\(march)")
        #expect(march[0].message.contains("not in the sheet's month 2026-04"))
    }

    /// `not` and `<and>` in conditions; a check comparing a date with a number is refused at load.
    @Test func conditionsTakeNotAndAndAndChecksMustCompare() throws {
        let body = """
            <section id="s" zh="节" en="S">
              <enum id="kind" zh="类" en="Kind" options="k"/>
              <integer id="qty" zh="数" en="Qty"/>
              <text id="note" zh="注" en="Note">
                <required-when field="kind" in="a" not="true"><and field="qty" at-least="10"/></required-when>
              </text>
            </section>
            """
        let options = #"<options id="k"><option code="a" zh="甲" en="A"/><option code="b" zh="乙" en="B"/></options>"#
        let t = try TemplateLoader().load(data: Data(TemplateTests.template(options + body).utf8), path: "t.xml")
        func problems(_ yaml: String) -> [String] {
            do { _ = try RecordValidator(template: t).validate(try Fixtures.yaml(yaml), source: "t"); return [] } catch let error as RecordError {
                return error.problems.map { $0.path + ": " + $0.message }
            } catch { return ["\(error)"] }
        }
        #expect(problems("s: {kind: b, qty: 12}") == ["s.note: is required because kind is not 'a' and qty is 12, at least 10 (注 Note)"])
        #expect(problems("s: {kind: a, qty: 12}").isEmpty)
        #expect(problems("s: {kind: b, qty: 3}").isEmpty)
        let mismatched = """
            <section id="s" zh="节" en="S"><date id="d" zh="日" en="D"/><integer id="n" zh="数" en="N"/>
            <check left="d" is="at-least" right="n" zh="x" en="x"/></section>
            """
        #expect(throws: TemplateError.self) { try TemplateLoader().load(data: Data(TemplateTests.template(mismatched).utf8), path: "t.xml") }
    }
}
