/// The outcome of checking one record's data against a form, as `validate --format json` and
/// `fill --format json` print it (and the web application returns it): every ``Problem`` with its
/// path, line, rule, value and hint.
///
/// ```swift
/// let report = ValidationReport(template: t, source: "8d.yaml") { try RecordValidator(template: t).validate(node, source: "8d.yaml") }
/// print(report.valid, report.problems.count)
/// ```
public struct ValidationReport: Sendable, Codable, Equatable {
    /// The data's name.
    public var source: String
    /// The form number and the revision checked against.
    public var form: String
    /// The template revision.
    public var revision: String
    /// Whether there were no problems.
    public var valid: Bool
    /// The record's number, when the data gives one.
    public var record: String?
    /// Every problem.
    public var problems: [Problem]
    /// Files written (fill), when any.
    public var files: [String]?

    /// A report on the data `source` for `form` at `revision`.
    public init(source: String, form: String, revision: String, record: String?, problems: [Problem], files: [String]? = nil) {
        self.source = source
        self.form = form
        self.revision = revision
        self.valid = problems.isEmpty
        self.record = record
        self.problems = problems
        self.files = files
    }

    /// The report of data that could not be read as a record at all (malformed JSON, YAML or CSV).
    public init(source: String, template: Template, unreadable error: DataError) {
        self.init(source: source, form: template.number, revision: template.control.revision.description, record: nil,
                  problems: [Problem(path: "", line: error.line, rule: .syntax, message: "not valid \(error.format.rawValue): \(error.message)",
                                     hint: error.hint)])
    }

    /// The report of invalid data: the problems ``RecordValidator`` found.
    public init(template: Template, invalid error: RecordError) {
        self.init(source: error.source, form: template.number, revision: template.control.revision.description, record: nil,
                  problems: error.problems)
    }
}
