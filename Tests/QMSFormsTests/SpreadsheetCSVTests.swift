import Foundation
import Testing
@testable import QMSForms

/// CSV the way companies have it: saved by Excel (UTF-8 with a BOM and CRLF line ends, or
/// GB18030 on a Chinese Windows), two monthly sheets in one file; `validate` and `fill` agree.
struct SpreadsheetCSVTests {
    let folder: URL
    let callLog = Fixtures.template("call-log")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The example March sheet, and the same sheet moved to April.
    func sheets() throws -> (header: String, march: [String], april: [String]) {
        let lines = try String(contentsOf: Fixtures.examples.appendingPathComponent("call-log.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let april = lines.dropFirst().map {
            $0.replacingOccurrences(of: "LDB-2026-03", with: "LDB-2026-04").replacingOccurrences(of: ",2026,3,", with: ",2026,4,")
                .replacingOccurrences(of: "2026-03-", with: "2026-04-")
        }
        return (lines[0], Array(lines.dropFirst()), april)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func numbers(_ path: String, encoding: TextEncoding = .utf8) async throws -> (ok: Int, invalid: [String]) {
        var invalid: [String] = []
        let input = try BatchInput(path: path, template: callLog, encoding: encoding)
        let summary = try await FormFiller.validateAll(RevisionSchedule(fixed: callLog), from: input, run: BatchRun(failFast: false),
                                                       report: { _, error in invalid.append("\(error)") })
        return (summary.ok, invalid)
    }

    @Test func excelsUTF8WithBOMAndCRLFReadsAsTwoRecords() async throws {
        let (header, march, april) = try sheets()
        let path = try write("two.csv", [0xEF, 0xBB, 0xBF] + Array(([header] + march + april).joined(separator: "\r\n").utf8) + [0x0D, 0x0A])
        #expect(BatchInput.isBatch(path: path, template: callLog))
        let result = try await numbers(path)
        #expect(result.ok == 2 && result.invalid.isEmpty, "\(result.invalid)")
        // One sheet in one such file reads as one record, its last column without the CR.
        let one = try write("one.csv", [0xEF, 0xBB, 0xBF] + Array(([header] + march).joined(separator: "\r\n").utf8) + [0x0D, 0x0A])
        let record = try RecordValidator(template: callLog).validate(try DataSource.read(path: one, template: callLog), source: one)
        #expect(record.number == "LDB-2026-03")
    }

    @Test func gb18030NeedsItsOptionAndSaysSo() async throws {
        let (header, march, april) = try sheets()
        let text = ([header] + march + april).joined(separator: "\r\n") + "\r\n"
        let path = try write("gb.csv", try Self.gb18030(text))
        #expect(try await numbers(path, encoding: .gb18030).ok == 2)
        #expect(throws: DataError.self) { try DataSource.read(path: path, template: callLog) }
        do { _ = try DataSource.read(path: path, template: callLog) } catch let error as DataError {
            #expect(error.message.contains("GB18030") && error.hint?.contains("--encoding gb18030") == true && error.line == 2, "\(error)")
        }
        let single = try write("gb1.csv", Self.gb18030(([header] + march).joined(separator: "\r\n")))
        #expect(try RecordValidator(template: callLog).validate(try DataSource.read(path: single, template: callLog, encoding: .gb18030),
                                                                source: single).values["entries"] != nil)
    }

    /// `text` in GB18030, by iconv(1), an implementation other than ours.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let p = Process(), input = Pipe(), output = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(bytes)
    }

    /// A record whose rows come in two blocks: `fill` refuses the second, and `validate` says the same.
    @Test func validateAndFillAgreeOnARecordInTwoBlocks() async throws {
        let (header, march, april) = try sheets()
        let path = try write("split.csv", Array(([header] + march.prefix(2) + april + march.dropFirst(2)).joined(separator: "\n").utf8))
        let result = try await numbers(path)
        #expect(result.ok == 2 && result.invalid.count == 1)
        #expect(result.invalid.first?.contains("LDB-2026-03 is already the record_no of an earlier record") == true, "\(result.invalid)")
        let out = folder.appendingPathComponent("out")
        var refused: [String] = []
        let filled = try await FormFiller(settings: .neutral).fillAll(RevisionSchedule(fixed: callLog), from: try BatchInput(path: path, template: callLog),
                                                                      into: OutputFolder(out), run: BatchRun(failFast: false),
                                                                      report: { _, error in refused.append("\(error)") })
        #expect(filled.ok == 2 && refused == result.invalid)
    }
}
