import ComplianceTags
import Foundation
import Testing

/// The issue's scenario, end to end through the command line: init; fill a CAPA at A/0; edit a
/// label; revise, approve ×3, release A/1; four more changes reach A/4 and then B/0; history,
/// diff, register; the A/0 record re-renders byte-identically; a new record pins B/0; tampering
/// is caught; every refused action changes nothing.
@Suite(.serialized) struct DocumentControlScenarioTests {
    let ws: URL

    init() throws {
        ws = try CLI.temporaryFolder().appendingPathComponent("ws")
    }

    func q(_ args: String...) throws -> CLI.Result { try CLI.run(CLI.binary, Array(args), in: ws) }

    func expectOK(_ r: CLI.Result, _ what: String) { #expect(r.status == 0, "\(what): \(r.stderr)") }

    func expectRefused(_ r: CLI.Result, code: Int32 = 5, _ message: String) {
        #expect(r.status == code, "expected exit \(code): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    var capa: URL { ws.appendingPathComponent("forms/capa.xml") }

    /// The example CAPA raised today (every date moved with it): a record dated after the
    /// releases of the test, so it pins the revision in force now.
    func capaRaisedToday() throws -> String {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/capa.yaml"), encoding: .utf8)
        let url = ws.appendingPathComponent("capa-today.yaml")
        try Data(CLI.datedToday(text, from: "2026-03-16").utf8).write(to: url)
        return url.path
    }

    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOf: capa, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: capa)
    }

    /// The working copy and the register, to prove a refused action changed nothing.
    func snapshot() throws -> [Data] {
        [try Data(contentsOf: capa), try Data(contentsOf: ws.appendingPathComponent(".qms/register.json"))]
    }

    func change(_ summary: String, order: String, month: Int) throws {
        let m = month < 10 ? "0\(month)" : "\(month)"
        expectOK(try q("revise", "capa", "--summary", summary, "--pages", "P2", "--order", order, "--by", "王芳", "--date", "2026-\(m)-01"), "revise")
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-\(m)-01"), "prepared")
        expectOK(try q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-\(m)-02"), "reviewed")
        expectOK(try q("approve", "capa", "--role", "approved", "--by", "周建国", "--date", "2026-\(m)-03"), "approved")
        expectOK(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "release")
    }

    /// Approved content is what gets released: each signature records the hash of the draft it
    /// signs; an edit after a signature voids it, and release freezes only the approved text.
    @Test(.tags(.iso7_5_2, .cfr11_10f)) func onlyTheApprovedTextIsReleased() throws {
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        expectOK(try CLI.run(CLI.binary, ["init", ws.path]), "init")
        try edit("en=\"Corrective &amp; Preventive Action Form\"", "en=\"Corrective and Preventive Action Form\"")
        expectOK(try q("revise", "capa", "--summary", "英文标题", "--pages", "P1", "--order", "DCR-2026-010", "--by", "王芳", "--date", "2026-02-01"), "revise")
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-02-01"), "prepared")
        try edit("Corrective and Preventive Action Form", "Corrective and Preventive Action Sheet")
        expectRefused(try q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-02-02"), "changed after it was signed as prepared")
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-02-02"), "prepared again")
        expectOK(try q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-02-02"), "reviewed")
        expectOK(try q("approve", "capa", "--role", "approved", "--by", "周建国", "--date", "2026-02-03"), "approved")
        // Text nobody approved, slipped in after the last signature, is not released.
        try edit("Corrective and Preventive Action Sheet", "Corrective and Preventive Action Sheet (unapproved)")
        let before = try snapshot()
        expectRefused(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "not the text that was approved")
        #expect(try snapshot() == before)
        try edit("Corrective and Preventive Action Sheet (unapproved)", "Corrective and Preventive Action Sheet")
        expectOK(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "release")
        let frozen = try String(contentsOf: ws.appendingPathComponent(".qms/revisions/SG-QR-22-01/A-1.xml"), encoding: .utf8)
        #expect(frozen.contains("Corrective and Preventive Action Sheet\"") && !frozen.contains("unapproved") && frozen.contains("content-sha256="))
        // A/0 is obsolete now: naming its frozen file is no back door to it.
        expectRefused(try q("fill", ".qms/revisions/SG-QR-22-01/A-0.xml", "forms/examples/capa.yaml", "-o", "out"), code: 5, "obsolete")
        expectOK(try q("fill", "forms/capa.xml", try capaRaisedToday(), "-o", "out"), "fill through the working copy's path")
        #expect(try String(contentsOf: ws.appendingPathComponent("out/CAPA-2026-004.xml"), encoding: .utf8).contains("revision=\"A/1\""))
    }

    /// Control data change only as a recorded change, and never for the draft that proposes
    /// them: turning self-approval on, retention, the record number and the department show in
    /// `diff` and in the change record; an edit made after `revise` is refused until recorded;
    /// the draft that allows self-approval is still approved by three different people.
    @Test(.tags(.cfr11_10k)) func controlDataChangeOnlyAsARecordedChange() throws {
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        expectOK(try CLI.run(CLI.binary, ["init", ws.path]), "init")
        try edit("retention-years=\"3\"", "retention-years=\"1\"")
        try edit("record-number=\"CAPA-{yyyy}-{seq:3}\"", "record-number=\"CA-{yyyy}-{seq:4}\" self-approval=\"true\"")
        let diff = try q("diff", "capa")
        expectOK(diff, "diff")
        for line in ["retention", "3 years after closure", "1 year after closure", "CA-{yyyy}-{seq:4}", "self-approval", "allowed"] {
            #expect(diff.stdout.contains(line), "diff names \(line): \(diff.stdout)")
        }
        // The author's own wording does not hide a control change from the change record.
        expectOK(try q("revise", "capa", "--summary", "放宽", "--pages", "P1", "--order", "DCR-2026-020", "--by", "王芳",
                       "--before", "旧", "--after", "新", "--date", "2026-03-01"), "revise")
        let row = try String(contentsOf: capa, encoding: .utf8)
        #expect(row.contains("control self-approval: not allowed") && row.contains("control self-approval: allowed"))
        #expect(row.contains("control record-number: CA-{yyyy}-{seq:4}") && row.contains("control retention: 结案后1年"))
        // A change slipped in after revise is refused until it is recorded.
        try edit("department-en=\"Quality\"", "department-en=\"Quality Dept.\"")
        let before = try snapshot()
        expectRefused(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-03-01"), "does not say so")
        #expect(try snapshot() == before)
        expectRefused(try q("revise", "capa", "--summary", "x", "--pages", "P1", "--order", "DCR-2026-021", "--by", "王芳"), "--amend")
        expectOK(try q("revise", "capa", "--amend", "--summary", "放宽，部门", "--pages", "P1", "--order", "DCR-2026-021", "--by", "王芳",
                       "--date", "2026-03-01"), "amend")
        let amended = try String(contentsOf: capa, encoding: .utf8)
        #expect(amended.contains("control department: 质管部 Quality Dept.") && !amended.contains("DCR-2026-020"))
        // Self-approval proposed by this draft does not apply to it: the released rule does.
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-03-01"), "prepared")
        expectRefused(try q("approve", "capa", "--role", "reviewed", "--by", "王芳", "--date", "2026-03-02"), "three different people")
        expectOK(try q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-03-02"), "reviewed")
        expectRefused(try q("approve", "capa", "--role", "approved", "--by", "王芳 ", "--date", "2026-03-03"), "three different people")
        expectOK(try q("approve", "capa", "--role", "approved", "--by", "周建国", "--date", "2026-03-03"), "approved")
        expectOK(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "release")
        // Released, it is the rule in force for the next draft.
        try edit("Corrective &amp; Preventive Action Form", "Corrective and Preventive Action Form")
        expectOK(try q("revise", "capa", "--summary", "标题", "--pages", "P1", "--order", "DCR-2026-022", "--by", "王芳", "--date", "2026-04-01"), "revise")
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-04-01"), "prepared")
        expectOK(try q("approve", "capa", "--role", "reviewed", "--by", "王芳", "--date", "2026-04-01"), "self-reviewed, as A/1 allows")
    }

    /// A release is never effective before the day it is made; one still to come shows in the
    /// register with its day, and its blank form printed before that day says 未生效.
    @Test(.tags(.iso7_5_3)) func aReleaseStillToComeIsShownAndMarked() throws {
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        expectOK(try CLI.run(CLI.binary, ["init", ws.path]), "init")
        try edit("en=\"Corrective &amp; Preventive Action Form\"", "en=\"Corrective and Preventive Action Form\"")
        expectOK(try q("revise", "capa", "--summary", "英文标题", "--pages", "P1", "--order", "DCR-2026-050", "--by", "王芳", "--date", "2026-02-01"), "revise")
        for (role, by) in [("prepared", "王芳"), ("reviewed", "李强"), ("approved", "周建国")] {
            expectOK(try q("approve", "capa", "--role", role, "--by", by, "--date", "2026-02-02"), role)
        }
        expectRefused(try q("approve", "capa", "--role", "approved", "--by", "赵六"), "already approved by 周建国 on 2026-02-02")
        expectRefused(try q("release", "capa", "--effective", "2026-02-05", "--by", "周建国"), "never takes effect retroactively")
        let later = CLI.day(Date().addingTimeInterval(40 * 86_400))
        expectOK(try q("release", "capa", "--effective", later, "--by", "周建国"), "release")
        #expect(try q("register").stdout.contains("pending A/1 released, effective \(later)"))
        expectOK(try q("blank", "capa", "--revision", "A/1", "-o", "next"), "blank A/1")
        #expect(try String(contentsOf: ws.appendingPathComponent("next/capa-blank.html"), encoding: .utf8).contains("未生效 NOT YET EFFECTIVE</div>"))
        expectOK(try q("blank", "capa", "-o", "now"), "blank in force")
        #expect(try !String(contentsOf: ws.appendingPathComponent("now/capa-blank.html"), encoding: .utf8).contains("未生效"))
    }

    /// Frozen revisions are bound to the audit trail: a frozen file rewritten together with its
    /// hash in the register passes the register's own check but not the trail's.
    @Test func aFrozenRevisionForgedWithItsHashIsFound() throws {
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        expectOK(try CLI.run(CLI.binary, ["init", ws.path, "--by", "文控"]), "init")
        let log = try String(contentsOf: ws.appendingPathComponent("archive/audit.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 13 && log.contains("\"action\":\"register\"") && log.contains("\"actor\":\"文控\""))
        expectOK(try q("register", "--verify"), "verify a fresh workspace")
        let frozen = ws.appendingPathComponent(".qms/revisions/SG-QR-22-01/A-0.xml")
        func digest() throws -> String {
            String(try CLI.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [frozen.path]).stdout.prefix(64))
        }
        let before = try digest()
        let forged = Data(try String(contentsOf: frozen, encoding: .utf8).replacingOccurrences(of: "纠正和预防措施处理单", with: "纠正措施单").utf8)
        chmod(frozen.path, 0o644)
        try forged.write(to: frozen)
        let register = ws.appendingPathComponent(".qms/register.json")
        let text = try String(contentsOf: register, encoding: .utf8).replacingOccurrences(of: before, with: try digest())
        try Data(text.utf8).write(to: register)
        expectRefused(try q("register", "--verify"), "no registration or release in the audit log records those bytes")
    }

    @Test(.tags(.iso7_5_2, .cfr11_10k, .cfr11_10e)) func theWholeScenario() throws {
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let initialised = try CLI.run(CLI.binary, ["init", ws.path, "--from", CLI.root.appendingPathComponent("forms").path])
        expectOK(initialised, "init")
        #expect(initialised.stdout.contains("13 controlled documents registered"))
        expectRefused(try CLI.run(CLI.binary, ["init", ws.path, "--from", CLI.root.appendingPathComponent("forms").path]), "already holds a workspace")

        // A CAPA record at A/0.
        expectOK(try q("fill", "capa", "forms/examples/capa.yaml", "-o", "a0"), "fill A/0")
        let a0HTML = try Data(contentsOf: ws.appendingPathComponent("a0/CAPA-2026-004.html"))
        #expect(try String(contentsOf: ws.appendingPathComponent("a0/CAPA-2026-004.xml"), encoding: .utf8).contains("revision=\"A/0\""))

        // Refusals before any draft exists.
        var before = try snapshot()
        expectRefused(try q("approve", "capa", "--role", "prepared", "--by", "王芳"), "released and frozen")
        expectRefused(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "has no draft revision")
        expectRefused(try q("revise", "capa", "--summary", "x", "--pages", "P1", "--order", "DCR-1", "--by", "王芳"), "no change to revise")
        #expect(try snapshot() == before)

        // Edit a label; revise; the refusals of an open draft; then approve ×3 and release A/1.
        try edit("zh=\"事实描述\" en=\"Description\"", "zh=\"不合格事实描述\" en=\"Description of the nonconformity\"")
        before = try snapshot()
        expectRefused(try CLI.run(CLI.binary, ["revise", "capa", "--summary", "x", "--pages", "P1", "--order", "DCR-1", "--workspace", ws.path]), "needs --by")
        #expect(try snapshot() == before)
        expectOK(try q("revise", "capa", "--summary", "1 事实描述栏改名", "--pages", "P1", "--order", "DCR-2026-004", "--by", "王芳", "--date", "2026-02-01"), "revise")
        before = try snapshot()
        expectRefused(try q("approve", "capa", "--role", "reviewed", "--by", "李强"), "the next signature is prepared")
        expectRefused(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "not approved (missing: prepared, reviewed, approved)")
        expectRefused(try q("fill", "capa", "forms/examples/capa.yaml", "--revision", "A/1", "-o", "x"), "needs --draft")
        #expect(try snapshot() == before)
        // A draft prints, and fills with --draft, marked DRAFT.
        expectOK(try q("fill", "capa", "forms/examples/capa.yaml", "--draft", "-o", "draft"), "fill --draft")
        #expect(try String(contentsOf: ws.appendingPathComponent("draft/CAPA-2026-004.html"), encoding: .utf8).contains("草稿 DRAFT</div>"))
        expectOK(try q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-02-01"), "prepared")
        expectOK(try q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-02-02"), "reviewed")
        before = try snapshot()
        expectRefused(try q("approve", "capa", "--role", "approved", "--by", "王芳", "--date", "2026-02-03"), "may not also sign it as approved")
        // However the name is spelled, and for the reviewer too: three signatures are three people.
        expectRefused(try q("approve", "capa", "--role", "approved", "--by", "王\u{200B}芳 ", "--date", "2026-02-03"), "may not also sign")
        expectRefused(try q("approve", "capa", "--role", "approved", "--by", "李强\u{3000}", "--date", "2026-02-03"), "signed this revision as reviewed")
        #expect(try snapshot() == before)
        expectOK(try q("approve", "capa", "--role", "approved", "--by", "周建国", "--date", "2026-02-03"), "approved")
        expectOK(try q("release", "capa", "--effective", CLI.today, "--by", "周建国"), "release A/1")

        // Four more changes: A/2, A/3, A/4, then B/0 by the threshold.
        for (i, month) in [2, 3, 4, 5].enumerated() {
            try edit("en=\"Root cause\(i == 0 ? "" : " v\(i + 1)")\"", "en=\"Root cause v\(i + 2)\"")
            try change("3 原因分析英文名 v\(i + 2)", order: "DCR-2026-01\(i + 2)", month: month + 1)
        }
        let history = try q("history", "capa", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as! [[String: Any]]
        #expect(rows.map { $0["version"] as? String } == ["A/0", "A/1", "A/2", "A/3", "A/4", "B/0"])
        #expect((rows.last?["remarks"] as? String)?.contains("换版") == true)
        let diff = try q("diff", "capa", "A/0", "A/1")
        #expect(diff.stdout.contains("label of s1.description changed: 事实描述 Description → 不合格事实描述 Description of the nonconformity"))
        let register = try q("register", "--format", "json")
        let list = try JSONSerialization.jsonObject(with: Data(register.stdout.utf8)) as! [[String: Any]]
        let row = list.first { $0["number"] as? String == "SG-QR-22-01" }
        #expect(row?["revision"] as? String == "B/0")
        #expect(row?["status"] as? String == "effective")
        #expect((row?["revisions"] as? [String])?.first == "A/0 obsolete")

        // The A/0 record renders again, byte for byte, from its pinned revision.
        expectOK(try q("render", "a0/CAPA-2026-004.xml", "-o", "again"), "render")
        #expect(try Data(contentsOf: ws.appendingPathComponent("again/CAPA-2026-004.html")) == a0HTML)
        #expect(a0HTML == (try Data(contentsOf: CLI.root.appendingPathComponent("Tests/QMSFormsTests/Golden/capa.html"))))
        // A new record pins B/0; A/0 is refused, naming the effective revision.
        expectOK(try q("fill", "capa", try capaRaisedToday(), "-o", "b0"), "fill B/0")
        #expect(try String(contentsOf: ws.appendingPathComponent("b0/CAPA-2026-004.xml"), encoding: .utf8).contains("revision=\"B/0\""))
        // The example, raised on 2026-03-16 under A/0, is recorded on A/0: the revision in force on its date.
        expectOK(try q("fill", "capa", "forms/examples/capa.yaml", "-o", "old"), "fill a CAPA raised under A/0")
        #expect(try String(contentsOf: ws.appendingPathComponent("old/CAPA-2026-004.xml"), encoding: .utf8).contains("revision=\"A/0\""))
        expectRefused(try q("fill", "capa", "forms/examples/capa.yaml", "--revision", "A/0", "-o", "x"), "A/0 is obsolete; the effective revision is B/0")
        // The obsolete revision still prints, marked OBSOLETE; controlled and uncontrolled copies are stamped.
        expectOK(try q("blank", "capa", "--revision", "A/0", "-o", "marks"), "blank A/0")
        #expect(try String(contentsOf: ws.appendingPathComponent("marks/capa-blank.html"), encoding: .utf8).contains("作废 OBSOLETE</div>"))
        expectOK(try q("blank", "capa", "--copy", "03", "--with-history", "-o", "copy"), "blank --copy")
        let copy = try String(contentsOf: ws.appendingPathComponent("copy/capa-blank.html"), encoding: .utf8)
        #expect(copy.contains("分发号 Copy No. 03"))
        #expect(copy.contains("DCR-2026-015"))
        expectOK(try q("blank", "service-control", "--uncontrolled", "-o", "proc"), "blank procedure")
        #expect(try String(contentsOf: ws.appendingPathComponent("proc/service-control-blank.html"), encoding: .utf8).contains("非受控 UNCONTROLLED"))

        // A revision going backward: the working copy put back to an old released revision.
        before = try snapshot()
        let a2 = ws.appendingPathComponent(".qms/revisions/SG-QR-22-01/A-2.xml")
        try Data(contentsOf: a2).write(to: capa)
        expectRefused(try q("revise", "capa", "--summary", "y", "--pages", "P1", "--order", "DCR-9", "--by", "王芳"), "would go backward from B/0 to A/2")
        try before[0].write(to: capa)
        // …and one jumping ahead, B/0 to B/3 by hand, without revise.
        try edit("edition=\"B\" revision=\"0\"", "edition=\"B\" revision=\"3\"")
        try edit("version=\"B/0\"", "version=\"B/3\"")
        expectRefused(try q("approve", "capa", "--role", "prepared", "--by", "王芳"), "after B/0 comes B/1 or C/0")
        try before[0].write(to: capa)

        // Tampering with a frozen revision is caught, naming the document.
        expectOK(try q("register", "--verify"), "verify clean")
        chmod(a2.path, 0o644)
        var bytes = try Data(contentsOf: a2)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: a2)
        expectRefused(try q("register", "--verify"), "SG-QR-22-01 A/2: the frozen file")

        // The marked pages are valid HTML too.
        try expectValidHTML(["draft/CAPA-2026-004.html", "marks/capa-blank.html", "copy/capa-blank.html", "proc/service-control-blank.html"]
            .map { ws.appendingPathComponent($0) })
        let registerHTML = try q("register", "--format", "html")
        #expect(registerHTML.stdout.contains("受控文件清单"))
    }
}
