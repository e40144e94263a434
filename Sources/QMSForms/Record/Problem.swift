/// One thing wrong with record data: where, which rule, the value, and how to fix it.
///
/// Validation collects every problem in one pass; see ``RecordError``.
public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Rule: String, Sendable, Codable {
        /// A required field is empty, a condition makes one required, a value has the wrong type, a key is unknown, or a computed field was given.
        case required, requiredWhen = "required-when", type, unknownKey = "unknown-key", computed
        /// A bound, pattern, length, option, reference or record-number rule is broken.
        case min, max, pattern, maxLength = "max-length", option, reference, recordNumber = "record-number"
        /// Too few or too many rows, dates out of order, sections out of sequence, or a value given twice.
        case rows, order, sequence, duplicate
        /// The data file is not well-formed JSON, YAML or CSV.
        case syntax
        /// A rule between two values (a `<check>` of the form) is broken.
        case check
    }

    /// Field path: `d3.containment[2].suspect_qty` (table rows count from 1).
    public var path: String
    /// Line in the data file, when known.
    public var line: Int?
    /// The rule broken.
    public var rule: Rule
    /// The offending value as written, when there is one.
    public var value: String?
    /// What is wrong, in plain words.
    public var message: String
    /// How to fix it, where there is advice.
    public var hint: String?

    /// A problem at `path` (line `line`) breaking `rule`.
    public init(path: String, line: Int? = nil, rule: Rule, value: String? = nil, message: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.rule = rule
        self.value = value
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var s = path
        if let line, line > 0 { s += " (line \(line))" }
        s += ": " + message + " [\(rule.rawValue)]"
        if let value { s += "; value: " + Problem.quote(value) }
        if let hint { s += "; hint: " + hint }
        return s
    }

    static func quote(_ v: String) -> String {
        let short = v.count > 60 ? String(v.prefix(57)) + "…" : v
        return "\"" + short.replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

/// Record data that does not satisfy its template: every ``Problem`` found.
public struct RecordError: QMSError, Codable {
    public var category: ErrorCategory { .invalidData }

    /// The data's name.
    public var source: String
    /// Every problem, in data order.
    public var problems: [Problem]

    /// The problems of the data `source`.
    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        "\(source): \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
