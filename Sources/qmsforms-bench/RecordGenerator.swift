import Foundation
import QMSForms

/// Realistic, varied 8D records from the shipped example, as JSON lines: customer, category,
/// lot, quantities' text and record number differ from record to record; everything else is the
/// example's (Chinese text, 5 team members, tables of actions), so each record is a full 8D.
struct RecordGenerator {
    static let customers = ["江苏恒远精密机械有限公司", "浙江新成液压设备有限公司", "山东鲁北机械制造有限公司", "广东粤海工程机械有限公司", "河北恒力重工有限公司"]
    static let categories = ["a", "b", "c", "d", "e"]

    /// The example's JSON cut at the places that vary.
    private let parts: [String]
    let numbered: Bool

    init(forms: URL, numbered: Bool) throws {
        let json = try DataSource.read(path: forms.appendingPathComponent("examples/8d.yaml").path).jsonText
        let marks = ["\"record_no\":\"8D-2026-001\",", "江苏恒远精密机械有限公司", "L260305（2026-03-05 生产）", "\"complaint_cat\":\"a\"", "件密封面划伤"]
        var rest = Substring(json)
        var parts: [String] = []
        for mark in marks {
            guard let r = rest.range(of: mark) else { throw CocoaError(.coderInvalidValue) }
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        self.parts = parts
        self.numbered = numbered
    }

    /// Record `i` (0-based) as one JSON line without its newline.
    func line(_ i: Int) -> String {
        let number = numbered ? "\"record_no\":\"8D-2026-" + String(format: "%03d", i + 1) + "\"," : ""
        return parts[0] + number + parts[1] + Self.customers[i % Self.customers.count] + parts[2] + "L26" + String(format: "%05d", i % 100_000)
            + parts[3] + "\"complaint_cat\":\"\(Self.categories[i % Self.categories.count])\"" + parts[4] + "件密封面划伤（批次 \(i)）" + parts[5]
    }

    /// Writes `count` records to `url`, streaming.
    func write(_ count: Int, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        for i in 0..<count {
            buffer += line(i)
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }
}
