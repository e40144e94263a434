/// The append-only, hash-chained audit trail: who did what, when, to which record or document.
///
/// Each ``append(_:)`` is one atomic operation: the entry is written whole, chained to the one
/// before it, or not at all. ``FileArchiveStore`` keeps it as `archive/audit.log` (one canonical
/// JSON line per entry); ``MemoryArchiveStore`` in memory, for tests.
///
/// ```swift
/// let entry = try await trail.append(AuditEntry(seq: 0, time: now, actor: "王芳", action: .revise,
///                                                form: "SG-QR-22-01", revision: "A/1", prev: ""))
/// print(entry.seq, entry.hash)
/// ```
public protocol AuditTrail: Sendable {
    /// Appends `draft` with its `seq`, `prev` and `hash` filled in, and returns the entry as written.
    func append(_ draft: AuditEntry) async throws -> AuditEntry

    /// Every entry, oldest first.
    func entries() async throws -> [AuditEntry]

    /// Every entry, and every break in the chain: unreadable entries, gaps, wrong links, changed content.
    func verifiedEntries() async throws -> AuditVerification

    /// The last entry signed with the archive's key, as the trail keeps it (checked by
    /// ``verifiedEntries()``); `nil` for an empty trail.
    func signedHead() async throws -> SignedHead?
}

/// What a reading of the audit trail found.
public struct AuditVerification: Sendable {
    /// Each break in the chain, naming where it is; empty when the chain is whole.
    public var problems: [String]
    /// The entries that could be read, in order.
    public var entries: [AuditEntry]
    /// Bytes the trail occupies (0 where that means nothing).
    public var bytes: Int

    /// A reading that found `problems` in `entries`.
    public init(problems: [String], entries: [AuditEntry], bytes: Int) {
        self.problems = problems
        self.entries = entries
        self.bytes = bytes
    }

    /// Checks the chain of `entries` (each with where it was read, `nil` where it did not read):
    /// sequence without gaps, each linked to the one before, each hash matching its content.
    public static func checking(_ lines: [(place: String, entry: AuditEntry?)], bytes: Int) -> AuditVerification {
        var problems: [String] = []
        var entries: [AuditEntry] = []
        var expectedSeq = 1
        var prev = AuditEntry.genesis
        for (place, read) in lines {
            guard let entry = read else {
                problems.append("\(place): not a readable entry")
                continue
            }
            if entry.seq != expectedSeq { problems.append("\(place): entry \(entry.seq) where \(expectedSeq) was expected (a line was removed or added)") }
            if entry.prev != prev { problems.append("\(place): entry \(entry.seq) does not chain to the entry before it") }
            if entry.hash != entry.computedHash { problems.append("\(place): entry \(entry.seq) was changed (its hash does not match its content)") }
            expectedSeq = entry.seq + 1
            prev = entry.hash
            entries.append(entry)
        }
        return AuditVerification(problems: problems, entries: entries, bytes: bytes)
    }
}

extension AuditEntry {
    /// `draft` as the next entry after `previous`: numbered, linked and hashed.
    public func chained(after previous: AuditEntry?) -> AuditEntry {
        var entry = self
        entry.seq = (previous?.seq ?? 0) + 1
        entry.prev = previous?.hash ?? AuditEntry.genesis
        entry.hash = entry.computedHash
        return entry
    }
}
