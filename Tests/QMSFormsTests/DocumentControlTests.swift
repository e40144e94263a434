import ComplianceTags
import Foundation
import Testing
@testable import QMSForms

@Suite struct DocumentControlTests {
    @Test func revisionRuleCountsUpAndChangesEditionAfterTheThreshold() {
        func next(_ r: String, major: Bool = false, after: Int = 4) -> String? {
            RevisionRule.next(after: Revision(r)!, major: major, letterAfter: after)?.description
        }
        #expect(next("A/0") == "A/1")
        #expect(next("A/3") == "A/4")
        #expect(next("A/4") == "B/0")
        #expect(next("A/1", major: true) == "B/0")
        #expect(next("B/8", after: 9) == "B/9")
        #expect(next("B/9", after: 9) == "C/0")
        #expect(next("Z/4") == nil)
    }

    static let capaText = try! String(contentsOf: Fixtures.forms.appendingPathComponent("capa.xml"), encoding: .utf8)

    @Test func theEditorRewritesOnlyControlAndChangeRecord() throws {
        let t = Fixtures.template("capa")
        var control = t.control
        control.revision = Revision("A/1")!
        control.approvals = [Approval(role: .prepared, name: "王芳 <&>", date: "2026-02-01")]
        control.effective = nil
        var editor = TemplateEditor(text: Self.capaText)
        try editor.setControl(control)
        try editor.setChangeRecord(t.changeRecord + [ChangeRecord(seq: 2, date: "2026-02-01", version: Revision("A/1")!, summary: "改 \"标签\"",
                                                                  before: "a\nb", after: "c", pages: "P1", order: "DCR-1", by: "王芳")])
        let edited = try TemplateLoader().load(data: Data(editor.text.utf8), path: "capa.xml")
        #expect(edited.control.revision.description == "A/1")
        #expect(edited.control.approvals.map(\.name) == ["王芳 <&>"])
        #expect(edited.control.effective == nil)
        #expect(edited.changeRecord.last?.before == "a\nb")
        #expect(edited.control.recordNumber == t.control.recordNumber)
        #expect(edited.control.retention == t.control.retention)
        // Everything from the first <options> on is the author's bytes, untouched.
        let tail = { (s: String) in s[s.range(of: "<options id=\"capa_type\">")!.lowerBound...] }
        #expect(tail(editor.text) == tail(Self.capaText))
    }

    @Test func theDiffNamesLabelsFieldsOptionsAndRules() throws {
        let old = Fixtures.template("capa")
        var text = Self.capaText
        text = text.replacingOccurrences(of: "zh=\"事实描述\" en=\"Description\"", with: "zh=\"不合格事实描述\" en=\"Description\"")
        text = text.replacingOccurrences(of: "<text id=\"requirement\" zh=\"依据/要求\" en=\"Requirement violated\" max-length=\"200\"/>",
                                          with: "<text id=\"requirement\" zh=\"依据/要求\" en=\"Requirement violated\" max-length=\"300\"/>\n    <text id=\"clause\" zh=\"条款\" en=\"Clause\"/>")
        text = text.replacingOccurrences(of: "    <option code=\"observation\" zh=\"轻微\" en=\"Observation\"/>\n", with: "")
        let new = try TemplateLoader().load(data: Data(text.utf8), path: "capa.xml")
        let changes = TemplateDiff(from: old, to: new).changes
        #expect(changes.contains(.init(path: "s1.description", aspect: "label", kind: .changed, before: "事实描述 Description", after: "不合格事实描述 Description")))
        #expect(changes.contains { $0.path == "s1.clause" && $0.aspect == "field" && $0.kind == .added && $0.after == "条款 Clause (text)" })
        #expect(changes.contains { $0.path == "s1.requirement" && $0.aspect == "rules" && $0.after == "max 300 chars" })
        #expect(changes.contains { $0.path == "s1.severity" && $0.aspect == "type" && !$0.after.contains("observation") })
        #expect(changes.count == 4, "\(changes)")
        #expect(TemplateDiff(from: old, to: old).changes.isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func frozenBytesAreWrittenOnceAndCheckedOnRead(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let register = archive.documents.register
        let capa = try #require(try await register.load().documents.first { $0.alias == "capa" })
        let data = try await register.frozen(capa.released[0], of: capa.number)
        let again = RegisterState.Release(revision: Revision("A/0")!, sha256: Digest.sha256(data), effective: "2026-01-01", releasedAt: "")
        await #expect(throws: ChangeControlError.self) { try await register.release(again, bytes: data, for: capa.number) }
        var wrong = capa.released[0]
        wrong.sha256 = String(repeating: "0", count: 64)
        await #expect(throws: ChangeControlError.self) { try await register.frozen(wrong, of: capa.number) }
        #expect(try await register.unregisteredFiles().isEmpty)
    }

    @Test(.tags(.iso7_5_3)) func printMarksShowOnThePage() {
        let t = Fixtures.template("capa")
        let draft = HTMLRenderer(settings: .neutral, marks: PrintMarks(watermark: .draft)).renderBlank(t)
        #expect(draft.contains("<div class=\"watermark\" aria-hidden=\"true\">草稿 DRAFT</div>"))
        // The running header (a CSS string, punctuation escaped) says so on every page too.
        #expect(draft.contains("@top-right { content: \"SG\\2d QR\\2d 22\\2d 01 A\\2f 0  草稿 DRAFT  记录编号 \\5f \\5f "))
        let copy = HTMLRenderer(settings: .neutral, marks: PrintMarks(stamp: .controlledCopy("03"), changeRecord: true)).renderBlank(t)
        #expect(copy.contains("受控文件 CONTROLLED COPY<br>分发号 Copy No. 03"))
        #expect(copy.contains("文件更改记录"))
        #expect(copy.contains("A\\2f 0  受控文件 CONTROLLED COPY 03  记录编号"))
        let obsolete = HTMLRenderer(settings: .neutral, language: .zh, marks: PrintMarks(watermark: .obsolete, stamp: .uncontrolled)).renderBlank(t)
        #expect(obsolete.contains(">作废</div>"))
        #expect(obsolete.contains("非受控<br>仅供参考，不予更新"))
        #expect(!HTMLRenderer(settings: .neutral).renderBlank(t).contains("class=\"watermark\""))
    }
}
