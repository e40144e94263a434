import Foundation

/// The files of the archive (`WORKSPACE/archive/`): a process lock, the pending-action journal
/// that makes every action all-or-nothing across crashes, the sequence counters, and the
/// write-once record files.
struct ArchiveStore {
    let directory: URL

    var auditLog: AuditLog { AuditLog(url: directory.appendingPathComponent("audit.log")) }
    var pendingURL: URL { directory.appendingPathComponent("pending.json") }
    var countersURL: URL { directory.appendingPathComponent("counters.json") }
    var recordsURL: URL { directory.appendingPathComponent("records") }

    /// What an action is about to do, written (and fsync'd) before it touches anything.
    /// The audit entry is the commit point: on recovery, a pending action whose entry is in the
    /// log is finished; one whose entry is not is undone.
    struct Pending: Codable {
        var entry: AuditEntry
        /// Files the action adds (issue, correct) or removes (dispose), below `archive/`.
        var files: [String]
        /// The sequence counter to set once committed.
        var series: String?
        var seq: Int?
    }

    /// Runs `body` holding the archive's exclusive lock (across processes), after recovering
    /// from any action a crash interrupted.
    func locked<T>(_ finish: (Pending) throws -> Void, _ body: () throws -> T) throws -> T {
        do { try DurableFile.makeFolder(recordsURL) } catch { throw ArchiveError.file(error) }
        let fd = open(directory.appendingPathComponent(".lock").path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw ArchiveError.file(.fromErrno(.lock, path: directory.appendingPathComponent(".lock").path)) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ArchiveError.file(.fromErrno(.lock, path: directory.appendingPathComponent(".lock").path)) }
        defer { flock(fd, LOCK_UN) }
        try recover(finish)
        return try body()
    }

    /// Finishes or undoes the action a crash interrupted, and drops a torn last log line.
    func recover(_ finish: (Pending) throws -> Void) throws {
        try auditLog.repairTornTail()
        removeTemporaries(in: directory)
        guard let data = try? Data(contentsOf: pendingURL) else { return }
        guard let pending = try? JSONDecoder().decode(Pending.self, from: data) else {
            // The journal itself was torn: nothing after it can have happened.
            unlink(pendingURL.path)
            return
        }
        for folder in Set(pending.files.map { directory.appendingPathComponent($0).deletingLastPathComponent() }) {
            removeTemporaries(in: folder)
        }
        let committed = auditLog.last().map {
            $0.action == pending.entry.action && $0.number == pending.entry.number
                && $0.recordRevision == pending.entry.recordRevision && $0.xmlSHA256 == pending.entry.xmlSHA256
                && $0.time == pending.entry.time
        } ?? false
        if committed {
            try finish(pending)
        } else if pending.entry.action != .dispose {
            for file in pending.files { removeReadOnly(directory.appendingPathComponent(file)) }
            removeEmptyFolder(for: pending.files)
        }
        unlink(pendingURL.path)
    }

    /// The journal is written in place: a torn one is recognised on recovery (it does not
    /// parse) and nothing can have followed it.
    func writePending(_ p: Pending) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(p)
        do { try DurableFile.writeSynced(data, to: pendingURL, replacing: true) } catch {
            throw ArchiveError.file(error)
        }
    }

    func clearPending() { unlink(pendingURL.path) }

    /// The last number used in each series. Rewritten in place after each commit; if a crash
    /// tore it, it is rebuilt from the audit log, which holds every number ever committed.
    func counters() -> [String: Int] {
        if let data = try? Data(contentsOf: countersURL), let all = try? JSONDecoder().decode([String: Int].self, from: data) {
            return all
        }
        return rebuiltCounters()
    }

    private func rebuiltCounters() -> [String: Int] {
        var all: [String: Int] = [:]
        for entry in auditLog.entries() where entry.action == .issue {
            guard let number = entry.number, let series = entry.detail, let seq = Int(number.split(separator: "-").last ?? "") else { continue }
            all[series] = max(all[series] ?? 0, seq)
        }
        return all
    }

    func setCounter(_ series: String, _ seq: Int) throws {
        var all = counters()
        all[series] = max(all[series] ?? 0, seq)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(all)
        do { try DurableFile.writeSynced(data, to: countersURL, replacing: true) } catch {
            throw ArchiveError.file(error)
        }
    }

    /// Writes a new read-only file: temporary file, fsync, then link to its final name (a
    /// rename that never replaces), then fsync of the folder. Nothing is ever overwritten.
    func writeOnce(_ data: Data, to relative: String) throws {
        do { try DurableFile.store(data, at: directory.appendingPathComponent(relative), mode: 0o444, replacing: false) } catch {
            throw ArchiveError.file(error)
        }
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

    func removeEmptyFolder(for files: [String]) {
        for folder in Set(files.map { directory.appendingPathComponent($0).deletingLastPathComponent() }) {
            rmdir(folder.path) // only succeeds when empty
        }
    }
}
