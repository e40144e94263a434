import Foundation

/// Writing bytes so they survive a crash: a new file written in full and fsync'd, then moved
/// into place by rename (or by link, which never replaces), then the folder fsync'd.
enum DurableFile {
    /// Writes `data` to a new file at `url` (which must not exist) and fsyncs it; with
    /// `replacing`, an existing file is truncated and rewritten in place instead.
    static func writeSynced(_ data: Data, to url: URL, mode: mode_t = 0o644, replacing: Bool = false) throws(OutputError) {
        try write(data, to: url, mode: mode, replacing: replacing, sync: true)
    }

    /// Writes `data` to a file at `url` with one open, write and close (fsync'd when `sync`).
    static func write(_ data: Data, to url: URL, mode: mode_t = 0o644, replacing: Bool = true, sync: Bool = false) throws(OutputError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL), mode)
        guard fd >= 0 else { throw OutputError(path: url.path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        let complete = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard complete, !sync || fsync(fd) == 0 else { throw OutputError(path: url.path, message: String(cString: strerror(errno))) }
    }

    /// Moves `temp` to `target`: replacing it, or failing when it exists (`replacing: false`).
    static func place(_ temp: URL, at target: URL, replacing: Bool) throws(OutputError) {
        let ok = replacing ? rename(temp.path, target.path) == 0 : link(temp.path, target.path) == 0
        let failure = String(cString: strerror(errno))
        if !replacing || !ok { unlink(temp.path) }
        guard ok else { throw OutputError(path: target.path, message: failure) }
    }

    static func syncFolder(_ url: URL) {
        let dir = open(url.path, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
