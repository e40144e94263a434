import Foundation
import HummingbirdBcrypt

/// A person's account: who they are, what they may do, and a bcrypt hash of their password.
///
/// An account signs in to `qmsforms serve`; what it does is attributed to its ``principal``,
/// never to a name typed in a form. Accounts are kept by an ``AccountStore`` and every change of
/// one is an audit entry.
///
/// ```swift
/// let wang = try Account.new(name: "wangfang", displayName: "王芳", department: "quality",
///                            roles: [.record, .review], password: "correct horse battery")
/// wang.accepts("correct horse battery")   // true
/// ```
public struct Account: Sendable, Codable, Equatable {
    /// The sign-in name: `[a-z][a-z0-9._-]*`, at most 32 characters.
    public var name: String
    /// The printed name (as signatures and the audit trail show it).
    public var displayName: String
    /// The department, for open actions and the home page.
    public var department: String?
    /// What the person may do.
    public var roles: Set<Principal.Role>
    /// bcrypt (`$2b$…`) of the password; never the password.
    public var passwordHash: String
    /// A disabled account cannot sign in; its history stays.
    public var disabled: Bool
    /// When the password was last set (sessions from before it end).
    public var passwordSetAt: String
    /// Failed sign-ins since the last success.
    public var failedSignIns: Int? = nil
    /// Until when sign-in is refused after too many failures (ISO 8601), if locked.
    public var lockedUntil: String? = nil
    /// The person's certificate and sealed signing key, once the workspace's CA issued them.
    public var signing: SigningIdentity? = nil
    /// Wrong passwords given at signing ceremonies since the last signature (counted apart from sign-ins).
    public var failedSignings: Int? = nil
    /// Until when signing is refused after too many wrong passwords (ISO 8601), if locked.
    public var signingLockedUntil: String? = nil

    /// Failed sign-ins in a row that lock the account, and for how long.
    public static let lockAfter = 5
    /// How long a lock lasts: 15 minutes.
    public static let lockFor: TimeInterval = 15 * 60

    /// The fewest characters a password may have.
    public static let minimumPasswordLength = 10

    /// A new account with `password` hashed; refuses a bad name or a short password.
    public static func new(name: String, displayName: String, department: String?, roles: Set<Principal.Role>,
                           password: String, now: Date = Date(), cost: UInt8 = 12) throws(AccountError) -> Account {
        guard isValidName(name) else { throw .badName(name) }
        let display = PersonName.normalized(displayName)
        guard !display.isEmpty else { throw .noDisplayName(name) }
        guard !roles.isEmpty else { throw .noRoles(name) }
        return Account(name: name, displayName: display, department: department, roles: roles,
                       passwordHash: try hash(password, for: name, cost: cost), disabled: false, passwordSetAt: ChangeControl.timestamp(now))
    }

    /// The same account with `password` as its new one.
    public func withPassword(_ password: String, now: Date = Date(), cost: UInt8 = 12) throws(AccountError) -> Account {
        var copy = self
        copy.passwordHash = try Self.hash(password, for: name, cost: cost)
        copy.passwordSetAt = ChangeControl.timestamp(now)
        return copy
    }

    /// Whether `password` is this account's (always `false` for a disabled account).
    public func accepts(_ password: String) -> Bool {
        !disabled && Bcrypt.verify(password, hash: passwordHash)
    }

    /// Who the account acts as.
    public var principal: Principal {
        Principal(id: name, displayName: displayName, department: department, roles: roles)
    }

    /// `[a-z][a-z0-9._-]*`, 1–32 characters: safe in a path, a cookie and a log line.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 32 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func hash(_ password: String, for name: String, cost: UInt8) throws(AccountError) -> String {
        guard password.count >= minimumPasswordLength else { throw .shortPassword(name, minimum: minimumPasswordLength) }
        guard password.lowercased() != name.lowercased() else { throw .passwordIsName(name) }
        return Bcrypt.hash(password, cost: cost)
    }
}
