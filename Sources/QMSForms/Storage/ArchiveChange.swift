import Foundation

/// One atomic change of the archive: an audit entry (the commit point) with the files it adds
/// or removes, the counter it advances and what it does to the index.
public struct ArchiveChange: Sendable {
    /// The entry to append (its `seq`, `prev` and `hash` are filled in by the store); `nil` for
    /// a change that is not an event (rebuilding the index).
    public var entry: AuditEntry?
    /// New write-once files, below the archive.
    public var adding: [StoredFile]
    /// Files to delete (disposal), below the archive.
    public var removing: [String]
    /// The sequence number this change uses up.
    public var sequence: SequenceUse?
    /// What the index learns, in order.
    public var index: [IndexChange]

    /// A change committing `entry` (the commit point) with what it adds, removes, numbers and indexes.
    public init(entry: AuditEntry?, adding: [StoredFile] = [], removing: [String] = [], sequence: SequenceUse? = nil,
                index: [IndexChange] = []) {
        self.entry = entry
        self.adding = adding
        self.removing = removing
        self.sequence = sequence
        self.index = index
    }
}

/// A file the archive keeps, written once and never changed.
public struct StoredFile: Sendable {
    /// Below the archive: `records/SG-QR-22-02/8D-2026-001/r0.xml`.
    public var path: String
    /// Its bytes.
    public var data: Data

    /// A file `data` at `path`.
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// A number drawn from a series (`8D-2026`: the 8D reports of 2026).
public struct SequenceUse: Sendable, Codable, Equatable {
    /// The series: the number's text before its sequence (`8D-2026`).
    public var series: String
    /// The sequence number used.
    public var seq: Int

    /// Number `seq` of `series`.
    public init(series: String, seq: Int) {
        self.series = series
        self.seq = seq
    }
}

/// What a change does to the search index (which is always rebuildable from the records).
public enum IndexChange: Sendable, Codable, Equatable {
    /// Adds or replaces a record's row, with the text searched for it.
    case put(ArchivedRecord, text: String)
    /// Sets the state of an indexed record.
    case state(number: String, ArchivedRecord.State)
    /// Empties the index (before a rebuild).
    case clear
}
