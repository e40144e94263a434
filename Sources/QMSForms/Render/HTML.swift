/// A piece of HTML markup: what a page is made of. Text becomes HTML only by being escaped, so
/// raw text and markup cannot be mixed by accident.
///
/// A string literal is markup written in this code (trusted); a `String` interpolated into it
/// is escaped; an `HTML` interpolated is kept as it is:
///
/// ```swift
/// let cell: HTML = "<td class=\"v\">\(record.customer)</td>"      // customer escaped
/// let row: HTML = "<tr>\(cell)\(HTML(escaping: note))</tr>"
/// page += row
/// ```
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup, ready to write into a page.
    public private(set) var markup: String

    /// Markup written in code.
    public init(stringLiteral markup: StaticString) { self.markup = markup.description }

    /// `text`, escaped for element content and quoted attribute values; control characters
    /// other than tab and line feed are dropped.
    public init(escaping text: String) { markup = HTML.escape(text) }

    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    public var description: String { markup }

    /// No markup.
    public static let empty = HTML(markup: "")

    private init(markup: String) { self.markup = markup }

    /// A `<style>` element holding `css`, which code builds from constants and values passed
    /// through ``Stylesheet/cssString(_:)`` (in `<style>`, HTML escaping does not apply).
    static func style(_ css: String) -> HTML { HTML(markup: "<style>\n" + css + "\n</style>\n") }

    /// Builds an ``HTML`` from a string literal with interpolations: literal parts as markup, `String` parts escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        /// Room for `literalCapacity` characters of markup and `interpolationCount` values.
        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }

        /// The literal parts: markup written in code.
        public mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        /// A number, which needs no escaping.
        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }

    /// `a` followed by `b`.
    public static func + (a: HTML, b: HTML) -> HTML { HTML(markup: a.markup + b.markup) }
    /// Appends `b` to `a`.
    public static func += (a: inout HTML, b: HTML) { a.markup += b.markup }

    private static func escape(_ s: String) -> String {
        // Most values need nothing: return them as they are, without building a copy.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for b in bytes where b < 0x20 && b != 0x0A && b != 0x09 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
                return false
            }
            return true
        }
        if plain == true { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after another, with `separator` between them.
    public func joined(separator: HTML = .empty) -> HTML {
        var out = HTML.empty
        for (i, piece) in enumerated() {
            if i > 0 { out += separator }
            out += piece
        }
        return out
    }
}
