import ComplianceTags
import Foundation
import Testing

/// Issue, correct, void, search, export, verify — and an auditor's own tool accepts the export.
@Suite(.serialized) struct ArchiveScenarioTests {
    @Test(.tags(.iso7_5_3, .cfr11_10b)) func issueCorrectVoidSearchExportVerify() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let first = try f.q("issue", "8d", f.data("8d"), "--by", "李强")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("8D-2026-001\t"))
        #expect(try f.q("issue", "8d", f.data("8d"), "--by", "李强").stdout.hasPrefix("8D-2026-002\t"))
        #expect(try f.q("issue", "capa", f.data("capa"), "--by", "王芳").stdout.hasPrefix("CAPA-2026-001\t"))
        #expect(try f.q("issue", "feedback", f.data("feedback"), "--by", "赵丽").stdout.hasPrefix("FK-2026-001\t"))

        // Refusals: a number in the data, no actor, an unknown form.
        let given = try f.q("issue", "8d", CLI.root.appendingPathComponent("forms/examples/8d.yaml").path, "--by", "李强")
        #expect(given.status == 1 && given.stderr.contains("remove record_no"))
        #expect(try CLI.run(CLI.binary, ["issue", "8d", f.data("8d")], in: f.ws).status == 2)

        // A correction: a new revision linked to the old, which stays; its print lists the correction.
        let corrected = f.root.appendingPathComponent("capa-fixed.yaml")
        let text = try String(contentsOfFile: f.data("capa"), encoding: .utf8).replacingOccurrences(of: "顾客来料检验时发现", with: "顾客 IQC 来料检验时发现")
        try Data(text.utf8).write(to: corrected)
        let fix = try f.q("correct", "CAPA-2026-001", corrected.path, "--reason", "补充发现途径", "--by", "李强")
        #expect(fix.status == 0, "\(fix.stderr)")
        let folder = f.archive.appendingPathComponent("records/SG-QR-22-01/CAPA-2026-001")
        let r1 = try String(contentsOf: folder.appendingPathComponent("r1.html"), encoding: .utf8)
        #expect(r1.contains("更正记录") && r1.contains("补充发现途径"))
        #expect(try String(contentsOf: folder.appendingPathComponent("r0.xml"), encoding: .utf8).contains("顾客来料检验时发现"))
        #expect(try String(contentsOf: folder.appendingPathComponent("r1.xml"), encoding: .utf8).contains("record-revision=\"1\""))

        // Void: the number is retired and never issued again.
        #expect(try f.q("void", "8D-2026-002", "--reason", "重复登记", "--by", "李强").status == 0)
        #expect(try f.q("correct", "8D-2026-002", f.data("8d"), "--reason", "x", "--by", "李强").status == 5)
        #expect(try f.q("issue", "8d", f.data("8d"), "--by", "李强").stdout.hasPrefix("8D-2026-003\t"))

        // Search: by form, category, customer, date, status, text (Chinese, short and long), state.
        func found(_ args: String...) throws -> [String] {
            let r = try f.q(["archive", "search", "--format", "json"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
        }
        #expect(try found("--form", "8d") == ["8D-2026-001", "8D-2026-002", "8D-2026-003"])
        #expect(try found("--category", "a", "--state", "void") == ["8D-2026-002"])
        #expect(try found("--customer", "恒远", "--form", "feedback") == ["FK-2026-001"])
        #expect(try found("--from", "2026-03-13", "--to", "2026-03-31") == ["CAPA-2026-001"])
        // An 8D report is dated by the day it was opened (its template's <archive dated-by>), not by the complaint.
        #expect(try found("--from", "2026-03-12", "--to", "2026-03-12", "--form", "8d") == ["8D-2026-001", "8D-2026-002", "8D-2026-003"])
        #expect(try found("--to", "2026-03-11", "--form", "8d").isEmpty)
        #expect(try found("--status", "closed", "--form", "capa") == ["CAPA-2026-001"])
        #expect(try found("IQC 来料") == ["CAPA-2026-001"])
        #expect(try found("划伤").contains("8D-2026-001"))
        #expect(try found("no such words at all").isEmpty)
        let shown = try f.q("archive", "show", "CAPA-2026-001")
        #expect(shown.stdout.contains("issue") && shown.stdout.contains("correct") && shown.stdout.contains("补充发现途径"))

        #expect(try f.q("archive", "verify").status == 0)

        // Export a bag; bagit.py accepts it, and refuses it after one payload byte changes.
        let bag = f.root.appendingPathComponent("bag")
        let exported = try f.q("archive", "export", "--form", "capa", "-o", bag.path, "--by", "审核员")
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("1 records"))
        #expect(FileManager.default.fileExists(atPath: bag.appendingPathComponent("data/templates/SG-QR-22-01/A-0.xml").path))
        #expect(try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8).contains("Record-Count: 1"))
        // A bag that cannot be written says so in plain words, naming the bag; nothing is left behind.
        let blocker = f.root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let unwritable = try f.q("archive", "export", "-o", blocker.appendingPathComponent("bag").path, "--by", "审核员")
        #expect(unwritable.status == 4 && unwritable.stderr.contains(blocker.appendingPathComponent("bag").path), "\(unwritable.stderr)")
        #expect(!unwritable.stderr.contains("unexpected") && !unwritable.stderr.contains("NSCocoaErrorDomain"))
        let full = f.root.appendingPathComponent("full-bag")
        #expect(try f.q("archive", "export", "-o", full.path, "--by", "审核员").stdout.contains("5 records"))
        if let bagit = CLI.which("bagit.py") {
            #expect(try CLI.run(bagit, ["--validate", full.path]).status == 0)
            let copy = f.root.appendingPathComponent("tampered-bag")
            try FileManager.default.copyItem(at: full, to: copy)
            let victim = copy.appendingPathComponent("data/records/SG-QR-22-02/8D-2026-001/r0.xml")
            var bytes = try Data(contentsOf: victim)
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: victim)
            let rejected = try CLI.run(bagit, ["--validate", copy.path])
            #expect(rejected.status != 0)
            #expect(rejected.stderr.contains("r0.xml"))
        } else if CLI.isCI {
            Issue.record("bagit.py is missing, and CI=true requires it (pip install bagit)")
        }
        // The export is itself in the audit log.
        let log = try String(contentsOf: f.archive.appendingPathComponent("audit.log"), encoding: .utf8)
        #expect(log.contains("\"action\":\"export\""))
        #expect(try f.q("archive", "verify").status == 0)

        // Retention: nothing is due today; in 2030 the 2026 records are, and disposing is logged.
        #expect(try f.q("archive", "due").stdout.isEmpty)
        let due = try f.q("archive", "due", "--as-of", "2030-01-01", "--format", "json")
        #expect(due.stdout.contains("8D-2026-001"))
        #expect(try f.q("archive", "dispose", "8D-2026-001", "--reason", "x", "--by", "李强").status == 5) // not yet due
        // Dispose never takes a user-chosen "today": there is no such option.
        let chosenDay = try f.q("archive", "dispose", "8D-2026-001", "--reason", "x", "--by", "李强", "--as-of", "9999")
        #expect(chosenDay.status == 2, "\(chosenDay.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.archive.appendingPathComponent("records/SG-QR-22-02/8D-2026-001/r0.xml").path))
        // A customer-opinion entry of 2022 (kept 3 years from its date) is due by the real clock.
        let old = try String(contentsOfFile: f.data("opinion"), encoding: .utf8).replacingOccurrences(of: "2026-", with: "2022-")
        try Data(old.utf8).write(to: f.root.appendingPathComponent("opinion-2022.yaml"))
        let issuedOld = try f.q("issue", "opinion", f.root.appendingPathComponent("opinion-2022.yaml").path, "--by", "李强")
        #expect(issuedOld.status == 0, "\(issuedOld.stderr)")
        let oldNumber = String(issuedOld.stdout.split(separator: "\t").first ?? "")
        #expect(try f.q("archive", "due", "--format", "json").stdout.contains(oldNumber))
        #expect(try f.q("archive", "dispose", oldNumber, "--reason", "保存期满", "--by", "李强").status == 0)
        #expect(try String(contentsOf: f.archive.appendingPathComponent("audit.log"), encoding: .utf8).contains("保存期满"))
        #expect(try f.q("archive", "verify").status == 0)

        // The index is derived: deleted, it is rebuilt from the files and the log.
        try FileManager.default.removeItem(at: f.archive.appendingPathComponent("index.sqlite"))
        #expect(try f.q("archive", "verify").status == 5)
        #expect(try f.q("archive", "reindex").stdout.contains("6 records indexed"))
        #expect(try f.q("archive", "verify").status == 0)
    }

    /// `archive search` takes several words (all must be there, any order); an argument with
    /// spaces is one phrase.
    @Test func searchTakesWordsAndPhrases() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "8d", f.data("8d"), "--by", "李强").status == 0)
        #expect(try f.q("archive", "search", "L260305", "密封面划伤").stdout.hasPrefix("8D-2026-001\t"))
        #expect(try f.q("archive", "search", "划伤 线状").stdout.isEmpty)
        #expect(try f.q("archive", "search", "线状划伤", "阀体").stdout.hasPrefix("8D-2026-001\t"))
        #expect(try f.q("archive", "search", "_").stdout.isEmpty)
    }

    /// Lists are safe to open in a spreadsheet (CWE-1236): a customer typed as a formula is
    /// text in the terminal's lines, in CSV and in XLSX (read back by Python's zipfile and
    /// ElementTree, not by us).
    @Test func listsAreSafeInASpreadsheet() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let formula = "=HYPERLINK(\"http://evil.example/\",\"点击\")"
        let text = try String(contentsOf: URL(fileURLWithPath: f.data("opinion")), encoding: .utf8)
            .replacingOccurrences(of: "customer: 山东鲁北机械制造有限公司", with: "customer: '\(formula.replacingOccurrences(of: "'", with: "''"))'")
        let data = f.root.appendingPathComponent("formula.yaml")
        try Data(text.utf8).write(to: data)
        #expect(try f.q("issue", "opinion", data.path, "--by", "王芳").status == 0)
        let tsv = try f.q("archive", "list").stdout
        #expect(tsv.split(separator: "\t").contains { $0 == "'" + formula }, "\(tsv)")
        let csv = try f.q("archive", "search", "--format", "csv", "--customer", "HYPERLINK").stdout
        #expect(csv.hasPrefix("\u{FEFF}number,revision,") && csv.contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\""), "\(csv)")
        let book = f.root.appendingPathComponent("list.xlsx")
        let written = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" archive list --format xlsx > \"$1\"", CLI.binary.path, book.path], in: f.ws)
        #expect(written.status == 0, "\(written.stderr)")
        let read = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import sys, zipfile, xml.etree.ElementTree as ET
            ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
            assert not sheet.findall(".//m:f", ns), "a formula cell"
            for row in sheet.findall(".//m:row", ns):
                print("\\t".join(c.findtext("m:is/m:t", "", ns) for c in row.findall("m:c", ns)))
            """, book.path])
        #expect(read.status == 0, "\(read.stderr)")
        let lines = read.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("number\trevision\tform") == true && lines.count == 2)
        #expect(lines.last?.split(separator: "\t").contains { $0 == "'" + formula } == true, "\(read.stdout)")
    }
}
