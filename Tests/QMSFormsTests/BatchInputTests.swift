import Foundation
import Testing
@testable import QMSForms

/// Reading many records from one input: where each starts, what it parses to, and that lines
/// in messages are the input file's lines.
struct BatchInputTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func items(_ path: String, _ form: String) throws -> [BatchItem] {
        let input = try BatchInput(path: path, template: Fixtures.template(form))
        var all: [BatchItem] = []
        while let item = try input.next() { all.append(item) }
        return all
    }

    var example: String { try! DataSource.read(path: Fixtures.examples.appendingPathComponent("8d.yaml").path).jsonText }

    @Test func jsonTextRoundTrips() throws {
        let node = try DataSource.read(path: Fixtures.examples.appendingPathComponent("8d.yaml").path)
        let again = try DataSource.parse(Array(node.jsonText.utf8), source: "x.json", formatHint: "json")
        #expect(again.jsonText == node.jsonText)
        #expect(try RecordValidator(template: Fixtures.template("8d")).validate(again, source: "x").number == "8D-2026-001")
    }

    @Test func jsonLinesKeepTheirLineNumbers() throws {
        let bad = example.replacingOccurrences(of: "\"suspect_qty\":500", with: "\"suspect_qty\":-5")
        let path = try file("r.jsonl", "\n" + example + "\n\n" + bad + "\n{\"record_no\": \n" + example)
        let all = try items(path, "8d")
        #expect(all.map(\.line) == [2, 4, 5, 6])
        #expect(all.map(\.index) == [1, 2, 3, 4])
        let template = Fixtures.template("8d")
        // A problem in the record on line 4 is reported on line 4, not line 1 of its own text.
        do {
            _ = try RecordValidator(template: template).validate(all[1].parse(template: template), source: all[1].source)
            Issue.record("a negative quantity passed")
        } catch let error as RecordError {
            #expect(error.problems.contains { $0.path == "d3.containment[1].suspect_qty" && $0.line == 4 })
        }
        #expect(throws: DataError.self) { try all[2].parse(template: template) }
        do { _ = try all[2].parse(template: template) } catch let error as DataError { #expect(error.line == 5) } catch { Issue.record(error) }
        #expect(all[3].fallbackName == "r-000004")
    }

    @Test func aYAMLStreamSplitsAtDocumentMarkers() throws {
        let yaml = try String(contentsOf: Fixtures.examples.appendingPathComponent("8d.yaml"), encoding: .utf8)
        let second = yaml.replacingOccurrences(of: "record_no: 8D-2026-001", with: "record_no: 8D-2026-002")
            .replacingOccurrences(of: "  opened_on: 2026-03-12", with: "  opened_on: 2026-13-12")
        let path = try file("s.yaml", "# two records\n---\n" + yaml + "---\n" + second + "...\n")
        let all = try items(path, "8d")
        #expect(all.count == 2)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        let template = Fixtures.template("8d")
        #expect(try RecordValidator(template: template).validate(all[0].parse(template: template), source: "s").number == "8D-2026-001")
        do {
            _ = try RecordValidator(template: template).validate(all[1].parse(template: template), source: "s")
            Issue.record("month 13 passed")
        } catch let error as RecordError {
            let opened = 3 + lines + (second.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  opened_on:") } ?? 0)
            #expect(error.problems.contains { $0.path == "header.opened_on" && $0.line == opened }, "\(error.problems)")
        }
        #expect(BatchInput.isBatch(path: path, template: template))
        #expect(!BatchInput.isBatch(path: Fixtures.examples.appendingPathComponent("8d.yaml").path, template: template))
    }

    @Test func csvRowsAreRecordsByFieldPath() throws {
        let csv = "record_no,consignee.customer,goods.lines[1].product,goods.lines[1].qty,goods.lines[2].product,shipment.docs[1]\n"
            + "FH-20260401-01,甲公司,阀体,10,\"阀盖, 铸件\",装箱单\n\n"
            + "FH-20260401-02,乙公司,阀体,20,,\n"
        let path = try file("ship.csv", csv)
        let all = try items(path, "shipping")
        #expect(all.map(\.line) == [2, 4])
        let node = try all[0].parse(template: Fixtures.template("shipping"))
        #expect(node["consignee"]?["customer"]?.scalarText == "甲公司")
        guard case let .list(lines)? = node["goods"]?["lines"]?.value else { Issue.record("no rows"); return }
        #expect(lines.count == 2 && lines[1]["product"]?.scalarText == "阀盖, 铸件")
        guard case let .list(docs)? = node["shipment"]?["docs"]?.value else { Issue.record("no list"); return }
        #expect(docs.map(\.scalarText) == ["装箱单"])
        #expect(BatchInput.isBatch(path: path, template: Fixtures.template("shipping")))

        let conflicting = try file("bad.csv", "record_no,consignee,consignee.customer\nFH-20260401-01,x,y\n")
        #expect(throws: DataError.self) { try items(conflicting, "shipping")[0].parse(template: Fixtures.template("shipping")) }
        let badIndex = try file("bad2.csv", "goods.lines[0].qty\n1\n")
        #expect(throws: DataError.self) { try items(badIndex, "shipping")[0].parse(template: Fixtures.template("shipping")) }
    }

    @Test func aCallLogCSVGroupsRowsByRecordNumber() throws {
        let header = "record_no,sheet.year,sheet.month,sheet.dept,entry_no,received_at,channel,customer,contact,summary,type,receiver,status\n"
        func row(_ n: String, _ month: Int, _ i: Int) -> String {
            "\(n),2026,\(month),供销部,LD-2026-\(month)0\(i),2026-0\(month)-0\(i) 09:30,电话,客户\(i),联系人,询问交期,咨询,赵丽,处理中\n"
        }
        let two = try file("log.csv", header + row("LDB-2026-05", 5, 1) + row("LDB-2026-05", 5, 2) + row("LDB-2026-06", 6, 1))
        let all = try items(two, "call-log")
        #expect(all.count == 2)
        #expect(BatchInput.isBatch(path: two, template: Fixtures.template("call-log")))
        let one = try file("one.csv", header + row("LDB-2026-05", 5, 1) + row("LDB-2026-05", 5, 2))
        #expect(!BatchInput.isBatch(path: one, template: Fixtures.template("call-log")))
        let template = Fixtures.template("call-log")
        let june = try RecordValidator(template: template).validate(all[1].parse(template: template), source: "log.csv")
        #expect(june.number == "LDB-2026-06")
    }

    @Test func aFolderIsOneRecordPerFileByName() throws {
        let dir = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["b.yaml", "a.json", "notes.txt"] { try Data("x: 1\n".utf8).write(to: dir.appendingPathComponent(name)) }
        let all = try items(dir.path, "8d")
        #expect(all.map(\.fallbackName) == ["a", "b"])
        #expect(all.map(\.position) == [dir.appendingPathComponent("a.json").path, dir.appendingPathComponent("b.yaml").path])
    }

    @Test func anOverlongLineIsCutAndTheRestSkipped() throws {
        let path = try file("long.jsonl", "{\"a\":\"" + String(repeating: "x", count: 5000) + "\"}\n{\"b\":1}\n")
        let reader = try LineReader(url: URL(fileURLWithPath: path), maxLine: 1000)
        let first = try #require(reader.next())
        #expect(first.bytes.count >= 1000 && first.bytes.count < 5000)
        let second = try #require(reader.next())
        #expect(second.line == 2 && second.bytes == Array("{\"b\":1}".utf8))
        #expect(reader.next() == nil)
    }
}
