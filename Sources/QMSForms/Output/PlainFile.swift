import Foundation

/// Files and folders the workspace owns must be what they seem: a regular file, or a real folder,
/// reached without a symbolic link. A link (`ln -s /etc/shadow ws/logo.png`, `archive/records` →
/// elsewhere) is refused, so nothing outside the workspace is read into a page or written through.
enum PlainFile {
    /// The bytes of the regular file at `url` (opened with `O_NOFOLLOW`), every folder from
    /// `root` down to it a real folder; at most `limit` bytes.
    static func read(_ url: URL, below root: URL, limit: Int = 64 << 20) throws(FileError) -> Data {
        try requireFolders(url.deletingLastPathComponent(), below: root)
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw notPlain(url, "a symbolic link") }
            throw .fromErrno(.read, path: url.path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .fromErrno(.read, path: url.path) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw notPlain(url, "not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FileError(.read, path: url.path, reason: "larger than \(limit >> 20) MiB", remedy: "use a smaller file")
        }
        var data = Data(count: Int(info.st_size))
        var done = 0
        while done < data.count {
            let n = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw n == 0 ? notPlain(url, "shorter than it said") : .fromErrno(.read, path: url.path) }
            done += n
        }
        return data
    }

    /// Throws unless every folder below `root` down to `folder` (included) that exists is a
    /// real folder and not a symbolic link (`root` itself may be reached any way).
    static func requireFolders(_ folder: URL, below root: URL) throws(FileError) {
        let rootPath = root.standardizedFileURL.path, path = folder.standardizedFileURL.path
        guard path == rootPath || path.hasPrefix(rootPath + "/") else { throw notPlain(folder, "outside \(rootPath)") }
        var current = rootPath
        for part in path.dropFirst(rootPath.count).split(separator: "/") {
            current += "/" + part
            var info = stat()
            guard lstat(current, &info) == 0 else { return }   // not made yet: nothing to follow
            if info.st_mode & S_IFMT == S_IFLNK { throw notPlain(URL(fileURLWithPath: current), "a symbolic link") }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw notPlain(URL(fileURLWithPath: current), "not a folder") }
        }
    }

    /// Throws when `url` exists and is anything but a regular file (a link, a folder, a device).
    static func requireRegularIfPresent(_ url: URL) throws(FileError) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK { throw notPlain(url, "a symbolic link") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw notPlain(url, "not a regular file") }
    }

    private static func notPlain(_ url: URL, _ what: String) -> FileError {
        FileError(.read, path: url.path, reason: "\(what); the workspace uses only its own regular files and folders",
                  remedy: "replace it with the file or folder itself")
    }
}
