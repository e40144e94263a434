import Foundation
import Testing
@testable import QMSForms

/// Deadlines come from the forms: a new form's `<deadline>` is followed without a line of Swift.
@Suite struct OpenActionsTests {
    static let template = try! TemplateLoader().load(data: Data(TemplateTests.template("""
        <archive dated-by="on"><index key="customer" field="who"/>
        <deadline kind="reply" after="on" days="3" done-when="state=done answered" department="dept"/></archive>
        <options id="st"><option code="open" zh="开" en="Open"/><option code="done" zh="完" en="Done"/></options>
        <section id="s" zh="节" en="S"><date id="on" zh="日" en="On"/><text id="who" zh="谁" en="Who"/>
        <enum id="state" zh="态" en="State" options="st"/><date id="answered" zh="答" en="Answered"/><text id="dept" zh="部" en="Dept"/></section>
        """).utf8), path: "t.xml")

    func record(_ yaml: String) throws -> Record {
        try RecordValidator(template: Self.template).validate(try Fixtures.yaml(yaml), source: "t.yaml")
    }

    @Test func aDeclaredDeadlineIsFollowed() throws {
        let deadline = Self.template.archive.deadlines[0]
        let open = try record("s: {on: 2026-01-01, who: 甲公司, state: open}")
        let late = OpenActions.overdue(open, deadline, asOf: Day("2026-01-10")!)
        #expect(late == [OpenActions.Action(kind: "reply", record: "DRAFT", entry: nil, department: "质管部", customer: "甲公司",
                                            due: "2026-01-04", daysOverdue: 6, status: "")])
        #expect(OpenActions.overdue(open, deadline, asOf: Day("2026-01-04")!).isEmpty)
        #expect(OpenActions.overdue(try record("s: {on: 2026-01-01, state: done}"), deadline, asOf: Day("2026-01-10")!).isEmpty)
        #expect(OpenActions.overdue(try record("s: {on: 2026-01-01, answered: 2026-01-02}"), deadline, asOf: Day("2026-01-10")!).isEmpty)
        #expect(OpenActions.overdue(try record("s: {on: 2026-01-01, dept: 销售部}"), deadline, asOf: Day("2026-01-10")!).first?.department == "销售部")
    }
}
