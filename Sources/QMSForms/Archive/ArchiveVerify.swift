import Foundation
import XMLSupport

extension Archive {
    /// What ``verification(anchor:)`` found, and how many bytes it read to find it.
    public struct Verification: Sendable {
        /// Every problem, each naming what is wrong and where; empty when all is well.
        public var problems: [String]
        /// Bytes read: the audit log and every record file checked.
        public var bytes: Int
    }

    /// Every problem with the archive, each naming what is wrong and where: a broken audit
    /// chain, a missing or changed file, a file nobody logged, an index out of step. Empty
    /// when all is well. The files and the trail are checked against each other; nothing is
    /// trusted because the index says so.
    public func verify() async throws -> [String] { try await verification().problems }

    /// The head of the audit trail (its last entry's number and hash), to write into a record kept
    /// elsewhere (management review minutes, a letter to the auditor): ``verification(anchor:)`` later
    /// proves the history still contains it. `nil` for an empty trail.
    public func anchor() async throws -> AuditEntry? { try await store.entries().last }

    /// ``verify()`` with the bytes read. The files are read and hashed on every core at once.
    /// Verification changes nothing: it recovers nothing and repairs nothing, it reports.
    public func verification(anchor: (seq: Int, hash: String)? = nil) async throws -> Verification {
        try await store.inspect { () async throws -> Verification in
            let trail = try await store.verifiedEntries()
            var problems = trail.problems, bytes = trail.bytes
            if let anchor, !trail.entries.contains(where: { $0.seq == anchor.seq && $0.hash == anchor.hash }) {
                problems.append("audit.log: the history no longer holds anchored entry \(anchor.seq) with SHA-256 \(anchor.hash): it was rewritten after the anchor was written down")
            }
            var expected: [String: ArchivedRecord.State] = [:]
            var known: Set<String> = []
            let disposedNumbers = Set(trail.entries.filter { $0.action == .dispose }.compactMap(\.number))
            var checks: [FileCheck] = []
            let signatures = trail.entries.contains { $0.action == .sign || $0.action == .certificate || SignedApproval.carried(by: $0) != nil }
                ? SignatureCheck(entries: trail.entries, directory: signingAuthority) : nil
            if let signatures, signatures.logged, let problem = signatures.authorityProblem { problems.append("signing CA: \(problem)") }
            var content: [String: String] = [:]   // number → the hash of its latest content revision
            for entry in trail.entries {
                let files = entry.recordFiles
                guard files.count == 2, let number = entry.number else { continue }
                known.formUnion(files)
                if entry.action != .sign { content[number] = entry.xmlSHA256 }
                if disposedNumbers.contains(number) { continue }
                checks.append(FileCheck(label: "\(number) r\(entry.recordRevision ?? 0)", xml: files[0], html: files[1],
                                        xmlSHA256: entry.xmlSHA256, htmlSHA256: entry.htmlSHA256,
                                        signatures: entry.action == .sign ? signatures : nil, contentSHA256: content[number]))
            }
            if let signatures { problems += signatures.approvalProblems(trail.entries) }
            for result in try await checked(checks) {
                problems += result.problems
                bytes += result.bytes
            }
            for entry in trail.entries where entry.number != nil {
                let n = entry.number!
                switch entry.action {
                case .issue: expected[n] = expected[n] ?? .issued
                case .correct: expected[n] = .corrected
                case .void: expected[n] = .void
                case .dispose: expected[n] = .disposed
                default: break
                }
            }
            problems += try await store.storedFiles().filter { !known.contains($0) }.sorted()
                .map { "\($0): a file in the archive that no audit entry accounts for" }
            let rows = (try? await store.search(Search())) ?? []
            for row in rows where expected[row.number] == nil { problems.append("index out of step: \(row.number) is indexed but not in the audit log (run qmsforms archive reindex)") }
            let indexed = Dictionary(rows.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for (number, state) in expected.sorted(by: { $0.key < $1.key }) {
                guard let row = indexed[number] else {
                    problems.append("index out of step: \(number) is not indexed (run qmsforms archive reindex)")
                    continue
                }
                if row.state != state { problems.append("index out of step: \(number) is \(row.state.rawValue) in the index but \(state.rawValue) in the audit log") }
                if state == .disposed, let text = try await store.indexedText(number), text != number {
                    problems.append("index out of step: \(number) is disposed of, but the index still holds its text (run qmsforms archive reindex)")
                }
            }
            problems += try await indexColumnProblems(trail.entries, rows: rows)
            return Verification(problems: problems, bytes: bytes)
        }
    }

    /// Runs `checks` a share per core, each share in its own task.
    private func checked(_ checks: [FileCheck]) async throws -> [FileCheck.Result] {
        let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, checks.count))
        let store = self.store
        return try await withThrowingTaskGroup(of: (Int, [FileCheck.Result]).self) { group in
            for share in 0..<shares {
                group.addTask {
                    var results: [FileCheck.Result] = []
                    for i in stride(from: share, to: checks.count, by: shares) { results.append(await checks[i].run(in: store)) }
                    return (share, results)
                }
            }
            var byShare: [Int: [FileCheck.Result]] = [:]
            for try await (share, results) in group { byShare[share] = results }
            return (0..<shares).flatMap { byShare[$0] ?? [] }
        }
    }

    /// The bytes the archive holds, for rates: record files and the audit trail.
    public func storedBytes() async throws -> Int { try await store.storedBytes() }
}

/// One record revision's two files and the hashes the audit trail holds for them.
struct FileCheck: Sendable {
    var label: String
    var xml: String
    var html: String
    var xmlSHA256: String?
    var htmlSHA256: String?
    /// For a signed revision: how its signatures are checked, and the content they must cover.
    var signatures: SignatureCheck?
    var contentSHA256: String?

    struct Result: Sendable {
        var problems: [String] = []
        var bytes = 0
    }

    /// The XML must canonicalise to its logged hash, the HTML hash to its logged hash.
    func run(in store: any RecordArchiveStore) async -> Result {
        var result = Result()
        func place(_ path: String) -> String { store.location(of: path) ?? path }
        if let data = try? await store.file(xml) {
            result.bytes += data.count
            let c14n = try? XMLTree.canonicalized(data, source: place(xml))
            if c14n.map({ Digest.sha256($0) }) != xmlSHA256 { result.problems.append("\(label): the XML record was changed (\(place(xml)))") }
            if let signatures { result.problems += signatures.problems(data, label: label, place: place(xml), contentSHA256: contentSHA256) }
        } else { result.problems.append("\(label): the XML record is missing (\(place(xml)))") }
        if let data = try? await store.file(html) {
            result.bytes += data.count
            if Digest.sha256(data) != htmlSHA256 { result.problems.append("\(label): the HTML print was changed (\(place(html)))") }
        } else { result.problems.append("\(label): the HTML print is missing (\(place(html)))") }
        return result
    }
}

extension Archive {
    /// Restores or removes a torn last line of the audit trail, which `verify` reports and every
    /// other action refuses to pass: a whole entry that lost its line end gets it back, anything
    /// else is removed; either way the repair is logged with what it did. `nil`: nothing to repair.
    public func repair(by principal: Principal) async throws -> AuditEntry? {
        try policy.check(principal, may: .repair)
        return try await store.repair(AuditEntry(seq: 0, time: ChangeControl.timestamp(clock.now), actor: principal.displayName,
                                                 action: .repair, prev: ""))
    }
}
