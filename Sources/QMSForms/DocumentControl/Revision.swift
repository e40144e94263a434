/// An edition/revision of a controlled document (版本/版次), printed as `A/0`.
///
/// The edition letter goes up (and the revision returns to 0) on a major change or after
/// the document's threshold; each approved partial change adds one to the revision.
/// Ordering is by edition, then revision.
public struct Revision: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Edition letter, `A`…`Z`.
    public var edition: Character
    /// Revision number within the edition, from 0.
    public var number: Int

    /// Revision `edition`/`number`, e.g. `A`/`0`.
    public init(edition: Character, number: Int) {
        self.edition = edition
        self.number = number
    }

    /// Parses `"A/0"`; returns `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 1, let letter = parts[0].first,
              letter.isASCII, letter.isUppercase,
              let n = Int(parts[1]), n >= 0, String(n) == parts[1] || parts[1] == "0" + String(n)
        else { return nil }
        self.edition = letter
        self.number = n
    }

    public var description: String { "\(edition)/\(number)" }

    public static func < (a: Revision, b: Revision) -> Bool {
        a.edition != b.edition ? a.edition < b.edition : a.number < b.number
    }
}
