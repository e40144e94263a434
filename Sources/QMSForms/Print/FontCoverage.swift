import Foundation

/// Which characters the installed fonts can print, from fontconfig (`fc-list`), so that a
/// value with a character no font has (𪚥, U+2A6A5, a rare CJK Extension B character) is named
/// before it prints as an empty box. Common text — ASCII, Latin-1, the CJK characters and
/// punctuation every CJK font has — is taken as covered without asking fontconfig.
///
/// ```swift
/// for gap in FontCoverage.installed?.unprintable(in: record) ?? [] { print(gap.path, gap.characters) }
/// ```
public struct FontCoverage: Sendable {
    private let ranges: [ClosedRange<UInt32>]

    /// The fonts fontconfig lists; `nil` where there is no fontconfig to ask.
    public static let installed: FontCoverage? = {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        p.arguments = ["--format", "%{charset}\n"]
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return FontCoverage(charsets: text)
    }()

    /// Coverage from fontconfig charsets (`20-7e a0-17f 4e00-9fff`, one font a line).
    init(charsets: String) {
        var ranges: [ClosedRange<UInt32>] = []
        for item in charsets.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let ends = item.split(separator: "-").compactMap { UInt32($0, radix: 16) }
            if ends.count == 1 { ranges.append(ends[0]...ends[0]) } else if ends.count == 2, ends[0] <= ends[1] { ranges.append(ends[0]...ends[1]) }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else { merged.append(r) }
        }
        self.ranges = merged
    }

    /// Whether some installed font has `scalar` (controls and spaces need none).
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint { return true }
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if ranges[mid].contains(v) { return true }
            if v < ranges[mid].lowerBound { hi = mid - 1 } else { lo = mid + 1 }
        }
        return false
    }

    /// Text every installed CJK font prints: no need to look it up.
    static func isCommon(_ v: UInt32) -> Bool {
        v < 0x250 || (0x3000...0x303F).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x2000...0x206F).contains(v)
    }

    /// Every value of `record` (table cells too) with characters no installed font has.
    public func unprintable(in record: Record) -> [(path: String, characters: [Unicode.Scalar])] {
        var gaps: [(String, [Unicode.Scalar])] = []
        func look(_ value: Value, _ path: String) {
            if case let .table(rows) = value {
                for (i, row) in rows.enumerated() {
                    for (column, cell) in row.cells.sorted(by: { $0.key < $1.key }) { look(cell, path + (row.key.map { ".\($0)" } ?? "[\(i + 1)]") + "." + column) }
                }
                return
            }
            let missing = unprintable(in: value.lexical)
            if !missing.isEmpty { gaps.append((path, missing)) }
        }
        for field in record.template.fields { if let v = record.values[field.id] { look(v, record.template.path(of: field.id)) } }
        return gaps
    }

    /// The characters of `text` no installed font has, each once, in order.
    public func unprintable(in text: String) -> [Unicode.Scalar] {
        var seen: [Unicode.Scalar] = []
        for s in text.unicodeScalars where !Self.isCommon(s.value) && !covers(s) && !seen.contains(s) { seen.append(s) }
        return seen
    }

    /// `𪚥 (U+2A6A5)`, for messages.
    public static func named(_ characters: [Unicode.Scalar]) -> String {
        characters.map { "\(Character($0)) (U+\(String($0.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")
    }

    /// Where the fonts for the characters most often missing come from (Debian packages).
    public static let advice = "install a font that has them, e.g. fonts-hanazono (花園明朝: CJK Extension A–F), then print again"
}
