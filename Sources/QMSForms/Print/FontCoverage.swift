import Foundation
import Synchronization

/// Which characters the installed fonts can print, from fontconfig (`fc-list`), so that a
/// value with a character no font has (𪚥, U+2A6A5, a rare CJK Extension B character) is named
/// before it prints as an empty box. Common text — ASCII, Latin, the CJK characters and
/// punctuation every CJK font has — is taken as covered without asking fontconfig; anything
/// else is asked of fontconfig once per character.
///
/// ```swift
/// for gap in FontCoverage.installed?.unprintable(in: record) ?? [] { print(gap.path, gap.characters) }
/// ```
public struct FontCoverage: Sendable {
    /// Whether some font has the code point (controls, spaces and common text aside).
    private let lookup: @Sendable (UInt32) -> Bool

    /// The fonts fontconfig knows, asked one uncommon character at a time (`fc-list :charset=…`,
    /// a few milliseconds each, remembered); `nil` where there is no fontconfig to ask.
    public static let installed: FontCoverage? = {
        let fcList = URL(fileURLWithPath: "/usr/bin/fc-list")
        guard FileManager.default.isExecutableFile(atPath: fcList.path) else { return nil }
        let answers = Mutex<[UInt32: Bool]>([:])
        return FontCoverage { v in
            if let known = answers.withLock({ $0[v] }) { return known }
            let p = Process(), out = Pipe()
            p.executableURL = fcList
            p.arguments = [":charset=" + String(v, radix: 16), "family"]
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            // If fontconfig cannot be asked, say nothing rather than warn wrongly.
            guard (try? p.run()) != nil else { return true }
            let found = !out.fileHandleForReading.readDataToEndOfFile().isEmpty
            p.waitUntilExit()
            answers.withLock { $0[v] = found }
            return found
        }
    }()

    /// Coverage answered by `lookup` (fontconfig in use; a fixed set in tests).
    init(lookup: @escaping @Sendable (UInt32) -> Bool) { self.lookup = lookup }

    /// Whether some installed font has `scalar` (controls and spaces need none).
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint { return true }
        return lookup(v)
    }

    /// Text every installed CJK font prints: no need to look it up.
    static func isCommon(_ v: UInt32) -> Bool {
        v < 0x250 || (0x3000...0x303F).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x2000...0x206F).contains(v)
    }

    /// Whether `text` has a character outside the common set (only then is fontconfig asked).
    public static func hasUncommon(_ text: String) -> Bool { text.unicodeScalars.contains { !isCommon($0.value) } }

    /// Whether a value of `record` has a character outside the common set.
    public static func hasUncommon(_ record: Record) -> Bool {
        func uncommon(_ v: Value) -> Bool {
            if case let .table(rows) = v { return rows.contains { $0.cells.values.contains(where: uncommon) } }
            return hasUncommon(v.lexical)
        }
        return record.values.values.contains(where: uncommon)
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
        for s in text.unicodeScalars where !Self.isCommon(s.value) && !seen.contains(s) && !covers(s) { seen.append(s) }
        return seen
    }

    /// `𪚥 (U+2A6A5)`, for messages.
    public static func named(_ characters: [Unicode.Scalar]) -> String {
        characters.map { "\(Character($0)) (U+\(String($0.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")
    }

    /// Where the fonts for the characters most often missing come from (Debian packages).
    public static let advice = "install a font that has them, e.g. fonts-hanazono (花園明朝: CJK Extension A–F), then print again"
}
