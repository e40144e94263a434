/// Why a document-control action was refused. Nothing is changed when one is thrown.
public enum ChangeControlError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAWorkspace(String)
    case workspaceExists(String)
    case unknownDocument(String)
    case missingBy(action: String)
    case noDraft(document: String, released: Revision)
    case draftOpen(document: String, draft: Revision)
    case nothingChanged(document: String)
    case outOfOrder(document: String, expected: Approval.Role, given: Approval.Role)
    case samePerson(document: String, name: String)
    case notApproved(document: String, revision: Revision, missing: [Approval.Role])
    case backward(document: String, from: Revision, to: Revision)
    case gap(document: String, from: Revision, to: Revision, expected: [Revision])
    case releasedIsFrozen(document: String, revision: Revision)
    case effectiveBeforeApproval(document: String, effective: String, approved: String)
    case badDate(String)
    case noSuchRevision(document: String, revision: String)
    case obsolete(document: String, revision: Revision, effective: Revision)
    case notYetEffective(document: String, revision: Revision, from: String)
    case draftNeedsFlag(document: String, revision: Revision)
    case tampered(document: String, revision: Revision, path: String)
    case io(String)

    public var description: String {
        switch self {
        case let .notAWorkspace(path):
            "\(path) is not a controlled workspace (no .qms/register.json); create one with: qmsforms init DIR"
        case let .workspaceExists(path): "\(path) already holds a workspace; nothing was changed"
        case let .unknownDocument(name): "no controlled document '\(name)' in this workspace's register"
        case let .missingBy(action): "\(action) needs --by NAME (or QMS_USER): every change record names who did it"
        case let .noDraft(doc, released):
            "\(doc) has no draft revision: \(released) is released. Edit forms/ then run qmsforms revise \(doc) …"
        case let .draftOpen(doc, draft): "\(doc) already has draft \(draft) open; approve and release it first"
        case let .nothingChanged(doc):
            "the working copy of \(doc) is the same as its released revision: there is no change to revise"
        case let .outOfOrder(doc, expected, given):
            "\(doc): \(given.rawValue) cannot sign yet; the next signature is \(expected.rawValue) (prepared → reviewed → approved)"
        case let .samePerson(doc, name):
            "\(doc): \(name) prepared this revision and may not also approve it (the document does not allow self-approval)"
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
        case let .io(message): message
        }
    }
}
