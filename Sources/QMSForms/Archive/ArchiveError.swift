/// Why an archive action was refused or failed. The archive stays consistent either way.
public enum ArchiveError: QMSError, Equatable {
    /// The folder (named) is not a controlled workspace.
    case notControlled(String)
    /// The action (named) was given no person.
    case missingBy(action: String)
    /// The action (named) was given no reason.
    case missingReason(action: String)
    /// The data carries a record number (given); the archive assigns numbers.
    case numberGiven(String)
    /// The data of a correction of `number` carries another record's number (`given`).
    case otherNumberGiven(given: String, number: String)
    /// The correction of the record (numbered) changes nothing.
    case nothingCorrected(String)
    /// No archived record has this number.
    case unknownRecord(String)
    /// The record (numbered) is void.
    case voided(String)
    /// The record (numbered) was disposed of.
    case disposed(String)
    /// The record is still within its retention period.
    case notDue(number: String, keepUntil: String)
    /// The bag folder (named) exists already.
    case bagExists(String)
    /// A file the archive names is gone (run `archive verify`).
    case missingFile(String)
    /// A report found nothing to report on.
    case nothingArchived(String)
    /// The search index cannot be opened; it can be rebuilt from the records.
    case indexUnusable(path: String)
    /// The archive does not verify (its problems listed); it is not exported.
    case notVerified(problems: [String])
    /// The audit log ends in an incomplete line that no interrupted action explains.
    case tornAuditLog(path: String)
    /// A file could not be read or written.
    case file(FileError)

    public var description: String {
        switch self {
        case let .notControlled(path): "\(path) is not a controlled workspace; records are issued against released revisions: run qmsforms init DIR"
        case let .missingBy(action): "\(action) needs --by NAME (or QMS_USER): the audit log names who did it"
        case let .missingReason(action): "\(action) needs --reason TEXT: the audit log keeps why"
        case let .numberGiven(n): "the data gives record_no \(n); issue assigns the next number itself: remove record_no"
        case let .otherNumberGiven(given, number): "the data gives record_no \(given), but this corrects \(number): "
            + "correct keeps the record's number; remove record_no or give \(number)"
        case let .nothingCorrected(n): "the corrected data of \(n) is the same as its current revision: there is nothing to correct; nothing was changed"
        case let .unknownRecord(n): "no archived record \(n)"
        case let .voided(n): "\(n) is void; a void number is never used again"
        case let .disposed(n): "\(n) was disposed of; its files are gone, its audit entries stay"
        case let .notDue(n, until): "\(n) must be kept until \(until); it cannot be disposed of before"
        case let .bagExists(path): "\(path) exists already; export writes a new bag"
        case let .nothingArchived(what): "\(what); issue the records first"
        case let .missingFile(path): "\(path) is missing; run qmsforms archive verify, then restore it from a backup"
        case let .indexUnusable(path): "the archive index \(path) cannot be opened; rebuild it with qmsforms archive reindex"
        case let .notVerified(problems): "the archive does not verify (\(problems.count) problem(s), the first: \(problems[0])); "
            + "export packages only an archive that verifies: run qmsforms archive verify and resolve what it finds"
        case let .tornAuditLog(path): "\(path) ends in a line without its line end that no interrupted action explains (a removed "
            + "line end, or an edit); the archive changes nothing until it is looked at: run qmsforms archive verify, then "
            + "qmsforms archive repair --by NAME"
        case let .file(error): error.description
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .notControlled, .missingBy, .missingReason, .unknownRecord, .nothingArchived: .usage
        case .numberGiven, .otherNumberGiven: .invalidData
        case .bagExists, .file, .missingFile, .indexUnusable: .io
        default: .refused
        }
    }
}
