import PostgresNIO
import QMSForms

/// The archive's tables, versioned: each migration is applied once, in order, by the schema's
/// owner (`qmsforms archive migrate-schema`), and a server refuses a schema newer than it knows.
///
/// The owner role owns the tables; the application's role gets only what the archive's
/// operations need: it reads everything, appends audit rows and record files, advances counters,
/// and rewrites the index (which is always rebuildable). Triggers refuse any `UPDATE` or `DELETE`
/// of an audit row or a record file — for every role, the owner included — except the deletion of
/// a record's files once its disposal is in the trail.
public enum PostgresSchema {
    /// The migrations, version 1 first: each one's statements, `{app}` standing for the application's role.
    static let migrations: [[String]] = [[
        "CREATE TABLE qms_schema (version integer NOT NULL)",
        "INSERT INTO qms_schema VALUES (0)",
        "CREATE TABLE audit_entries (seq bigint PRIMARY KEY, hash text NOT NULL UNIQUE, action text NOT NULL, number text, entry text NOT NULL)",
        "CREATE INDEX audit_entries_number ON audit_entries (number)",
        "CREATE TABLE record_files (path text PRIMARY KEY, number text NOT NULL, data bytea NOT NULL)",
        "CREATE TABLE counters (series text PRIMARY KEY, seq integer NOT NULL CHECK (seq > 0))",
        "CREATE TABLE signed_head (id integer PRIMARY KEY CHECK (id = 1), head text NOT NULL)",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        """
        CREATE TABLE record_index (
            number text PRIMARY KEY, form text NOT NULL, state text NOT NULL, customer text, record_date text NOT NULL,
            status text, category text, row text NOT NULL, body text NOT NULL)
        """,
        "CREATE INDEX record_index_body ON record_index USING gin (body gin_trgm_ops)",
        "CREATE INDEX record_index_customer ON record_index USING gin (customer gin_trgm_ops)",
        """
        CREATE FUNCTION qms_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'record_files'
               AND EXISTS (SELECT 1 FROM audit_entries WHERE action = 'dispose' AND number = OLD.number) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'qmsforms: % on % refused: archived records and the audit trail are write-once', TG_OP, TG_TABLE_NAME;
        END $$
        """,
        "CREATE TRIGGER audit_entries_write_once BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION qms_write_once()",
        "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION qms_write_once()",
        "CREATE TRIGGER record_files_write_once BEFORE UPDATE OR DELETE ON record_files FOR EACH ROW EXECUTE FUNCTION qms_write_once()",
        "CREATE TRIGGER record_files_no_truncate BEFORE TRUNCATE ON record_files FOR EACH STATEMENT EXECUTE FUNCTION qms_write_once()",
        "REVOKE ALL ON audit_entries, record_files, counters, signed_head, record_index, qms_schema FROM PUBLIC",
        "GRANT SELECT ON qms_schema TO {app}",
        "GRANT SELECT, INSERT ON audit_entries TO {app}",
        "GRANT SELECT, INSERT, DELETE ON record_files TO {app}",
        "GRANT SELECT, INSERT, UPDATE ON counters, signed_head TO {app}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON record_index TO {app}",
    ], [
        // 2: the register of controlled documents with their frozen revisions, accounts, sessions, drafts.
        "CREATE TABLE register_documents (number text PRIMARY KEY, alias text NOT NULL, file text NOT NULL, position integer NOT NULL UNIQUE)",
        """
        CREATE TABLE register_revisions (
            number text NOT NULL REFERENCES register_documents, position integer NOT NULL, revision text NOT NULL, sha256 text NOT NULL,
            file text NOT NULL UNIQUE, effective text NOT NULL, released_at text NOT NULL, bytes bytea NOT NULL, PRIMARY KEY (number, position))
        """,
        """
        CREATE FUNCTION qms_register_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'qmsforms: % on % refused: released revisions are frozen', TG_OP, TG_TABLE_NAME;
        END $$
        """,
        "CREATE TRIGGER register_documents_write_once BEFORE UPDATE OR DELETE ON register_documents FOR EACH ROW EXECUTE FUNCTION qms_register_write_once()",
        "CREATE TRIGGER register_revisions_write_once BEFORE UPDATE OR DELETE ON register_revisions FOR EACH ROW EXECUTE FUNCTION qms_register_write_once()",
        "CREATE TRIGGER register_documents_no_truncate BEFORE TRUNCATE ON register_documents FOR EACH STATEMENT EXECUTE FUNCTION qms_register_write_once()",
        "CREATE TRIGGER register_revisions_no_truncate BEFORE TRUNCATE ON register_revisions FOR EACH STATEMENT EXECUTE FUNCTION qms_register_write_once()",
        "CREATE TABLE accounts (name text PRIMARY KEY, account text NOT NULL)",
        "CREATE TABLE sessions (id text PRIMARY KEY, account text NOT NULL, session text NOT NULL)",
        "CREATE INDEX sessions_account ON sessions (account)",
        "CREATE TABLE drafts (id text PRIMARY KEY, author text NOT NULL, updated text NOT NULL, draft text NOT NULL)",
        "CREATE INDEX drafts_author ON drafts (author)",
        "REVOKE ALL ON register_documents, register_revisions, accounts, sessions, drafts FROM PUBLIC",
        "GRANT SELECT, INSERT ON register_documents, register_revisions TO {app}",
        "GRANT SELECT, INSERT, UPDATE ON accounts TO {app}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, drafts TO {app}",
    ], [
        // 3: the public key the trail's head is signed with, pinned by the first server to open the
        // archive, so a server with another key is refused instead of signing a head no one can check.
        "CREATE TABLE head_key (id integer PRIMARY KEY CHECK (id = 1), public_key text NOT NULL)",
        "CREATE TRIGGER head_key_write_once BEFORE UPDATE OR DELETE ON head_key FOR EACH ROW EXECUTE FUNCTION qms_write_once()",
        "CREATE TRIGGER head_key_no_truncate BEFORE TRUNCATE ON head_key FOR EACH STATEMENT EXECUTE FUNCTION qms_write_once()",
        "REVOKE ALL ON head_key FROM PUBLIC",
        "GRANT SELECT, INSERT ON head_key TO {app}",
    ]]

    /// The version this qmsforms writes and reads.
    public static var current: Int { migrations.count }

    /// Brings the database at `owner` (connected as the schema's owner) up to ``current``, granting
    /// `appRole` what it needs; returns the versions applied (none when it was up to date).
    /// Refuses a database whose schema is newer.
    public static func migrate(_ owner: PostgresLocation, appRole: String) async throws -> [Int] {
        guard isPlainRoleName(appRole) else { throw PostgresArchiveError.badRole(appRole) }
        let database = PostgresDatabase(owner)
        defer { database.close() }
        var applied: [Int] = []
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7007000)", logger: database.logger)
            // One statement's rows read to the end before the next statement on the connection.
            var present = false, found = 0
            for try await p in try await connection.query("SELECT to_regclass('qms_schema') IS NOT NULL", logger: database.logger).decode(Bool.self) { present = p }
            if present {
                for try await v in try await connection.query("SELECT version FROM qms_schema", logger: database.logger).decode(Int.self) { found = v }
            }
            guard found <= current else { throw PostgresArchiveError.schemaTooNew(database: owner.database, found: found, known: current) }
            for version in stride(from: found + 1, through: current, by: 1) {
                for statement in migrations[version - 1] {
                    let sql = statement.replacingOccurrences(of: "{app}", with: "\"\(appRole)\"")
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
                }
                try await connection.query("UPDATE qms_schema SET version = \(version)", logger: database.logger)
                applied.append(version)
            }
        }
        return applied
    }

    /// Refuses a database without the schema, or with one older or newer than ``current``.
    static func check(_ database: PostgresDatabase) async throws {
        var present = false, found: Int?
        for try await p in try await database.query("SELECT to_regclass('qms_schema') IS NOT NULL").decode(Bool.self) { present = p }
        if present {
            for try await v in try await database.query("SELECT version FROM qms_schema").decode(Int.self) { found = v }
        }
        guard let found else { throw PostgresArchiveError.noSchema(database: database.location.database) }
        if found > current { throw PostgresArchiveError.schemaTooNew(database: database.location.database, found: found, known: current) }
        if found < current { throw PostgresArchiveError.schemaTooOld(database: database.location.database, found: found, known: current) }
    }

    /// `[a-z_][a-z0-9_]*`, at most 63 characters: a role name safe to write into SQL.
    static func isPlainRoleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || first == "_", name.unicodeScalars.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
