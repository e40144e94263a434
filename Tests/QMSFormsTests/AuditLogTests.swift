import ComplianceTags
import Foundation
import Testing
@testable import QMSForms

/// What only the file trail can suffer: a torn last line from a crash mid-append.
@Suite struct AuditLogTests {
    func log() throws -> AuditLog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qms-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return AuditLog(url: dir.appendingPathComponent("audit.log"))
    }

    @Test(.tags(.cfr11_10e)) func entriesChainAndATornTailIsDropped() throws {
        let log = try log()
        defer { try? FileManager.default.removeItem(at: log.url.deletingLastPathComponent()) }
        for i in 1...3 {
            try log.append(AuditEntry(seq: 0, time: "2026-01-0\(i)T00:00:00Z", actor: "甲", action: .issue, number: "X-2026-00\(i)", prev: ""))
        }
        #expect(log.entries().map(\.seq) == [1, 2, 3])
        #expect(log.entries()[1].prev == log.entries()[0].hash)
        #expect(log.last()?.number == "X-2026-003")
        #expect(log.verified().problems.isEmpty)
        // A crash in the middle of the fourth append leaves half a line.
        let handle = try FileHandle(forWritingTo: log.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":4,\"actor\":\"乙\",\"acti".utf8))
        try handle.close()
        #expect(!log.verified().problems.isEmpty)
        try log.repairTornTail()
        #expect(log.verified().problems.isEmpty)
        #expect(try Data(contentsOf: log.url).last == UInt8(ascii: "\n"))
        #expect(try log.append(AuditEntry(seq: 0, time: "t", actor: "乙", action: .void, number: "X-2026-002", prev: "")).seq == 4)
        #expect(log.verified().problems.isEmpty)
    }

    /// A line another JSON reader would read differently is a finding, although Swift reads it.
    @Test(arguments: [("\"actor\":\"甲\"", "\"actor\":\"甲\",\"actor\":\"乙\""),   // a duplicated key
                      ("\"actor\":\"甲\"", "\"actor\":\"甲\",\"extra\":1"),            // an unknown key
                      (",", ", ")])                                                     // spacing
    func aLineNotInCanonicalFormIsAFinding(original: String, forged: String) throws {
        let log = try log()
        defer { try? FileManager.default.removeItem(at: log.url.deletingLastPathComponent()) }
        try log.append(AuditEntry(seq: 0, time: "2026-01-01T00:00:00Z", actor: "甲", action: .issue, number: "X-2026-001", prev: ""))
        #expect(log.verified().problems.isEmpty)
        let text = try String(contentsOf: log.url, encoding: .utf8)
        let range = try #require(text.range(of: original))
        try Data(text.replacingCharacters(in: range, with: forged).utf8).write(to: log.url)
        let problems = log.verified().problems
        #expect(problems.count == 1 && problems[0].contains("line 1") && problems[0].contains("canonical form"), "\(problems)")
    }
}
