/// A titled group of fields on a form (the D-steps of an 8D, the blocks of a survey).
public struct Section: Sendable {
    /// The section's id: its key in data.
    public var id: String
    /// Its heading, as printed.
    public var label: Bilingual
    /// Filled step by step: its required fields apply once any of its fields is given, and it
    /// may be started only when the progressive section before it is complete (8D D1…D8).
    public var progressive: Bool
    /// Print hint: start this section on a new page.
    public var pageBreakBefore: Bool
    /// Its fields, in order.
    public var fields: [Field]
    /// Rules between its fields (and any before them).
    public var checks: [Check] = []

    /// A section.
    public init(id: String, label: Bilingual, progressive: Bool = false, pageBreakBefore: Bool = false,
                fields: [Field]) {
        self.id = id
        self.label = label
        self.progressive = progressive
        self.pageBreakBefore = pageBreakBefore
        self.fields = fields
    }
}
