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
        if let signing = account.signing {
            _ = try await audit.append(AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: principal.displayName, action: .certificate,
                                                  detail: "\(account.name): signing certificate issued, serial \(signing.serial)", prev: ""))
        }
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

    /// Disables `name`: it cannot sign in again; its history stays.
    public func disable(_ name: String, by principal: Principal, now: Date = Date()) async throws {
        try AuthorizationPolicy().check(principal, may: .administer)
        guard var account = try await store.account(named: name) else { throw AccountError.unknown(name) }
        account.disabled = true
        try await store.update(account)
        try await log(name, "disabled", by: principal, now: now)
    }

    /// Gives `name` a new password (its sessions from before end).
    public func resetPassword(_ name: String, to password: String, by principal: Principal, now: Date = Date(), cost: UInt8 = 12) async throws {
        try AuthorizationPolicy().check(principal, may: .administer)
        guard let account = try await store.account(named: name) else { throw AccountError.unknown(name) }
        try await store.update(try account.withPassword(password, now: now, cost: cost))
        try await log(name, "password set", by: principal, now: now)
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
