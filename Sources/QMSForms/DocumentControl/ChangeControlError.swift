/// Why a document-control action was refused. Nothing is changed when one is thrown.
public enum ChangeControlError: QMSError, Equatable {
    /// The folder (named) holds no register.
    case notAWorkspace(String)
    /// A shared archive (a database) without a register of controlled documents yet.
    case noRegister(location: String)
    /// A shared archive that already holds a register: a second server joins it, it does not create one.
    case registerExists(String)
    /// The folder (named) holds a workspace already.
    case workspaceExists(String)
    /// The folder for a new workspace holds files already.
    case folderNotEmpty(String)
    /// The register holds no document of this number or alias.
    case unknownDocument(String)
    /// The action (named) was given no person.
    case missingBy(action: String)
    /// The document has no open draft.
    case noDraft(document: String, released: Revision)
    /// A draft is open already.
    case draftOpen(document: String, draft: Revision)
    /// The working copy does not differ from the revision released.
    case nothingChanged(document: String)
    /// The draft has all three signatures; the approval (by, on date) is given.
    case alreadyApproved(document: String, revision: Revision, by: String, date: String)
    /// A role signed before the role that must sign first.
    case outOfOrder(document: String, expected: Approval.Role, given: Approval.Role)
    /// The draft lacks approvals (listed).
    case notApproved(document: String, revision: Revision, missing: [Approval.Role])
    /// The working copy declares a revision before the one released.
    case backward(document: String, from: Revision, to: Revision)
    /// The working copy skips a revision.
    case gap(document: String, from: Revision, to: Revision, expected: [Revision])
    /// A released revision cannot be signed again.
    case releasedIsFrozen(document: String, revision: Revision)
    /// The effective date is before the last approval.
    case effectiveBeforeApproval(document: String, effective: String, approved: String)
    /// A date is not `yyyy-mm-dd`.
    case badDate(String)
    /// The document has no such revision.
    case noSuchRevision(document: String, revision: String)
    /// The revision asked for is obsolete.
    case obsolete(document: String, revision: Revision, effective: Revision)
    /// The revision is not yet in force.
    case notYetEffective(document: String, revision: Revision, from: String)
    /// The revision asked for is the open draft: filling against it needs `--draft`.
    case draftNeedsFlag(document: String, revision: Revision)
    /// A frozen revision's bytes no longer match their SHA-256.
    case tampered(document: String, revision: Revision, path: String)
    /// A frozen revision's file is gone.
    case frozenMissing(document: String, revision: String, path: String)
    /// A file in `.qms/revisions/` the register does not name.
    case unregisteredFile(document: String, path: String)
    /// The register file does not read.
    case damagedRegister(String)
    /// An approval dated before the signature it follows.
    case approvalBeforePrevious(document: String, role: Approval.Role, date: String, previous: Approval)
    /// An effective date before the day of the release.
    case effectiveBeforeRelease(document: String, effective: String, today: String)
    /// An effective date before the previous revision's.
    case effectiveBeforePrevious(document: String, effective: String, previous: String)
    /// Edition Z has no edition after it.
    case noEditionAfterZ(document: String)
    /// A change request without what its change-record row must state (更改内容, 更改页次, 更改文件号).
    case incompleteChange(document: String, missing: [String])
    /// The working copy lacks an element the change needs to rewrite.
    case notEditable(document: String, element: String)
    /// A released revision no audit entry accounts for with these bytes.
    case notInTrail(document: String, revision: String, sha256: String)
    /// The draft changes control data (the change described) its change-record row does not state.
    case controlChangeNotRecorded(document: String, change: String)
    /// The draft changed after it was signed in a role (named); the signatures no longer cover it.
    case changedSinceSigned(document: String, signedAs: Approval.Role)
    /// The working copy is not the text the three approvals signed.
    case changedSinceApproved(document: String)
    /// A file could not be read or written.
    case file(FileError)

    public var description: String {
        switch self {
        case let .notAWorkspace(path):
            "\(path) is not a controlled workspace (no .qms/register.json); create one with: qmsforms init DIR"
        case let .noRegister(location):
            "\(location) holds no register of controlled documents yet; create it with: qmsforms init DIR --archive \(location)"
        case let .registerExists(location):
            "\(location) already holds a register of controlled documents; nothing was changed. A second server uses it "
                + "with a copy of the first server's workspace folder (docs/deployment.md)"
        case let .workspaceExists(path): "\(path) already holds a workspace; nothing was changed"
        case let .folderNotEmpty(path):
            "\(path) is not empty (and not a workspace); give a new or empty folder for the workspace; nothing was changed"
        case let .unknownDocument(name): "no controlled document '\(name)' in this workspace's register"
        case let .missingBy(action): "\(action) needs --by NAME (or QMS_USER): every change record names who did it"
        case let .noDraft(doc, released):
            "\(doc) has no draft revision: \(released) is released. Edit forms/ then run qmsforms revise \(doc) …"
        case let .draftOpen(doc, draft): "\(doc) already has draft \(draft) open; approve and release it first, "
            + "or record an edit made since it was opened with: qmsforms revise \(doc) --amend …"
        case let .nothingChanged(doc):
            "the working copy of \(doc) is the same as its released revision: there is no change to revise"
        case let .alreadyApproved(doc, rev, by, date):
            "\(doc) \(rev) is already approved by \(by) on \(date): prepared, reviewed and approved are signed; release it with qmsforms release"
        case let .outOfOrder(doc, expected, given):
            "\(doc): \(given.rawValue) cannot sign yet; the next signature is \(expected.rawValue) (prepared → reviewed → approved)"
        case let .notApproved(doc, rev, missing):
            "\(doc) \(rev) cannot be released: not approved (missing: \(missing.map(\.rawValue).joined(separator: ", ")))"
        case let .backward(doc, from, to):
            "\(doc): revision would go backward from \(from) to \(to); revisions only go forward, without gaps"
        case let .gap(doc, from, to, expected):
            "\(doc): the working copy says \(to), but after \(from) comes \(expected.map(\.description).joined(separator: " or ")); "
                + "revisions have no gaps: open the draft with qmsforms revise"
        case let .releasedIsFrozen(doc, rev):
            "\(doc) \(rev) is released and frozen; a released revision never changes. Make a new revision with qmsforms revise"
        case let .effectiveBeforeApproval(doc, effective, approved):
            "\(doc): effective date \(effective) is before the approval on \(approved)"
        case let .badDate(text): "'\(text)' is not a date; write yyyy-mm-dd"
        case let .noSuchRevision(doc, rev): "\(doc) has no revision \(rev)"
        case let .obsolete(doc, rev, effective):
            "\(doc) \(rev) is obsolete; the effective revision is \(effective). Fill against \(effective) (leave out --revision)"
        case let .notYetEffective(doc, rev, from): "\(doc) \(rev) is not effective until \(from)"
        case let .draftNeedsFlag(doc, rev): "\(doc) \(rev) is a draft; filling against a draft needs --draft (the print is marked DRAFT)"
        case let .tampered(doc, rev, path):
            "\(doc) \(rev): the frozen file \(path) no longer matches its SHA-256; it was changed after release"
        case let .frozenMissing(doc, rev, path): "\(doc) \(rev): the frozen file \(path) is missing; restore it from a backup"
        case let .unregisteredFile(doc, path): "\(doc): \(path) is not in the register; a file nobody released does not belong in .qms/"
        case let .damagedRegister(path): "\(path) is damaged (not a register qmsforms wrote); restore it from a backup"
        case let .approvalBeforePrevious(doc, role, date, previous):
            "\(doc): \(role.rawValue) on \(date) is before \(previous.role.rawValue) on \(previous.date); sign on or after that day"
        case let .effectiveBeforeRelease(doc, effective, today):
            "\(doc): effective \(effective) is before today (\(today)): a release never takes effect retroactively "
                + "(records filled until now stay on the revision in force then); choose today or a later day"
        case let .effectiveBeforePrevious(doc, effective, previous):
            "\(doc): effective \(effective) is before the previous revision's \(previous); choose a day on or after it"
        case let .noEditionAfterZ(doc): "\(doc): there is no edition after Z"
        case let .incompleteChange(doc, missing): "\(doc): the change record needs \(missing.joined(separator: ", ")); "
            + "a revision states what changed, on which pages and under which change order"
        case let .notEditable(doc, element): "\(doc): the working copy has no <\(element)> element to update"
        case let .notInTrail(d, rev, sha): "\(d) \(rev) is in the register with SHA-256 \(sha), but no registration or release in "
            + "the audit log records those bytes: the register or its frozen file was changed outside qmsforms"
        case let .controlChangeNotRecorded(d, change): "the draft of \(d) changes its control data (\(change)), but its "
            + "change-record row does not say so: retention, department, record number, numbering and self-approval change only as "
            + "a recorded change. Record it with: qmsforms revise \(d) --amend --summary … --pages … --order …, or put the value back"
        case let .changedSinceSigned(d, role): "the draft of \(d) changed after it was signed as \(role.rawValue): a signature covers "
            + "the text it signed; undo the edit, or sign again from the start: qmsforms approve \(d) --role prepared"
        case let .changedSinceApproved(d): "the working copy of \(d) is not the text that was approved (it changed after a signature, "
            + "or a signature records no content hash): undo the edit, or sign again from the start: qmsforms approve \(d) --role prepared"
        case let .file(error): error.description
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .tampered, .frozenMissing, .damagedRegister, .notEditable, .notInTrail: .badTemplate
        case .file: .io
        case .unknownDocument, .notAWorkspace, .noRegister, .badDate, .noSuchRevision, .incompleteChange: .usage
        default: .refused
        }
    }
}
