import Foundation
import Testing
@testable import QMSForms

@Suite struct SurveyTests {
    /// forms-spec §4.5: 满意 很满意 满意 一般 满意 满意 一般 → 81, 满意, target met.
    @Test func workedExampleScoresExactly81() throws {
        let record = try Fixtures.record("survey")
        #expect(record.computed["csi"] == .decimal(81))
        #expect(record.computed["grade"] == .choice("satisfied"))
        #expect(record.computed["target_met"] == .boolean(true))
        #expect(record.computed["is_valid"] == .boolean(true))
        #expect(record.computed["unanswered"] == .integer(0))
    }

    func data(_ ratings: [String: String], lowReason: Bool = false, evaluation: String? = nil) throws -> DataNode {
        let rows = ratings.map { "    \($0.key): {rating: \($0.value)\($0.value == "不满意" ? ", reason: 交期延误" : "")}" }.joined(separator: "\n")
        return try Fixtures.yaml("""
            header: {campaign: MYDC-2026, customer: 甲公司, contact: 张三, phone: "0510-1234567", method: phone, issued_on: 2026-12-01, returned_on: 2026-12-05}
            ratings_section:
              ratings:
            \(rows)
            customer_view: {cust_date: 2026-12-04, cust_sign: 张三\(lowReason ? ", low_reason: 交期多次延误" : "")}
            evaluation: {compiled_sign: 赵丽, reviewed_sign: 孙伟\(evaluation.map { ", " + $0 } ?? "")}
            """)
    }

    @Test func underEightyRequiresCAPAReferenceAndAction() throws {
        let low = try data(["quality": "一般", "delivery": "不满意", "packaging": "满意", "documents": "一般",
                            "communication": "一般", "service": "一般", "price": "一般"], lowReason: true)
        let problems = Fixtures.problems("survey", low)
        #expect(Set(problems.map(\.path)) == ["evaluation.action_lt80", "evaluation.capa_ref"])
        #expect(problems.allSatisfy { $0.rule == .requiredWhen && $0.message.contains("csi is 58") })

        let fixed = try data(["quality": "一般", "delivery": "不满意", "packaging": "满意", "documents": "一般",
                              "communication": "一般", "service": "一般", "price": "一般"],
                             lowReason: true, evaluation: "action_lt80: 走访顾客并制定交付改进计划, capa_ref: CAPA-2026-004")
        let record = try RecordValidator(template: Fixtures.template("survey")).validate(fixed, source: "t")
        // (.3·60 + .2·40 + .1·80 + .1·60 + .1·60 + .15·60 + .05·60) / 1 = 58
        #expect(record.computed["csi"] == .decimal(58))
        #expect(record.computed["grade"] == .choice("dissatisfied"))
        #expect(record.computed["target_met"] == .boolean(false))
    }

    @Test func referenceMustLookLikeACAPAOrFeedbackNumber() throws {
        let d = try data(["quality": "一般", "delivery": "一般", "packaging": "一般", "documents": "一般",
                          "communication": "一般", "service": "一般", "price": "一般"],
                         evaluation: "action_lt80: x, capa_ref: 8D-2026-001")
        let problems = Fixtures.problems("survey", d)
        #expect(problems.map(\.path) == ["evaluation.capa_ref"])
        #expect(problems.first?.rule == .reference)
        #expect(problems.first?.hint?.contains("CAPA-2026-004") == true)
    }

    /// Every item N/A: no score, so not a valid form (and no "below 80" action asked for).
    @Test func aFormWithEveryItemNotApplicableHasNoScoreAndIsNotValid() throws {
        let all = try data(Dictionary(uniqueKeysWithValues: ["quality", "delivery", "packaging", "documents", "communication", "service", "price"]
            .map { ($0, "不适用") }))
        let r = try RecordValidator(template: Fixtures.template("survey")).validate(all, source: "t")
        #expect(r.computed["unanswered"] == .integer(0))
        #expect(r.computed["csi"] == nil && r.computed["target_met"] == nil)
        #expect(r.computed["is_valid"] == .boolean(false))
    }

    @Test func naRenormalisesAndTwoGapsMakeTheFormInvalid() throws {
        // Price N/A: (.3·100+.2·80+.1·80+.1·80+.1·80+.15·80)/.95 = 82/.95 = 86.315789…, printed 86.3
        let na = try data(["quality": "很满意", "delivery": "满意", "packaging": "满意", "documents": "满意",
                           "communication": "满意", "service": "满意", "price": "不适用"])
        let r = try RecordValidator(template: Fixtures.template("survey")).validate(na, source: "t")
        #expect(r.computed["csi"] == .decimal(Decimal(string: "86.315789")!))
        #expect(r.computed["is_valid"] == .boolean(true))

        let gaps = try data(["quality": "很满意", "delivery": "满意", "packaging": "满意", "documents": "满意", "communication": "满意"])
        let g = try RecordValidator(template: Fixtures.template("survey")).validate(gaps, source: "t")
        #expect(g.computed["unanswered"] == .integer(2))
        #expect(g.computed["is_valid"] == .boolean(false))
    }

    @Test func requiredSignaturesNeedThePrintedName() throws {
        let d = try data(["quality": "满意"])
        let fine = Fixtures.problems("survey", d)
        #expect(fine.isEmpty, "\(fine)")
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("survey.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  cust_sign:\n    name: 刘建华\n    date: 2026-12-08\n", with: "  cust_sign: {date: 2026-12-08}\n")
        let problems = Fixtures.problems("survey", try Fixtures.yaml(text))
        #expect(Set(problems.map(\.path)) == ["customer_view.cust_sign"])
    }

    @Test func dissatisfiedItemNeedsItsReasonAndTheFormsExplanation() throws {
        let d = try Fixtures.yaml("""
            header: {campaign: M, customer: 甲, contact: 张, phone: "12345678", method: phone, issued_on: 2026-12-01, returned_on: 2026-12-05}
            ratings_section: {ratings: {quality: {rating: 很不满意}}}
            customer_view: {cust_date: 2026-12-04, cust_sign: 张}
            """)
        let paths = Set(Fixtures.problems("survey", d).map(\.path))
        #expect(paths.contains("ratings_section.ratings.quality.reason"))
        #expect(paths.contains("customer_view.low_reason"))
    }
}

/// A filled survey prints the whole rating scale, the chosen box ticked, as the customer saw it.
@Suite struct SurveyPrintTests {
    @Test func theWholeScaleIsPrintedWithTheChosenBoxTicked() throws {
        let record = try Fixtures.record("survey")
        let page = HTMLRenderer(settings: .neutral).render(record)
        let scale = 6   // 很满意 满意 一般 不满意 很不满意 不适用
        #expect(page.components(separatedBy: "☑ ").count - 1 == 7, "one tick per rated item")
        #expect(page.components(separatedBy: "☐ ").count - 1 >= 7 * (scale - 1))
        #expect(page.contains("☑ 满意 <span class=\"en\" lang=\"en\">Satisfied</span>"))
    }
}
