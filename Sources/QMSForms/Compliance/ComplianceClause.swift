/// One clause of ISO 9001:2015 7.5 or 21 CFR Part 11 that `qmsforms compliance` accounts for:
/// what it asks, how far qmsforms meets it, with which feature, and the tests that prove it.
public struct ComplianceClause: Sendable, Codable, Equatable {
    /// How far the tool meets a clause.
    public enum Status: String, Sendable, Codable {
        /// The tool meets it; the tests listed prove it.
        case met
        /// The tool meets the part named; the rest is the company's.
        case partly
        /// Nothing software does meets it: it is the company's (training, policies, validation of its own use).
        case company

        /// The mark printed: ✔, ◐, ✗.
        public var mark: String {
            switch self {
            case .met: "✔"
            case .partly: "◐"
            case .company: "✗"
            }
        }
    }

    /// The clause as cited: `21 CFR 11.10(e)`.
    public var clause: String
    /// The test tag that marks its evidence (`cfr11_10e`).
    public var tag: String
    /// What the clause asks, in short.
    public var requirement: String
    /// How far qmsforms meets it.
    public var status: Status
    /// The feature that meets it, or what is left to the company.
    public var feature: String
    /// The tests tagged with ``tag``: `Target/File.function`, read from the test suite (``ComplianceEvidence``).
    public var tests: [String]
}
