import Foundation

/// Where archived records live: their write-once files, the audit trail that accounts for
/// them, the numbering counters and the search index.
///
/// Every change goes through ``perform(_:)``: the plan runs with the archive to itself (no
/// other action, in this process or another, interleaves), reads what it needs, and returns one
/// ``ArchiveChange`` that the store commits as one atomic operation — all of it, or after a
/// crash, none of it (or all of it, once its audit entry is written). Reads outside
/// `perform` see committed states only.
///
/// Implementations: ``FileArchiveStore`` (files, a journal, a hash-chained log and a SQLite
/// index: the default), ``MemoryArchiveStore`` (tests). The behavioural suite in
/// `Tests/QMSFormsTests/ArchiveBehaviourTests.swift` runs against each.
///
/// ```swift
/// let committed = try await store.perform {
///     let seq = try await store.lastSequence(in: "8D-2026") + 1
///     return ArchivePlan(change: change(for: seq), result: "8D-2026-\(seq)")
/// }
/// ```
public protocol RecordArchiveStore: AuditTrail {
    /// Runs `plan` with exclusive access to the archive and commits the change it returns.
    /// Once its audit entry is written the change has happened: a later step that fails (the
    /// index) is reported in ``Committed/unfinished`` and finished by a later action, never thrown.
    func perform<T: Sendable>(_ plan: () async throws -> ArchivePlan<T>) async throws -> Committed<T>

    /// Whether the index misses a committed change and must be rebuilt (``Archive/reindex()``).
    func indexIsStale() async -> Bool

    /// Runs `body` with exclusive access, changing nothing: no recovery, no repair. What
    /// verification runs in.
    func inspect<T: Sendable>(_ body: () async throws -> T) async throws -> T

    /// Restores or removes a torn last line of the audit trail and logs `draft` saying which;
    /// `nil` when there was nothing to repair.
    func repair(_ draft: AuditEntry) async throws -> AuditEntry?

    /// The audit entries about record `number`, oldest first.
    func history(of number: String) async throws -> [AuditEntry]

    /// The last sequence number used in `series` (0 when none).
    func lastSequence(in series: String) async throws -> Int

    /// The bytes of a stored file (a path below the archive, as ``ArchiveChange/adding`` named it);
    /// ``ArchiveError/missingFile(_:)`` when there is none.
    func file(_ path: String) async throws -> Data

    /// Every stored record file, as paths below the archive.
    func storedFiles() async throws -> [String]

    /// Bytes held: record files and audit trail.
    func storedBytes() async throws -> Int

    /// The index row of `number`, if indexed.
    func indexed(_ number: String) async throws -> ArchivedRecord?

    /// The text the index searches for `number`, if indexed.
    func indexedText(_ number: String) async throws -> String?

    /// The index rows matching `query` (its form already resolved to a form number), by form and number.
    func search(_ query: Archive.Search) async throws -> [ArchivedRecord]

    /// Where a file lives on disk, when the store keeps files there (for printing a frozen page).
    func location(of path: String) -> String?
}

/// What ``RecordArchiveStore/perform(_:)`` committed.
public struct Committed<Result: Sendable>: Sendable {
    /// The audit entry as written; `nil` when the change had none.
    public var entry: AuditEntry?
    /// What the plan returned.
    public var result: Result
    /// What failed after the commit (the index), in words; the next action finishes it.
    public var unfinished: String?

    /// What a store committed: `entry`, the plan's `result`, and what is left `unfinished`.
    public init(entry: AuditEntry?, result: Result, unfinished: String? = nil) {
        self.entry = entry
        self.result = result
        self.unfinished = unfinished
    }
}

/// What a plan decided: the change to commit (none when it only read), and its result.
public struct ArchivePlan<Result: Sendable>: Sendable {
    /// The change to commit; `nil` when the plan only read.
    public var change: ArchiveChange?
    /// What the plan returns to its caller.
    public var result: Result

    /// A plan committing `change` and returning `result`.
    public init(change: ArchiveChange?, result: Result) {
        self.change = change
        self.result = result
    }
}

extension ArchivePlan where Result == Void {
    /// A plan committing `change` and returning nothing.
    public init(change: ArchiveChange?) { self.init(change: change, result: ()) }
}
