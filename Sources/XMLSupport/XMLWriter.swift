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

    private var indent: String { String(repeating: indentUnit, count: stack.count) }

    /// Opens an element; close it with ``close()``.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        output += indent + "<" + name + Self.attributeText(attributes) + ">\n"
        stack.append(name)
    }

    /// Closes the innermost open element.
    public mutating func close() {
        let name = stack.removeLast()
        output += indent + "</" + name + ">\n"
    }

    /// Writes `<name attrs>text</name>` (or `<name attrs/>` when `text` is `nil`).
    public mutating func leaf(_ name: String, attributes: [(String, String)] = [], text: String?) {
        output += indent + "<" + name + Self.attributeText(attributes)
        if let text {
            output += ">" + Self.escape(text) + "</" + name + ">\n"
        } else {
            output += "/>\n"
        }
    }

    /// Writes a comment; `--` in `text` is broken up so the comment stays well-formed.
    public mutating func comment(_ text: String) {
        output += indent + "<!-- " + text.replacingOccurrences(of: "--", with: "- -") + " -->\n"
    }

    /// The finished document. Every opened element must have been closed.
    public var document: String {
        precondition(stack.isEmpty, "XMLWriter: unclosed element \(stack.last ?? "")")
        return output
    }

    static func attributeText(_ attributes: [(String, String)]) -> String {
        var s = ""
        for (name, value) in attributes { s += " " + name + "=\"" + escape(value, attribute: true) + "\"" }
        return s
    }

    /// Escapes `&`, `<`, `>` (and `"`, tab, newline, carriage return in attributes), and drops
    /// characters XML 1.0 cannot carry (C0 controls other than tab, newline, carriage return).
    public static func escape(_ s: String, attribute: Bool = false) -> String {
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
