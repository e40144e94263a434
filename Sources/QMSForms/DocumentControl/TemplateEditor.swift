import XMLSupport

/// Rewrites a template working copy's `<control>` and `<change-record>` elements from their
/// models, leaving every other byte of the file as the author wrote it.
struct TemplateEditor {
    var text: String

    /// Replaces the control data (revision, approvals, effective date …).
    mutating func setControl(_ c: DocumentControl) throws(ChangeControlError) {
        try replace("control", with: Self.control(c, indent: indent(of: "control")))
    }

    /// Replaces the change record with `rows`.
    mutating func setChangeRecord(_ rows: [ChangeRecord]) throws(ChangeControlError) {
        try replace("change-record", with: Self.changeRecord(rows, indent: indent(of: "change-record")))
    }

    /// Start and end (past the close tag) of the one element called `name`, skipping comments.
    private func range(of name: String) -> Range<String.Index>? {
        var i = text.startIndex
        var start: String.Index?
        while i < text.endIndex {
            if text[i...].hasPrefix("<!--") {
                guard let end = text[i...].range(of: "-->") else { return nil }
                i = end.upperBound
                continue
            }
            if start == nil, text[i...].hasPrefix("<" + name) {
                let after = text.index(i, offsetBy: name.count + 1)
                if after < text.endIndex, " \t\r\n/>".contains(text[after]) { start = i }
            } else if let s = start, text[i...].hasPrefix("</" + name + ">") {
                return s..<text.index(i, offsetBy: name.count + 3)
            }
            i = text.index(after: i)
        }
        return nil
    }

    private func indent(of name: String) -> String {
        guard let r = range(of: name) else { return "  " }
        let lineStart = text[..<r.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return String(text[lineStart..<r.lowerBound].prefix { $0 == " " || $0 == "\t" })
    }

    private mutating func replace(_ name: String, with element: String) throws(ChangeControlError) {
        guard let r = range(of: name) else { throw .notEditable(document: "the working copy", element: name) }
        text.replaceSubrange(r, with: element)
    }

    private static func attr(_ name: String, _ value: String) -> String {
        " " + name + "=\"" + XMLWriter.escape(value, attribute: true) + "\""
    }

    static func control(_ c: DocumentControl, indent: String) -> String {
        var s = "<control" + attr("edition", String(c.revision.edition)) + attr("revision", String(c.revision.number))
        if let effective = c.effective { s += attr("effective", effective) }
        s += attr("retention-years", String(c.retention.years)) + attr("retention-from", c.retention.basis.rawValue)
        s += "\n" + indent + "         " + attr("department-zh", c.department.zh) + attr("department-en", c.department.en)
        if let pattern = c.recordNumber { s += attr("record-number", pattern.text) }
        s += attr("letter-after", String(c.letterAfter))
        if c.selfApproval { s += attr("self-approval", "true") }
        s += ">\n"
        for a in c.approvals {
            s += indent + "  <approval" + attr("role", a.role.rawValue) + attr("name", a.name) + attr("date", a.date)
                + (a.contentSHA256.map { attr("content-sha256", $0) } ?? "") + "/>\n"
        }
        return s + indent + "</control>"
    }

    static func changeRecord(_ rows: [ChangeRecord], indent: String) -> String {
        var s = "<change-record>\n"
        for r in rows {
            s += indent + "  <change" + attr("date", r.date) + attr("version", r.version.description) + attr("pages", r.pages)
                + attr("order", r.order) + attr("by", r.by) + ">\n"
            s += indent + "    <summary>" + XMLWriter.escape(r.summary) + "</summary>\n"
            if !r.before.isEmpty { s += indent + "    <before>" + XMLWriter.escape(r.before) + "</before>\n" }
            if !r.after.isEmpty { s += indent + "    <after>" + XMLWriter.escape(r.after) + "</after>\n" }
            if !r.remarks.isEmpty { s += indent + "    <remarks>" + XMLWriter.escape(r.remarks) + "</remarks>\n" }
            s += indent + "  </change>\n"
        }
        return s + indent + "</change-record>"
    }
}
