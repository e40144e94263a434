import Foundation
import Testing
@testable import QMSForms

@Suite struct ValidationTests {
    @Test(arguments: Fixtures.aliases) func everyExampleIsValid(alias: String) throws {
        let record = try Fixtures.record(alias)
        #expect(record.number != nil)
    }

    @Test func reportsEveryProblemAtOnceWithPathLineRuleValueAndHint() throws {
        let d = try Fixtures.yaml("""
            record_no: 8D-26-1
            header:
              custmer: typo
              complaint_cat: z
              opened_on: 2026-02-30
            d3:
              containment:
                - {location: 顾客处, suspect_qty: -3, disposition: 挑选, owner: x}
                - {location: 顾客处, suspect_qty: abc, disposition: 挑选}
            """)
        let problems = Fixtures.problems("8d", d)
        func find(_ path: String) -> Problem? { problems.first { $0.path == path } }
        #expect(find("record_no")?.rule == .recordNumber)
        #expect(find("header.custmer")?.hint == "did you mean 'customer'?")
        #expect(find("header.custmer")?.line == 3)
        #expect(find("header.complaint_cat")?.value == "z")
        #expect(find("header.opened_on")?.rule == .type)
        #expect(find("d3.containment[1].suspect_qty")?.rule == .min)
        #expect(find("d3.containment[2].suspect_qty")?.rule == .type)
        #expect(find("d3.containment[2].owner")?.rule == .required)
        #expect(find("header.customer")?.rule == .required)
        #expect(find("d3")?.rule == .order) // D3 started before D1, D2
        // A wrong value is reported once, not also as missing.
        #expect(problems.filter { $0.path == "header.opened_on" }.count == 1)
        #expect(problems.count >= 10)
    }

    @Test func computedValuesCannotBeGiven() throws {
        var lines = try String(contentsOf: Fixtures.examples.appendingPathComponent("survey.yaml"), encoding: .utf8)
        lines += "\n"
        lines = lines.replacingOccurrences(of: "evaluation:\n", with: "evaluation:\n  csi: 95\n")
        let problems = Fixtures.problems("survey", try Fixtures.yaml(lines))
        #expect(problems.map(\.path) == ["evaluation.csi"])
        #expect(problems.first?.rule == .computed)
    }

    @Test func unknownSectionAndMisplacedField() throws {
        let problems = Fixtures.problems("capa", try Fixtures.yaml("headr: {}\ndescription: x\n"))
        #expect(problems.first { $0.path == "headr" }?.hint == "did you mean 'header'?")
        #expect(problems.first { $0.path == "description" }?.hint == "'description' belongs in section 's1'")
    }

    @Test func requiredWhenOnTheCAPA() throws {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("capa.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  verify_result: 有效", with: "  verify_result: 无效")
        let problems = Fixtures.problems("capa", try Fixtures.yaml(text))
        #expect(problems.map(\.path) == ["s7.new_capa_ref"])
        #expect(problems.first?.message.contains("verify_result is 'not_effective'") == true)
    }

    @Test func dateOrderIsChecked() throws {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("8d.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  reply_due: 2026-03-19", with: "  reply_due: 2026-03-01")
        let problems = Fixtures.problems("8d", try Fixtures.yaml(text))
        #expect(problems.map(\.path) == ["header.reply_due"])
        #expect(problems.first?.rule == .order)
    }

    @Test func statusFollowsCompletedSections() throws {
        #expect(try Fixtures.record("8d").computed["status"] == .choice("closed"))
        #expect(try Fixtures.record("8d").computed["days_open"] == .integer(26))
        #expect(try Fixtures.record("8d").computed["suspect_total"] == .decimal(740))
        #expect(try Fixtures.record("capa").computed["status"] == .choice("closed"))
        // An 8D at D3: drop D4…D8.
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("8d.yaml"), encoding: .utf8)
        text = String(text[..<text.range(of: "d4:\n")!.lowerBound])
        let record = try RecordValidator(template: Fixtures.template("8d")).validate(try Fixtures.yaml(text), source: "t")
        #expect(record.computed["status"] == .choice("D3"))
        #expect(record.computed["d3_late"] == .boolean(false))
        #expect(record.computed["days_open"] == nil)
    }

    @Test func textRulesRejectControlCharactersAndOverlongValues() throws {
        let d = try Fixtures.yaml("header: {customer: \"A\\u0007B\", cust_ref: \"\(String(repeating: "x", count: 41))\"}\n")
        let problems = Fixtures.problems("8d", d)
        #expect(problems.first { $0.path == "header.customer" }?.message.contains("U+0007") == true)
        #expect(problems.first { $0.path == "header.cust_ref" }?.rule == .maxLength)
    }
}
