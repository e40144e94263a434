/// A problem found while reading, validating or writing XML.
///
/// Every case carries enough to tell the user what went wrong and where.
public enum XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document declares a DOCTYPE. Templates and records never need one, and DOCTYPEs
    /// are how entity-expansion and external-entity attacks get in, so any DOCTYPE is refused.
    case doctypeRefused(source: String, line: Int)
    /// The bytes are not well-formed XML.
    case malformed(source: String, line: Int, column: Int, message: String)
    /// The document uses XInclude, which could read other files.
    case xincludeRefused(source: String, line: Int)
    /// The document is larger than the parser accepts.
    case tooLarge(source: String, bytes: Int, limit: Int)
    /// An XSD could not be compiled.
    case schemaInvalid(source: String, diagnostics: [XMLDiagnostic])
    /// Canonicalisation or serialisation failed.
    case outputFailed(String)

    public var description: String {
        switch self {
        case let .doctypeRefused(source, line):
            return "\(source):\(line): the document has a DOCTYPE declaration; DOCTYPEs are refused "
                + "because they can read files or expand entities. Remove the <!DOCTYPE …> line."
        case let .malformed(source, line, column, message):
            return "\(source):\(line):\(column): not well-formed XML: \(message)"
        case let .xincludeRefused(source, line):
            return "\(source):\(line): XInclude is refused: a template or record must be one "
                + "self-contained file. Remove the xi:include element."
        case let .tooLarge(source, bytes, limit):
            return "\(source): \(bytes) bytes is over the limit of \(limit) bytes for one XML document."
        case let .schemaInvalid(source, diagnostics):
            return "\(source): the XML schema cannot be compiled:\n"
                + diagnostics.map { "  \($0)" }.joined(separator: "\n")
        case let .outputFailed(message):
            return "XML output failed: \(message)"
        }
    }
}

/// One message from libxml2 (a schema validation error, a parse error), with its position.
public struct XMLDiagnostic: Equatable, Sendable, CustomStringConvertible {
    /// Line in the document, 1-based; 0 when libxml2 does not know it.
    public var line: Int
    /// The message, with libxml2's trailing newline removed.
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
