import Foundation

extension Archive {
    /// The records of `form` in the archive that still stand (issued or corrected: not void,
    /// not disposed), each read back from its latest XML against the template revision it is
    /// pinned to, in number order.
    public func standingRecords(of form: String) async throws -> [Record] {
        let rows = try await search(Search(form: form)).filter { $0.state == .issued || $0.state == .corrected }
        var records: [Record] = []
        for row in rows.sorted(by: { $0.number < $1.number }) { records.append(try await record(row)) }
        return records
    }

    /// One archived record, read back from its XML (the record of truth) and validated again.
    public func record(_ row: ArchivedRecord) async throws -> Record { try await read("\(row.path)/r\(row.revision).xml") }
}
