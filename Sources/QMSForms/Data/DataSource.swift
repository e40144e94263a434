import Foundation

/// Reads a data file (or standard input) as YAML, JSON or CSV into a ``DataNode``.
///
/// The format comes from the extension (`.json`, `.yaml`, `.yml`, `.csv`); without one, text
/// that starts with `{` or `[` is JSON and anything else YAML. The bytes must be UTF-8, or
/// GB18030 when ``TextEncoding/gb18030`` is asked for.
/// CSV fills the form's CSV table (see ``CSVBinding``), so it needs the template.
public enum DataSource {
    /// The most bytes one data file may have: 16 MiB.
    public static let maxBytes = 16 << 20

    /// Parses `bytes`, named `source` in messages, by `formatHint` extension when given.
    public static func parse(_ raw: [UInt8], source: String, formatHint: String? = nil, template: Template? = nil,
                             encoding: TextEncoding = .utf8, sheet: String? = nil) throws(DataError) -> DataNode {
        let format = detect(raw, hint: formatHint)
        guard raw.count <= maxBytes else {
            throw DataError(source: source, format: format, line: 0,
                            message: "\(raw.count) bytes is over the limit of \(maxBytes) for one data file")
        }
        if format == .xlsx || format == .csv, template == nil {
            throw DataError(source: source, format: format, line: 0, message: "\(format.rawValue) needs the form it fills")
        }
        if format == .xlsx, let template {
            return try CSVBinding(template: template).bind(try XLSXReader().rows(Data(raw), sheet: sheet, source: source), source: source)
        }
        guard let bytes = encoding.utf8(raw) else {
            throw DataError(source: source, format: format, line: 0, message: "the file is not valid \(encoding.rawValue.uppercased())",
                            hint: "check the encoding it was saved in; leave out --encoding for UTF-8")
        }
        try checkUTF8(bytes, source: source, format: format)
        switch format {
        case .json:
            return try JSONReader().read(bytes, source: source)
        case .csv, .xlsx:
            let rows = try CSVReader().read(String(decoding: bytes, as: UTF8.self), source: source)
            return try CSVBinding(template: template!).bind(rows, source: source)
        case .yaml:
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return try YAMLReader().read(text, source: source)
        }
    }

    /// Reads the file at `path`, or standard input for `-`; `template` is needed for CSV.
    public static func read(path: String, template: Template? = nil, encoding: TextEncoding = .utf8, sheet: String? = nil) throws -> DataNode {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try parse(Array(data), source: "<stdin>", template: template, encoding: encoding, sheet: sheet)
        }
        let url = URL(fileURLWithPath: path)
        let data = try Data(contentsOf: url)
        return try parse(Array(data), source: path, formatHint: url.pathExtension, template: template, encoding: encoding, sheet: sheet)
    }

    static func detect(_ bytes: [UInt8], hint: String?) -> DataError.Format {
        switch hint?.lowercased() {
        case "json": return .json
        case "yaml", "yml": return .yaml
        case "csv": return .csv
        case "xlsx": return .xlsx
        default:
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }   // a ZIP: a workbook
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            return i < bytes.count && (bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[")) ? .json : .yaml
        }
    }

    /// Refuses bytes that are not UTF-8, naming where, and saying how to read GB18030 (GBK) text.
    static func checkUTF8(_ bytes: [UInt8], source: String, format: DataError.Format, firstLine: Int = 1) throws(DataError) {
        guard let (line, column) = firstInvalidUTF8(bytes) else { return }
        let gb = TextEncoding.looksLikeGB18030(bytes)
        throw DataError(source: source, format: format, line: line + firstLine - 1, column: column,
                        message: "the file is not valid UTF-8" + (gb ? "; it reads as GB18030/GBK (what Excel on Chinese Windows saves as CSV)" : ""),
                        hint: gb ? "pass --encoding gb18030, or save it as \"CSV UTF-8\"" : "save it as UTF-8")
    }

    /// Line and column of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int)? {
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; lineStart = i + 1 }
                i += 1
                continue
            }
            let length: Int
            var v: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; v = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; v = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; v = UInt32(b & 0x07)
            default: return (line, i - lineStart + 1)
            }
            guard i + length <= bytes.count else { return (line, i - lineStart + 1) }
            for k in 1..<length {
                guard bytes[i + k] & 0xC0 == 0x80 else { return (line, i - lineStart + 1) }
                v = (v << 6) | UInt32(bytes[i + k] & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if v < minimum || (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { return (line, i - lineStart + 1) }
            i += length
        }
        return nil
    }
}
