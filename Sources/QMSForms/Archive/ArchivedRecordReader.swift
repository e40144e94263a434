import Foundation

extension Archive {
    /// The records of `form` in the archive that still stand (issued or corrected: not void,
    /// not disposed), each read back from its latest XML against the template revision it is
    /// pinned to, in number order.
    public func standingRecords(of form: String) throws -> [Record] {
        let rows = try search(Search(form: form)).filter { $0.state == .issued || $0.state == .corrected }
        return try rows.sorted { $0.number < $1.number }.map(record)
    }

    /// One archived record, read back from its XML (the record of truth) and validated again.
    public func record(_ row: ArchivedRecord) throws -> Record {
        let url = store.directory.appendingPathComponent(row.path).appendingPathComponent("r\(row.revision).xml")
        let data: Data
        do { data = try FileError.attempt(.read, url) { try Data(contentsOf: url) } } catch { throw ArchiveError.file(error) }
        let reader = RecordXMLReader()
        let (pin, root) = try reader.pin(data, source: url.path)
        let (template, _) = try control.template(pin.form, revision: pin.revision)
        return try RecordValidator(template: template).validate(reader.data(root, template: template), source: url.path)
    }
}
