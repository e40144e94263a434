import Foundation
import Logging
import PostgresNIO
import QMSForms

/// The search index in the `record_index` table: the row of each record (as JSON, with the
/// searched columns beside it) and its text, searched as the SQLite index is — substrings,
/// case-insensitive, Chinese included (trigram indexes make `ILIKE` fast).
enum PostgresIndex {
    static func apply(_ change: IndexChange, on connection: PostgresConnection, logger: Logger) async throws {
        switch change {
        case let .put(row, text):
            let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
            try await connection.query("""
                INSERT INTO record_index (number, form, state, customer, record_date, status, category, row, body)
                VALUES (\(row.number), \(row.form), \(row.state.rawValue), \(row.customer), \(row.recordDate), \(row.status),
                        \(row.complaintCategory), \(json), \(text))
                ON CONFLICT (number) DO UPDATE SET form = EXCLUDED.form, state = EXCLUDED.state, customer = EXCLUDED.customer,
                    record_date = EXCLUDED.record_date, status = EXCLUDED.status, category = EXCLUDED.category,
                    row = EXCLUDED.row, body = EXCLUDED.body
                """, logger: logger)
        case let .state(number, state):
            // The row's JSON carries the state too: both change together.
            var stored: String?
            for try await json in try await connection.query("SELECT row FROM record_index WHERE number = \(number)", logger: logger).decode(String.self) {
                stored = json
            }
            guard let stored else { return }
            var row = try JSONDecoder().decode(ArchivedRecord.self, from: Data(stored.utf8))
            row.state = state
            let updated = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
            try await connection.query("UPDATE record_index SET state = \(state.rawValue), row = \(updated) WHERE number = \(number)", logger: logger)
        case .clear:
            try await connection.query("DELETE FROM record_index", logger: logger)
        }
    }

    static func row(_ number: String, in database: PostgresDatabase) async throws -> ArchivedRecord? {
        for try await json in try await database.query("SELECT row FROM record_index WHERE number = \(number)").decode(String.self) {
            return try JSONDecoder().decode(ArchivedRecord.self, from: Data(json.utf8))
        }
        return nil
    }

    static func text(_ number: String, in database: PostgresDatabase) async throws -> String? {
        for try await body in try await database.query("SELECT body FROM record_index WHERE number = \(number)").decode(String.self) { return body }
        return nil
    }

    /// The rows matching `q`, by form and number.
    static func search(_ q: Archive.Search, in database: PostgresDatabase) async throws -> [ArchivedRecord] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        /// `%` and `_` of the person's text match themselves.
        func pattern(_ text: String, wildcard: Bool = false) -> String {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            return wildcard ? escaped.replacingOccurrences(of: "*", with: "%") : "%" + escaped + "%"
        }
        if let form = q.form { conditions.append("form = \(bind(form))") }
        if let number = q.number {
            conditions.append(number.contains("*") ? "number ILIKE \(bind(pattern(number, wildcard: true)))" : "number = \(bind(number))")
        }
        if let customer = q.customer { conditions.append("customer ILIKE \(bind(pattern(customer)))") }
        if let from = q.from { conditions.append("record_date >= \(bind(from.description))") }
        if let to = q.to { conditions.append("record_date <= \(bind(to.description))") }
        if let status = q.status { conditions.append("status = \(bind(status))") }
        if let category = q.complaintCategory { conditions.append("category = \(bind(category))") }
        if let state = q.state { conditions.append("state = \(bind(state.rawValue))") }
        for term in q.terms { conditions.append("body ILIKE \(bind(pattern(term)))") }
        let sql = "SELECT row FROM record_index" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY form COLLATE \"C\", number COLLATE \"C\""
        var rows: [ArchivedRecord] = []
        for try await json in try await database.query(PostgresQuery(unsafeSQL: sql, binds: binds)).decode(String.self) {
            rows.append(try JSONDecoder().decode(ArchivedRecord.self, from: Data(json.utf8)))
        }
        return rows
    }
}
