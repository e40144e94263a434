import Foundation
import GRDB

/// The searchable index of the archive (`archive/index.sqlite`, SQLite with FTS5). The files
/// and the audit log are the truth; ``Archive/reindex()`` rebuilds this from them. Part of ``FileArchiveStore``.
struct ArchiveIndex {
    let queue: DatabaseQueue

    init(url: URL) throws {
        do {
            queue = try DatabaseQueue(path: url.path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS records (
                      number TEXT PRIMARY KEY, form TEXT NOT NULL, template_revision TEXT NOT NULL, revision INTEGER NOT NULL,
                      state TEXT NOT NULL, customer TEXT, record_date TEXT NOT NULL, status TEXT, category TEXT,
                      issued_at TEXT NOT NULL, keep_until TEXT, path TEXT NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS records_form_date ON records(form, record_date);
                    CREATE VIRTUAL TABLE IF NOT EXISTS records_text USING fts5(number UNINDEXED, body, tokenize = 'trigram');
                    """)
            }
        } catch { throw ArchiveError.indexUnusable(path: url.path) }
    }

    /// Adds or updates a record; its text row shares its rowid, so both stay a key lookup.
    func upsert(_ r: ArchivedRecord, body: String) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(number) DO UPDATE SET form = excluded.form, template_revision = excluded.template_revision,
                  revision = excluded.revision, state = excluded.state, customer = excluded.customer,
                  record_date = excluded.record_date, status = excluded.status, category = excluded.category,
                  issued_at = excluded.issued_at, keep_until = excluded.keep_until, path = excluded.path, body = excluded.body
                """, arguments: [r.number, r.form, r.templateRevision, r.revision, r.state.rawValue, r.customer, r.recordDate,
                                 r.status, r.complaintCategory, r.issuedAt, r.keepUntil, r.path, body])
            let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM records WHERE number = ?", arguments: [r.number])!
            try db.execute(sql: "DELETE FROM records_text WHERE rowid = ?", arguments: [rowid])
            try db.execute(sql: "INSERT INTO records_text(rowid, number, body) VALUES (?, ?, ?)", arguments: [rowid, r.number, body])
        }
    }

    func setState(_ number: String, _ state: ArchivedRecord.State) throws {
        try queue.write { db in try db.execute(sql: "UPDATE records SET state = ? WHERE number = ?", arguments: [state.rawValue, number]) }
    }

    func apply(_ change: IndexChange) throws {
        switch change {
        case let .put(row, text): try upsert(row, body: text)
        case let .state(number, state): try setState(number, state)
        case .clear: try clear()
        }
    }

    func clear() throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM records; DELETE FROM records_text;") }
    }

    func search(_ q: Archive.Search) throws -> [ArchivedRecord] {
        var clauses: [String] = [], args: [(any DatabaseValueConvertible)?] = []
        func add(_ clause: String, _ value: String) { clauses.append(clause); args.append(value) }
        if let v = q.form { add("r.form = ?", v) }
        if let v = q.number {
            if v.contains("*") {
                add("r.number LIKE ? ESCAPE '\\'", v.split(separator: "*", omittingEmptySubsequences: false).map { Self.literal(String($0)) }.joined(separator: "%"))
            } else { add("r.number = ?", v) }
        }
        if let v = q.customer { add("r.customer LIKE ? ESCAPE '\\'", "%" + Self.literal(v) + "%") }
        if let v = q.from { add("r.record_date >= ?", v.description) }
        if let v = q.to { add("r.record_date <= ?", v.description) }
        if let v = q.status { add("r.status = ?", v) }
        if let v = q.complaintCategory { add("r.category = ?", v) }
        if let v = q.state { add("r.state = ?", v.rawValue) }
        for term in q.terms {
            // Every term must be there. Trigrams find any substring of three or more characters
            // (as one quoted FTS5 phrase: nothing in it is query syntax); shorter terms scan.
            if term.count >= 3 {
                add("r.rowid IN (SELECT rowid FROM records_text WHERE records_text MATCH ?)", "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            } else {
                add("r.body LIKE ? ESCAPE '\\'", "%" + Self.literal(term) + "%")
            }
        }
        let sql = "SELECT * FROM records r" + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY r.form, r.number"
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.record)
        }
    }

    func all() throws -> [ArchivedRecord] { try search(Archive.Search()) }

    /// `text` as a LIKE pattern that matches only itself (`%`, `_` and `\` escaped with `\`).
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    func record(_ number: String) throws -> ArchivedRecord? {
        try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM records WHERE number = ?", arguments: [number]).map(Self.record) }
    }

    /// The searched text of `number`; where the row and the full-text table disagree, the
    /// full-text table's (which then differs from the record).
    func text(_ number: String) throws -> String? {
        try queue.read { db in
            let body = try String.fetchOne(db, sql: "SELECT body FROM records WHERE number = ?", arguments: [number])
            let searched = try String.fetchOne(db, sql: "SELECT t.body FROM records_text t JOIN records r ON t.rowid = r.rowid WHERE r.number = ?",
                                               arguments: [number])
            return body == searched ? body : searched ?? ""
        }
    }

    static func record(_ row: Row) -> ArchivedRecord {
        ArchivedRecord(number: row["number"], form: row["form"], templateRevision: row["template_revision"], revision: row["revision"],
                       state: ArchivedRecord.State(rawValue: row["state"]) ?? .issued, customer: row["customer"],
                       recordDate: row["record_date"], status: row["status"], complaintCategory: row["category"],
                       issuedAt: row["issued_at"], keepUntil: row["keep_until"], path: row["path"])
    }
}
