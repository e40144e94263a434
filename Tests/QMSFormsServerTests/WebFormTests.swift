import Foundation
import Testing
import QMSForms
@testable import QMSFormsServer

/// The record page is the library's form: its fields are named by the library's paths, so what
/// a browser posts is the record the data file gives, the problems are the library's and each
/// lands next to its field, computed values are the printed ones, and every value is escaped.
@Suite(.serialized) struct WebFormTests {
    static let forms = ["8d", "call-log", "capa", "feedback", "opinion", "service", "shipping", "survey", "visit", "visit-plan", "survey-summary", "annual"]

    @Test(arguments: forms)
    func whatThePagePostsIsTheRecordTheExampleGives(_ form: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-entries-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ws = try await Workspace.create(at: folder)
        let template = try FormCatalog(directory: ws.formsDirectory).template(named: form)
        let data = try DataSource.read(path: ws.formsDirectory.appendingPathComponent("examples/\(form).yaml").path, template: template)
            .removing(["record_no"])
        let validator = RecordValidator(template: template, leavingBlank: form == "annual" ? AnnualReport.blankFields.union(["csi"]) : [])
        let direct = try validator.validate(data, source: "file")
        // Posted as a page posts it (and with the blank rows a page offers), then read back.
        var posted = FormEntries(data: data).pairs
        for field in template.fields { if case let .table(t) = field.kind, !t.hasFixedRows, let s = template.section(of: field.id) {
            posted.append(.init(path: "\(s.id).\(field.id)[\(FormEntries(posted).rowCount("\(s.id).\(field.id)") + 1)].\(t.columns[0].id)", value: ""))
        } }
        let viaPage = try validator.validate(FormEntries(posted).data(for: template), source: "page")
        #expect(RecordXMLWriter().write(viaPage) == RecordXMLWriter().write(direct))
        // And an archived record shown for correction posts the same record again.
        let again = try validator.validate(FormEntries(record: direct).data(for: template), source: "correct")
        #expect(RecordXMLWriter().write(again) == RecordXMLWriter().write(direct))
    }

    @Test func everyProblemIsTheLibrarysAndIsShownAtItsField() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        let (template, data) = try await site.example("8d")
        // Three mistakes of different kinds: a bad date, a missing field, a table cell.
        var fields = data.formFields.filter { $0.0 != "header.customer" }
        fields = fields.map { $0.0 == "header.complaint_date" ? ($0.0, "2026-02-30") : $0.0 == "d3.containment[1].ng_qty" ? ($0.0, "many") : $0 }
        let expected: [Problem]
        do {
            _ = try RecordValidator(template: template).validate(FormEntries(fields.map { Draft.Entry(path: $0.0, value: $0.1) }).data(for: template), source: "web form")
            Issue.record("the data should be invalid")
            return
        } catch { expected = error.problems }
        #expect(expected.count >= 3)

        let live = try await li.post("/forms/8d/validate", form: fields, headers: ["Accept": "application/json"])
        struct Live: Decodable { var valid: Bool; var problems: [Problem]; var computed: [String: String] }
        let answer = try JSONDecoder().decode(Live.self, from: live.body)
        #expect(!answer.valid && answer.problems == expected, "the same problems, paths and hints as qmsforms validate")

        let page = try await li.post("/forms/8d", form: fields + [("action", "check")])
        #expect(page.status == 422)
        for problem in expected {
            let list = try #require(page.text.range(of: "data-for=\"\(problem.path)\">"), "a place for \(problem.path)")
            #expect(page.text[list.upperBound...].hasPrefix("<li>" + problem.message.replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;").prefix(20)) || page.text[list.upperBound...].hasPrefix("<li>"),
                    "\(problem.path) is shown beside its field")
        }
        #expect(page.text.contains("value=\"2026-02-30\""), "what was typed is kept")
    }

    @Test func computedFieldsShowWhatThePrintShows() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        let (template, data) = try await site.example("survey")
        let live = try await li.post("/forms/survey/validate", form: data.formFields, headers: ["Accept": "application/json"])
        struct Live: Decodable { var valid: Bool; var computed: [String: String] }
        let answer = try JSONDecoder().decode(Live.self, from: live.body)
        let record = try RecordValidator(template: template).validate(data, source: "file")
        #expect(answer.valid)
        let score = try #require(template.field("csi"))
        #expect(answer.computed[template.path(of: score.id)] == record.printed(score.id)?.markup)
        #expect(answer.computed.values.contains { $0.contains("81") }, "the worked example scores 81")
    }

    @Test func anIssuedRecordIsFoundReadAndPrintedAsArchived() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        let (_, data) = try await site.example("8d")
        let issued = try await li.post("/forms/8d", form: data.formFields + [("action", "issue")])
        #expect(issued.status == 303)
        let number = try #require(issued.header("Location")?.split(separator: "/").last.map(String.init))
        let found = try await li.get("/archive?q=" + Visitor.encode("划伤"))
        #expect(found.text.contains(">\(number)</a>"))
        let xml = try await li.get("/records/\(number)/xml")
        #expect(xml.body == (try await site.site.archive.archivedXML(number)))
        #expect(xml.header("Content-Disposition") == "attachment; filename=\"\(number).xml\"")
        let print = try await li.get("/records/\(number)/print")
        #expect(print.body == (try await site.site.archive.rendition(number)), "the print page is the archived rendition, byte for byte")
        let page = try await li.get("/records/\(number)")
        #expect(page.text.contains("李强") && page.text.contains("/records/\(number)/print?r=0"))

        // Corrected with a reason: a new revision, the first one still shown as it was.
        var fields = data.formFields.map { $0.0 == "d2.statement" ? ($0.0, $0.1 + "（复核）") : $0 }
        fields += [("action", "correct"), ("reason", "问题描述补充复核结论")]
        let corrected = try await li.post("/records/\(number)/correct", form: fields)
        #expect(corrected.status == 303)
        #expect(try await site.site.archive.show(number).0.revision == 1)
        let first = try await li.get("/records/\(number)/print?r=0")
        #expect(first.status == 200 && !first.text.contains("（复核）"))
        #expect(try await li.get("/records/\(number)/print").text.contains("（复核）"))
        let noReason = try await li.post("/records/\(number)/correct", form: data.formFields + [("action", "correct")])
        #expect(noReason.status == 422 && noReason.text.contains("reason"))
    }

    @Test func everyValueIsEscapedWhereverItIsShown() throws {
        let attacks = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/testdata/attacks/markup-injection.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let template = try ShippedForms.catalog().template(named: "8d")
        for attack in attacks {
            // Every field of every kind given the attack, and a problem quoting it.
            let pairs = template.sections.flatMap { s in s.fields.flatMap { f -> [Draft.Entry] in
                let path = s.id + "." + f.id
                return [Draft.Entry(path: path, value: attack), .init(path: path + ".name", value: attack), .init(path: path + "[1].action", value: attack)]
            } }
            let problems = [Problem(path: "header.customer", rule: .type, value: attack, message: attack, hint: attack)]
            let html = FormEditor(template: template, entries: FormEntries(pairs), problems: problems, record: nil, language: .zh).body.markup
            for dangerous in ["<script", "<img", "<svg", "<iframe", "<style", "<a href=\"javascript", "<!--"] {
                #expect(!html.contains(dangerous), "\(attack) → \(dangerous)")
            }
            if attack.contains(where: { "<>\"'&".contains($0) }) { #expect(!html.contains(attack), "\(attack) appears unescaped") }
        }
    }
}
