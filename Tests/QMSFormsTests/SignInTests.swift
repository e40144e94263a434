import ComplianceTags
import Foundation
import Testing
@testable import QMSForms

/// Signing in: sessions that end when idle, disabled or re-keyed; five failures lock the account
/// for a while (logged); a wrong name and a wrong password are refused alike. Both stores.
@Suite struct SignInTests {
    let admin = Principal.named("管理员")!
    let t0 = ISO8601DateFormatter().date(from: "2026-06-01T08:00:00Z")!

    func minutes(_ m: Double) -> Date { t0.addingTimeInterval(m * 60) }

    func signIn(_ kind: AccountTests.Kind) async throws -> (SignIn, MemoryArchiveStore, cleanUp: @Sendable () -> Void) {
        let trail = MemoryArchiveStore()
        let (store, cleanUp) = try await kind.store()
        let accounts = Accounts(store: store, audit: trail)
        try await accounts.add(try Account.new(name: "wangfang", displayName: "王芳", department: "quality", roles: [.record],
                                               password: "correct horse battery", now: t0, cost: 4), by: admin, now: t0)
        return (SignIn(accounts: accounts, sessions: store), trail, cleanUp)
    }

    @Test(.tags(.cfr11_10d), arguments: AccountTests.Kind.allCases)
    func sessionsEndWhenIdleDisabledOrReKeyed(_ kind: AccountTests.Kind) async throws {
        let (signIn, _, cleanUp) = try await signIn(kind)
        defer { cleanUp() }
        let s = try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(1))
        #expect(s.id.count >= 43 && s.csrfToken.count >= 43 && s.id != s.csrfToken)
        #expect(try await signIn.principal(for: s.id, now: minutes(20))?.0.displayName == "王芳")
        #expect(try await signIn.principal(for: s.id, now: minutes(49)) != nil, "used at 20, so alive at 49")
        #expect(try await signIn.principal(for: s.id, now: minutes(80)) == nil, "idle for over 30 minutes")
        let s2 = try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(90))
        try await signIn.accounts.resetPassword("wangfang", to: "a brand new secret", by: admin, now: minutes(95), cost: 4)
        #expect(try await signIn.principal(for: s2.id, now: minutes(96)) == nil, "a password set since it began ends it")
        let s3 = try await signIn.begin("wangfang", password: "a brand new secret", now: minutes(100))
        try await signIn.accounts.disable("wangfang", by: admin, now: minutes(101))
        #expect(try await signIn.principal(for: s3.id, now: minutes(102)) == nil)
        await #expect(throws: SignInError.refused) { try await signIn.begin("wangfang", password: "a brand new secret", now: minutes(103)) }
    }

    @Test(.tags(.cfr11_10d, .cfr11_300), arguments: AccountTests.Kind.allCases)
    func fiveFailuresLockTheAccountForAWhile(_ kind: AccountTests.Kind) async throws {
        let (signIn, trail, cleanUp) = try await signIn(kind)
        defer { cleanUp() }
        await #expect(throws: SignInError.refused) { try await signIn.begin("nobody", password: "whatever it is", now: minutes(1)) }
        for i in 1...4 {
            await #expect(throws: SignInError.refused) { try await signIn.begin("wangfang", password: "wrong \(i)", now: minutes(Double(i))) }
        }
        await #expect(throws: SignInError.locked(until: "2026-06-01T08:20:00Z")) {
            try await signIn.begin("wangfang", password: "wrong 5", now: minutes(5))
        }
        // Locked: even the right password is refused until the lock ends.
        await #expect(throws: SignInError.locked(until: "2026-06-01T08:20:00Z")) {
            try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(10))
        }
        _ = try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(21))
        #expect(try await signIn.accounts.store.account(named: "wangfang")?.failedSignIns == nil)
        let logged = try await trail.entries().compactMap(\.detail).filter { $0.contains("locked") }
        #expect(logged == ["wangfang: locked until 2026-06-01T08:20:00Z after 5 failed sign-ins"])
    }

    @Test func changingOnesPasswordEndsEverySession() async throws {
        let (signIn, _, _) = try await signIn(.memory)
        let a = try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(1))
        let b = try await signIn.begin("wangfang", password: "correct horse battery", now: minutes(2))
        await #expect(throws: SignInError.refused) { try await signIn.changePassword(in: a, from: "not it at all", to: "x long secret", now: minutes(3)) }
        try await signIn.changePassword(in: a, from: "correct horse battery", to: "the next long secret", now: minutes(4))
        let afterA = try await signIn.principal(for: a.id, now: minutes(5)), afterB = try await signIn.principal(for: b.id, now: minutes(5))
        #expect(afterA == nil && afterB == nil)
        _ = try await signIn.begin("wangfang", password: "the next long secret", now: minutes(6))
    }
}
