import Foundation

/// A file or folder could not be read, written, created, listed or removed: which one, what
/// failed, why in plain words, and what to do. No Foundation error text reaches a user.
///
/// ```swift
/// let data = try FileError.attempt(.read, url) { try Data(contentsOf: url) }
/// ```
public struct FileError: QMSError, Equatable {
    /// What was being done to the file.
    public enum Operation: String, Sendable, Codable {
        /// What was being done to the file.
        case read, write, create, list, remove, lock, copy, move
    }

    /// The file or folder.
    public var path: String
    /// What was being done to it.
    public var operation: Operation
    /// Why, in plain words: "no such file or folder", "permission denied", "no space left on the device".
    public var reason: String
    /// What to do about it, when something can be said.
    public var remedy: String?

    public var category: ErrorCategory { .io }

    /// A failure of `operation` on `path`, why in plain words, and what to do.
    public init(_ operation: Operation, path: String, reason: String, remedy: String? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.remedy = remedy
    }

    /// The failure of the last system call (`errno`) on `path`.
    public static func fromErrno(_ operation: Operation, path: String, errno code: Int32 = errno) -> FileError {
        FileError(operation, path: path, reason: plain(code), remedy: remedy(code, operation))
    }

    /// Runs `body`, turning whatever it throws into a ``FileError`` about `url`.
    public static func attempt<T>(_ operation: Operation, _ url: URL, _ body: () throws -> T) throws(FileError) -> T {
        do { return try body() } catch let e as FileError { throw e } catch {
            throw FileError.from(error, operation, path: url.path)
        }
    }

    /// A Foundation (Cocoa/POSIX) error in plain words.
    public static func from(_ error: Error, _ operation: Operation, path: String) -> FileError {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return fromErrno(operation, path: path, errno: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return fromErrno(operation, path: path, errno: Int32(underlying.code))
        }
        let code: Int32 = switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: EACCES
        case .fileWriteOutOfSpace: ENOSPC
        case .fileWriteFileExists: EEXIST
        case .fileWriteVolumeReadOnly: EROFS
        case .fileReadTooLarge: EFBIG
        default: 0
        }
        if code != 0 { return fromErrno(operation, path: path, errno: code) }
        return fromErrno(operation, path: path, errno: diagnose(path))
    }

    /// Why `path` cannot be used, found from the nearest part of it that exists, when
    /// Foundation does not say: a file where a folder is needed, or no permission there.
    static func diagnose(_ path: String) -> Int32 {
        var url = URL(fileURLWithPath: path)
        while url.path != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                if url.path != path && !isFolder.boolValue { return ENOTDIR }
                return access(url.path, W_OK) == 0 ? EIO : EACCES
            }
            url.deleteLastPathComponent()
        }
        return ENOENT
    }

    static func plain(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or folder"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EEXIST: "it exists already"
        case EROFS: "the file system is read-only"
        case EFBIG: "file too large (a file size limit is in force)"
        case ENOTDIR: "a part of the path is not a folder"
        case EISDIR: "it is a folder, not a file"
        case EDQUOT: "the disk quota is exceeded"
        case ENOTEMPTY: "the folder is not empty"
        case EIO: "the system reported an input/output error"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    static func remedy(_ code: Int32, _ operation: Operation) -> String? {
        switch code {
        case ENOENT: operation == .read || operation == .list ? "check the path" : "check that the folder exists"
        case EACCES, EPERM: "check the file's permissions and owner"
        case ENOSPC, EDQUOT: "free some space and try again"
        case EROFS: "choose a writable folder"
        case EFBIG: "raise the file size limit (ulimit -f) or write elsewhere"
        case EEXIST: "choose another name; nothing is overwritten"
        case ENOTDIR: "a file stands where a folder is needed: choose another path"
        default: nil
        }
    }

    public var description: String {
        "cannot \(operation.rawValue) \(path): \(reason)" + (remedy.map { "; \($0)" } ?? "")
    }
}
