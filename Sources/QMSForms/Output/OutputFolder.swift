import Foundation

/// Writes a set of files into a folder all-or-nothing: each file goes to a temporary name,
/// is flushed to disk, and only when all are written are they renamed into place.
public struct OutputFolder: Sendable {
    /// The folder.
    public let url: URL

    /// The folder at `url` (made when written to).
    public init(_ url: URL) { self.url = url }

    /// Writes `files` (base name → bytes). Names must pass ``FileName/isSafe(_:)``.
    /// On any failure nothing new is left behind.
    public func write(_ files: [(name: String, data: Data)]) throws(FileError) {
        for file in files where !FileName.isSafe(file.name) {
            throw FileError(.write, path: file.name, reason: "not a safe file name", remedy: "use letters, digits, - _ .")
        }
        try create()
        var temporaries: [(URL, URL)] = []
        defer { for (temp, _) in temporaries { unlink(temp.path) } }
        for file in files {
            let target = url.appendingPathComponent(file.name)
            let temp = url.appendingPathComponent(".\(file.name).\(getpid()).tmp")
            unlink(temp.path)
            temporaries.append((temp, target))
            try DurableFile.writeSynced(file.data, to: temp)
        }
        for (temp, target) in temporaries { try DurableFile.place(temp, at: target, replacing: true) }
        temporaries = []
        DurableFile.syncFolder(url)
    }

    /// Makes the folder (and its parents) when missing.
    public func create() throws(FileError) { try DurableFile.makeFolder(url) }

    /// Flushes everything written to disk (`sync`, one call for the whole batch), then the folder.
    public func flush() {
        sync()
        DurableFile.syncFolder(url)
    }
}
