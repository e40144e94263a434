import Foundation

/// The append-only, hash-chained audit trail (`archive/audit.log`, one JSON entry a line).
///
/// Appends happen under the archive lock; each is one `write` of a whole line followed by
/// fsync, so a crash leaves at most a torn last line, which ``repairTornTail()`` removes
/// before the next append (it was never committed).
struct AuditLog {
    let url: URL

    /// Every entry, in order. Lines that do not parse are reported by ``verify()``, not here.
    func entries() -> [AuditEntry] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(AuditEntry.self, from: Data($0)) }
    }

    /// The last entry, read from the end of the file (appends stay fast on a long log).
    func last() -> AuditEntry? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return nil }
        var window: UInt64 = 16_384
        while true {
            let start = size > window ? size - window : 0
            try? handle.seek(toOffset: start)
            let data = (try? handle.readToEnd()) ?? Data()
            let lines = data.split(separator: UInt8(ascii: "\n"))
            // The first piece may be a cut line unless the window reached the start of the file.
            if let line = lines.last, start == 0 || lines.count > 1 {
                return try? JSONDecoder().decode(AuditEntry.self, from: Data(line))
            }
            if start == 0 { return nil }
            window *= 4
        }
    }

    /// Whether the log ends in a line without its line end (reads one byte).
    var hasTornTail: Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return false }
        try? handle.seek(toOffset: size - 1)
        return (try? handle.read(upToCount: 1))?.first != UInt8(ascii: "\n")
    }

    /// The incomplete last line, if the log ends in one.
    func tornTail() -> Data? {
        guard hasTornTail, let data = try? Data(contentsOf: url) else { return nil }
        return data.lastIndex(of: UInt8(ascii: "\n")).map { data[($0 + 1)...] } ?? data
    }

    /// Removes an incomplete last line: what a crash in the middle of an append leaves (the
    /// archive does this only while that action's journal is pending), or what an explicit,
    /// logged `archive repair` removes. Reads only the end of the file.
    func repairTornTail() throws(ArchiveError) {
        guard hasTornTail, let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return }
        // Torn: find the end of the last whole line, reading backwards in blocks.
        var end = size - 1
        var keep: UInt64 = 0
        while end > 0 {
            let start = end > 65_536 ? end - 65_536 : 0
            try? handle.seek(toOffset: start)
            let block = (try? handle.read(upToCount: Int(end - start))) ?? Data()
            if let newline = block.lastIndex(of: UInt8(ascii: "\n")) {
                keep = start + UInt64(newline - block.startIndex) + 1
                break
            }
            end = start
        }
        guard truncate(url.path, off_t(keep)) == 0 else { throw .file(.fromErrno(.write, path: url.path)) }
    }

    /// Appends an entry made from `draft` (seq, prev and hash are filled in) and returns it.
    @discardableResult
    func append(_ draft: AuditEntry) throws(ArchiveError) -> AuditEntry {
        let entry = draft.chained(after: last())
        var line = entry.canonicalJSON
        line.append(UInt8(ascii: "\n"))
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw .file(.fromErrno(.write, path: url.path)) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            let failure = written < 0 ? errno : written < line.count ? ENOSPC : errno
            // Take back a partial line so the log stays whole.
            _ = ftruncate(fd, lseek(fd, 0, SEEK_END) - off_t(max(written, 0)))
            throw .file(.fromErrno(.write, path: url.path, errno: failure))
        }
        return entry
    }

    /// Every entry as read, and every break in the chain (unreadable lines, gaps, wrong links,
    /// changed content), and every line not written in the one canonical form.
    func verified() -> AuditVerification {
        // No log, or an empty one: a new archive.
        guard let data = try? Data(contentsOf: url), !data.isEmpty else { return AuditVerification(problems: [], entries: [], bytes: 0) }
        let decoder = JSONDecoder()
        var lines: [(place: String, entry: AuditEntry?)] = []
        var uncanonical: [String] = []
        for (i, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty && i > 0 { continue }
            let place = "audit.log line \(i + 1)", entry = try? decoder.decode(AuditEntry.self, from: Data(line))
            lines.append((place, entry))
            // One reading only: a line must be exactly its entry's canonical JSON (sorted keys, no
            // duplicate or unknown key, no spacing), or another JSON reader may read it otherwise.
            if let entry, entry.canonicalJSON != Data(line) {
                uncanonical.append("\(place): entry \(entry.seq) is not in the one canonical form (a duplicated, unknown or reordered key, or spacing): other JSON readers may read it differently")
            }
        }
        var verification = AuditVerification.checking(lines, bytes: data.count)
        verification.problems += uncanonical
        if data.last.map({ $0 != UInt8(ascii: "\n") }) ?? false {
            verification.problems.append("audit.log: the last line has no line end (a torn write, or an edit); nothing is changed until "
                + "it is looked at: qmsforms archive repair --by NAME restores or removes it, and logs that it did")
        }
        return verification
    }
}
