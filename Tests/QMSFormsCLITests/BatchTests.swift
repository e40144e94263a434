import Foundation
import QMSForms
import Testing

/// Batch filling, validating and issuing through the command line, on all four input kinds.
@Suite(.serialized) struct BatchTests {
    let dir: URL

    init() throws { dir = try CLI.temporaryFolder() }

    /// The 8D example as one JSON line, its record number and one quantity replaced.
    func record(_ number: String?, quantity: String = "500") throws -> String {
        var line = try DataSource.read(path: CLI.root.appendingPathComponent("forms/examples/8d.yaml").path).jsonText
            .replacingOccurrences(of: "\"suspect_qty\":500", with: "\"suspect_qty\":\(quantity)")
        line = line.replacingOccurrences(of: "\"record_no\":\"8D-2026-001\",", with: number.map { "\"record_no\":\"\($0)\"," } ?? "")
        return line
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path)) ?? []).sorted()
    }

    @Test func jsonLinesFillRecordByRecordListingTheInvalidOnes() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for i in 1...30 { lines.append(try record(String(format: "8D-2026-%03d", i), quantity: i == 7 ? "-3" : "500")) }
        lines[19] = "{\"record_no\": \"8D-2026-020\", "    // cut short
        let input = try write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try CLI.qmsforms("fill", "8d", input, "-o", dir.appendingPathComponent("out").path)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ok 28 · invalid 2 · "), "\(r.stdout)")
        #expect(r.stderr.contains("7: ") && r.stderr.contains("d3.containment[1].suspect_qty (line 7)"), "\(r.stderr)")
        #expect(r.stderr.contains("20: ") && r.stderr.contains("records.jsonl:20"), "\(r.stderr)")
        #expect(!r.stderr.contains("%"), "a progress bar although stderr is not a terminal")
        let out = files("out")
        #expect(out.count == 56 && !out.contains("8D-2026-007.xml") && out.contains("8D-2026-030.html"))
        #expect(!out.contains { $0.hasPrefix(".") }, "temporary files left: \(out.filter { $0.hasPrefix(".") })")

        let stopped = try CLI.qmsforms("fill", "8d", input, "-o", dir.appendingPathComponent("ff").path, "--fail-fast")
        #expect(stopped.status == 1)
        #expect(stopped.stdout.hasPrefix("ok 6 · invalid 1 · ") && stopped.stdout.contains("stopped"), "\(stopped.stdout)")
        #expect(!files("ff").contains("8D-2026-008.xml"))

        let validate = try CLI.qmsforms("validate", "8d", input)
        #expect(validate.status == 1 && validate.stdout.hasPrefix("ok 28 · invalid 2"), "\(validate.stdout)")
    }

    @Test func aBatchRecordIsFilledExactlyAsAloneAndDuplicatesAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try record("8D-2026-001")
        let input = try write("same.jsonl", one + "\n" + one + "\n")
        let batch = try CLI.qmsforms("fill", "8d", input, "-o", dir.appendingPathComponent("batch").path)
        #expect(batch.status == 1 && batch.stderr.contains("is already the record_no of an earlier record"), "\(batch.stderr)")
        let single = try CLI.qmsforms("fill", "8d", "forms/examples/8d.yaml", "-o", dir.appendingPathComponent("single").path)
        #expect(single.status == 0)
        for ext in ["xml", "html"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("batch/8D-2026-001.\(ext)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("single/8D-2026-001.\(ext)"))
            #expect(a == b, "the batch \(ext) differs from the single fill")
        }
    }

    @Test func yamlStreamsFoldersAndCSVRowsFillToo() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/8d.yaml"), encoding: .utf8)
        let stream = try write("stream.yaml", yaml + "---\n" + yaml.replacingOccurrences(of: "8D-2026-001", with: "8D-2026-002"))
        let r1 = try CLI.qmsforms("fill", "8d", stream, "-o", dir.appendingPathComponent("y").path)
        #expect(r1.status == 0 && r1.stdout.hasPrefix("ok 2 · invalid 0"), "\(r1.stderr)")
        #expect(files("y") == ["8D-2026-001.html", "8D-2026-001.xml", "8D-2026-002.html", "8D-2026-002.xml"])

        let folder = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("a.yaml"))
        try Data(try record("8D-2026-003").utf8).write(to: folder.appendingPathComponent("b.json"))
        try Data("header: [not, a, mapping]\n".utf8).write(to: folder.appendingPathComponent("c.yaml"))
        let r2 = try CLI.qmsforms("fill", "8d", folder.path, "-o", dir.appendingPathComponent("f").path)
        #expect(r2.status == 1 && r2.stdout.hasPrefix("ok 2 · invalid 1"), "\(r2.stdout) \(r2.stderr)")
        #expect(r2.stderr.contains("c.yaml"))

        // Every shipping notice from an ERP export: one row each, columns named by path.
        let shipping = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/shipping.yaml"), encoding: .utf8)
        #expect(shipping.contains("FH-20260324-01"))
        let node = try DataSource.read(path: CLI.root.appendingPathComponent("forms/examples/shipping.yaml").path)
        var header: [String] = [], row: [String] = []
        func flatten(_ n: DataNode, _ path: String) {
            switch n.value {
            case let .map(entries): for (k, v) in entries { flatten(v, path.isEmpty ? k : path + "." + k) }
            case let .list(items): for (i, v) in items.enumerated() { flatten(v, path + "[\(i + 1)]") }
            default:
                header.append(path)
                row.append("\"" + (n.scalarText ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            }
        }
        flatten(node, "")
        let rows = (1...3).map { i in row.joined(separator: ",").replacingOccurrences(of: "FH-20260324-01", with: "FH-20260324-0\(i)") }
        let csv = try write("erp.csv", header.joined(separator: ",") + "\n" + rows.joined(separator: "\n") + "\n")
        let r3 = try CLI.qmsforms("fill", "shipping", csv, "-o", dir.appendingPathComponent("c").path)
        #expect(r3.status == 0 && r3.stdout.hasPrefix("ok 3 · invalid 0"), "\(r3.stdout) \(r3.stderr)")
        #expect(files("c").contains("FH-20260324-03.xml"))
        // The row's record is the YAML example's record, field for field.
        let fromCSV = try String(contentsOf: dir.appendingPathComponent("c/FH-20260324-01.xml"), encoding: .utf8)
        #expect(try CLI.qmsforms("fill", "shipping", "forms/examples/shipping.yaml", "-o", dir.appendingPathComponent("s").path).status == 0)
        #expect(fromCSV == (try String(contentsOf: dir.appendingPathComponent("s/FH-20260324-01.xml"), encoding: .utf8)))

        let pdf = try CLI.qmsforms("fill", "8d", stream, "-o", dir.appendingPathComponent("p").path, "--pdf")
        #expect(pdf.status == 2 && pdf.stderr.contains("qmsforms print"))
    }

    @Test func issueNumbersABatchInInputOrderAndSkipsInvalidRecords() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp(); try? FileManager.default.removeItem(at: dir) }
        let lines = [try record(nil), try record(nil), try record(nil, quantity: "-1"), try record(nil)]
        let input = try write("issue.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try f.q("issue", "8d", input, "--by", "李强")
        #expect(r.status == 1, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 4)
        let numbers: [String] = out.prefix(3).map { String($0.prefix { $0 != "\t" }) }
        #expect(numbers == ["8D-2026-001", "8D-2026-002", "8D-2026-003"])
        #expect(out.last?.hasPrefix("ok 3 · invalid 1") == true, "\(r.stdout)")
        #expect(r.stderr.contains("3: ") && r.stderr.contains("(line 3)"), "\(r.stderr)")
        #expect(try f.numbers() == ["8D-2026-001", "8D-2026-002", "8D-2026-003"])
        #expect(try f.q("archive", "verify").status == 0)
    }
}
