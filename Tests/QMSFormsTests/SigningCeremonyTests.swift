import ComplianceTags
import Foundation
import Testing
@testable import QMSForms

/// The signing ceremony and what `archive verify` makes of its signatures, on a file workspace
/// with a real CA: the lock and its end, a password change that keeps the key, a signed document
/// approval, and a key used after its certificate was revoked.
@Suite struct SigningCeremonyTests {
    static let start = ISO8601DateFormatter().date(from: "2026-06-01T10:00:00Z")!
    static let admin = Principal.named("管理员")!

    /// An archive with a signing CA and accounts for 王芳 (review) and 周建国 (approve), keys sealed cheaply.
    struct Desk {
        let archive: Archive
        let accounts: Accounts
        let ceremony: SigningCeremony
        let cleanUp: @Sendable () -> Void

        init() async throws {
            let (archive, cleanUp) = try await StoreKind.files.archive()
            self.archive = archive
            self.cleanUp = cleanUp
            accounts = Accounts(store: MemoryAccountStore(), audit: archive.store)
            let directory = try #require(archive.signingAuthority)
            let ca = try await accounts.createSigningAuthority(in: directory, organization: "Example", by: SigningCeremonyTests.admin,
                                                                 now: SigningCeremonyTests.start)
            for (name, display, role) in [("wangfang", "王芳", Principal.Role.review), ("zhoujg", "周建国", .approve)] {
                var account = try Account.new(name: name, displayName: display, department: nil, roles: [role, .record],
                                              password: "pw-\(name)-secret", now: SigningCeremonyTests.start, cost: 4)
                account.signing = try SigningIdentity.issue(for: account, password: "pw-\(name)-secret", by: ca, now: SigningCeremonyTests.start, cost: 1)
                try await accounts.add(account, by: SigningCeremonyTests.admin, now: SigningCeremonyTests.start)
            }
            ceremony = SigningCeremony(accounts: accounts, authority: directory, cost: 1)
        }

        func issue() async throws -> String {
            try await archive.issue("8d", data: try ArchiveBehaviourTests.example("8d"), source: "8d.yaml", by: Principal.named("李强")!).number
        }
    }

    @Test(.tags(.cfr11_300, .cfr11_10e))
    func theLockEndsAfterAQuarterOfAnHourAndASuccessClearsTheCount() async throws {
        let desk = try await Desk()
        defer { desk.cleanUp() }
        var now = Self.start
        for _ in 1..<Account.lockAfter {
            await #expect(throws: SignatureError.wrongPassword(account: "wangfang")) {
                try await desk.ceremony.unlock("wangfang", password: "guess", for: "test", now: now)
            }
        }
        await #expect(throws: SignatureError.self) { try await desk.ceremony.unlock("wangfang", password: "guess", for: "test", now: now) }
        let locked = try #require(try await desk.accounts.store.account(named: "wangfang")?.signingLockedUntil)
        #expect(locked == "2026-06-01T10:15:00Z")
        // Locked: the right password is refused too, and sign-in is not what locked.
        await #expect(throws: SignatureError.locked(account: "wangfang", until: locked)) {
            try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: "test", now: now)
        }
        #expect(try await desk.accounts.store.account(named: "wangfang")?.lockedUntil == nil)
        now = now.addingTimeInterval(Account.lockFor + 1)
        let key = try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: "test", now: now)
        #expect(key.account.failedSignings == nil && key.account.signingLockedUntil == nil)
        let refusals = try await desk.archive.store.entries().filter { $0.action == .signingRefused }
        #expect(refusals.count == Account.lockAfter + 1 && refusals.allSatisfy { $0.actor == "wangfang" })
    }

    @Test(.tags(.cfr11_300))
    func changingOnesPasswordKeepsOnesKey() async throws {
        let desk = try await Desk()
        defer { desk.cleanUp() }
        let signIn = SignIn(accounts: desk.accounts, sessions: MemoryAccountStore())
        let session = try await signIn.begin("wangfang", password: "pw-wangfang-secret", now: Self.start)
        let before = try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: "test", now: Self.start)
        try await signIn.changePassword(in: session, from: "pw-wangfang-secret", to: "a-new-secret-for-wang", now: Self.start)
        await #expect(throws: SignatureError.wrongPassword(account: "wangfang")) {
            try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: "test", now: Self.start)
        }
        let after = try await desk.ceremony.unlock("wangfang", password: "a-new-secret-for-wang", for: "test", now: Self.start)
        #expect(after.serial == before.serial && after.privateKey.rawRepresentation == before.privateKey.rawRepresentation)
    }

    @Test(.tags(.iso7_5_2, .cfr11_70))
    func aSignedApprovalIsCarriedByItsEntryAndCheckedByVerify() async throws {
        let desk = try await Desk()
        defer { desk.cleanUp() }
        let control = desk.archive.documents
        let url = control.formsDirectory.appendingPathComponent("capa.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Corrective &amp; Preventive Action Form", with: "Corrective and Preventive Action Form").utf8).write(to: url)
        _ = try await control.revise("capa", ChangeRequest(summary: "英文标题", pages: "P1", order: "DCR-2026-009", by: Principal.named("李强")!))
        try await control.approve("capa", role: .prepared, by: Principal.named("李强")!)
        let wang = try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: "capa")
        try await control.approve("capa", role: .reviewed, by: wang.account.principal, signedWith: wang)
        // Another person's key does not sign in someone else's name.
        let zhou = try await desk.ceremony.unlock("zhoujg", password: "pw-zhoujg-secret", for: "capa")
        await #expect(throws: SignatureError.self) { try await control.approve("capa", role: .approved, by: Principal.named("赵六")!, signedWith: zhou) }
        try await control.approve("capa", role: .approved, by: zhou.account.principal, signedWith: zhou)
        #expect(try await desk.archive.verify() == [])

        let approvals = try await desk.archive.store.entries().filter { SignedApproval.carried(by: $0) != nil }
        #expect(approvals.map(\.actor) == ["王芳", "周建国"])
        // The same signature under an entry that states another role or content is refused.
        let ca = try SigningAuthority.authorityCertificate(in: desk.archive.signingAuthority!)
        let signed = try #require(SignedApproval.carried(by: approvals[1]))
        #expect(SignedApproval.problem(in: approvals[1], signed: signed, authority: ca).1 == nil)
        var moved = approvals[1]
        moved.revision = "A/2"
        #expect(SignedApproval.problem(in: moved, signed: signed, authority: ca).1 != nil)
        var other = approvals[1]
        other.detail = other.detail!.replacingOccurrences(of: "approved ", with: "reviewed ")
        #expect(SignedApproval.problem(in: other, signed: signed, authority: ca).1 != nil)
    }

    @Test(.tags(.cfr11_10a, .cfr11_100))
    func aKeyUsedAfterItsCertificateWasRevokedIsFound() async throws {
        let desk = try await Desk()
        defer { desk.cleanUp() }
        let number = try await desk.issue()
        let key = try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: number, now: Self.start)
        try await desk.accounts.disable("wangfang", by: Self.admin, now: Self.start.addingTimeInterval(60))
        await #expect(throws: SignatureError.disabled(account: "wangfang")) {
            try await desk.ceremony.unlock("wangfang", password: "pw-wangfang-secret", for: number, now: Self.start.addingTimeInterval(120))
        }
        // A key unsealed before the revocation and used after it: verify names it.
        _ = try await desk.archive.sign(number, meaning: "reviewed", with: key, now: Self.start.addingTimeInterval(120))
        let problems = try await desk.archive.verify()
        #expect(problems.count == 1 && problems[0].contains("revoked at 2026-06-01T10:01:00Z"), "\(problems)")
    }
}
