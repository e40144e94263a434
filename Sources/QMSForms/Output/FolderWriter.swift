import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes many files into one folder quickly and never half: on Linux each file is written
/// as an unnamed file (`O_TMPFILE`) and linked into place under its name when complete, one
/// change to the folder per file; a name that exists already is replaced through a temporary
/// name and a rename. Nothing is fsync'd per file: ``OutputFolder/flush()`` ends the batch.
final class FolderWriter: Sendable {
    let folder: URL
    private let fd: Int32

    init(_ folder: URL) throws(FileError) {
        self.folder = folder
        fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw FileError.fromErrno(.write, path: folder.path) }
    }

    deinit { close(fd) }

    func write(_ data: Data, name: String) throws(FileError) {
        #if os(Linux)
        let unnamed = openat(fd, ".", 0o20200000 | O_WRONLY, 0o644)  // O_TMPFILE
        if unnamed >= 0 {
            defer { close(unnamed) }
            try DurableFile.writeAll(data, to: unnamed, path: folder.appendingPathComponent(name).path)
            if linkat(AT_FDCWD, "/proc/self/fd/\(unnamed)", fd, name, AT_SYMLINK_FOLLOW) == 0 { return }
            let temp = ".\(name).\(getpid()).\(unnamed).tmp"
            guard errno == EEXIST, linkat(AT_FDCWD, "/proc/self/fd/\(unnamed)", fd, temp, AT_SYMLINK_FOLLOW) == 0 else {
                throw FileError.fromErrno(.write, path: folder.appendingPathComponent(name).path)
            }
            guard renameat(fd, temp, fd, name) == 0 else {
                let failure = errno
                unlinkat(fd, temp, 0)
                throw FileError.fromErrno(.write, path: folder.appendingPathComponent(name).path, errno: failure)
            }
            return
        }
        #endif
        let temp = folder.appendingPathComponent(".\(name).\(getpid()).tmp")
        do { try DurableFile.write(data, to: temp) } catch {
            unlink(temp.path)
            throw error
        }
        try DurableFile.place(temp, at: folder.appendingPathComponent(name), replacing: true)
    }

}
