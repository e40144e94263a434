import Foundation
import XMLSupport

extension Archive {
    /// Every problem with the archive, each naming what is wrong and where: a broken audit
    /// chain, a missing or changed file, a file nobody logged, an index out of step. Empty
    /// when all is well. The files and the log are checked against each other; nothing is
    /// trusted because the index says so.
    public func verify() throws -> [String] {
        try store.locked(finish) {
            var problems = store.auditLog.verify()
            let entries = store.auditLog.entries()
            var expected: [String: ArchivedRecord.State] = [:]
            var known: Set<String> = []
            let disposedNumbers = Set(entries.filter { $0.action == .dispose }.compactMap(\.number))
            for entry in entries where entry.action == .issue || entry.action == .correct {
                let number = entry.number!, rev = entry.recordRevision ?? 0
                let path = folder(entry.form!, number)
                let disposed = disposedNumbers.contains(number)
                known.insert("\(path)/r\(rev).xml")
                known.insert("\(path)/r\(rev).html")
                if disposed { continue }
                let xmlURL = store.directory.appendingPathComponent("\(path)/r\(rev).xml")
                let htmlURL = store.directory.appendingPathComponent("\(path)/r\(rev).html")
                if let xml = try? Data(contentsOf: xmlURL) {
                    let c14n = try? XMLTree.parse(xml, source: xmlURL.path).canonicalized()
                    if c14n.map(ControlStore.sha256) != entry.xmlSHA256 { problems.append("\(number) r\(rev): the XML record was changed (\(xmlURL.path))") }
                } else { problems.append("\(number) r\(rev): the XML record is missing (\(xmlURL.path))") }
                if let html = try? Data(contentsOf: htmlURL) {
                    if ControlStore.sha256(html) != entry.htmlSHA256 { problems.append("\(number) r\(rev): the HTML print was changed (\(htmlURL.path))") }
                } else { problems.append("\(number) r\(rev): the HTML print is missing (\(htmlURL.path))") }
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
            return problems
        }
    }

    private func unloggedFiles(known: Set<String>) -> [String] {
        var problems: [String] = []
        let root = store.recordsURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = "records" + url.path.dropFirst(root.path.count)
            if !known.contains(relative) { problems.append("\(relative): a file in the archive that no audit entry accounts for") }
        }
        return problems.sorted()
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
