import Foundation
import XMLSupport
import ZIPFoundation

/// Reads one worksheet of an `.xlsx` workbook as rows of text, the way a CSV file is read: the
/// first row is the header, a row's line is its row number, empty rows are skipped. Dates and
/// times come out as Excel stores them — a serial number with a date format — written
/// `yyyy-mm-dd` or `yyyy-mm-dd HH:MM`; numbers as Excel holds them, to 15 significant digits.
///
/// Safe against hostile workbooks: at most ``maxEntries`` parts; each part inflated is at most
/// ``maxPartBytes`` and all of them ``maxTotalBytes`` (a zip bomb stops there, whatever its
/// headers claim); at most ``maxSharedStrings`` shared strings and ``maxCells`` cells; the XML is
/// read by the XML support module (no DOCTYPE, no entities, no network).
///
/// ```swift
/// let rows = try XLSXReader().rows(Data(contentsOf: url), sheet: nil, source: "calls.xlsx")
/// ```
public struct XLSXReader: Sendable {
    /// Parts a workbook may have.
    public static let maxEntries = 1_000
    /// Bytes one part may inflate to.
    public static let maxPartBytes = 32 << 20
    /// Bytes all the parts read may inflate to.
    public static let maxTotalBytes = 64 << 20
    /// Shared strings a workbook may have.
    public static let maxSharedStrings = 1_000_000
    /// Cells a sheet may have.
    public static let maxCells = 2_000_000

    /// A reader.
    public init() {}

    /// The rows of the sheet named `sheet` (the first sheet when `nil`).
    public func rows(_ data: Data, sheet: String?, source: String) throws(DataError) -> [CSVReader.Row] {
        func fail(_ message: String, hint: String? = nil) -> DataError {
            DataError(source: source, format: .xlsx, line: 0, message: message, hint: hint)
        }
        let archive: ZIPFoundation.Archive
        do { archive = try ZIPFoundation.Archive(data: data, accessMode: .read) } catch {
            throw fail("not a readable .xlsx workbook (not a ZIP archive)", hint: "save it from Excel as .xlsx, or export CSV UTF-8")
        }
        var budget = Self.maxTotalBytes
        var entries = 0
        for _ in archive { entries += 1; if entries > Self.maxEntries { throw fail("more than \(Self.maxEntries) parts: not a workbook of one form") } }
        func part(_ path: String) throws(DataError) -> XMLTree? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    bytes.append(chunk)
                    if bytes.count > Self.maxPartBytes || bytes.count > budget { throw ZIPFoundation.Archive.ArchiveError.cancelledOperation }
                }
            } catch {
                throw fail("\(path) inflates to more than \(min(Self.maxPartBytes, budget) >> 20) MiB, or is damaged", hint: "a form's sheet is far smaller; check the file")
            }
            budget -= bytes.count
            do { return try XMLTree.parse(bytes, source: source + ":" + path, maxBytes: Self.maxPartBytes) } catch {
                throw fail("\(path) is not readable XML: \(error)")
            }
        }
        guard let workbook = try part("xl/workbook.xml") else { throw fail("no xl/workbook.xml: not an .xlsx workbook") }
        let sheets = workbook.root.element(named: "sheets")?.elements(named: "sheet") ?? []
        let chosen = sheet.map { name in sheets.first { $0["name"] == name } } ?? sheets.first
        guard let chosenSheet = chosen else {
            throw fail(sheet.map { "no sheet '\($0)'" } ?? "the workbook has no sheet",
                       hint: "sheets: " + sheets.compactMap { $0["name"] }.joined(separator: ", "))
        }
        let rid = chosenSheet.attributes.first { $0.name == "id" && $0.namespace?.hasSuffix("/relationships") == true }?.value
        let relations = try part("xl/_rels/workbook.xml.rels")?.root.elements(named: "Relationship") ?? []
        guard let target = relations.first(where: { $0["Id"] == rid })?["Target"] else { throw fail("the sheet's part is not named in the workbook") }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard !sheetPath.contains(".."), let sheetTree = try part(sheetPath) else { throw fail("the sheet's part \(sheetPath) is missing") }

        var shared: [String] = []
        if let strings = try part("xl/sharedStrings.xml") {
            for si in strings.root.elements(named: "si") {
                shared.append(si.elements.filter { $0.name == "t" || $0.name == "r" }.map { $0.name == "t" ? $0.text : ($0.element(named: "t")?.text ?? "") }.joined())
                if shared.count > Self.maxSharedStrings { throw fail("more than \(Self.maxSharedStrings) shared strings") }
            }
        }
        let dateStyles = try self.dateStyles(part("xl/styles.xml"))
        let is1904 = workbook.root.element(named: "workbookPr")?["date1904"].map { $0 == "1" || $0 == "true" } ?? false

        var rows: [CSVReader.Row] = []
        var cells = 0
        for row in sheetTree.root.element(named: "sheetData")?.elements(named: "row") ?? [] {
            var fields: [String] = []
            for (i, c) in row.elements(named: "c").enumerated() {
                cells += 1
                if cells > Self.maxCells { throw fail("more than \(Self.maxCells) cells") }
                let column = c["r"].flatMap(Self.columnIndex) ?? i
                guard column < CSVReader.maxFields else { throw fail("a row has more than \(CSVReader.maxFields) columns") }
                while fields.count < column { fields.append("") }
                let value = c.element(named: "v")?.text ?? ""
                let text: String
                switch c["t"] {
                case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": text = c.element(named: "is")?.elements.map { $0.name == "t" ? $0.text : ($0.element(named: "t")?.text ?? "") }.joined() ?? ""
                case "b": text = value == "1" ? "true" : "false"
                case "str", "e", "d": text = value
                default:
                    let style = c["s"].flatMap(Int.init) ?? 0
                    text = dateStyles.contains(style) ? Self.date(serial: value, is1904: is1904) ?? value : Self.number(value)
                }
                if fields.count == column { fields.append(text) } else { fields[column] = text }
            }
            guard fields.contains(where: { !$0.isEmpty }) else { continue }
            rows.append(CSVReader.Row(line: row["r"].flatMap(Int.init) ?? rows.count + 1, fields: fields))
        }
        // A sheet leaves out empty cells at a row's end; the CSV binding counts every column.
        let width = rows.map(\.fields.count).max() ?? 0
        return rows.map { CSVReader.Row(line: $0.line, fields: $0.fields + Array(repeating: "", count: width - $0.fields.count)) }
    }

    /// The cell styles (indexes into `cellXfs`) whose number format shows a date or time.
    private func dateStyles(_ styles: XMLTree?) throws(DataError) -> Set<Int> {
        guard let root = styles?.root else { return [] }
        var custom: [Int: String] = [:]
        for f in root.element(named: "numFmts")?.elements(named: "numFmt") ?? [] {
            if let id = f["numFmtId"].flatMap(Int.init) { custom[id] = f["formatCode"] ?? "" }
        }
        var dates: Set<Int> = []
        for (i, xf) in (root.element(named: "cellXfs")?.elements(named: "xf") ?? []).enumerated() {
            guard let id = xf["numFmtId"].flatMap(Int.init) else { continue }
            if (14...22).contains(id) || (45...47).contains(id) || custom[id].map(Self.isDateFormat) == true { dates.insert(i) }
        }
        return dates
    }

    /// Whether a format code shows a date or time: y, m, d, h or s outside quotes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false
        for c in code.lowercased() {
            switch c {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "y", "m", "d", "h", "s": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }

    /// Serial `value` as `yyyy-mm-dd` (with ` HH:MM` when it has a time of day), in the 1900 date
    /// system (where Excel counts 1900-02-29, which never was) or the 1904 one.
    static func date(serial value: String, is1904: Bool) -> String? {
        guard let serial = Double(value), serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(whole)) * 1440).rounded())
        let days = is1904 ? whole + 1462 : (whole < 60 ? whole + 1 : whole)   // days since 1899-12-30, the 1900 bug aside
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        guard let date = calendar.date(byAdding: .day, value: days + minutes / 1440, to: epoch) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        let m = minutes % 1440
        return m == 0 ? day : day + String(format: " %02d:%02d", m / 60, m % 60)
    }

    /// A number as a person would type it: Excel's binary double to 15 significant digits.
    static func number(_ value: String) -> String {
        guard let d = Double(value), d.isFinite, value.contains(where: { $0 == "E" || $0 == "e" || $0 == "." }) else { return value }
        var text = String(format: "%.15g", d)
        if text.contains("e") { return value }
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text
    }

    /// `B12` → 1 (0-based column of a cell reference).
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0
        for c in reference.unicodeScalars {
            guard c.value >= 65 && c.value <= 90 else { break }
            n = n * 26 + Int(c.value - 64)
            if n > CSVReader.maxFields { return n }
        }
        return n > 0 ? n - 1 : nil
    }
}
