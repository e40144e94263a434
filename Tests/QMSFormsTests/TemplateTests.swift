import Foundation
import Testing
@testable import QMSForms

@Suite struct TemplateTests {
    @Test func catalogHoldsTheShippedForms() throws {
        let numbers = Fixtures.catalog.templates.filter { $0.kind == .form }.map(\.number)
        #expect(Fixtures.catalog.templates.first?.number == "SG-QP-07")
        #expect(numbers == ["SG-QR-07-01", "SG-QR-07-02", "SG-QR-07-03", "SG-QR-07-04", "SG-QR-07-05", "SG-QR-07-06",
                            "SG-QR-07-07", "SG-QR-07-08", "SG-QR-18-01", "SG-QR-18-02", "SG-QR-22-01", "SG-QR-22-02"])
        #expect(Fixtures.catalog.templates.map(\.alias) == ["service-control"] + Fixtures.aliases)
        #expect(try Fixtures.catalog.template(named: "sg-qr-22-02").alias == "8d")
        #expect(throws: TemplateError.self) { try Fixtures.catalog.template(named: "nope") }
    }

    @Test func templateCarriesControlDataAndHash() {
        let t = Fixtures.template("8d")
        #expect(t.control.revision == Revision(edition: "A", number: 0))
        #expect(t.control.approvals.map(\.role) == [.prepared, .reviewed, .approved])
        #expect(t.control.recordNumber?.matches("8D-2026-001") == true)
        #expect(t.control.recordNumber?.matches("8D-2026-01") == false)
        #expect(t.changeRecord.first?.version.description == "A/0")
        #expect(t.sha256.count == 64)
    }

    @Test func revisionsOrder() {
        #expect(Revision("A/4")! < Revision("B/0")!)
        #expect(Revision("A/10")! > Revision("A/9")!)
        #expect(Revision("a/0") == nil)
        #expect(Revision("A-0") == nil)
    }

    static func template(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <template xmlns="urn:qmsforms:template:1" kind="form">
          <identity number="SG-QR-99-01" procedure="SG-QP-99" alias="t" zh="测试" en="Test"/>
          <control edition="A" revision="0" effective="2026-01-05" retention-years="3" department-zh="质管部" department-en="Quality" record-number="T-{yyyy}-{seq:3}">
            <approval role="prepared" name="a" date="2025-12-15"/><approval role="reviewed" name="b" date="2025-12-18"/><approval role="approved" name="c" date="2025-12-22"/>
          </control>
          <change-record><change date="2025-12-22" version="A/0" pages="All" order="DCR-1" by="a"><summary>new</summary></change></change-record>
          \(body)
        </template>
        """
    }

    func load(_ body: String) throws -> Template {
        try TemplateLoader().load(data: Data(Self.template(body).utf8), path: "t.xml")
    }

    @Test func aMinimalTemplateLoads() throws {
        let t = try load("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"/></section>")
        #expect(t.fields.map(\.id) == ["a"])
    }

    @Test(arguments: [
        ("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"/><text id=\"a\" zh=\"甲\" en=\"A\"/></section>", "used twice"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"><required-when field=\"zz\" is-set=\"true\"/></text></section>", "'zz'"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><computed id=\"c\" zh=\"c\" en=\"c\"><threshold field=\"d\" above=\"1\"/></computed><computed id=\"d\" zh=\"d\" en=\"d\"><sum fields=\"c\"/></computed></section>", "declared before"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><enum id=\"a\" zh=\"甲\" en=\"A\" options=\"none\"/></section>", "options 'none'"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\" pattern=\"(\"/></section>", "regular expression"),
        ("<section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"><required-when field=\"t.zz\" is-set=\"true\"/></text>"
            + "<table id=\"t\" zh=\"表\" en=\"T\"><columns><text id=\"x\" zh=\"x\" en=\"x\"/></columns></table></section>", "'t.zz'"),
        // What the archive and reports use is checked when the template loads, too.
        ("<archive dated-by=\"a\"/><section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"/></section>", "dated-by 'a' must name a date"),
        ("<archive><index key=\"customer\" field=\"zz\"/></archive><section id=\"s\" zh=\"节\" en=\"S\"><text id=\"a\" zh=\"甲\" en=\"A\"/></section>", "index customer names 'zz'"),
        ("<archive><deadline kind=\"k\" due=\"a\" done-when=\"b\"/></archive><section id=\"s\" zh=\"节\" en=\"S\"><date id=\"a\" zh=\"甲\" en=\"A\"/></section>", "deadline k names 'b'"),
        ("<archive><deadline kind=\"k\" table=\"t\" after=\"x\" days=\"1\" done-when=\"x\"/></archive><section id=\"s\" zh=\"节\" en=\"S\">"
            + "<table id=\"t\" zh=\"表\" en=\"T\"><columns><text id=\"x\" zh=\"x\" en=\"x\"/></columns></table></section>", "its date 'x' must be a date"),
    ])
    func inconsistentTemplatesAreRefused(body: String, expected: String) {
        do {
            _ = try load(body)
            Issue.record("accepted: \(body)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func conditionsAreResolvedWhenTheTemplateLoads() throws {
        let t = try load("""
            <section id="s" zh="节" en="S"><text id="a" zh="甲" en="A"><required-when field="t.x" is-set="true"/></text>
            <table id="t" zh="表" en="T"><columns><text id="x" zh="x" en="x"/><text id="y" zh="y" en="y"><required-when field="x" is-set="true"/></text>
            </columns></table><text id="b" zh="乙" en="B"><required-when field="a" is-set="true"/></text></section>
            """)
        #expect(t.field("a")?.requiredWhen.first?.reference == .column(table: "t", column: "x"))
        #expect(t.field("b")?.requiredWhen.first?.reference == .field("a"))
        guard case let .table(table)? = t.field("t")?.kind else { Issue.record("no table"); return }
        #expect(table.column("y")?.requiredWhen.first?.reference == .cell("x"))
    }

    @Test func scoringComputationsCarryTheirPointsFromLoad() throws {
        let summary = Fixtures.template("survey-summary")
        guard case let .computed(.mean(_, column, _, _, _))? = summary.field("avg_quality")?.kind else { Issue.record("no mean"); return }
        #expect(column.id == "quality" && column.points["very_satisfied"] == 100 && column.points["na"] == nil)
        guard case let .table(results)? = summary.field("results")?.kind,
              case let .computed(.rowScore(items, _))? = results.column("score")?.kind else { Issue.record("no row score"); return }
        #expect(items.allSatisfy { !$0.column.points.isEmpty })
        guard case let .computed(.weightedScore(_, rating, weights, _))? = Fixtures.template("survey").field("csi")?.kind else {
            Issue.record("no weighted score"); return
        }
        #expect(rating.points["very_satisfied"] == 100 && !weights.isEmpty)
    }

    @Test func formsDeclareWhatTheArchiveKnows() throws {
        let t = try load("""
            <archive dated-by="on" closed-by="on"><index key="customer" field="who"/>
            <deadline kind="k" after="on" days="3" done-when="state=done" department="who"/></archive>
            <section id="s" zh="节" en="S"><date id="on" zh="日" en="On"/><text id="who" zh="谁" en="Who"/><text id="state" zh="态" en="State"/></section>
            """)
        #expect(t.archive.datedBy == "on" && t.archive.index == [.customer: "who"])
        #expect(t.archive.deadlines == [.init(kind: "k", table: nil, due: .after("on", days: 3), doneWhen: [.init(field: "state", equals: "done")],
                                              department: ["who"], status: nil, customer: nil, entry: nil)])
    }

    @Test func schemaInvalidTemplateListsDiagnostics() {
        do {
            _ = try load("<section id=\"S!\" zh=\"节\" en=\"S\"><bogus/></section>")
            Issue.record("accepted")
        } catch {
            guard let e = error as? TemplateError, case let .schema(diagnostics) = e.reason else { Issue.record("\(error)"); return }
            #expect(!diagnostics.isEmpty)
            #expect(diagnostics.allSatisfy { $0.line > 0 })
        }
    }

    @Test(arguments: ["billion-laughs.xml", "external-dtd.xml", "xinclude.xml", "xxe-file.xml", "xxe-network.xml", "xxe-parameter-entity.xml"])
    func attackTemplatesAreRefusedWithoutLeaking(name: String) throws {
        do {
            _ = try TemplateLoader().load(contentsOf: Fixtures.shared.appendingPathComponent("attacks/\(name)"))
            Issue.record("accepted \(name)")
        } catch {
            let message = "\(error)"
            #expect(message.contains("refused"))
            #expect(!message.contains("root:"))
        }
    }
}
