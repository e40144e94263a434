/// What kind of failure an error is. The command-line tool maps the category to its exit code
/// and the web application to an HTTP status, each in one place; the library only classifies.
public enum ErrorCategory: String, Sendable, Codable, CaseIterable {
    /// The data does not satisfy the form: exit 1.
    case invalidData = "invalid-data"
    /// The request itself is wrong (unknown form or record, malformed option): exit 2.
    case usage
    /// A template or the settings cannot be used: exit 3.
    case badTemplate = "bad-template"
    /// A file or folder could not be read or written: exit 4.
    case io
    /// Document control or the archive refuses the action (out of order, obsolete, void, not
    /// yet due, not permitted), or a verification found a problem: exit 5.
    case refused
}

/// An error of the library: it says what went wrong, where and how to fix it
/// (`description`) and which ``ErrorCategory`` it belongs to.
public protocol QMSError: Error, Sendable, CustomStringConvertible {
    /// Which kind of failure this is; the command line maps it to an exit code, the server to
    /// an HTTP status, each in one place.
    var category: ErrorCategory { get }
}
