/// Data bound to one template revision, validated, with its computed values.
///
/// Create one with ``RecordValidator``; render it with ``RecordXMLWriter`` and ``HTMLRenderer``.
public struct Record: Sendable {
    /// The template revision the record is bound to.
    public let template: Template
    /// The record number from the data's `record_no`, or `nil` for a draft.
    public let number: String?
    /// Entered values by field id (top-level fields; table cells live in their rows).
    public let values: [String: Value]
    /// Computed values by field id.
    public let computed: [String: Value]

    /// A record; made by ``RecordValidator``, which checks the values first.
    public init(template: Template, number: String?, values: [String: Value], computed: [String: Value]) {
        self.template = template
        self.number = number
        self.values = values
        self.computed = computed
    }

    /// `number`, or `DRAFT` when the record has none yet.
    public var displayNumber: String { number ?? "DRAFT" }

    /// The entered or computed value of field `id`.
    public func value(_ id: String) -> Value? { values[id] ?? computed[id] }
}
