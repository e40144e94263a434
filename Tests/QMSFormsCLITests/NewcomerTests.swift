import Foundation
import Testing

/// What a newcomer hits first: a binary copied anywhere carries its forms; messages name the
/// file, what failed and what to do; malformed dates, revisions and states are usage errors;
/// `--format json` prints the problems; records are filled against frozen revisions only.
@Suite struct NewcomerTests {
    /// No Foundation or NSError text may reach a user.
    func expectPlain(_ r: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in ["NSCocoaErrorDomain", "Error Domain=", "NSError", "NSUnderlyingError", "NSFilePath", "Code="] {
            #expect(!r.stderr.contains(raw), "raw Foundation text in: \(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func aCopiedBinaryRunsWithNoCheckoutBesideIt() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("qmsforms")
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        func q(_ args: String..., in folder: URL? = nil) throws -> CLI.Result { try CLI.run(binary, args, in: folder ?? dir) }

        // Outside any workspace: the built-in forms, and a plain word about where we are.
        let forms = try q("forms")
        #expect(forms.status == 0, "\(forms.stderr)")
        #expect(forms.stdout.split(separator: "\n").count == 13)
        #expect(forms.stdout.contains("SG-QR-22-02") && forms.stdout.contains("(built in)"))
        #expect(forms.stderr.contains("not a workspace") && forms.stderr.contains("--workspace"))
        #expect(try q("show", "8d").stdout.contains("d3"))
        #expect(try q("blank", "capa", "-o", "blank").status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("blank/capa-blank.html").path))

        // init takes the built-in forms; the workspace has them with their examples.
        let initialised = try q("init", "ws")
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("13 controlled documents registered"))
        let ws = dir.appendingPathComponent("ws")
        let shipped = try Data(contentsOf: CLI.root.appendingPathComponent("forms/examples/8d.yaml"))
        #expect(try Data(contentsOf: ws.appendingPathComponent("forms/examples/8d.yaml")) == shipped)
        let filled = try q("fill", "8d", "ws/forms/examples/8d.yaml", "-o", "out")
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/8D-2026-001.xml").path))
        // fill FORM DATA also works with no workspace at all.
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("forms/examples/capa.yaml"), to: dir.appendingPathComponent("capa.yaml"))
        let plain = try CLI.run(binary, ["fill", "capa", "capa.yaml", "-o", "plain"], in: dir, environment: ["QMS_WORKSPACE": dir.path])
        #expect(plain.status == 0, "\(plain.stderr)")
        let demo = try q("demo", "--year", "2026", "--shipments", "20", "--workspace", "demo")
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(try q("archive", "verify", in: dir.appendingPathComponent("demo")).status == 0)
    }

    @Test func initSaysWhatIsInTheWay() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("notes".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let busy = try CLI.qmsforms("init", dir.path)
        #expect(busy.status == 5 && busy.stderr.contains("not empty") && !busy.stderr.contains("already holds"), "\(busy.stderr)")
        let ws = dir.appendingPathComponent("ws")
        #expect(try CLI.qmsforms("init", ws.path).status == 0)
        let again = try CLI.qmsforms("init", ws.path)
        #expect(again.status == 5 && again.stderr.contains("already holds a workspace"), "\(again.stderr)")
        let missing = try CLI.qmsforms("init", dir.appendingPathComponent("other").path, "--from", "/no/such/forms")
        #expect(missing.status == 4 && missing.stderr.contains("/no/such/forms") && missing.stderr.contains("no such file"), "\(missing.stderr)")
        expectPlain(missing)
    }

    @Test func ioFailuresNameTheFileAndWhatToDo() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = CLI.root.appendingPathComponent("forms/examples/8d.yaml").path
        let blocked = dir.appendingPathComponent("file")
        try Data().write(to: blocked)
        for r in [try CLI.qmsforms("fill", "8d", example, "-o", blocked.appendingPathComponent("out").path),
                  try CLI.qmsforms("validate", "8d", dir.appendingPathComponent("missing.yaml").path),
                  try CLI.qmsforms("init", blocked.appendingPathComponent("ws").path),
                  try CLI.qmsforms("blank", "8d", "-o", "/proc/qmsforms-cannot-write")] {
            #expect(r.status == 4 || r.status == 5, "\(r.stderr)")
            #expect(r.stderr.contains("cannot ") || r.stderr.contains("not empty"), "\(r.stderr)")
            expectPlain(r)
        }
    }

    @Test func malformedTypedValuesAreUsageErrors() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        for (args, accepted) in [(["archive", "search", "--state", "voidd"], "issued"),
                                 (["archive", "search", "--from", "2026-02-30"], "yyyy-mm-dd"),
                                 (["archive", "due", "--as-of", "9999"], "yyyy-mm-dd"),
                                 (["register", "--as-of", "tomorrow"], "yyyy-mm-dd"),
                                 (["approve", "capa", "--role", "boss", "--by", "x"], "prepared"),
                                 (["release", "capa", "--effective", "2026-1-1"], "yyyy-mm-dd"),
                                 (["diff", "capa", "A0", "A/1"], "edition/revision"),
                                 (["fill", "capa", "x.yaml", "-o", "o", "--revision", "1"], "edition/revision"),
                                 (["archive", "dispose", "X-1", "--reason", "r", "--by", "b", "--as-of", "2030-01-01"], "as-of")] {
            let r = try f.q(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(accepted), "\(args) should name \(accepted): \(r.stderr)")
        }
    }

    @Test func validationProblemsAsJSON() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        let text = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/capa.yaml"), encoding: .utf8)
        try Data((text + "\nbogus_key: 1\n").utf8).write(to: bad)
        let r = try CLI.qmsforms("validate", "capa", bad.path, "--format", "json")
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == false)
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["path"] as? String == "bogus_key" && $0["rule"] as? String == "unknown-key" && $0["line"] is Int })
        let good = try CLI.qmsforms("validate", "capa", "forms/examples/capa.yaml", "--format", "json")
        #expect(good.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])?["valid"] as? Bool == true)
        try Data("{\"a\": ".utf8).write(to: dir.appendingPathComponent("torn.json"))
        let torn = try CLI.qmsforms("fill", "capa", dir.appendingPathComponent("torn.json").path, "-o", dir.path, "--format", "json")
        #expect(torn.status == 1)
        let tornJSON = try JSONSerialization.jsonObject(with: Data(torn.stdout.utf8)) as? [String: Any]
        #expect(((tornJSON?["problems"] as? [[String: Any]])?.first?["rule"] as? String) == "syntax", "\(torn.stdout)")
    }

    @Test func fillingReadsTheFrozenRevisionNotTheWorkingCopy() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let working = f.ws.appendingPathComponent("forms/capa.xml")
        let handle = try FileHandle(forWritingTo: working)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<broken".utf8))
        try handle.close()
        let filled = try f.q("fill", "capa", "forms/examples/capa.yaml", "-o", "out")
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try String(contentsOf: f.ws.appendingPathComponent("out/CAPA-2026-004.xml"), encoding: .utf8).contains("revision=\"A/0\""))
        let issued = try f.q("issue", "capa", f.data("capa"), "--by", "王芳")
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(try f.q("validate", "capa", "forms/examples/capa.yaml").status == 0)
        // The working copy matters to revise, which says it is broken.
        let revise = try f.q("revise", "capa", "--summary", "s", "--pages", "P1", "--order", "DCR-1", "--by", "王芳")
        #expect(revise.status == 3, "\(revise.stderr)")
    }

    @Test func aBackDatedApprovalIsRefusedNotAnIOError() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let working = f.ws.appendingPathComponent("forms/capa.xml")
        let text = try String(contentsOf: working, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "纠正和预防措施处理单", with: "纠正与预防措施处理单").utf8).write(to: working)
        #expect(try f.q("revise", "capa", "--summary", "改标题", "--pages", "P1", "--order", "DCR-2026-009", "--by", "王芳").status == 0)
        #expect(try f.q("approve", "capa", "--role", "prepared", "--by", "王芳", "--date", "2026-06-10").status == 0)
        let early = try f.q("approve", "capa", "--role", "reviewed", "--by", "李强", "--date", "2026-06-01")
        #expect(early.status == 5, "\(early.stderr)")
        #expect(early.stderr.contains("before prepared on 2026-06-10"), "\(early.stderr)")
    }
}
