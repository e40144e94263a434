import Foundation
import PostgresNIO
import QMSForms

/// The register of controlled documents in PostgreSQL: each document's released revisions in
/// order, each with its frozen bytes, write-once (triggers refuse changing or removing one), so
/// every server fills records against the same frozen templates.
///
/// ```swift
/// let register = try await PostgresRegisterStore(location)
/// let control = try ChangeControl(formsDirectory: forms, register: register, audit: archiveStore)
/// ```
public final class PostgresRegisterStore: DocumentRegisterStore {
    let database: PostgresDatabase

    /// The register in the database at `location`, its schema checked.
    public convenience init(_ location: PostgresLocation) async throws {
        let database = PostgresDatabase(location)
        try await PostgresSchema.check(database)
        self.init(database: database)
    }

    /// Over a pool shared with the other stores, its schema checked already (``PostgresArchive``).
    init(database: PostgresDatabase) {
        self.database = database
    }

    /// Closes the connections.
    public func close() { database.close() }

    /// Whether any document is registered.
    public func hasDocuments() async throws -> Bool {
        for try await any in try await database.query("SELECT EXISTS (SELECT 1 FROM register_documents)").decode(Bool.self) { return any }
        return false
    }

    /// The key of the advisory lock a release holds.
    static let lock = 7_007_002

    public func load() async throws -> RegisterState {
        var documents: [RegisterState.Document] = []
        for try await (number, alias, file) in try await database.query("SELECT number, alias, file FROM register_documents ORDER BY position")
            .decode((String, String, String).self) {
            documents.append(.init(number: number, alias: alias, file: file, released: []))
        }
        guard !documents.isEmpty else { throw ChangeControlError.noRegister(location: database.location.description) }
        let at = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($0.element.number, $0.offset) })
        let rows = try await database.query("SELECT number, revision, sha256, file, effective, released_at FROM register_revisions ORDER BY number, position")
        for try await (number, revision, sha256, file, effective, releasedAt) in rows.decode((String, String, String, String, String, String).self) {
            guard let i = at[number] else { continue }
            documents[i].released.append(.init(revision: revision, sha256: sha256, file: file, effective: effective, releasedAt: releasedAt))
        }
        return RegisterState(documents: documents)
    }

    public func create(_ documents: [RegisterState.Registration]) async throws {
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lock))", logger: database.logger)
            for try await count in try await connection.query("SELECT count(*) FROM register_documents", logger: database.logger).decode(Int.self) where count > 0 {
                throw ChangeControlError.workspaceExists(database.location.description)
            }
            for (position, d) in documents.enumerated() {
                try await connection.query("""
                    INSERT INTO register_documents (number, alias, file, position) VALUES (\(d.number), \(d.alias), \(d.file), \(position))
                    """, logger: database.logger)
                try await Self.insert(d.release, bytes: d.bytes, for: d.number, position: 0, on: connection, database: database)
            }
        }
    }

    public func release(_ revision: RegisterState.Release, bytes: Data, for number: String) async throws -> RegisterState.Released {
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lock))", logger: database.logger)
            var known = false
            for try await _ in try await connection.query("SELECT 1 FROM register_documents WHERE number = \(number)", logger: database.logger).decode(Int.self) {
                known = true
            }
            guard known else { throw ChangeControlError.unknownDocument(number) }
            var position = 0
            for try await count in try await connection.query("SELECT count(*) FROM register_revisions WHERE number = \(number)", logger: database.logger)
                .decode(Int.self) { position = count }
            return try await Self.insert(revision, bytes: bytes, for: number, position: position, on: connection, database: database)
        }
    }

    public func frozen(_ r: RegisterState.Released, of number: String) async throws -> Data {
        var found: Data?
        for try await bytes in try await database.query("SELECT bytes FROM register_revisions WHERE file = \(r.file)").decode(ByteBuffer.self) {
            found = Data(buffer: bytes)
        }
        guard let data = found else { throw ChangeControlError.frozenMissing(document: number, revision: r.revision, path: r.file) }
        guard Digest.sha256(data) == r.sha256 else {
            throw ChangeControlError.tampered(document: number, revision: Revision(r.revision) ?? Revision(edition: "A", number: 0), path: r.file)
        }
        return data
    }

    /// Every frozen revision is a row of the register: nothing can lie outside it.
    public func unregisteredFiles() async throws -> [(document: String, path: String)] { [] }

    @discardableResult
    private static func insert(_ r: RegisterState.Release, bytes: Data, for number: String, position: Int, on connection: PostgresConnection,
                               database: PostgresDatabase) async throws -> RegisterState.Released {
        let released = RegisterState.Released(revision: r.revision.description, sha256: r.sha256, file: "\(number)/\(r.revision.edition)-\(r.revision.number)",
                                              effective: r.effective, releasedAt: r.releasedAt)
        let frozen = try await connection.query("SELECT 1 FROM register_revisions WHERE file = \(released.file)", logger: database.logger)
        for try await _ in frozen.decode(Int.self) {
            throw ChangeControlError.file(FileError(.write, path: released.file, reason: "already frozen", remedy: "release the next revision"))
        }
        try await connection.query("""
            INSERT INTO register_revisions (number, position, revision, sha256, file, effective, released_at, bytes)
            VALUES (\(number), \(position), \(released.revision), \(released.sha256), \(released.file), \(released.effective), \(released.releasedAt),
                    \(ByteBuffer(data: bytes)))
            """, logger: database.logger)
        return released
    }
}
