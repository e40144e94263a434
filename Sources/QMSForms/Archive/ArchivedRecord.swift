import Foundation

/// One archived record as the index knows it.
public struct ArchivedRecord: Sendable, Codable, Equatable {
    /// Where a record stands: issued, corrected (a later revision exists), void, or disposed of.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Issued, never corrected.
        case issued
        /// Corrected: a later revision replaces the first.
        case corrected
        /// Void: the number is retired, the files kept.
        case void
        /// Disposed of after its retention: the files are gone, the audit entries stay.
        case disposed
    }

    /// The record number.
    public var number: String
    /// The form number.
    public var form: String
    /// The template revision the record is pinned to.
    public var templateRevision: String
    /// The record's own revision (0 as issued; corrections count up).
    public var revision: Int
    /// Where the record stands.
    public var state: State
    /// The customer, where the form indexes one.
    public var customer: String?
    /// The record's main date (its first date field), else the day it was issued.
    public var recordDate: String
    /// The status code, where the form indexes one.
    public var status: String?
    /// The complaint category code, where the form indexes one.
    public var complaintCategory: String?
    /// When it was first issued (UTC, ISO 8601).
    public var issuedAt: String
    /// The day the record may be disposed of after; `nil` while its case is open.
    public var keepUntil: String?
    /// Folder below `archive/`.
    public var path: String
}
