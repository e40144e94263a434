/// Who may do what: the roles each action needs, and segregation of duties (the person who
/// prepared a revision does not approve it unless the document allows self-approval). The
/// command-line tool and the server ask the same policy.
///
/// ```swift
/// try AuthorizationPolicy().check(principal, may: .approve(.approved, signedBy: ["王芳", "李强"], selfApproval: false))
/// ```
public struct AuthorizationPolicy: Sendable {
    /// An action to be attributed to a ``Principal``.
    public enum Action: Sendable, Equatable {
        /// Record actions.
        case issue, correct, void, dispose, export
        /// Opening the next revision of a document.
        case revise
        /// Signing a revision as `role`; `signedBy` are the names that signed it before (prepared, reviewed).
        case approve(Approval.Role, signedBy: [String], selfApproval: Bool)
        /// Releasing an approved revision.
        case release
        /// Repairing the archive's audit trail after it was found torn.
        case repair
        /// Creating, disabling and re-keying accounts.
        case administer
        /// Signing a record electronically with a meaning (the id of one of its form's signature fields).
        case sign(meaning: String)

        /// The role signing with `meaning` needs: approving and closing need `approve`, reviewing and
        /// verifying `review`, any other signature (prepared, raised, handled …) `record`.
        public static func signingRole(_ meaning: String) -> Principal.Role {
            switch meaning {
            case "approved", "raise_approval", "closure": .approve
            case "reviewed", "review_sign", "reviewed_sign", "plan_reviewer", "verifier", "confirmer": .review
            default: .record
            }
        }

        /// The role a principal needs for it.
        public var requiredRole: Principal.Role {
            switch self {
            case .issue, .correct: .record
            case .void, .revise: .review
            case let .approve(role, _, _): role == .approved ? .approve : .review
            case .release: .release
            case .dispose: .dispose
            case .export: .export
            case .repair, .administer: .administer
            case let .sign(meaning): Self.signingRole(meaning)
            }
        }

        var name: String {
            switch self {
            case .issue: "issue"
            case .correct: "correct"
            case .void: "void"
            case .dispose: "dispose"
            case .export: "export"
            case .revise: "revise"
            case let .approve(role, _, _): "approve as \(role.rawValue)"
            case .release: "release"
            case .repair: "repair"
            case .administer: "administer accounts"
            case let .sign(meaning): "sign as \(meaning)"
            }
        }
    }

    /// The policy of SG-QP-07 and ISO 9001 7.5.2.
    public init() {}

    /// Throws ``AuthorizationError`` when `principal` may not do `action`.
    public func check(_ principal: Principal, may action: Action) throws(AuthorizationError) {
        guard principal.roles.contains(action.requiredRole) else {
            throw .missingRole(principal: principal.displayName, action: action.name, role: action.requiredRole)
        }
        // Segregation of duties: prepared, reviewed and approved are three different people, compared
        // as identities (however the names are spelled), unless the document allows self-approval.
        if case let .approve(role, signedBy, false) = action,
           let earlier = signedBy.firstIndex(where: { PersonName.normalized($0) == PersonName.normalized(principal.displayName) }) {
            throw .alreadySigned(principal: principal.displayName, as: Approval.Role.allCases[earlier], now: role)
        }
    }
}

/// An action refused by the ``AuthorizationPolicy``.
public enum AuthorizationError: QMSError, Equatable {
    /// The person lacks the role the action needs.
    case missingRole(principal: String, action: String, role: Principal.Role)
    /// Segregation of duties: who signed a revision in one role may not sign it in another.
    case alreadySigned(principal: String, as: Approval.Role, now: Approval.Role)

    public var category: ErrorCategory { .refused }

    public var description: String {
        switch self {
        case let .missingRole(who, action, role): "\(who) may not \(action): that needs the role '\(role.rawValue)'; ask an administrator"
        case let .alreadySigned(who, earlier, now): "\(who) signed this revision as \(earlier.rawValue) and may not also sign it as \(now.rawValue): "
            + "prepared, reviewed and approved are three different people (the document does not allow self-approval)"
        }
    }
}
