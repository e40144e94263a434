import XMLSupport

/// Why a template could not be loaded. Carries the file and, where known, the line.
public struct TemplateError: QMSError {
    public var category: ErrorCategory {
        switch reason {
        case .notFound: .usage
        case .io: .io
        default: .badTemplate
        }
    }

    /// Why a template was refused.
    public enum Reason: Sendable, Equatable {
        /// Unreadable file.
        case io(String)
        /// Not safe or not well-formed XML (DOCTYPE, XXE, malformed…).
        case xml(XMLError)
        /// Not valid against the template language schema; every diagnostic.
        case schema([XMLDiagnostic])
        /// Valid XML but inconsistent: a rule names an unknown field, ids repeat, …
        case semantic(String)
        /// No template by that number, alias or path.
        case notFound(String, known: [String])
    }

    /// The template file.
    public var path: String
    /// The line, where known.
    public var line: Int?
    /// Why it was refused.
    public var reason: Reason

    /// A template refused for `reason`.
    public init(path: String, line: Int? = nil, reason: Reason) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let at = line.map { "\(path):\($0)" } ?? path
        switch reason {
        case let .io(message):
            return "\(at): cannot read the template: \(message)"
        case let .xml(error):
            return "bad template: \(error)"
        case let .schema(diagnostics):
            return "\(at): not a valid qmsforms template (checked against forms/schema/template.xsd):\n"
                + diagnostics.map { "  \($0)" }.joined(separator: "\n")
                + "\n  See docs/template-language.md for the template language."
        case let .semantic(message):
            return "\(at): bad template: \(message)"
        case let .notFound(name, known):
            return "no form '\(name)': give a form number, an alias or a path to a template file. "
                + "Known forms: \(known.joined(separator: ", "))."
        }
    }
}
