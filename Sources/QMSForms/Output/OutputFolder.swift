import Foundation

/// Writes a set of files into a folder all-or-nothing: each file goes to a temporary name,
/// is flushed to disk, and only when all are written are they renamed into place.
public struct OutputFolder: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    /// Writes `files` (base name → bytes). Names must pass ``FileName/isSafe(_:)``.
    /// On any failure nothing new is left behind.
    public func write(_ files: [(name: String, data: Data)]) throws(OutputError) {
        for file in files where !FileName.isSafe(file.name) {
            throw OutputError(path: file.name, message: "unsafe output file name")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: url.path, message: "cannot create the output folder: \(error.localizedDescription)")
        }
        var temporaries: [(URL, URL)] = []
        defer { for (temp, _) in temporaries { unlink(temp.path) } }
        for file in files {
            let target = url.appendingPathComponent(file.name)
            let temp = url.appendingPathComponent(".\(file.name).\(getpid()).tmp")
            temporaries.append((temp, target))
            try writeSynced(file.data, to: temp)
        }
        for (temp, target) in temporaries {
            guard rename(temp.path, target.path) == 0 else {
                throw OutputError(path: target.path, message: String(cString: strerror(errno)))
            }
        }
        temporaries = []
        let dir = open(url.path, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    private func writeSynced(_ data: Data, to url: URL) throws(OutputError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw OutputError(path: url.path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { failure = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if let failure { throw OutputError(path: url.path, message: failure) }
        guard fsync(fd) == 0 else { throw OutputError(path: url.path, message: String(cString: strerror(errno))) }
    }
}

/// A file could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): cannot write: \(message)" }
}
