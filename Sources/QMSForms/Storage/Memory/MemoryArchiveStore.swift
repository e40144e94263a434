import Crypto
import Foundation
import Synchronization

/// The archive kept in memory, for tests and trials: the same operations, atomicity and
/// refusals as ``FileArchiveStore``, nothing on disk. A change is applied whole under one lock.
///
/// ```swift
/// let archive = Archive(store: MemoryArchiveStore(), documents: control, settings: Settings())
/// ```
public final class MemoryArchiveStore: RecordArchiveStore {
    private struct Contents {
        var entries: [AuditEntry] = []
        var files: [String: Data] = [:]
        var counters: [String: Int] = [:]
        var index: [String: (record: ArchivedRecord, text: String)] = [:]
    }
    private let contents = Mutex(Contents())
    private let gate = ExclusiveAccess()
    private let key = P256.Signing.PrivateKey()

    /// An empty archive.
    public init() {}

    public func perform<T: Sendable>(_ plan: () async throws -> ArchivePlan<T>) async throws -> Committed<T> {
        try await gate.run {
            let decided = try await plan()
            guard let change = decided.change else { return Committed(entry: nil, result: decided.result) }
            let entry = try contents.withLock { c throws(ArchiveError) -> AuditEntry? in
                for file in change.adding where c.files[file.path] != nil { throw .file(FileError(.write, path: file.path, reason: "already exists", remedy: "a stored file is never replaced")) }
                let entry = change.entry.map { $0.chained(after: c.entries.last) }
                if let entry { c.entries.append(entry) }
                for file in change.adding { c.files[file.path] = file.data }
                if let use = change.sequence { c.counters[use.series] = max(c.counters[use.series] ?? 0, use.seq) }
                for index in change.index {
                    switch index {
                    case let .put(row, text): c.index[row.number] = (row, text)
                    case let .state(number, state): c.index[number]?.record.state = state
                    case .clear: c.index = [:]
                    }
                }
                for path in change.removing { c.files[path] = nil }
                return entry
            }
            return Committed(entry: entry, result: decided.result)
        }
    }

    /// The index in memory is changed with the rest: never stale.
    public func indexIsStale() async -> Bool { false }

    public func inspect<T: Sendable>(_ body: () async throws -> T) async throws -> T { try await gate.run(body) }

    /// Entries in memory are never torn: nothing to repair.
    public func repair(_ draft: AuditEntry) async throws -> AuditEntry? { nil }

    public func append(_ draft: AuditEntry) async throws -> AuditEntry {
        try await perform { ArchivePlan(change: ArchiveChange(entry: draft)) }.entry!
    }

    public func entries() async throws -> [AuditEntry] { contents.withLock { $0.entries } }

    public func verifiedEntries() async throws -> AuditVerification {
        let entries = contents.withLock { $0.entries }
        return AuditVerification.checking(entries.enumerated().map { ("entry \($0.offset + 1)", $0.element) }, bytes: 0)
    }

    /// Signed on demand with a key that lives as long as the store.
    public func signedHead() async throws -> SignedHead? {
        try contents.withLock { $0.entries.last }.map { try SignedHead.signing($0, with: key) }
    }

    public func history(of number: String) async throws -> [AuditEntry] { contents.withLock { $0.entries.filter { $0.number == number } } }

    public func lastSequence(in series: String) async throws -> Int { contents.withLock { $0.counters[series] ?? 0 } }

    public func file(_ path: String) async throws -> Data {
        guard let data = contents.withLock({ $0.files[path] }) else { throw ArchiveError.missingFile(path) }
        return data
    }

    public func storedFiles() async throws -> [String] { contents.withLock { $0.files.keys.sorted() } }

    public func storedBytes() async throws -> Int {
        contents.withLock { c in c.files.values.reduce(0) { $0 + $1.count } + c.entries.reduce(0) { $0 + $1.canonicalJSON.count + 1 } }
    }

    public func indexed(_ number: String) async throws -> ArchivedRecord? { contents.withLock { $0.index[number]?.record } }

    public func indexedText(_ number: String) async throws -> String? { contents.withLock { $0.index[number]?.text } }

    /// The same filters as the SQLite index: substrings case-insensitive, `*` in a number a wildcard.
    public func search(_ q: Archive.Search) async throws -> [ArchivedRecord] {
        let rows = contents.withLock { Array($0.index.values) }
        func contains(_ s: String?, _ part: String) -> Bool { s?.range(of: part, options: [.caseInsensitive]) != nil }
        return rows.filter { r, text in
            (q.form.map { r.form == $0 } ?? true)
                && (q.number.map { n in n.contains("*") ? Self.matches(r.number, pattern: n) : r.number == n } ?? true)
                && (q.customer.map { contains(r.customer, $0) } ?? true)
                && (q.from.map { r.recordDate >= $0.description } ?? true)
                && (q.to.map { r.recordDate <= $0.description } ?? true)
                && (q.status.map { r.status == $0 } ?? true)
                && (q.complaintCategory.map { r.complaintCategory == $0 } ?? true)
                && (q.state.map { r.state == $0 } ?? true)
                && q.terms.allSatisfy { contains(text, $0) }
        }.map(\.record).sorted { ($0.form, $0.number) < ($1.form, $1.number) }
    }

    public func location(of path: String) -> String? { nil }

    /// Whether `number` matches `pattern`, where `*` stands for any run of characters.
    static func matches(_ number: String, pattern: String) -> Bool {
        let regex = "^" + pattern.split(separator: "*", omittingEmptySubsequences: false)
            .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: ".*") + "$"
        return number.range(of: regex, options: [.regularExpression, .caseInsensitive]) != nil
    }
}
