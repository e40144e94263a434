import Foundation

extension Archive {
    /// Filters for ``search(_:)``; every one given must hold.
    public struct Search: Sendable {
        /// Form number or alias.
        public var form: String?
        /// A record number; `*` stands for any run of characters (`8D-2026-*`).
        public var number: String?
        /// Part of the customer's name.
        public var customer: String?
        /// Record dates from / to, inclusive.
        public var from: Day?
        /// Record dates up to this day, inclusive.
        public var to: Day?
        /// The record's status code (`closed`, `open` …), as its form's index declares.
        public var status: String?
        /// The complaint category code (`a`–`e`).
        public var complaintCategory: String?
        /// Words anywhere in the record's text (any language): a record matches when it holds
        /// every word, in any order; `"…"` keeps words together as one phrase. Characters mean
        /// themselves (`_` and `%` are not patterns). See ``terms``.
        public var text: String?
        /// Only records in this state.
        public var state: ArchivedRecord.State?

        /// A search with the filters given; none given matches every record.
        public init(form: String? = nil, number: String? = nil, customer: String? = nil, from: Day? = nil, to: Day? = nil,
                    status: String? = nil, complaintCategory: String? = nil, text: String? = nil, state: ArchivedRecord.State? = nil) {
            self.form = form
            self.number = number
            self.customer = customer
            self.from = from
            self.to = to
            self.status = status
            self.complaintCategory = complaintCategory
            self.text = text
            self.state = state
        }

        /// The words and phrases of ``text``, each to be found as it is written (case aside):
        /// `表面划伤 "rejected by" 顾客` → `表面划伤`, `rejected by`, `顾客`.
        public var terms: [String] {
            var terms: [String] = [], current = "", quoted = false
            func end() {
                let t = current.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { terms.append(t) }
                current = ""
            }
            for c in text ?? "" {
                if c == "\"" { end(); quoted.toggle() } else if !quoted && c.isWhitespace { end() } else { current.append(c) }
            }
            end()
            return terms
        }
    }

    /// The index rows matching every filter given, by form and number.
    public func search(_ s: Search) async throws -> [ArchivedRecord] {
        try await freshIndex()
        var query = s
        if let form = s.form { query.form = try await documents.templateForFilling(form).0.number }
        return try await store.search(query)
    }

    /// A record as the index knows it, and every audit entry about it.
    public func show(_ number: String) async throws -> (ArchivedRecord, [AuditEntry]) {
        try await freshIndex()
        guard let row = try await store.indexed(number) else { throw ArchiveError.unknownRecord(number) }
        return (row, try await store.history(of: number))
    }

    /// The archived XML of a record's latest revision, as written at issue or correction.
    public func archivedXML(_ number: String) async throws -> Data {
        let latest = try await standing(number).last!
        return try await store.file(latest.recordFiles[0])
    }

    /// The frozen HTML of a record's latest revision, for printing it again. A void or disposed
    /// record is refused: its number stays in the audit trail, not on new paper.
    public func rendition(_ number: String) async throws -> Data {
        // The trail decides whether it may be printed and which file is the latest, not the index.
        let latest = try await standing(number).last!
        return try await store.file(latest.recordFiles[1])   // [XML, HTML]
    }

    /// Records past their retention on `asOf` (default today), not yet disposed of.
    public func due(asOf: Day? = nil) async throws -> [ArchivedRecord] {
        try await freshIndex()
        let day = (asOf ?? clock.today).description
        // The index proposes; each record's own retention decides (an edited index lists nothing early).
        var due: [ArchivedRecord] = []
        for row in try await store.search(Search()) where row.state != .disposed && (row.keepUntil.map { $0 < day } ?? false) {
            if let until = try await retention(of: row.number).keepUntil, until < day { due.append(row) }
        }
        return due
    }
}
