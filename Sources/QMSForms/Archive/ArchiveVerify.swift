import Foundation
import XMLSupport

extension Archive {
    /// What ``verification()`` found, and how many bytes it read to find it.
    public struct Verification: Sendable {
        /// Every problem, each naming what is wrong and where; empty when all is well.
        public var problems: [String]
        /// Bytes read: the audit log and every record file checked.
        public var bytes: Int
    }

    /// Every problem with the archive, each naming what is wrong and where: a broken audit
    /// chain, a missing or changed file, a file nobody logged, an index out of step. Empty
    /// when all is well. The files and the log are checked against each other; nothing is
    /// trusted because the index says so.
    public func verify() throws -> [String] { try verification().problems }

    /// ``verify()`` with the bytes read. The files are hashed on every core at once.
    public func verification() throws -> Verification {
        try store.locked(finish) {
            var (problems, entries) = store.auditLog.verified()
            var bytes = (try? FileManager.default.attributesOfItem(atPath: store.auditLog.url.path)[.size] as? Int) ?? 0
            var expected: [String: ArchivedRecord.State] = [:]
            var known: Set<String> = []
            let disposedNumbers = Set(entries.filter { $0.action == .dispose }.compactMap(\.number))
            var checks: [FileCheck] = []
            for entry in entries where entry.action == .issue || entry.action == .correct {
                let number = entry.number!, rev = entry.recordRevision ?? 0
                let path = folder(entry.form!, number)
                known.insert("\(path)/r\(rev).xml")
                known.insert("\(path)/r\(rev).html")
                if disposedNumbers.contains(number) { continue }
                checks.append(FileCheck(label: "\(number) r\(rev)", xml: store.directory.appendingPathComponent("\(path)/r\(rev).xml"),
                                        html: store.directory.appendingPathComponent("\(path)/r\(rev).html"),
                                        xmlSHA256: entry.xmlSHA256, htmlSHA256: entry.htmlSHA256))
            }
            let toCheck = checks
            let results = parallelMap(toCheck.count) { toCheck[$0].run() }
            for result in results {
                problems += result.problems
                bytes += result.bytes
            }
            for entry in entries where entry.number != nil {
                let n = entry.number!
                switch entry.action {
                case .issue: expected[n] = expected[n] ?? .issued
                case .correct: expected[n] = .corrected
                case .void: expected[n] = .void
                case .dispose: expected[n] = .disposed
                default: break
                }
            }
            problems += unloggedFiles(known: known)
            let rows = (try? index().all()) ?? []
            for row in rows where expected[row.number] == nil { problems.append("index out of step: \(row.number) is indexed but not in the audit log (run qmsforms archive reindex)") }
            let indexed = Dictionary(rows.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for (number, state) in expected.sorted(by: { $0.key < $1.key }) {
                guard let row = indexed[number] else {
                    problems.append("index out of step: \(number) is not indexed (run qmsforms archive reindex)")
                    continue
                }
                if row.state != state { problems.append("index out of step: \(number) is \(row.state.rawValue) in the index but \(state.rawValue) in the audit log") }
            }
            return Verification(problems: problems, bytes: bytes)
        }
    }

    private func unloggedFiles(known: Set<String>) -> [String] {
        RegularFiles.below(store.recordsURL.path).compactMap { relative in
            let path = "records/" + relative
            return known.contains(path) ? nil : "\(path): a file in the archive that no audit entry accounts for"
        }.sorted()
    }

    /// The bytes the archive holds, for rates: record files and the audit log.
    public func storedBytes() -> Int {
        var total = (try? FileManager.default.attributesOfItem(atPath: store.auditLog.url.path)[.size] as? Int) ?? 0
        if let walker = FileManager.default.enumerator(at: store.recordsURL, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let url as URL in walker { total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        }
        return total
    }
}

/// One record revision's two files and the hashes the audit log holds for them.
struct FileCheck: Sendable {
    var label: String
    var xml: URL
    var html: URL
    var xmlSHA256: String?
    var htmlSHA256: String?

    struct Result: Sendable {
        var problems: [String] = []
        var bytes = 0
    }

    /// The XML must canonicalise to its logged hash, the HTML hash to its logged hash.
    func run() -> Result {
        var result = Result()
        if let data = try? Data(contentsOf: xml) {
            result.bytes += data.count
            let c14n = try? XMLTree.canonicalized(data, source: xml.path)
            if c14n.map(Digest.sha256) != xmlSHA256 { result.problems.append("\(label): the XML record was changed (\(xml.path))") }
        } else { result.problems.append("\(label): the XML record is missing (\(xml.path))") }
        if let data = try? Data(contentsOf: html) {
            result.bytes += data.count
            if Digest.sha256(data) != htmlSHA256 { result.problems.append("\(label): the HTML print was changed (\(html.path))") }
        } else { result.problems.append("\(label): the HTML print is missing (\(html.path))") }
        return result
    }
}

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
