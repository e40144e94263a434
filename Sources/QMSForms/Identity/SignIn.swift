import Foundation
import HummingbirdBcrypt

/// Signing in and out: a password checked against its account, a new session, the lock after
/// ``Account/lockAfter`` failures in a row (for ``Account/lockFor``, logged), and the sessions a
/// changed password or a disabled account ends.
///
/// ```swift
/// let signIn = SignIn(accounts: accounts, sessions: store)
/// let session = try await signIn.begin("wangfang", password: typed, now: Date())
/// let who = try await signIn.principal(for: session.id, now: Date())   // nil once it has ended
/// ```
public struct SignIn: Sendable {
    /// The accounts (and where their changes are logged).
    public let accounts: Accounts
    /// Where sessions are kept.
    public let sessions: any SessionStore

    /// Sign-in against `accounts`, sessions in `sessions`.
    public init(accounts: Accounts, sessions: any SessionStore) {
        self.accounts = accounts
        self.sessions = sessions
    }

    /// A new session for `name` when `password` is its own. Wrong name, wrong password and a
    /// disabled account give the same refusal, so nobody learns which names exist.
    public func begin(_ name: String, password: String, now: Date) async throws -> Session {
        guard var account = try await accounts.store.account(named: name) else {
            // As long as a real check, so the time taken does not tell which names exist.
            _ = Bcrypt.verify(password, hash: Self.decoy)
            throw SignInError.refused
        }
        if let until = account.lockedUntil.flatMap(Session.date), until > now {
            throw SignInError.locked(until: account.lockedUntil!)
        }
        guard account.accepts(password) else {
            account.failedSignIns = (account.failedSignIns ?? 0) + 1
            if account.failedSignIns! >= Account.lockAfter {
                account.lockedUntil = ChangeControl.timestamp(now.addingTimeInterval(Account.lockFor))
                account.failedSignIns = 0
                try await accounts.store.update(account)
                try await accounts.log(name, "locked until \(account.lockedUntil!) after \(Account.lockAfter) failed sign-ins",
                                       actor: "qmsforms serve", now: now)
                throw SignInError.locked(until: account.lockedUntil!)
            }
            try await accounts.store.update(account)
            throw SignInError.refused
        }
        if account.failedSignIns != nil || account.lockedUntil != nil {
            account.failedSignIns = nil
            account.lockedUntil = nil
            try await accounts.store.update(account)
        }
        let session = Session.begin(for: name, now: now)
        try await sessions.save(session)
        return session
    }

    /// Who the session `id` acts for at `now` (its last use moved to now), or `nil` when it has
    /// ended: idle too long, account disabled, password set since it began.
    public func principal(for id: String, now: Date) async throws -> (Principal, Session)? {
        guard var session = try await sessions.session(id) else { return nil }
        guard let account = try await accounts.store.account(named: session.account), session.isValid(at: now, for: account) else {
            try await sessions.end(id)
            return nil
        }
        session.lastSeen = ChangeControl.timestamp(now)
        try await sessions.save(session)
        return (account.principal, session)
    }

    /// A hash no password matches, checked for names that have no account.
    private static let decoy = Bcrypt.hash(Session.randomToken(), cost: 12)

    /// Ends the session `id`.
    public func end(_ id: String) async throws { try await sessions.end(id) }

    /// Sets the password of the session's own account and ends every other session of it.
    public func changePassword(in session: Session, from old: String, to new: String, now: Date) async throws {
        guard let account = try await accounts.store.account(named: session.account), account.accepts(old) else { throw SignInError.refused }
        var changed = try account.withPassword(new, now: now)
        // The signing key stays the same key, sealed under the new password.
        if let signing = account.signing { changed.signing?.key = try signing.key.resealed(from: old, to: new) }
        try await accounts.store.update(changed)
        try await accounts.log(account.name, "password changed by its owner", actor: account.displayName, now: now)
        try await sessions.endAll(of: account.name, keeping: nil)
    }
}

/// Why a sign-in was refused.
public enum SignInError: QMSError, Equatable {
    /// The name or the password is wrong (which one is not said).
    case refused
    /// Too many failures: sign-in is refused until then.
    case locked(until: String)

    public var description: String {
        switch self {
        case .refused: "wrong account name or password"
        case let .locked(until): "too many failed sign-ins: the account is locked until \(until)"
        }
    }

    public var category: ErrorCategory { .refused }
}
