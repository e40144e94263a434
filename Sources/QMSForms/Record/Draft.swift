import Foundation

/// A record being written in the web application: kept on the server, attributed to its author
/// and resumable by them only. A draft is not a record: it has no number and is not in the
/// archive; issuing it archives a record and ends the draft.
public struct Draft: Sendable, Codable, Equatable {
    /// A random identifier (256 bits, hex).
    public var id: String
    /// The form's alias (`8d`, `feedback` …).
    public var form: String
    /// The account name of the author.
    public var author: String
    /// When it was begun and last saved (UTC, ISO 8601).
    public var created: String
    public var updated: String
    /// The entries as the form posted them: field path and value, in order (a path may repeat).
    public var entries: [Entry]

    /// One posted value: `d2.statement`, `d0.era_actions[1].owner` …
    public struct Entry: Sendable, Codable, Equatable {
        public var path: String
        public var value: String

        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    /// A new draft of `form` by `author`.
    public static func begin(form: String, author: String, entries: [Entry], now: Date) -> Draft {
        let t = ChangeControl.timestamp(now)
        return Draft(id: Session.randomToken(), form: form, author: author, created: t, updated: t, entries: entries)
    }
}
