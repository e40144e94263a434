/// Builds XML text with every value escaped: the fast way to write records and schemas.
///
/// ```swift
/// var w = XMLWriter()
/// w.open("record", attributes: [("xmlns", "urn:x"), ("form", "SG-QR-22-02")])
/// w.leaf("customer", text: "A & B")
/// w.close()
/// ```
/// Names are written as given: callers pass names they have checked (NCNames).
public struct XMLWriter: Sendable {
    public private(set) var output: String
    private var stack: [String] = []
    private let indentUnit: String

    /// Starts a document with an XML declaration.
    public init(indent: String = "  ") {
        output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        indentUnit = indent
    }

    private mutating func writeIndent() {
        for _ in stack { output += indentUnit }
    }

    /// Opens an element; close it with ``close()``.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        writeIndent()
        output += "<"
        output += name
        writeAttributes(attributes)
        output += ">\n"
        stack.append(name)
    }

    /// Closes the innermost open element.
    public mutating func close() {
        let name = stack.removeLast()
        writeIndent()
        output += "</"
        output += name
        output += ">\n"
    }

    /// Writes `<name attrs>text</name>` (or `<name attrs/>` when `text` is `nil`).
    public mutating func leaf(_ name: String, attributes: [(String, String)] = [], text: String?) {
        writeIndent()
        output += "<"
        output += name
        writeAttributes(attributes)
        if let text {
            output += ">"
            output += Self.escape(text)
            output += "</"
            output += name
            output += ">\n"
        } else {
            output += "/>\n"
        }
    }

    private mutating func writeAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            output += " "
            output += name
            output += "=\""
            output += Self.escape(value, attribute: true)
            output += "\""
        }
    }

    /// Writes a comment; `--` in `text` is broken up so the comment stays well-formed.
    public mutating func comment(_ text: String) {
        writeIndent()
        output += "<!-- " + text.replacingOccurrences(of: "--", with: "- -") + " -->\n"
    }

    /// The finished document. Every opened element must have been closed.
    public var document: String {
        precondition(stack.isEmpty, "XMLWriter: unclosed element \(stack.last ?? "")")
        return output
    }

    /// Whether `s` needs no escaping at all (checked on its UTF-8 bytes; U+FFFE and U+FFFF are EF BF BE/BF).
    static func isPlain(_ s: String, attribute: Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isPlain($0, attribute: attribute) } ?? isPlain(Array(s.utf8), attribute: attribute)
    }

    private static func isPlain<Bytes: Sequence<UInt8>>(_ bytes: Bytes, attribute: Bool) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for b in bytes {
            switch b {
            case 0x26, 0x3C, 0x3E, 0x0D: return false
            case 0x22, 0x0A, 0x09: if attribute { return false }
            case 0..<0x20: return false
            case 0xBE, 0xBF: if previous == (0xEF, 0xBF) { return false }
            default: break
            }
            previous = (previous.1, b)
        }
        return true
    }

    /// Escapes `&`, `<`, `>` (and `"`, tab, newline, carriage return in attributes), and drops
    /// characters XML 1.0 cannot carry (C0 controls other than tab, newline, carriage return).
    public static func escape(_ s: String, attribute: Bool = false) -> String {
        if isPlain(s, attribute: attribute) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
