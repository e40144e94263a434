import Crypto
import Foundation

/// A signed-in visit of `qmsforms serve`: a random identifier (the cookie), its account, when it
/// began and was last used, and the token every state-changing request must carry (CSRF).
///
/// A session ends after ``Session/idleLimit`` without a request, when its account is disabled,
/// and when the account's password is set after the session began.
public struct Session: Sendable, Codable, Equatable {
    /// 32 random bytes, base64url: the cookie's value.
    public var id: String
    /// The account it belongs to.
    public var account: String
    /// When it began (ISO 8601, UTC).
    public var started: String
    /// When it was last used.
    public var lastSeen: String
    /// The per-session anti-forgery token (32 random bytes, base64url).
    public var csrfToken: String

    /// How long a session lives without a request: 30 minutes.
    public static let idleLimit: TimeInterval = 30 * 60

    /// A new session of `account`, begun `now`.
    public static func begin(for account: String, now: Date) -> Session {
        let t = ChangeControl.timestamp(now)
        return Session(id: randomToken(), account: account, started: t, lastSeen: t, csrfToken: randomToken())
    }

    /// Whether it still stands at `now` for `account` (enabled, password not set since it began).
    public func isValid(at now: Date, for account: Account) -> Bool {
        guard !account.disabled, account.name == self.account,
              let seen = Self.date(lastSeen), now.timeIntervalSince(seen) <= Self.idleLimit else { return false }
        return account.passwordSetAt <= started
    }

    /// 256 random bits, URL-safe base64 without padding: session ids, CSRF tokens, draft ids.
    public static func randomToken() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
