import Foundation

/// One archived record as the index knows it.
public struct ArchivedRecord: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case issued, corrected, void, disposed }

    public var number: String
    public var form: String
    /// The template revision the record is pinned to.
    public var templateRevision: String
    /// The record's own revision (0 as issued; corrections count up).
    public var revision: Int
    public var state: State
    public var customer: String?
    /// The record's main date (its first date field), else the day it was issued.
    public var recordDate: String
    public var status: String?
    public var complaintCategory: String?
    public var issuedAt: String
    /// The day the record may be disposed of after; `nil` while its case is open.
    public var keepUntil: String?
    /// Folder below `archive/`.
    public var path: String
}
