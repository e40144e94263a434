/// forms-spec §1.2 with the project's choices: A/0 first; each approved change adds one to the
/// number; the letter goes up and the number returns to 0 on a major change, or on the change
/// after revision `letterAfter` (A/4 → B/0 by default).
public enum RevisionRule {
    /// The revision the next change gets, or `nil` past edition Z.
    public static func next(after current: Revision, major: Bool, letterAfter: Int) -> Revision? {
        if major || current.number >= letterAfter {
            guard let scalar = current.edition.unicodeScalars.first, scalar.value < 90,
                  let next = Unicode.Scalar(scalar.value + 1) else { return nil }
            return Revision(edition: Character(next), number: 0)
        }
        return Revision(edition: current.edition, number: current.number + 1)
    }
}
