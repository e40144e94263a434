import Foundation

/// The one way qmsforms writes bytes that must survive a crash: a new file written in full and
/// fsync'd under a temporary name, then moved into place by rename (replacing) or by link
/// (never replacing), then the folder fsync'd. Every writer of the library goes through here.
enum DurableFile {
    /// Writes `data` at `url` all-or-nothing: a reader sees the old bytes or the new ones, never
    /// a part. With `replacing: false` an existing file is never overwritten (write-once).
    static func store(_ data: Data, at url: URL, mode: mode_t = 0o644, replacing: Bool) throws(FileError) {
        let folder = url.deletingLastPathComponent()
        try makeFolder(folder)
        if !replacing && FileManager.default.fileExists(atPath: url.path) {
            throw FileError(.write, path: url.path, reason: "it exists already", remedy: "written files are never overwritten")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        unlink(temp.path)
        do {
            try writeSynced(data, to: temp, mode: mode)
            try place(temp, at: url, replacing: replacing)
        } catch {
            unlink(temp.path)
            // Name the file the user asked for, not the temporary one.
            throw FileError(error.operation, path: url.path, reason: error.reason, remedy: error.remedy)
        }
        syncFolder(folder)
    }

    /// Makes `folder` and its parents when missing.
    static func makeFolder(_ folder: URL) throws(FileError) {
        if mkdir(folder.path, 0o755) == 0 || errno == EEXIST { return }
        try FileError.attempt(.create, folder) { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    }

    /// Writes `data` to a new file at `url` (which must not exist) and fsyncs it; with
    /// `replacing`, an existing file is truncated and rewritten in place instead.
    static func writeSynced(_ data: Data, to url: URL, mode: mode_t = 0o644, replacing: Bool = false) throws(FileError) {
        try write(data, to: url, mode: mode, replacing: replacing, sync: true)
    }

    /// Writes `data` to a file at `url` with one open, write and close (fsync'd when `sync`).
    static func write(_ data: Data, to url: URL, mode: mode_t = 0o644, replacing: Bool = true, sync: Bool = false) throws(FileError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL), mode)
        guard fd >= 0 else { throw FileError.fromErrno(.write, path: url.path) }
        defer { close(fd) }
        try writeAll(data, to: fd, path: url.path)
        guard !sync || fsync(fd) == 0 else { throw FileError.fromErrno(.write, path: url.path) }
    }

    /// Writes all of `data` to the open file `fd` (retrying interrupted writes).
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws(FileError) {
        let failed = data.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 ? ENOSPC : errno }
                offset += n
            }
            return nil
        }
        if let failed { throw FileError.fromErrno(.write, path: path, errno: failed) }
    }

    /// Moves `temp` to `target`: replacing it, or failing when it exists (`replacing: false`).
    static func place(_ temp: URL, at target: URL, replacing: Bool) throws(FileError) {
        let ok = replacing ? rename(temp.path, target.path) == 0 : link(temp.path, target.path) == 0
        let failure = errno
        if !replacing || !ok { unlink(temp.path) }
        guard ok else { throw FileError.fromErrno(.write, path: target.path, errno: failure) }
    }

    static func syncFolder(_ url: URL) {
        let dir = open(url.path, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
