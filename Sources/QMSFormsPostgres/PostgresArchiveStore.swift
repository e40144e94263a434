import Crypto
import Foundation
import Logging
import PostgresNIO
import QMSForms
import Synchronization

/// The record archive on PostgreSQL, shared by every server that connects to it: the same
/// operations and guarantees as the file archive, by the database's own means.
///
/// Each ``perform(_:)`` is one transaction holding the archive's advisory lock, so actions from any
/// number of servers are serialised; numbers come from a counter row changed in that transaction;
/// the audit trail is hash-chained exactly as the file log is. Record files and audit rows are
/// write-once: triggers refuse `UPDATE` and `DELETE` (a record file may only be deleted once a
/// disposal of its record is logged), and the application's role has no privilege to do otherwise
/// (see ``PostgresSchema``). The head of the trail is signed with the archive's key, kept outside
/// the database.
///
/// ```swift
/// let store = try await PostgresArchiveStore(PostgresLocation("postgresql://qms_app@/qms?host=/run/postgresql"), headKey: key)
/// let archive = Archive(store: store, documents: control, settings: settings)
/// ```
public final class PostgresArchiveStore: RecordArchiveStore {
    let database: PostgresDatabase
    private let headKey: P256.Signing.PrivateKey

    /// The archive in the database at `location`, its schema checked (``PostgresSchema/check(_:)``), the trail's head signed with `headKey`.
    public convenience init(_ location: PostgresLocation, headKey: P256.Signing.PrivateKey) async throws {
        try await self.init(database: PostgresDatabase(location), headKey: headKey)
    }

    /// The archive over a pool shared with the register and the people (``PostgresArchive``). A
    /// database whose pinned head key is another is refused.
    init(database: PostgresDatabase, headKey: P256.Signing.PrivateKey) async throws {
        self.database = database
        self.headKey = headKey
        try await PostgresSchema.check(database)
        for try await key in try await database.query("SELECT public_key FROM head_key WHERE id = 1").decode(String.self) {
            try checkPinned(key)
            keyPinned.withLock { $0 = true }
        }
    }

    /// Whether the database's pinned head key is known to be ours (the pin is write-once).
    private let keyPinned = Mutex(false)

    private func checkPinned(_ pinned: String) throws {
        let ours = headKey.publicKey.pemRepresentation
        guard pinned != ours else { return }
        func fingerprint(_ pem: String) -> String {
            (try? P256.Signing.PublicKey(pemRepresentation: pem)).map { Digest.sha256($0.derRepresentation) } ?? "(unreadable)"
        }
        throw PostgresArchiveError.foreignHeadKey(database: database.location.database, pinned: fingerprint(pinned), ours: fingerprint(ours))
    }

    /// Pins this store's head key in the transaction that first signs a head, unless pinned: the
    /// first server to write decides the key, and a rolled-back action pins nothing.
    private func pinKey(_ connection: PostgresConnection) async throws {
        guard !keyPinned.withLock({ $0 }) else { return }
        let ours = headKey.publicKey.pemRepresentation
        try await connection.query("INSERT INTO head_key (id, public_key) VALUES (1, \(ours)) ON CONFLICT (id) DO NOTHING", logger: database.logger)
        for try await key in try await connection.query("SELECT public_key FROM head_key WHERE id = 1", logger: database.logger).decode(String.self) {
            try checkPinned(key)
        }
    }

    /// Where the database is (without its password).
    public var location: PostgresLocation { database.location }

    /// Closes the connections.
    public func close() { database.close() }

    /// The key of the advisory lock every change of the archive holds.
    static let lock = 7_007_001

    public func perform<T: Sendable>(_ plan: () async throws -> ArchivePlan<T>) async throws -> Committed<T> {
        let key = headKey
        let committed = try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lock))", logger: database.logger)
            let decided = try await plan()
            guard let change = decided.change else { return Committed(entry: nil, result: decided.result) }
            var written: AuditEntry?
            if let draft = change.entry {
                try await pinKey(connection)
                let last = try await Self.lastEntry(connection, logger: database.logger)
                let entry = draft.chained(after: last)
                let json = String(decoding: entry.canonicalJSON, as: UTF8.self)
                try await connection.query("""
                    INSERT INTO audit_entries (seq, hash, action, number, entry) VALUES (\(entry.seq), \(entry.hash), \(entry.action.rawValue), \(entry.number), \(json))
                    """, logger: database.logger)
                let head = String(decoding: try JSONEncoder().encode(try SignedHead.signing(entry, with: key)), as: UTF8.self)
                try await connection.query("""
                    INSERT INTO signed_head (id, head) VALUES (1, \(head)) ON CONFLICT (id) DO UPDATE SET head = EXCLUDED.head
                    """, logger: database.logger)
                written = entry
            }
            for file in change.adding {
                // records/FORM/NUMBER/rN.xml: the number is what the disposal trigger matches on.
                let number = file.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
                try await connection.query("INSERT INTO record_files (path, number, data) VALUES (\(file.path), \(number), \(ByteBuffer(data: file.data)))",
                                           logger: database.logger)
            }
            if let use = change.sequence {
                try await connection.query("""
                    INSERT INTO counters (series, seq) VALUES (\(use.series), \(use.seq))
                    ON CONFLICT (series) DO UPDATE SET seq = GREATEST(counters.seq, EXCLUDED.seq)
                    """, logger: database.logger)
            }
            for index in change.index { try await PostgresIndex.apply(index, on: connection, logger: database.logger) }
            for path in change.removing {
                try await connection.query("DELETE FROM record_files WHERE path = \(path)", logger: database.logger)
            }
            return Committed(entry: written, result: decided.result)
        }
        if committed.entry != nil { keyPinned.withLock { $0 = true } }
        return committed
    }

    /// The index changes in the transaction with the rest: never stale.
    public func indexIsStale() async -> Bool { false }

    public func inspect<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lock))", logger: database.logger)
            return try await body()
        }
    }

    /// A row is written whole or not at all: nothing is ever torn.
    public func repair(_ draft: AuditEntry) async throws -> AuditEntry? { nil }

    public func append(_ draft: AuditEntry) async throws -> AuditEntry {
        try await perform { ArchivePlan(change: ArchiveChange(entry: draft)) }.entry!
    }

    public func entries() async throws -> [AuditEntry] {
        try await decodedEntries(database.query("SELECT entry FROM audit_entries ORDER BY seq"))
    }

    public func verifiedEntries() async throws -> AuditVerification {
        var lines: [(place: String, entry: AuditEntry?)] = []
        var bytes = 0
        for try await (seq, json) in try await database.query("SELECT seq, entry FROM audit_entries ORDER BY seq").decode((Int, String).self) {
            bytes += json.utf8.count + 1
            lines.append(("audit entry \(seq)", try? JSONDecoder().decode(AuditEntry.self, from: Data(json.utf8))))
        }
        var found = AuditVerification.checking(lines, bytes: bytes)
        found.problems += SignedHead.problems(try await signedHead(), of: found.entries, key: headKey.publicKey, at: "signed_head")
        return found
    }

    public func signedHead() async throws -> SignedHead? {
        for try await json in try await database.query("SELECT head FROM signed_head WHERE id = 1").decode(String.self) {
            return try? JSONDecoder().decode(SignedHead.self, from: Data(json.utf8))
        }
        return nil
    }

    public func history(of number: String) async throws -> [AuditEntry] {
        try await decodedEntries(database.query("SELECT entry FROM audit_entries WHERE number = \(number) ORDER BY seq"))
    }

    public func lastSequence(in series: String) async throws -> Int {
        for try await seq in try await database.query("SELECT seq FROM counters WHERE series = \(series)").decode(Int.self) { return seq }
        return 0
    }

    public func file(_ path: String) async throws -> Data {
        for try await bytes in try await database.query("SELECT data FROM record_files WHERE path = \(path)").decode(ByteBuffer.self) {
            return Data(buffer: bytes)
        }
        throw ArchiveError.missingFile(path)
    }

    public func storedFiles() async throws -> [String] {
        var paths: [String] = []
        for try await path in try await database.query("SELECT path FROM record_files ORDER BY path").decode(String.self) { paths.append(path) }
        return paths
    }

    public func storedBytes() async throws -> Int {
        let sql: PostgresQuery = """
            SELECT (SELECT COALESCE(SUM(octet_length(data)), 0) FROM record_files)::bigint
                 + (SELECT COALESCE(SUM(octet_length(entry) + 1), 0) FROM audit_entries)::bigint
            """
        for try await total in try await database.query(sql).decode(Int.self) { return total }
        return 0
    }

    public func indexed(_ number: String) async throws -> ArchivedRecord? { try await PostgresIndex.row(number, in: database) }

    public func indexedText(_ number: String) async throws -> String? { try await PostgresIndex.text(number, in: database) }

    public func search(_ query: Archive.Search) async throws -> [ArchivedRecord] { try await PostgresIndex.search(query, in: database) }

    /// Nothing of it is a file on this machine.
    public func location(of path: String) -> String? { nil }

    private func decodedEntries(_ rows: PostgresRowSequence) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for try await json in rows.decode(String.self) { entries.append(try JSONDecoder().decode(AuditEntry.self, from: Data(json.utf8))) }
        return entries
    }

    private static func lastEntry(_ connection: PostgresConnection, logger: Logger) async throws -> AuditEntry? {
        var last: String?
        for try await json in try await connection.query("SELECT entry FROM audit_entries ORDER BY seq DESC LIMIT 1", logger: logger).decode(String.self) {
            last = json
        }
        return try last.map { try JSONDecoder().decode(AuditEntry.self, from: Data($0.utf8)) }
    }
}
