import Foundation
import Testing
@testable import QMSForms

/// The rules across fields of forms-spec and the procedure, each rejecting what it must.
@Suite struct CrossFieldRuleTests {
    /// The example of `alias` with `old` replaced by `new` (which must occur).
    func edited(_ alias: String, _ old: String, _ new: String) throws -> DataNode {
        let text = try String(contentsOf: Fixtures.examples.appendingPathComponent(alias + ".yaml"), encoding: .utf8)
        #expect(text.contains(old), "fixture text not found: \(old)")
        return try Fixtures.yaml(text.replacingOccurrences(of: old, with: new))
    }

    @Test func shippingNoticeNotifiedAfterShippingIsInvalid() throws {
        let late = try edited("shipping", "notify_at: 2026-03-23 16:30", "notify_at: 2026-03-24 15:00")
        let problems = Fixtures.problems("shipping", late)
        #expect(problems.map(\.path) == ["notice.notify_at", "notice.cust_ack_at"])
        #expect(problems[0].rule == .order)
        #expect(problems[0].message.contains("must be before shipment.ship_at"))
        // Notified at the very minute of shipping is not "before" either.
        let same = try edited("shipping", "notify_at: 2026-03-23 16:30", "notify_at: 2026-03-24 14:00")
        #expect(Fixtures.problems("shipping", same).first?.path == "notice.notify_at")
    }

    @Test func shippingNeedsCarrierUnlessThePickupIsTheCustomers() throws {
        let noCarrier = try edited("shipping", "  carrier: 常州顺达物流有限公司\n  waybill: SD2603240017\n", "")
        #expect(Set(Fixtures.problems("shipping", noCarrier).map(\.path)) == ["shipment.carrier", "shipment.waybill"])
        let pickup = try edited("shipping", "  transport: 物流专线\n  carrier: 常州顺达物流有限公司\n  waybill: SD2603240017\n", "  transport: 顾客自提\n")
        #expect(Fixtures.problems("shipping", pickup).isEmpty)
    }

    @Test func complaintCategoryIsRequiredForComplaints() throws {
        let opinion = try edited("opinion", "  complaint_cat: d\n", "")
        #expect(Fixtures.problems("opinion", opinion).map(\.path) == ["entry.complaint_cat"])
        let call = try edited("call-log", "      type: 投诉\n      complaint_cat: a\n", "      type: 投诉\n")
        let problems = Fixtures.problems("call-log", call)
        #expect(problems.map(\.path) == ["log.entries[1].complaint_cat"])
        #expect(problems.first?.message.contains("type is 'complaint'") == true)
        let service = try edited("service", "  is_complaint: false", "  is_complaint: true")
        #expect(Fixtures.problems("service", service).map(\.path) == ["work.complaint_cat"])
    }

    @Test func referencesMustCarryAnAllowedPrefix() throws {
        let wrongKind = try edited("8d", "  fk_ref: FK-2026-007", "  fk_ref: CAPA-2026-004")
        #expect(Fixtures.problems("8d", wrongKind).map(\.rule) == [.reference])
        let malformed = try edited("feedback", "  capa_ref: 8D-2026-001", "  capa_ref: CAPA2026004")
        let problems = Fixtures.problems("feedback", malformed)
        #expect(problems.map(\.path) == ["b.capa_ref"])
        #expect(problems.first?.hint?.contains("CAPA-2026-004") == true)
        #expect(Fixtures.problems("feedback", try edited("feedback", "  capa_ref: 8D-2026-001", "  capa_ref: CAPA-2026-004")).isEmpty)
    }

    @Test func visitDateMustFallInTheRecordsQuarter() throws {
        let outside = try edited("visit", "  visit_date: 2026-05-19", "  visit_date: 2026-07-02")
        let problems = Fixtures.problems("visit", outside)
        #expect(problems.map(\.path) == ["visit_info.visit_date"])
        #expect(problems.first?.message.contains("2026 Q3, not in 2026 Q2") == true)
    }

    @Test func replyLeadTimeAndOverdueFlagsComeFromDates() throws {
        let record = try RecordValidator(template: Fixtures.template("call-log"))
            .validate(try DataSource.read(path: Fixtures.examples.appendingPathComponent("call-log.csv").path,
                                          template: Fixtures.template("call-log")), source: "csv")
        guard case let .table(rows)? = record.values["entries"] else { Issue.record("no entries"); return }
        #expect(rows.map { $0.cells["lead_days"] } == [.integer(0), .integer(1), .integer(1), .integer(3), .integer(0), nil])
        #expect(rows.map { $0.cells["overdue"] } == [.boolean(false), .boolean(false), .boolean(false), .boolean(true), .boolean(false), nil])
        #expect(record.computed["on_time_rate"] == .decimal(80))
        let feedback = try Fixtures.record("feedback")
        #expect(feedback.computed["reply_days"] == .integer(1))
        #expect(feedback.computed["reply_overdue"] == .boolean(false))
        let late = try RecordValidator(template: Fixtures.template("feedback"))
            .validate(try edited("feedback", "  due_date: 2026-03-13", "  due_date: 2026-03-11"), source: "t")
        #expect(late.computed["reply_overdue"] == .boolean(true))
    }

    @Test func feedbackStatusFollowsTheSectionsDone() throws {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("feedback.yaml"), encoding: .utf8)
        #expect(try Fixtures.record("feedback").computed["status"] == .choice("closed"))
        let cut: [(String, String)] = [("e:\n", "replied"), ("d:\n", "in_progress"), ("c:\n", "confirmed"), ("b:\n", "registered")]
        for (section, status) in cut {
            let start = text.range(of: "\n" + section)!.lowerBound
            let end = text.range(of: "\nstream:")!.lowerBound
            text.removeSubrange(text.index(after: start)..<text.index(after: end))
            let record = try RecordValidator(template: Fixtures.template("feedback")).validate(try Fixtures.yaml(text), source: "t")
            #expect(record.computed["status"] == .choice(status), "without \(section)")
        }
    }

    @Test func capaStatusIsReopenedWhenVerificationFails() throws {
        let reopened = try edited("capa", "  verify_result: 有效", "  verify_result: 无效\n  new_capa_ref: CAPA-2026-012")
        let record = try RecordValidator(template: Fixtures.template("capa")).validate(reopened, source: "t")
        #expect(record.computed["status"] == .choice("reopened"))
    }

    @Test func claimNeedsItsAmount() throws {
        let claim = try edited("feedback", "  cust_request: [换货, 提供资料]", "  cust_request: [换货, 索赔]")
        #expect(Fixtures.problems("feedback", claim).map(\.path) == ["a.claim_amount"])
    }
}
