/// Who may do what: the roles each action needs, and segregation of duties (the person who
/// prepared a revision does not approve it unless the document allows self-approval). The
/// command-line tool and the server ask the same policy.
///
/// ```swift
/// try AuthorizationPolicy().check(principal, may: .approve(.approved, preparedBy: "王芳", selfApproval: false))
/// ```
public struct AuthorizationPolicy: Sendable {
    /// An action to be attributed to a ``Principal``.
    public enum Action: Sendable, Equatable {
        /// Record actions.
        case issue, correct, void, dispose, export
        /// Opening the next revision of a document.
        case revise
        /// Signing a revision as `role`; `preparedBy` is who signed it as prepared.
        case approve(Approval.Role, preparedBy: String?, selfApproval: Bool)
        /// Releasing an approved revision.
        case release
        /// Repairing the archive's audit trail after it was found torn.
        case repair

        /// The role a principal needs for it.
        public var requiredRole: Principal.Role {
            switch self {
            case .issue, .correct: .record
            case .void, .revise: .review
            case let .approve(role, _, _): role == .approved ? .approve : .review
            case .release: .release
            case .dispose: .dispose
            case .export: .export
            case .repair: .administer
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
        if case let .approve(.approved, preparedBy?, false) = action, preparedBy == principal.displayName {
            throw .sameAsPreparer(principal: principal.displayName)
        }
    }
}

/// An action refused by the ``AuthorizationPolicy``.
public enum AuthorizationError: QMSError, Equatable {
    /// The person lacks the role the action needs.
    case missingRole(principal: String, action: String, role: Principal.Role)
    /// Segregation of duties: who prepared a revision may not approve it.
    case sameAsPreparer(principal: String)

    public var category: ErrorCategory { .refused }

    public var description: String {
        switch self {
        case let .missingRole(who, action, role): "\(who) may not \(action): that needs the role '\(role.rawValue)'; ask an administrator"
        case let .sameAsPreparer(who): "\(who) prepared this revision and may not also approve it (the document does not allow self-approval)"
        }
    }
}
