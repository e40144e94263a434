/// Why an account could not be made or changed.
public enum AccountError: QMSError, Equatable {
    /// The sign-in name is not `[a-z][a-z0-9._-]*` (1–32).
    case badName(String)
    /// The account has no printed name.
    case noDisplayName(String)
    /// The account would have no role.
    case noRoles(String)
    /// The password is shorter than the minimum.
    case shortPassword(String, minimum: Int)
    /// The password is the account's name.
    case passwordIsName(String)
    /// An account of this name exists.
    case exists(String)
    /// No account of this name.
    case unknown(String)
    /// The password given twice differs.
    case passwordsDiffer

    public var description: String {
        switch self {
        case let .badName(n): "'\(n)' is not an account name: use a-z, 0-9, '.', '_' or '-', starting with a letter, at most 32"
        case let .noDisplayName(n): "account \(n) needs --display, the name as printed (e.g. 王芳)"
        case let .noRoles(n): "account \(n) needs at least one --role (" + Principal.Role.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case let .shortPassword(n, minimum): "the password of \(n) is too short: at least \(minimum) characters"
        case let .passwordIsName(n): "the password of \(n) may not be the account name"
        case let .exists(n): "an account \(n) exists already; nothing was changed"
        case let .unknown(n): "no account \(n)"
        case .passwordsDiffer: "the two passwords differ; nothing was changed"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unknown: .usage
        case .exists: .refused
        default: .invalidData
        }
    }
}
