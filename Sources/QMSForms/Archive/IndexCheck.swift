import Foundation

extension Archive {
    /// Every indexed column of every record that still has its files, compared with what its
    /// latest XML and its template revision say (customer, status, dates, keep-until, text …):
    /// nothing is trusted because the index says so. Records are read on every core at once.
    func indexColumnProblems(_ entries: [AuditEntry], rows: [ArchivedRecord]) async throws -> [String] {
        let byNumber = Dictionary(grouping: entries.filter { $0.number != nil }, by: { $0.number! })
        // What each record should be indexed as comes from the trail: its latest file, its state.
        let checks: [(row: ArchivedRecord, latest: AuditEntry, issuedAt: String, state: ArchivedRecord.State)] = rows.compactMap { row in
            guard let events = byNumber[row.number], let issued = events.first(where: { $0.action == .issue }),
                  let latest = events.filter({ !$0.recordFiles.isEmpty }).max(by: { ($0.recordRevision ?? 0) < ($1.recordRevision ?? 0) }),
                  !events.contains(where: { $0.action == .dispose }) else { return nil }
            return (row, latest, issued.time, Self.state(of: events))
        }
        let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, checks.count))
        return try await withThrowingTaskGroup(of: [String].self) { group in
            for share in 0..<shares {
                group.addTask {
                    var problems: [String] = []
                    for i in stride(from: share, to: checks.count, by: shares) {
                        let c = checks[i]
                        problems += await columnProblems(c.row, latest: c.latest, issuedAt: c.issuedAt, state: c.state)
                    }
                    return problems
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
    }

    /// What the index row of `row.number` should be, from its record, against what it is.
    private func columnProblems(_ row: ArchivedRecord, latest: AuditEntry, issuedAt: String, state: ArchivedRecord.State) async -> [String] {
        // A record that does not read is reported by the hash check already.
        guard let form = latest.form, let record = try? await read(latest.recordFiles[0]),
              case let .put(expected, text) = indexRow(record, revision: latest.recordRevision ?? 0, issuedAt: issuedAt,
                                                       path: folder(form, row.number), state: state) else { return [] }
        var problems: [String] = []
        for (have, want) in zip(Mirror(reflecting: row).children, Mirror(reflecting: expected).children)
        where "\(have.value)" != "\(want.value)" {
            problems.append("index out of step: \(row.number)'s \(have.label ?? "?") is \(Self.shown(have.value)) in the index "
                + "but \(Self.shown(want.value)) in its record (run qmsforms archive reindex)")
        }
        if (try? await store.indexedText(row.number)) != text {
            problems.append("index out of step: \(row.number)'s searchable text differs from its record (run qmsforms archive reindex)")
        }
        return problems
    }

    private static func shown(_ value: Any) -> String {
        if let optional = value as? Optional<String> { return optional.map { "'\($0)'" } ?? "empty" }
        return "'\(value)'"
    }
}
