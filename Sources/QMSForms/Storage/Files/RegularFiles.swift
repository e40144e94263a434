import Foundation

/// Regular files below a folder, as paths relative to it, read with `readdir` (no `stat` per file).
enum RegularFiles {
    static func below(_ root: String) -> [String] {
        var found: [String] = []
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): walk(path)
                case Int32(DT_REG): found.append(path)
                case Int32(DT_UNKNOWN):
                    var info = stat()
                    guard stat(root + "/" + path, &info) == 0 else { continue }
                    if info.st_mode & S_IFMT == S_IFDIR { walk(path) } else if info.st_mode & S_IFMT == S_IFREG { found.append(path) }
                default: continue
                }
            }
        }
        walk("")
        return found
    }
}
