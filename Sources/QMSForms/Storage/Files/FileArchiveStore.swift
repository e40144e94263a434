import Foundation
import Synchronization

/// The archive kept in files (`WORKSPACE/archive/`): write-once record files below `records/`,
/// the hash-chained `audit.log`, the sequence `counters.json`, the SQLite search index
/// `index.sqlite`, and a journal (`pending.json`) that makes every action all-or-nothing across
/// crashes. Several processes may use one archive: a file lock (`.lock`) orders them; within a
/// process, one ``ExclusiveAccess`` per folder does, without blocking threads.
///
/// The audit entry is the commit point: on recovery, a journalled action whose entry is in the
/// log is finished; one whose entry is not is undone (only the files it added are removed).
public final class FileArchiveStore: RecordArchiveStore {
    /// The `archive/` folder.
    public let directory: URL
    private let gate: ExclusiveAccess
    private let openIndex = Mutex<ArchiveIndex?>(nil)

    /// The archive in `directory` (made on first use).
    public init(directory: URL) {
        self.directory = directory
        self.gate = Self.gate(for: directory)
    }

    var auditLog: AuditLog { AuditLog(url: directory.appendingPathComponent("audit.log")) }
    var pendingURL: URL { directory.appendingPathComponent("pending.json") }
    var countersURL: URL { directory.appendingPathComponent("counters.json") }
    var recordsURL: URL { directory.appendingPathComponent("records") }
    var lockURL: URL { directory.appendingPathComponent(".lock") }
    /// Present while the index lacks a committed change: the next action rebuilds it.
    var staleURL: URL { directory.appendingPathComponent("index.stale") }

    private static let gates = Mutex<[String: ExclusiveAccess]>([:])

    /// One gate per archive folder in this process.
    private static func gate(for directory: URL) -> ExclusiveAccess {
        gates.withLock { all in
            let key = directory.standardizedFileURL.path
            if let gate = all[key] { return gate }
            let gate = ExclusiveAccess()
            all[key] = gate
            return gate
        }
    }

    /// What an action is about to do, written (and fsync'd) before it touches anything.
    struct Pending: Codable {
        var entry: AuditEntry
        /// Files the action adds, below `archive/`: the only ones recovery may remove.
        var adding: [String]
        /// Files the action deletes once committed (disposal).
        var removing: [String]
        var sequence: SequenceUse?
        var index: [IndexChange]

        init(_ change: ArchiveChange, entry: AuditEntry) {
            self.entry = entry
            adding = change.adding.map(\.path)
            removing = change.removing
            sequence = change.sequence
            index = change.index
        }
    }

    // MARK: - RecordArchiveStore

    public func perform<T: Sendable>(_ plan: () async throws -> ArchivePlan<T>) async throws -> Committed<T> {
        try await exclusively {
            let decided = try await plan()
            guard let change = decided.change else { return Committed(entry: nil, result: decided.result) }
            guard let draft = change.entry else {
                for c in change.index { try index().apply(c) }
                if change.index.first == .clear { unlink(staleURL.path) }
                return Committed(entry: nil, result: decided.result)
            }
            let pending = Pending(change, entry: draft)
            try writePending(pending)
            let entry: AuditEntry
            var created: [String] = []
            do {
                for file in change.adding {
                    try writeOnce(file.data, to: file.path)
                    created.append(file.path)
                }
                entry = try auditLog.append(draft)
            } catch {
                // Not committed: take back what this action created (only that), now rather than at the next one.
                for path in created { removeReadOnly(directory.appendingPathComponent(path)) }
                removeEmptyFolders(for: created)
                clearPending()
                throw error
            }
            // Committed: what follows cannot undo it. A failure now is reported, not thrown, and
            // the next action finishes the work (the journal stays) or rebuilds the index.
            do {
                try signHead()
                try finish(pending)
                clearPending()
                return Committed(entry: entry, result: decided.result)
            } catch {
                return Committed(entry: entry, result: decided.result, unfinished: "\(error)")
            }
        }
    }

    public func indexIsStale() async -> Bool { FileManager.default.fileExists(atPath: staleURL.path) }

    public func append(_ draft: AuditEntry) async throws -> AuditEntry {
        try await perform { ArchivePlan(change: ArchiveChange(entry: draft)) }.entry!
    }

    public func entries() async throws -> [AuditEntry] { auditLog.entries() }

    public func verifiedEntries() async throws -> AuditVerification {
        var verification = auditLog.verified()
        verification.problems += headProblems(verification.entries)
        if FileManager.default.fileExists(atPath: pendingURL.path) {
            verification.problems.append("archive/pending.json: an interrupted action is pending; the next archive action finishes or undoes it")
        }
        return verification
    }

    public func signedHead() async throws -> SignedHead? {
        // An archive written before heads were signed gets its key and first signature now.
        if storedHead() == nil && !FileManager.default.fileExists(atPath: keyURL.path) { try signHead() }
        return storedHead()
    }

    public func history(of number: String) async throws -> [AuditEntry] { auditLog.entries().filter { $0.number == number } }

    /// From `counters.json`; if a crash tore it, rebuilt from the audit log, which holds every number committed.
    public func lastSequence(in series: String) async throws -> Int { counters()[series] ?? 0 }

    public func file(_ path: String) async throws -> Data {
        let url = directory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw ArchiveError.missingFile(url.path) }
        do { return try PlainFile.read(url, below: workspaceRoot) } catch { throw ArchiveError.file(error) }
    }

    /// The folder holding `archive/`: nothing from it down may be a symbolic link.
    var workspaceRoot: URL { directory.deletingLastPathComponent() }

    /// The archive's own folders and files are real folders and regular files, or absent.
    func requirePlain() throws {
        do throws(FileError) {
            try PlainFile.requireFolders(recordsURL, below: workspaceRoot)
            for file in [auditLog.url, countersURL, pendingURL, lockURL, keyURL, headURL, directory.appendingPathComponent("index.sqlite")] {
                try PlainFile.requireRegularIfPresent(file)
            }
        } catch { throw ArchiveError.file(error) }
    }

    public func storedFiles() async throws -> [String] { RegularFiles.below(recordsURL.path).map { "records/" + $0 } }

    public func storedBytes() async throws -> Int {
        var total = (try? FileManager.default.attributesOfItem(atPath: auditLog.url.path)[.size] as? Int) ?? 0
        if let walker = FileManager.default.enumerator(at: recordsURL, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let url as URL in walker { total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        }
        return total
    }

    public func indexed(_ number: String) async throws -> ArchivedRecord? { try index().record(number) }

    public func indexedText(_ number: String) async throws -> String? { try index().text(number) }

    public func search(_ query: Archive.Search) async throws -> [ArchivedRecord] { try index().search(query) }

    public func location(of path: String) -> String? { directory.appendingPathComponent(path).path }

    // MARK: - Inside

    /// The index, opened on first use and kept (reopened after the file was deleted).
    func index() throws -> ArchiveIndex {
        let url = directory.appendingPathComponent("index.sqlite")
        return try openIndex.withLock { open in
            if let open, FileManager.default.fileExists(atPath: url.path) { return open }
            do throws(FileError) { try DurableFile.makeFolder(directory) } catch { throw ArchiveError.file(error) }
            let index = try ArchiveIndex(url: url)
            open = index
            return index
        }
    }

    public func inspect<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await exclusively(recovering: false, body)
    }

    public func repair(_ draft: AuditEntry) async throws -> AuditEntry? {
        try await exclusively(recovering: false) { () async throws -> AuditEntry? in
            guard let torn = auditLog.tornTail() else { return nil }
            var entry = draft
            if let whole = restorable(torn) {
                // A whole entry that lost only its line end keeps its place in the chain.
                try FileError.attempt(.write, auditLog.url) {
                    let handle = try FileHandle(forWritingTo: auditLog.url)
                    defer { try? handle.close() }
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data([UInt8(ascii: "\n")]))
                    try handle.synchronize()
                }
                entry.detail = "restored the line end of entry \(whole.seq)"
            } else {
                try auditLog.repairTornTail()
                entry.detail = "removed an incomplete last line of \(torn.count) bytes, SHA-256 \(Digest.sha256(torn))"
            }
            let appended = try auditLog.append(entry)
            try signHead()
            return appended
        }
    }

    /// The entry a torn last line holds when it is whole, canonical and chained to the line before.
    private func restorable(_ torn: Data) -> AuditEntry? {
        guard let whole = try? JSONDecoder().decode(AuditEntry.self, from: torn), whole.canonicalJSON == torn,
              whole.hash == whole.computedHash else { return nil }
        let entries = auditLog.verified().entries
        let before = entries.last == whole ? entries.dropLast().last : entries.last
        guard whole.seq == (before?.seq ?? 0) + 1, whole.prev == (before?.hash ?? AuditEntry.genesis) else { return nil }
        return whole
    }

    /// Runs `body` holding the archive to itself (this process's gate, then the file lock
    /// across processes), after recovering from any action a crash interrupted (unless only
    /// inspecting, which changes nothing).
    func exclusively<T: Sendable>(recovering: Bool = true, _ body: () async throws -> T) async throws -> T {
        try await gate.run {
            try requirePlain()
            do throws(FileError) { try DurableFile.makeFolder(recordsURL) } catch { throw ArchiveError.file(error) }
            let fd = open(lockURL.path, O_CREAT | O_RDWR, 0o644)
            guard fd >= 0 else { throw ArchiveError.file(.fromErrno(.lock, path: lockURL.path)) }
            defer { close(fd) }
            // Another process holds it: wait without holding a thread.
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else { throw ArchiveError.file(.fromErrno(.lock, path: lockURL.path)) }
                try await Task.sleep(for: .milliseconds(2))
            }
            defer { flock(fd, LOCK_UN) }
            if recovering { try recover() }
            return try await body()
        }
    }

    /// Finishes or undoes the action a crash interrupted. A torn last log line is that action's
    /// unfinished append, removed only while its journal is pending; without one it is refused.
    func recover() throws {
        removeTemporaries(in: directory)
        guard let data = try? Data(contentsOf: pendingURL) else {
            if auditLog.hasTornTail { throw ArchiveError.tornAuditLog(path: auditLog.url.path) }
            return
        }
        try auditLog.repairTornTail()
        guard let pending = try? JSONDecoder().decode(Pending.self, from: data) else {
            // The journal itself was torn: nothing after it can have happened.
            unlink(pendingURL.path)
            return
        }
        for folder in Set(pending.adding.map { directory.appendingPathComponent($0).deletingLastPathComponent() }) {
            removeTemporaries(in: folder)
        }
        let committed = auditLog.last().map {
            $0.action == pending.entry.action && $0.number == pending.entry.number
                && $0.recordRevision == pending.entry.recordRevision && $0.xmlSHA256 == pending.entry.xmlSHA256
                && $0.time == pending.entry.time
        } ?? false
        if committed {
            do { try signHead(); try finish(pending) } catch {
                // An index that could not take the change is rebuilt by the archive; anything else stops here.
                guard FileManager.default.fileExists(atPath: staleURL.path) else { throw error }
            }
        } else {
            // Undo: remove what the action may have created, never a file a committed entry accounts for.
            let kept = committedPaths()
            let removable = pending.adding.filter { !kept.contains($0) }
            for file in removable { removeReadOnly(directory.appendingPathComponent(file)) }
            removeEmptyFolders(for: removable)
        }
        unlink(pendingURL.path)
    }

    /// Every record file a committed audit entry accounts for.
    func committedPaths() -> Set<String> {
        Set(auditLog.entries().flatMap(\.recordFiles))
    }

    /// What follows a committed entry; safe to run again after a crash.
    func finish(_ pending: Pending) throws {
        try setCounters(pending.sequence)
        for file in pending.removing { removeReadOnly(directory.appendingPathComponent(file)) }
        removeEmptyFolders(for: pending.removing)
        // The index last: it is rebuildable, so a failure here marks it for a rebuild and the action is done.
        do {
            for change in pending.index { try index().apply(change) }
        } catch {
            close(open(staleURL.path, O_CREAT | O_WRONLY, 0o644))   // best effort: verify reports an index out of step anyway
            clearPending()
            throw error
        }
    }

    /// The journal is written in place: a torn one is recognised on recovery (it does not
    /// parse) and nothing can have followed it.
    func writePending(_ p: Pending) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { try DurableFile.writeSynced(try encoder.encode(p), to: pendingURL, replacing: true) } catch let error as FileError {
            throw ArchiveError.file(error)
        }
    }

    func clearPending() { unlink(pendingURL.path) }

    /// `counters.json`: the last number of each series, and the audit entry it was written
    /// after. It is only a shortcut: when that entry is not the trail's last (a rolled-back or
    /// damaged file, a crash between the two writes), the numbers are counted from the trail.
    struct Counters: Codable {
        struct Mark: Codable, Equatable {
            var seq: Int
            var hash: String
        }
        var through: Mark?
        var series: [String: Int]
    }

    func counters() -> [String: Int] {
        let last = auditLog.last().map { Counters.Mark(seq: $0.seq, hash: $0.hash) }
        if let data = try? Data(contentsOf: countersURL), let stored = try? JSONDecoder().decode(Counters.self, from: data),
           stored.through == last {
            return stored.series
        }
        return countedFromTrail()
    }

    /// The last number of each series, from every issue entry of the trail (the truth).
    func countedFromTrail() -> [String: Int] {
        var all: [String: Int] = [:]
        for entry in auditLog.entries() where entry.action == .issue {
            guard let number = entry.number, let series = entry.detail, let seq = Int(number.split(separator: "-").last ?? "") else { continue }
            all[series] = max(all[series] ?? 0, seq)
        }
        return all
    }

    /// Brings `counters.json` up to the trail's last entry, with `use` counted.
    func setCounters(_ use: SequenceUse?) throws {
        let last = auditLog.last()
        let mark = last.map { Counters.Mark(seq: $0.seq, hash: $0.hash) }
        // Written after the entry before the one just committed (or already after it): still good.
        let previous = last.map { Counters.Mark(seq: $0.seq - 1, hash: $0.prev) }
        var all: [String: Int]
        if let data = try? Data(contentsOf: countersURL), let stored = try? JSONDecoder().decode(Counters.self, from: data),
           stored.through == mark || (stored.through == previous && previous?.seq ?? 0 > 0) {
            all = stored.series
        } else {
            all = countedFromTrail()
        }
        if let use { all[use.series] = max(all[use.series] ?? 0, use.seq) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do { try DurableFile.writeSynced(try encoder.encode(Counters(through: mark, series: all)), to: countersURL, replacing: true) }
        catch let error as FileError { throw ArchiveError.file(error) }
    }

    /// A new read-only file (temporary file, fsync, link to its final name, fsync of the folder); never overwrites.
    func writeOnce(_ data: Data, to relative: String) throws {
        let url = directory.appendingPathComponent(relative)
        do {
            try PlainFile.requireFolders(url.deletingLastPathComponent(), below: workspaceRoot)
            try DurableFile.store(data, at: url, mode: 0o444, replacing: false)
        } catch { throw ArchiveError.file(error) }
    }

    /// Deletes `.NAME.PID.tmp` files a killed writer left in `folder` (only ever under the lock).
    func removeTemporaries(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    func removeReadOnly(_ url: URL) {
        chmod(url.path, 0o644)
        unlink(url.path)
    }

    func removeEmptyFolders(for files: [String]) {
        for folder in Set(files.map { directory.appendingPathComponent($0).deletingLastPathComponent() }) {
            rmdir(folder.path) // only succeeds when empty
        }
    }
}
