import Crypto
import Foundation

/// The signing ceremony of 21 CFR 11.200(a): the signer gives their password again at the moment
/// of signing, and only then is their private key unsealed, for this one signature. A wrong
/// password is refused and logged; ``Account/lockAfter`` of them in a row lock signing (not
/// sign-in) for ``Account/lockFor``, logged too. A disabled account never signs. An account made
/// before the workspace had a CA is issued its key here, since only now is its password at hand.
///
/// ```swift
/// let ceremony = SigningCeremony(accounts: accounts, authority: ws.signingAuthorityDirectory)
/// let key = try await ceremony.unlock("wangfang", password: typed, for: "8D-2026-001 as reviewed")
/// try await archive.sign("8D-2026-001", meaning: "reviewed", with: key)
/// ```
public struct SigningCeremony: Sendable {
    /// The accounts, and the audit trail every refusal is logged to.
    public let accounts: Accounts
    /// The folder of the workspace's ``SigningAuthority``.
    public let authority: URL
    /// The scrypt cost for keys sealed here (12 in use; lower only in tests).
    public let cost: UInt8

    /// A ceremony over `accounts`, issuing missing keys from the CA in `authority`.
    public init(accounts: Accounts, authority: URL, cost: UInt8 = 12) {
        self.accounts = accounts
        self.authority = authority
        self.cost = cost
    }

    /// A signer's key, unsealed for one signature.
    public struct Key: Sendable {
        /// Who signs.
        public var account: Account
        /// Their private key.
        public var privateKey: P256.Signing.PrivateKey
        /// Their certificate, DER.
        public var certificate: Data
        /// Its serial, hex.
        public var serial: String
    }

    /// The key of `name` when `password` is theirs; `purpose` (what is being signed) goes into the log of a refusal.
    public func unlock(_ name: String, password: String, for purpose: String, now: Date = Date()) async throws -> Key {
        guard var account = try await accounts.store.account(named: name) else { throw AccountError.unknown(name) }
        if account.disabled {
            try await refused(name, "signing \(purpose) refused: the account is disabled", now: now)
            throw SignatureError.disabled(account: name)
        }
        if let until = account.signingLockedUntil, let end = Session.date(until), end > now {
            try await refused(name, "signing \(purpose) refused: signing is locked until \(until)", now: now)
            throw SignatureError.locked(account: name, until: until)
        }
        guard account.accepts(password) else {
            let failures = (account.failedSignings ?? 0) + 1
            if failures >= Account.lockAfter {
                account.failedSignings = nil
                account.signingLockedUntil = ChangeControl.timestamp(now.addingTimeInterval(Account.lockFor))
                try await accounts.store.update(account)
                try await refused(name, "signing \(purpose) refused: wrong password (\(failures) in a row); signing locked until \(account.signingLockedUntil!)", now: now)
                throw SignatureError.locked(account: name, until: account.signingLockedUntil!)
            }
            account.failedSignings = failures
            try await accounts.store.update(account)
            try await refused(name, "signing \(purpose) refused: wrong password (\(failures) of \(Account.lockAfter) before signing locks)", now: now)
            throw SignatureError.wrongPassword(account: name)
        }
        if account.failedSignings != nil || account.signingLockedUntil != nil {
            account.failedSignings = nil
            account.signingLockedUntil = nil
            try await accounts.store.update(account)
        }
        if account.signing == nil {
            guard SigningAuthority.exists(in: authority) else { throw SignatureError.noAuthority(directory: authority.path) }
            account = try await accounts.issueSigningIdentity(to: account, password: password, authority: try SigningAuthority.load(from: authority),
                                                              actor: account.displayName, now: now, cost: cost)
        }
        let identity = account.signing!
        return Key(account: account, privateKey: try identity.key.open(password: password), certificate: identity.certificateDER, serial: identity.serial)
    }

    private func refused(_ name: String, _ detail: String, now: Date) async throws {
        _ = try await accounts.audit.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: name, action: .signingRefused,
                                                       detail: "\(name): \(detail)", prev: ""))
    }
}
