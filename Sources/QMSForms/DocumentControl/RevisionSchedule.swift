/// Which revision of a form a record is filled against: the one in force **on the record's own
/// date** (the field the form's `<archive dated-by>` names), never one not yet in force today.
///
/// A CAPA raised on paper on 03-15 under A/0 and typed in on 03-25, after A/1 took effect on
/// 03-20, is recorded on A/0: the form it was written on. A record without a date, or dated on
/// or after the day the revision in force took effect, is filled against that revision.
///
/// ```swift
/// let schedule = try await control.schedule("capa")
/// let template = schedule.template(for: data)   // A/0 for a CAPA raised before A/1 took effect
/// ```
public struct RevisionSchedule: Sendable {
    /// The revision in force today.
    public let current: Template
    /// The released revisions before it, oldest first, with the day each took effect.
    let earlier: [(effective: String, template: Template)]

    /// Always `template` (a revision asked for by name, a draft, an uncontrolled form).
    public init(fixed template: Template) {
        current = template
        earlier = []
    }

    init(current: Template, earlier: [(effective: String, template: Template)]) {
        self.current = current
        self.earlier = earlier
    }

    /// The revision in force on the record date `data` gives (read by the current revision's
    /// `dated-by`); the current one when it gives none, or is dated since it took effect. A
    /// record dated before the first controlled revision takes the first.
    public func template(for data: DataNode) -> Template {
        guard !earlier.isEmpty, let since = current.control.effective, let day = current.recordDay(in: data), day < since else {
            return current
        }
        return earlier.last { $0.effective <= day }?.template ?? earlier[0].template
    }
}

extension Template {
    /// The record date `data` declares (its `dated-by` field, as written), `nil` when it gives none.
    func recordDay(in data: DataNode) -> String? {
        guard let id = archive.datedBy, let section = section(of: id) else { return nil }
        guard let text = data[section.id]?[id]?.scalarText, text.count >= 10, Day(String(text.prefix(10))) != nil else { return nil }
        return String(text.prefix(10))
    }
}
