import Foundation
import Testing
@testable import QMSForms

/// SG-QP-07 as a controlled procedure document, and the procedure vocabulary's checks.
@Suite struct ProcedureTests {
    let procedure = Fixtures.template("service-control")

    @Test func theProcedureLoadsWithItsSeedStructure() throws {
        #expect(procedure.kind == .procedure)
        #expect(procedure.number == "SG-QP-07")
        #expect(procedure.control.recordNumber == nil)
        let document = try #require(procedure.document)
        #expect(document.parts.compactMap(\.number) == ["1", "2", "3", "4", "5"])
        let clauses = document.parts.flatMap(\.blocks).compactMap { block -> String? in
            if case let .paragraph(number?, _) = block { number } else { nil }
        }
        #expect(clauses == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.5"])
        var flows = 0, turtles = 0
        for block in document.parts.flatMap(\.blocks) {
            if case let .flow(flow) = block {
                flows += 1
                #expect(flow.steps.map(\.text.zh) == ["建立客户沟通渠道", "质量信息反馈", "纠正和预防措施", "持续改进", "客户满意"])
            }
            if case let .turtle(turtle) = block {
                turtles += 1
                #expect(turtle.criteria.map(\.zh) == ["顾客满意度80分"])
                #expect(turtle.outputs.count == 6)
            }
        }
        #expect(flows == 1 && turtles == 1)
        let refs = document.parts.flatMap(\.blocks).compactMap { block -> [String]? in
            if case let .references(r) = block { r.compactMap(\.number) } else { nil }
        }
        #expect(refs == [["SG-QP-21", "SG-QP-18", "SG-QP-22"]])
    }

    @Test func itPrintsChangeRecordFirstThenFlowAndTurtle() throws {
        let html = HTMLRenderer(settings: .neutral, formTitles: Fixtures.catalog.titles).renderBlank(procedure)
        let order = ["文件更改记录", "DCR-2025-010", "<svg class=\"flow\"", "<table class=\"turtle\">", "1 目的和范围", "4 相关文件"]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(html.contains("<title id=\"flow1-t\">服务控制程序流程 Service control process flow</title>"))
        #expect(html.contains("<desc id=\"flow1-d\">1. 建立客户沟通渠道"))
        #expect(html.contains("SG-QR-07-03 质量信息反馈单")) // the forms column names the forms
        #expect(html.components(separatedBy: "marker-end=").count - 1 == 4 + 4 + 1) // steps, inputs, loop
        #expect(html.contains("顾客满意度80分"))
        try Fixtures.compare(html, golden: "service-control.html")
    }

    @Test func recordsCannotBeFilledFromAProcedure() throws {
        let problems = Fixtures.problems("service-control", try Fixtures.yaml("a: 1\n"))
        #expect(problems.first?.message.contains("procedure document") == true)
    }

    static func procedureXML(_ document: String, recordNumber: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <template xmlns="urn:qmsforms:template:1" kind="procedure">
          <identity number="SG-QP-99" procedure="SG-QM-01" alias="p" zh="测试程序" en="Test procedure"/>
          <control edition="A" revision="0" effective="2026-01-05" retention-years="3" department-zh="质管部" department-en="Quality"\(recordNumber)>
            <approval role="prepared" name="a" date="2025-12-15"/><approval role="reviewed" name="b" date="2025-12-18"/><approval role="approved" name="c" date="2025-12-22"/>
          </control>
          <change-record><change date="2025-12-22" version="A/0" pages="All" order="DCR-1" by="a"><summary>new</summary></change></change-record>
          \(document)
        </template>
        """
    }

    @Test(arguments: [
        ("<document><part number=\"1\" zh=\"流程\" en=\"Flow\"><flow><title><zh>t</zh></title><step id=\"a\"><zh>甲</zh></step><input to=\"zz\"><zh>乙</zh></input></flow></part></document>", "'zz'"),
        ("<document><part number=\"1\" zh=\"流程\" en=\"Flow\"><flow><title><zh>t</zh></title><step id=\"a\"><zh>甲</zh></step><step id=\"a\"><zh>乙</zh></step></flow></part></document>", "used twice"),
        ("<document><part number=\"1\" zh=\"表\" en=\"T\"><table><head><item><zh>a</zh></item></head><row><item><zh>1</zh></item><item><zh>2</zh></item></row></table></part></document>", "2 cells"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"/></section>", "not sections"),
        ("<document><part zh=\"x\" en=\"x\"><script>alert(1)</script></part></document>", "not a valid qmsforms template"),
    ])
    func badProceduresAreRefused(document: String, expected: String) throws {
        do {
            _ = try TemplateLoader().load(data: Data(Self.procedureXML(document).utf8), path: "p.xml")
            Issue.record("accepted")
        } catch { #expect("\(error)".contains(expected), "\(error)") }
    }

    @Test func aProcedureHasNoRecordNumber() throws {
        let body = "<document><part zh=\"x\" en=\"x\"><p><zh>文</zh></p></part></document>"
        #expect(throws: TemplateError.self) {
            try TemplateLoader().load(data: Data(Self.procedureXML(body, recordNumber: " record-number=\"P-{yyyy}-{seq:3}\"").utf8), path: "p.xml")
        }
    }

    @Test func theCatalogRefusesAFlowNamingAnUnknownForm() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qms-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = "<document><part zh=\"x\" en=\"x\"><flow><title><zh>t</zh></title><step id=\"a\" forms=\"SG-QR-99-09\"><zh>甲</zh></step></flow></part></document>"
        try Data(Self.procedureXML(body).utf8).write(to: dir.appendingPathComponent("p.xml"))
        do {
            _ = try FormCatalog(directory: dir)
            Issue.record("accepted")
        } catch { #expect("\(error)".contains("SG-QR-99-09")) }
    }

    @Test func textWrapsByWidthKeepingWordsWhole() {
        #expect(FlowChart.wrap("建立客户沟通渠道", width: 44, size: 11) == ["建立客户", "沟通渠道"])
        #expect(FlowChart.wrap("Establish customer communication", width: 60, size: 10) == ["Establish", "customer", "communication"])
    }
}
