import ComplianceTags
import Foundation
import Testing

/// Faults, for real: processes killed at random moments, two writers at once, files and log
/// lines tampered with, a disk that fills up. The archive must stay consistent and say what is wrong.
@Suite(.serialized) struct ArchiveFaultTests {
    /// `CAPA-2026-001` … `CAPA-2026-nnn`.
    static func consecutive(_ n: Int) -> [String] {
        (1...max(n, 1)).prefix(n).map { "CAPA-2026-" + String(repeating: "0", count: max(0, 3 - String($0).count)) + String($0) }
    }

    /// Kills in CI; `bench/kill-campaign.sh` runs the long campaign (figures in docs/archive.md).
    static let kills = 30

    @Test(.tags(.cfr11_10c)) func killedAtRandomMoments() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        var reported: [String] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<Self.kills {
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["issue", "capa", f.data("capa"), "--by", "王芳"]
            p.currentDirectoryURL = f.ws
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Up to 400 ms: under a loaded test run an issue takes 100–300 ms, so kills land before, inside and after it.
            usleep(UInt32.random(in: 0...400_000, using: &generator))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if p.terminationReason == .exit && p.terminationStatus == 0, let number = text.split(separator: "\t").first {
                reported.append(String(number))
            }
        }
        // Verify changes nothing: a kill inside an action leaves its journal for the next action,
        // and verify says so; any action (here reindex) then finishes or undoes it.
        let first = try f.q("archive", "verify")
        if first.status != 0 { #expect(first.stderr.contains("pending.json"), "\(first.stderr)") }
        #expect(try f.q("archive", "reindex").status == 0)
        let verify = try f.q("archive", "verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        let numbers = try f.numbers()
        // No half-written record, no number twice, no gap, and every reported issue present.
        #expect(numbers == Self.consecutive(numbers.count))
        #expect(Set(reported).isSubset(of: Set(numbers)))
        #expect(reported.count > 0 && reported.count < Self.kills, "the kills should land both inside and after issues (\(reported.count) completed)")
        // Still usable: the next issue takes the next number.
        let next = try f.q("issue", "capa", f.data("capa"), "--by", "王芳")
        #expect(next.stdout.hasPrefix(Self.consecutive(numbers.count + 1).last! + "\t"), "\(next.stderr)")
    }

    @Test func twoProcessesIssuingFiveHundredEachGetAThousandConsecutiveNumbers() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let script = "for i in $(seq 500); do \"$0\" issue capa \"$1\" --by \"$2\" || echo FAILED; done"
        let writers = try ["甲", "乙"].map { name -> (Process, Pipe) in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script, CLI.binary.path, f.data("capa"), name]
            p.currentDirectoryURL = f.ws
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            return (p, out)
        }
        var issued: [String] = []
        for (p, out) in writers {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(!text.contains("FAILED"))
            issued += text.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
        }
        #expect(issued.count == 1000)
        #expect(Set(issued).count == 1000)
        #expect(issued.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count } == Self.consecutive(1000))
        #expect(try f.q("archive", "verify").status == 0)
    }

    @Test(.tags(.cfr11_10a)) func oneChangedByteOrLogLineIsFoundAndNamed() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        for _ in 0..<3 { #expect(try f.q("issue", "capa", f.data("capa"), "--by", "王芳").status == 0) }
        #expect(try f.q("archive", "verify").status == 0)
        let pristine = f.root.appendingPathComponent("pristine")
        try FileManager.default.copyItem(at: f.ws, to: pristine)
        func restore() throws {
            try FileManager.default.removeItem(at: f.ws)
            try FileManager.default.copyItem(at: pristine, to: f.ws)
        }
        func flip(_ relative: String) throws {
            let url = f.archive.appendingPathComponent(relative)
            chmod(url.path, 0o644)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: url)
        }
        let cases: [(String, () throws -> Void, String)] = [
            ("XML byte", { try flip("records/SG-QR-22-01/CAPA-2026-002/r0.xml") }, "CAPA-2026-002 r0: the XML record was changed"),
            ("HTML byte", { try flip("records/SG-QR-22-01/CAPA-2026-003/r0.html") }, "CAPA-2026-003 r0: the HTML print was changed"),
            ("deleted file", { try FileManager.default.removeItem(at: f.archive.appendingPathComponent("records/SG-QR-22-01/CAPA-2026-001/r0.html")) },
             "CAPA-2026-001 r0: the HTML print is missing"),
            ("deleted log line", {
                let url = f.archive.appendingPathComponent("audit.log")
                var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                lines.remove(at: 1)
                try Data(lines.joined(separator: "\n").utf8).write(to: url)
            }, "audit.log line 2: entry 3 where 2 was expected"),
            ("edited log line", {
                let url = f.archive.appendingPathComponent("audit.log")
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "\"actor\":\"王芳\"", with: "\"actor\":\"王五\"").utf8).write(to: url)
            }, "was changed (its hash does not match its content)"),
            ("extra file", { try Data("x".utf8).write(to: f.archive.appendingPathComponent("records/SG-QR-22-01/CAPA-2026-001/r9.xml")) },
             "r9.xml: a file in the archive that no audit entry accounts for"),
        ]
        for (name, damage, message) in cases {
            try restore()
            try damage()
            let r = try f.q("archive", "verify")
            #expect(r.status == 5, "\(name) was not found")
            #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
        }
    }

    @Test(.tags(.cfr11_10c)) func aFullDiskGivesAClearErrorAndAConsistentArchive() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "8d", f.data("8d"), "--by", "李强").stdout.hasPrefix("8D-2026-001"))
        // Files may grow to 16 KiB only: the 8D's HTML print does not fit.
        let limited = try CLI.run(URL(fileURLWithPath: "/bin/bash"),
                                  ["-c", "ulimit -f 16; exec \"$0\" issue 8d \"$1\" --by 李强", CLI.binary.path, f.data("8d")], in: f.ws)
        #expect(limited.status == 4, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write") && limited.stderr.contains("r0.html: file too large")
                && limited.stderr.contains("ulimit -f"), "\(limited.stderr)")
        #expect(try f.q("archive", "verify").status == 0)
        #expect(try f.numbers() == ["8D-2026-001"])
        #expect(try f.q("issue", "8d", f.data("8d"), "--by", "李强").stdout.hasPrefix("8D-2026-002"))
        #expect(try f.q("archive", "verify").status == 0)
    }

    /// Verify changes nothing; a log whose last line lost its line end is reported, every other
    /// action refuses to pass it, and only an explicit, logged repair mends it.
    @Test func verifyChangesNothingAndATornLogWaitsForAnExplicitRepair() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        #expect(try f.q("void", "YJ-2026-001", "--reason", "重复登记", "--by", "王芳").status == 0)
        let log = f.archive.appendingPathComponent("audit.log")
        var bytes = try Data(contentsOf: log)
        bytes.removeLast()   // the void's line end
        try bytes.write(to: log)
        let verify = try f.q("archive", "verify")
        #expect(verify.status == 5 && verify.stderr.contains("no line end"), "\(verify.stderr)")
        #expect(try Data(contentsOf: log) == bytes, "verify changed the log")
        let issue = try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳")
        #expect(issue.status == 5 && issue.stderr.contains("archive repair"), "\(issue.stderr)")
        #expect(try Data(contentsOf: log) == bytes, "an action changed a torn log")
        // The void (entry 15, after 13 registrations and the issue) was whole: repair gives its line end back and logs it.
        let repair = try f.q("archive", "repair", "--by", "管理员")
        #expect(repair.status == 0 && repair.stdout.contains("restored the line end of entry 15"), "\(repair.stdout)\(repair.stderr)")
        #expect(try f.q("archive", "verify").status == 0)
        #expect(try f.q("archive", "show", "YJ-2026-001").stdout.contains("void"))
        // Garbage at the end is removed, with its size and hash in the repair entry.
        try (Data(contentsOf: log) + Data("{\"seq\":9,\"act".utf8)).write(to: log)
        let removed = try f.q("archive", "repair", "--by", "管理员")
        #expect(removed.stdout.contains("removed an incomplete last line of 13 bytes"), "\(removed.stdout)\(removed.stderr)")
        #expect(try f.q("archive", "verify").status == 0)
        #expect(try f.q("archive", "repair", "--by", "管理员").stdout.contains("nothing to repair"))
    }

    /// Numbers come from the trail: a rolled-back `counters.json` neither fails the next issue
    /// nor re-issues a number, and nothing a committed entry accounts for is deleted.
    @Test func aRolledBackCounterFileCannotReissueANumberOrDeleteARecord() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let counters = f.archive.appendingPathComponent("counters.json")
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        let early = try Data(contentsOf: counters)
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        #expect(try f.q("void", "YJ-2026-002", "--reason", "重复登记", "--by", "王芳").status == 0)
        try early.write(to: counters)
        let next = try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳")
        #expect(next.status == 0 && next.stdout.hasPrefix("YJ-2026-003\t"), "\(next.stdout)\(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.archive.appendingPathComponent("records/SG-QR-07-04/YJ-2026-002/r0.xml").path))
        #expect(try f.q("archive", "verify").status == 0)
    }

    /// Once the audit entry is written the action has happened: an index that fails afterwards
    /// is a warning with the number (exit 0), and the next command rebuilds the index.
    @Test func aFailureAfterTheCommitIsAWarningAndTheIndexIsRebuilt() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        // An empty audit log is a new archive, not a damaged one.
        try FileManager.default.createDirectory(at: f.archive, withIntermediateDirectories: true)
        try Data().write(to: f.archive.appendingPathComponent("audit.log"))
        #expect(try f.q("archive", "verify").status == 0)
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").stdout.hasPrefix("YJ-2026-001\t"))
        let index = f.archive.appendingPathComponent("index.sqlite")
        try Data(repeating: 0x5A, count: 4096).write(to: index)   // not a database: the index cannot be opened
        let issued = try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳")
        #expect(issued.status == 0 && issued.stdout.hasPrefix("YJ-2026-002\t"), "\(issued.stdout)\(issued.stderr)")
        #expect(issued.stderr.contains("warning: YJ-2026-002 is done") && issued.stderr.contains("do not repeat"), "\(issued.stderr)")
        try FileManager.default.removeItem(at: index)
        #expect(try f.numbers() == ["YJ-2026-001", "YJ-2026-002"])   // rebuilt by the next command
        #expect(try f.q("archive", "verify").status == 0)
    }

    /// The index never decides destruction, and verify compares every indexed column with the
    /// record: an edited `index.sqlite` cannot get a record disposed of early, and is found.
    @Test func anEditedIndexCannotDestroyARecordAndIsFound() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)   // kept until 2029-03-16
        let index = f.archive.appendingPathComponent("index.sqlite").path
        let edit = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE records SET keep_until = '2020-01-01', customer = '别的公司'")
            c.execute("UPDATE records_text SET body = 'x'")
            c.commit()
            """, index])
        #expect(edit.status == 0, "\(edit.stderr)")
        let dispose = try f.q("archive", "dispose", "YJ-2026-001", "--reason", "到期", "--by", "王芳")
        #expect(dispose.status == 5 && dispose.stderr.contains("kept until 2029-03-16"), "\(dispose.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.archive.appendingPathComponent("records/SG-QR-07-04/YJ-2026-001/r0.xml").path))
        let verify = try f.q("archive", "verify")
        #expect(verify.status == 5, "\(verify.stderr)")
        for column in ["keepUntil is '2020-01-01' in the index but '2029-03-16'", "customer is '别的公司'", "searchable text differs"] {
            #expect(verify.stderr.contains(column), "\(column): \(verify.stderr)")
        }
        #expect(try f.q("archive", "reindex").status == 0)
        #expect(try f.q("archive", "verify").status == 0)
    }

    /// Export verifies first: a tampered archive is not packaged for an auditor.
    @Test func exportRefusesAnArchiveThatDoesNotVerify() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        let good = f.root.appendingPathComponent("good-bag")
        #expect(try f.q("archive", "export", "-o", good.path, "--by", "审核员").status == 0)
        let info = try String(contentsOf: good.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        #expect(info.contains("Audit-Chain-Head: entry 14, SHA-256 "), "\(info)")
        let html = f.archive.appendingPathComponent("records/SG-QR-07-04/YJ-2026-001/r0.html")
        chmod(html.path, 0o644)
        try (Data(contentsOf: html) + Data(" ".utf8)).write(to: html)
        let bag = f.root.appendingPathComponent("bag")
        let refused = try f.q("archive", "export", "-o", bag.path, "--by", "审核员")
        #expect(refused.status == 5 && refused.stderr.contains("does not verify") && refused.stderr.contains("HTML print was changed"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bag.path))
    }

    /// The workspace's files are plain files: a symbolic link is refused, never read into a page
    /// nor written through.
    @Test func symbolicLinksAreRefusedNotFollowed() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: f.ws.appendingPathComponent("logo.png").path, withDestinationPath: "/etc/hostname")
        try Data("company: {zh: 公司, en: Company}\nlogo: logo.png\n".utf8).write(to: f.ws.appendingPathComponent("qms.yaml"))
        let fill = try f.q("fill", "opinion", f.data("opinion"), "-o", "out")
        #expect(fill.status == 3 && fill.stderr.contains("symbolic link"), "\(fill.stderr)")
        #expect(!fm.fileExists(atPath: f.ws.appendingPathComponent("out").path))
        try fm.removeItem(at: f.ws.appendingPathComponent("qms.yaml"))
        // The archive's folders: records moved elsewhere behind a link are not written through.
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        let elsewhere = f.root.appendingPathComponent("elsewhere")
        try fm.moveItem(at: f.archive.appendingPathComponent("records"), to: elsewhere)
        try fm.createSymbolicLink(atPath: f.archive.appendingPathComponent("records").path, withDestinationPath: elsewhere.path)
        let issue = try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳")
        #expect(issue.status == 4 && issue.stderr.contains("records: a symbolic link"), "\(issue.stderr)")
        #expect(try f.q("archive", "verify").status != 0)
        #expect(try fm.contentsOfDirectory(atPath: elsewhere.appendingPathComponent("SG-QR-07-04").path) == ["YJ-2026-001"])
    }

    /// A forged entry with a correctly recomputed chain is found: the archive signs the head of
    /// its trail after every action, and a forger without the key cannot sign theirs. An anchor
    /// written down elsewhere proves the history still holds it.
    @Test(.tags(.cfr11_10a)) func aRecomputedChainIsFoundBySignedHeadAndAnchor() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        let anchor = try f.q("archive", "anchor")
        #expect(anchor.status == 0 && anchor.stdout.hasPrefix("14:"), "\(anchor.stdout)")
        let mark = String(anchor.stdout.split(separator: "\t")[0])
        #expect(try f.q("archive", "verify", "--anchor", mark).status == 0)
        let key = f.archive.appendingPathComponent("signing-key.pem")
        var info = stat()
        #expect(stat(key.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // Append a void with every hash recomputed, as a forger with write access would.
        let forge = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import hashlib, json, sys
            path = sys.argv[1]
            last = json.loads(open(path, encoding="utf-8").read().splitlines()[-1])
            e = {"action": "void", "actor": "王芳", "form": last["form"], "number": last["number"], "prev": last["hash"],
                 "reason": "forged", "revision": last["revision"], "seq": last["seq"] + 1, "time": last["time"], "hash": ""}
            canon = lambda d: json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            e["hash"] = hashlib.sha256(canon(e).encode()).hexdigest()
            open(path, "a", encoding="utf-8").write(canon(e) + "\\n")
            """, f.archive.appendingPathComponent("audit.log").path])
        #expect(forge.status == 0, "\(forge.stderr)")
        let verify = try f.q("archive", "verify")
        #expect(verify.status == 5 && verify.stderr.contains("come after the last signed head"), "\(verify.stderr)")
        #expect(!verify.stderr.contains("canonical") && !verify.stderr.contains("changed"), "the forgery's chain itself is consistent: \(verify.stderr)")
        let gone = try f.q("archive", "verify", "--anchor", "14:" + String(repeating: "0", count: 64))
        #expect(gone.stderr.contains("no longer holds anchored entry 14"), "\(gone.stderr)")
    }

    /// The bag carries the signed chain head, and an auditor checks it with openssl alone: the
    /// signature holds for the head it names, fails for any other, and its key is the one whose
    /// fingerprint `archive anchor` printed.
    @Test(.tags(.cfr11_10b)) func theBagsSignedHeadVerifiesWithOpenSSL() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        #expect(try f.q("issue", "opinion", f.data("opinion"), "--by", "王芳").status == 0)
        let anchor = try f.q("archive", "anchor").stdout
        let bag = f.root.appendingPathComponent("bag")
        #expect(try f.q("archive", "export", "-o", bag.path, "--by", "审核员").status == 0)
        let info = try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        func tag(_ name: String) -> String {
            info.split(separator: "\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) } ?? ""
        }
        let text = tag("Audit-Chain-Head-Signed-Text"), head = String(anchor.split(separator: "\t")[0])
        #expect(text == "qmsforms audit head " + head.replacingOccurrences(of: ":", with: " "), "\(info)")
        #expect(anchor.hasSuffix("key SHA-256 " + tag("Audit-Chain-Head-Key-SHA256") + "\n"), "\(anchor) / \(info)")
        let check = """
            set -e
            grep '^Audit-Chain-Head-Public-Key: ' "$1/bag-info.txt" | cut -d' ' -f2 | base64 -d > key.der
            test "$(sha256sum key.der | cut -c1-64)" = "$(grep '^Audit-Chain-Head-Key-SHA256: ' "$1/bag-info.txt" | cut -d' ' -f2)"
            openssl pkey -pubin -inform DER -in key.der -out key.pem
            grep '^Audit-Chain-Head-Signature: ' "$1/bag-info.txt" | cut -d' ' -f2 | base64 -d > head.sig
            printf '%s' "$2" > head.txt
            openssl dgst -sha256 -verify key.pem -signature head.sig head.txt
            """
        let sh = URL(fileURLWithPath: "/bin/sh")
        let good = try CLI.run(sh, ["-c", check, "check", bag.path, text], in: f.root)
        #expect(good.status == 0 && good.stdout.contains("Verified OK"), "\(good.stdout) \(good.stderr)")
        let other = try CLI.run(sh, ["-c", check, "check", bag.path, text.replacingOccurrences(of: "head 14 ", with: "head 13 ")], in: f.root)
        #expect(other.status != 0 && other.stdout.contains("Verification failure"), "\(other.stdout) \(other.stderr)")
    }
}
