import Foundation
import Testing
import XMLSupport
@testable import QMSForms

@Suite struct RenderTests {
    @Test(arguments: Fixtures.aliases) func goldenOutputs(alias: String) throws {
        let record = try Fixtures.record(alias)
        try Fixtures.compare(RecordXMLWriter().write(record), golden: "\(alias).xml")
        try Fixtures.compare(HTMLRenderer(settings: .neutral, language: .both).render(record), golden: "\(alias).html")
        try Fixtures.compare(HTMLRenderer(settings: .neutral, language: .zh).renderBlank(record.template), golden: "\(alias)-blank-zh.html")
        try Fixtures.compare(RecordSchema(template: record.template).xsd, golden: "\(alias).xsd")
    }

    @Test(arguments: Fixtures.aliases) func recordIsValidAgainstItsGeneratedSchema(alias: String) throws {
        let record = try Fixtures.record(alias)
        let schema = try XMLSchema(data: Data(RecordSchema(template: record.template).xsd.utf8), source: "\(alias).xsd")
        let tree = try XMLTree.parse(Data(RecordXMLWriter().write(record).utf8), source: "\(alias).xml")
        #expect(schema.validate(tree) == [])
        #expect(tree.root["template-sha256"] == record.template.sha256)
        #expect(tree.root["revision"] == "A/0")
    }

    @Test func draftWithoutRecordNumber() throws {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("survey.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "record_no: MY-2026-012\n", with: "")
        let record = try RecordValidator(template: Fixtures.template("survey")).validate(try Fixtures.yaml(text), source: "t")
        #expect(record.displayNumber == "DRAFT")
        #expect(RecordXMLWriter().write(record).contains("number=\"DRAFT\""))
    }

    static let injections: [String] = (try? String(contentsOf: Fixtures.shared.appendingPathComponent("attacks/markup-injection.txt"), encoding: .utf8))?
        .split(separator: "\n").map(String.init) ?? []

    @Test func injectionFileIsPresent() { #expect(Self.injections.count >= 10) }

    @Test(arguments: injections) func markupInAFieldStaysInertText(line: String) throws {
        var text = try String(contentsOf: Fixtures.examples.appendingPathComponent("8d.yaml"), encoding: .utf8)
        let quoted = "\"" + line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        text = text.replacingOccurrences(of: "  customer: 江苏恒远精密机械有限公司", with: "  customer: " + quoted)
        text = text.replacingOccurrences(of: "  recognition: 小组在 4 月质量例会上受表彰。", with: "  recognition: " + quoted)
        let record = try RecordValidator(template: Fixtures.template("8d")).validate(try Fixtures.yaml(text), source: "t")
        let settings = Settings(company: Bilingual(zh: line, en: line))
        let html = HTMLRenderer(settings: settings, language: .both).render(record)
        let clean = HTMLRenderer(settings: .neutral, language: .both).render(try Fixtures.record("8d"))
        // No element, attribute or script the template did not write reaches the page.
        for tag in ["<script", "<img", "<svg", "<iframe", "<a ", "<!--", "<style>body"] {
            #expect(html.components(separatedBy: tag).count == clean.components(separatedBy: tag).count, "\(tag) injected by \(line)")
        }
        #expect(html.contains(HTMLEscapeProbe.escape(line)))
        // The XML keeps the exact text.
        let tree = try XMLTree.parse(Data(RecordXMLWriter().write(record).utf8), source: "x")
        #expect(tree.strings(xpath: "//r:customer", namespaces: ["r": record.template.recordNamespace]) == [line])
    }

    @Test func textBecomesMarkupOnlyByBeingEscaped() {
        let hostile = "<script>alert('x')</script> & \"q\""
        let cell: HTML = "<td>\(hostile)</td>"
        #expect(cell.markup == "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>")
        let row: HTML = "<tr>\(cell)\(3)</tr>"
        #expect(row.markup == "<tr>" + cell.markup + "3</tr>")   // markup is kept, not escaped twice
        #expect(HTML(escaping: "a\u{7}b\tc").markup == "ab\tc")
        #expect([cell, cell].joined(separator: "\n").markup == cell.markup + "\n" + cell.markup)
    }

    @Test func cssHeaderStringsCannotEscape() {
        let css = Stylesheet.cssString("\"; } </style><script>x</script>")
        #expect(!css.contains("<"))
        #expect(!css.dropFirst().dropLast().contains("\""))
    }

    @Test func blankFormHasBoxesTicksAndRows() {
        let html = HTMLRenderer(settings: .neutral, language: .zh).renderBlank(Fixtures.template("8d"))
        #expect(html.contains("☐ 发出的产品不合格或不满意"))
        #expect(html.contains("class=\"box lines\""))
        #expect(html.components(separatedBy: "class=\"blank-row\"").count > 20)
        #expect(html.contains("counter(pages)"))
        #expect(!html.contains("lang=\"en\""))
    }

    @Test func settingsComeFromQmsYaml() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qms-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Settings.load(folder: dir) == .neutral)
        try Data("company:\n  zh: 示例机械有限公司\n  en: Example Machinery Co., Ltd.\n".utf8).write(to: dir.appendingPathComponent("qms.yaml"))
        #expect(try Settings.load(folder: dir).company == Bilingual(zh: "示例机械有限公司", en: "Example Machinery Co., Ltd."))
        try Data("company: x\nlogo: ../../etc/passwd\n".utf8).write(to: dir.appendingPathComponent("qms.yaml"))
        #expect(throws: SettingsError.self) { try Settings.load(folder: dir) }
    }
}

/// The escaping the renderer uses, restated so the test does not trust the code under test.
enum HTMLEscapeProbe {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
