import Foundation

/// Creating, listing, disabling and re-keying accounts, each change logged in the audit trail
/// and done only by someone who may administer.
///
/// ```swift
/// let accounts = Accounts(store: SQLiteAccountStore(url: ws.accountsFile), audit: trail)
/// try await accounts.add(Account.new(name: "wangfang", displayName: "王芳", department: "quality",
///                                    roles: [.record], password: secret), by: admin)
/// ```
public struct Accounts: Sendable {
    /// Where the accounts are.
    public let store: any AccountStore
    /// Where each change is logged.
    public let audit: any AuditTrail

    /// Accounts in `store`, changes logged to `audit`.
    public init(store: any AccountStore, audit: any AuditTrail) {
        self.store = store
        self.audit = audit
    }

    /// Adds `account`.
    public func add(_ account: Account, by principal: Principal, now: Date = Date()) async throws {
        try AuthorizationPolicy().check(principal, may: .administer)
        try await store.create(account)
        try await log(account.name, "created: \(account.displayName), roles " + account.roles.map(\.rawValue).sorted().joined(separator: " ")
                      + (account.department.map { ", department \($0)" } ?? ""), by: principal, now: now)
        if let signing = account.signing { try await logCertificate(account.name, "signing certificate issued, serial \(signing.serial)", actor: principal.displayName, now: now) }
    }

    /// `account` with a new signing key and certificate from `authority`, sealed under `password`,
    /// stored and logged; the certificate it replaces, if any, is revoked in the same log.
    func issueSigningIdentity(to account: Account, password: String, authority: SigningAuthority, actor: String, now: Date,
                              cost: UInt8 = 12) async throws -> Account {
        var account = account
        let old = account.signing
        account.signing = try SigningIdentity.issue(for: account, password: password, by: authority, now: now, cost: cost)
        try await store.update(account)
        if let old { try await logCertificate(account.name, "signing certificate revoked, serial \(old.serial) (replaced)", actor: actor, now: now) }
        try await logCertificate(account.name, "signing certificate issued, serial \(account.signing!.serial)", actor: actor, now: now)
        return account
    }

    /// Logs a certificate event of account `name`: the revocation list an auditor reads is these entries.
    func logCertificate(_ name: String, _ detail: String, actor: String, now: Date) async throws {
        _ = try await audit.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: actor, action: .certificate,
                                              detail: "\(name): \(detail)", prev: ""))
    }

    /// Makes the workspace's signing CA in `directory`, naming `organization`; logged with the
    /// certificate's SHA-256 fingerprint, so a replaced `ca.pem` is found later.
    public func createSigningAuthority(in directory: URL, organization: String, by principal: Principal,
                                       now: Date = Date()) async throws -> SigningAuthority {
        try AuthorizationPolicy().check(principal, may: .administer)
        let authority = try SigningAuthority.create(in: directory, organization: organization, now: now)
        _ = try await audit.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: principal.displayName, action: .certificate,
                                              detail: "signing CA created: serial \(SigningAuthority.hex(authority.certificate.serialNumber)), "
                                                  + "certificate SHA-256 \(authority.fingerprint)", prev: ""))
        return authority
    }

    /// Every account, by name.
    public func list() async throws -> [Account] { try await store.accounts() }

    /// Disables `name`: it cannot sign in or sign again, its signing certificate is revoked (logged
    /// with its serial: signatures made before stay valid, none after); its history stays.
    public func disable(_ name: String, by principal: Principal, now: Date = Date()) async throws {
        try AuthorizationPolicy().check(principal, may: .administer)
        guard var account = try await store.account(named: name) else { throw AccountError.unknown(name) }
        account.disabled = true
        try await store.update(account)
        try await log(name, "disabled", by: principal, now: now)
        if let signing = account.signing {
            try await logCertificate(name, "signing certificate revoked, serial \(signing.serial) (account disabled)", actor: principal.displayName, now: now)
        }
    }

    /// Gives `name` a new password (its sessions from before end). Nobody but its owner can open the
    /// old signing key, so when `authority` is given a new key and certificate are issued under the
    /// new password and the old certificate is revoked; without it the account gets its key at its next signing.
    public func resetPassword(_ name: String, to password: String, by principal: Principal, authority: SigningAuthority? = nil,
                              now: Date = Date(), cost: UInt8 = 12) async throws {
        try AuthorizationPolicy().check(principal, may: .administer)
        guard var account = try await store.account(named: name) else { throw AccountError.unknown(name) }
        account = try account.withPassword(password, now: now, cost: cost)
        let old = account.signing
        if authority == nil { account.signing = nil }
        try await store.update(account)
        try await log(name, "password set", by: principal, now: now)
        if let authority {
            _ = try await issueSigningIdentity(to: account, password: password, authority: authority, actor: principal.displayName, now: now, cost: cost)
        } else if let old {
            try await logCertificate(name, "signing certificate revoked, serial \(old.serial) (password reset)", actor: principal.displayName, now: now)
        }
    }

    private func log(_ name: String, _ detail: String, by principal: Principal, now: Date) async throws {
        try await log(name, detail, actor: principal.displayName, now: now)
    }

    /// Logs a change of account `name` as `actor` did it.
    func log(_ name: String, _ detail: String, actor: String, now: Date) async throws {
        _ = try await audit.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: actor, action: .account,
                                              detail: "\(name): \(detail)", prev: ""))
    }
}
