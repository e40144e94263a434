/// A structural comparison of two revisions of a controlled document: fields added, removed
/// or retyped; labels, options, rules and text changed. Used for the change record's
/// before/after and by `qmsforms diff`.
public struct TemplateDiff: Sendable {
    /// One difference, at a path such as `s1.description` or `options.severity`.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        /// Whether something was added, removed or changed.
        public enum Kind: String, Sendable {
            /// Only in the new revision.
            case added
            /// Only in the old revision.
            case removed
            /// In both, different.
            case changed
        }

        /// Where: `section.field`, or `control`.
        public var path: String
        /// What about it: `label`, `type`, `rules`, `field`, `text` …
        public var aspect: String
        /// Added, removed or changed.
        public var kind: Kind
        /// As it was.
        public var before: String
        /// As it is.
        public var after: String

        /// A change of the document's control data (retention, department, record number,
        /// numbering, self-approval).
        public var isControl: Bool { path == "control" }

        public var description: String {
            switch kind {
            case .added: "\(aspect) added at \(path): \(after)"
            case .removed: "\(aspect) removed at \(path): \(before)"
            case .changed: "\(aspect) of \(path) changed: \(before) → \(after)"
            }
        }
    }

    /// Every difference, in template order.
    public let changes: [Change]

    /// The differences from `old` to `new`.
    public init(from old: Template, to new: Template) {
        let a = Self.facts(old), b = Self.facts(new)
        var changes: [Change] = []
        let keys = a.map(\.key) + b.map(\.key).filter { k in !a.contains { $0.key == k } }
        let oldPaths = Set(a.map(\.key.path)), newPaths = Set(b.map(\.key.path))
        // Aspects that name a whole element: when its path appears or goes, report only these.
        let whole: Set<String> = ["label", "section", "row", "title", "check"]
        for key in keys {
            let before = a.first { $0.key == key }, after = b.first { $0.key == key }
            switch (before, after) {
            case let (x?, y?):
                if x.value != y.value {
                    changes.append(Change(path: key.path, aspect: key.aspect, kind: .changed, before: x.value, after: y.value))
                }
            case let (x?, nil) where newPaths.contains(key.path) || whole.contains(key.aspect):
                changes.append(Change(path: key.path, aspect: key.aspect, kind: .removed, before: x.value, after: ""))
            case let (nil, y?) where oldPaths.contains(key.path) || whole.contains(key.aspect):
                changes.append(Change(path: key.path, aspect: key.aspect, kind: .added, before: "", after: y.value))
            default: break
            }
        }
        self.changes = changes.map { c in
            guard c.aspect == "label", c.kind != .changed else { return c }
            // A field added or removed is named with its type and its rules: "required" is news.
            func fact(_ aspect: String) -> String { (c.kind == .added ? b : a).first { $0.key == Key(path: c.path, aspect: aspect) }?.value ?? "" }
            let rules = fact("rules")
            let summary = " (" + fact("type") + (rules.isEmpty ? "" : "; " + rules) + ")"
            var whole = c
            whole.aspect = "field"
            if c.kind == .added { whole.after += summary } else { whole.before += summary }
            return whole
        }
    }

    struct Key: Equatable { var path: String; var aspect: String }

    /// Everything a reader of the printed document would notice, as (path, aspect) → text.
    static func facts(_ t: Template) -> [(key: Key, value: String)] {
        var out: [(key: Key, value: String)] = [(Key(path: "title", aspect: "title"), t.title.both)]
        out += controlFacts(t.control).map { (Key(path: "control", aspect: $0.aspect), $0.value) }
        func field(_ f: Field, path: String) {
            out.append((Key(path: path, aspect: "label"), f.label.both))
            out.append((Key(path: path, aspect: "type"), TemplateOutline.type(of: f)))
            out.append((Key(path: path, aspect: "rules"), TemplateOutline.rules(of: f).joined(separator: "; ")))
            if let hint = f.hint { out.append((Key(path: path, aspect: "hint"), hint.both)) }
            if case let .table(table) = f.kind {
                for c in table.checks { out.append((Key(path: path + " check " + c.formula, aspect: "check"), c.message.both)) }
                for (i, row) in table.fixedRows.enumerated() {
                    out.append((Key(path: path + ".rows." + row.key, aspect: "row"), "\(i + 1). " + row.label.both))
                }
                for c in table.columns { field(c, path: path + "." + c.id) }
            }
        }
        for s in t.sections {
            out.append((Key(path: s.id, aspect: "section"), s.label.both + (s.progressive ? " (progressive)" : "")))
            for f in s.fields { field(f, path: s.id + "." + f.id) }
            for c in s.checks { out.append((Key(path: s.id + " check " + c.formula, aspect: "check"), c.message.both)) }
        }
        for (i, part) in (t.document?.parts ?? []).enumerated() {
            let path = "part " + (part.number ?? "#\(i + 1)")
            out.append((Key(path: path, aspect: "title"), part.title.both))
            for (j, block) in part.blocks.enumerated() {
                out.append((Key(path: path + " block \(j + 1)", aspect: "text"), Self.text(block)))
            }
        }
        return out
    }

    /// The control data a revision carries into the next one (not the revision, approvals and
    /// effective date, which every revision has its own of): each is a change of the document.
    static func controlFacts(_ c: DocumentControl) -> [(aspect: String, value: String)] {
        [("retention", c.retention.label.both), ("department", c.department.both),
         ("record-number", c.recordNumber?.text ?? "—"), ("letter-after", String(c.letterAfter)),
         ("self-approval", c.selfApproval ? "allowed" : "not allowed")]
    }

    /// The full text of a procedure block, for comparison.
    static func text(_ b: ProcedureDocument.Block) -> String {
        func t(_ x: ProcedureDocument.Text) -> String { x.zh + (x.en.map { " / " + $0 } ?? "") }
        switch b {
        case let .paragraph(number, x): return (number.map { $0 + " " } ?? "") + t(x)
        case let .list(_, items): return items.map(t).joined(separator: " | ")
        case let .table(_, head, rows): return ([head] + rows).map { $0.map(t).joined(separator: " | ") }.joined(separator: " || ")
        case let .references(refs): return refs.map { ($0.number ?? "") + " " + t($0.title) }.joined(separator: " | ")
        case let .flow(f): return f.steps.map { $0.id + ":" + t($0.text) + " [" + $0.forms.joined(separator: " ") + "]" }.joined(separator: " → ")
            + f.inputs.map { " ⇢" + $0.to + ":" + t($0.text) }.joined() + f.arrows.map { " " + $0.from + "↷" + $0.to }.joined()
        case let .turtle(x):
            return [x.inputs, x.outputs, x.withWhat, x.who, x.how, x.criteria].map { $0.map(t).joined(separator: ", ") }.joined(separator: " | ")
        }
    }
}
