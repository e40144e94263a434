import Foundation

/// A strict RFC 8259 JSON reader that keeps line numbers.
///
/// Refuses anything the RFC does not allow (trailing commas, comments, NaN, lone surrogates,
/// invalid UTF-8) and nesting deeper than ``maxDepth``. Duplicate keys are kept (the RFC
/// allows them); ``RecordValidator`` reports them.
public struct JSONReader: Sendable {
    /// How deeply arrays and objects may nest.
    public static let maxDepth = 64

    /// A reader (RFC 8259, UTF-8).
    public init() {}

    /// Reads one JSON text from `bytes`; `source` names it in errors.
    public func read(_ bytes: [UInt8], source: String) throws(DataError) -> DataNode {
        var parser = Parser(bytes: bytes, source: source)
        return try parser.document()
    }
}

private struct Parser {
    let bytes: [UInt8]
    let source: String
    var i = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    func fail(_ message: String, hint: String? = nil) -> DataError {
        DataError(source: source, format: .json, line: line, column: i - lineStart + 1, message: message, hint: hint)
    }

    mutating func document() throws(DataError) -> DataNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        skipSpace()
        guard i < bytes.count else { throw fail("the input is empty") }
        let node = try value(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the end of the JSON value") }
        return node
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(DataError) -> DataNode {
        guard depth < JSONReader.maxDepth else {
            throw fail("nesting is deeper than \(JSONReader.maxDepth) levels", hint: "record data is never this deep")
        }
        guard i < bytes.count else { throw fail("unexpected end of input") }
        let startLine = line
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var entries: [(key: String, node: DataNode)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return DataNode(.map(entries), line: startLine) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                i += 1
                skipSpace()
                entries.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of input inside an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return DataNode(.map(entries), line: startLine) }
                throw fail("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [DataNode] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return DataNode(.list(items), line: startLine) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of input inside an array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return DataNode(.list(items), line: startLine) }
                throw fail("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "\""):
            return DataNode(.string(try string()), line: startLine)
        case UInt8(ascii: "t"): try literal("true"); return DataNode(.bool(true), line: startLine)
        case UInt8(ascii: "f"): try literal("false"); return DataNode(.bool(false), line: startLine)
        case UInt8(ascii: "n"): try literal("null"); return DataNode(.null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return DataNode(.number(try number()), line: startLine)
        default:
            throw fail("unexpected character \(describe(bytes[i]))")
        }
    }

    func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "byte 0x%02X", b)
    }

    mutating func literal(_ word: String) throws(DataError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
            throw fail("unexpected character \(describe(bytes[i]))")
        }
        i += w.count
    }

    mutating func number() throws(DataError) -> String {
        let start = i
        func digits() -> Int { let s = i; while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }; return i - s }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { throw fail("a number needs digits") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { throw fail("a number needs digits") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("a decimal point must be followed by digits") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("an exponent needs digits") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func hex4() throws(DataError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("\\u needs four hex digits")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    mutating func string() throws(DataError) -> String {
        // Most strings have no escapes: take their bytes at once.
        var j = i + 1
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") {
                if let plain = String(validating: bytes[(i + 1)..<j], as: UTF8.self) {
                    i = j + 1
                    return plain
                }
                break
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            j += 1
        }
        i += 1 // opening quote
        var out = String.UnicodeScalarView()
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return String(out)
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append("\"")
                case UInt8(ascii: "\\"): out.append("\\")
                case UInt8(ascii: "/"): out.append("/")
                case UInt8(ascii: "b"): out.append("\u{08}")
                case UInt8(ascii: "f"): out.append("\u{0C}")
                case UInt8(ascii: "n"): out.append("\n")
                case UInt8(ascii: "r"): out.append("\r")
                case UInt8(ascii: "t"): out.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone UTF-16 surrogate \\u\(String(code, radix: 16)) is not a character")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid UTF-16 surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("a lone UTF-16 surrogate \\u\(String(code, radix: 16)) is not a character")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    out.append(scalar)
                default:
                    throw fail("invalid escape \\\(describe(e))")
                }
            case 0x00..<0x20:
                throw fail("a control character must be escaped inside a string")
            case 0x00..<0x80:
                out.append(Unicode.Scalar(b))
                i += 1
            default:
                guard let (scalar, length) = decodeUTF8(at: i) else { throw fail("invalid UTF-8 in a string") }
                out.append(scalar)
                i += length
            }
        }
    }

    func decodeUTF8(at p: Int) -> (Unicode.Scalar, Int)? {
        let b0 = bytes[p]
        let length: Int
        var v: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; v = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; v = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; v = UInt32(b0 & 0x07)
        default: return nil
        }
        guard p + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[p + k]
            guard b & 0xC0 == 0x80 else { return nil }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard v >= minimum, let scalar = Unicode.Scalar(v) else { return nil }
        return (scalar, length)
    }
}
