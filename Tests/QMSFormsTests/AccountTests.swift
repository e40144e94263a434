import ComplianceTags
import Foundation
import QMSFormsPostgres
import QMSFormsPostgresTesting
import Testing
@testable import QMSForms

/// Accounts: bcrypt-hashed passwords, refusals, disabling, re-keying, every change logged, on
/// the memory store and the SQLite file (which only its owner may read).
@Suite struct AccountTests {
    let admin = Principal.named("管理员")!

    /// Where the accounts are kept: memory, a SQLite file, or a PostgreSQL database on a real server.
    enum Kind: CaseIterable {
        case memory, sqlite, postgres

        /// A fresh store of this kind, and what removes it.
        func store() async throws -> (any AccountStore & SessionStore & DraftStore, cleanUp: @Sendable () -> Void) {
            switch self {
            case .memory: return (MemoryAccountStore(), {})
            case .sqlite:
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString).sqlite")
                return (try SQLiteAccountStore(url: url), { try? FileManager.default.removeItem(at: url) })
            case .postgres:
                let store = try await PostgresAccountStore(try await PostgresCluster.freshDatabase())
                return (store, { store.close() })
            }
        }
    }

    func accounts(_ kind: Kind) async throws -> (Accounts, MemoryArchiveStore, cleanUp: @Sendable () -> Void) {
        let trail = MemoryArchiveStore()
        let (store, cleanUp) = try await kind.store()
        return (Accounts(store: store, audit: trail), trail, cleanUp)
    }

    @Test(arguments: Kind.allCases)
    func anAccountIsMadeUsedDisabledAndReKeyed(_ kind: Kind) async throws {
        let (accounts, trail, cleanUp) = try await accounts(kind)
        defer { cleanUp() }
        let wang = try Account.new(name: "wangfang", displayName: "王芳 ", department: "quality", roles: [.record, .review],
                                   password: "correct horse battery", cost: 4)
        #expect(wang.passwordHash.hasPrefix("$2") && !wang.passwordHash.contains("correct"))
        #expect(wang.displayName == "王芳" && wang.principal.roles == [.record, .review])
        try await accounts.add(wang, by: admin)
        await #expect(throws: AccountError.exists("wangfang")) { try await accounts.add(wang, by: admin) }
        let stored = try #require(try await accounts.store.account(named: "wangfang"))
        #expect(stored.accepts("correct horse battery") && !stored.accepts("correct horse batterY"))
        try await accounts.resetPassword("wangfang", to: "another long secret", by: admin, cost: 4)
        let rekeyed = try #require(try await accounts.store.account(named: "wangfang"))
        #expect(rekeyed.accepts("another long secret") && !rekeyed.accepts("correct horse battery"))
        try await accounts.disable("wangfang", by: admin)
        #expect(try await accounts.store.account(named: "wangfang")?.accepts("another long secret") == false)
        await #expect(throws: AccountError.unknown("nobody")) { try await accounts.disable("nobody", by: admin) }
        let logged = try await trail.entries().filter { $0.action == .account }.compactMap(\.detail)
        #expect(logged == ["wangfang: created: 王芳, roles record review, department quality", "wangfang: password set", "wangfang: disabled"])
    }

    @Test func theSQLiteFileIsReadableByItsOwnerOnly() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try SQLiteAccountStore(url: url)
        var info = stat()
        #expect(stat(url.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test(.tags(.cfr11_100, .cfr11_300)) func badNamesShortPasswordsAndNoRolesAreRefused() throws {
        #expect(throws: AccountError.badName("Wang Fang")) { try Account.new(name: "Wang Fang", displayName: "王芳", department: nil, roles: [.record], password: "long enough secret", cost: 4) }
        #expect(throws: AccountError.badName("../etc")) { try Account.new(name: "../etc", displayName: "x", department: nil, roles: [.record], password: "long enough secret", cost: 4) }
        #expect(throws: AccountError.shortPassword("wang", minimum: 10)) { try Account.new(name: "wang", displayName: "王", department: nil, roles: [.record], password: "short", cost: 4) }
        #expect(throws: AccountError.passwordIsName("wangfang12")) { try Account.new(name: "wangfang12", displayName: "王", department: nil, roles: [.record], password: "WangFang12", cost: 4) }
        #expect(throws: AccountError.noRoles("wang")) { try Account.new(name: "wang", displayName: "王", department: nil, roles: [], password: "long enough secret", cost: 4) }
    }

    @Test(.tags(.cfr11_10d)) func onlyAnAdministratorManagesAccounts() async throws {
        let (accounts, _, _) = try await accounts(.memory)
        let clerk = Principal(id: "clerk", displayName: "赵丽", roles: [.record])
        let account = try Account.new(name: "lisi", displayName: "李四", department: nil, roles: [.record], password: "long enough secret", cost: 4)
        await #expect(throws: AuthorizationError.self) { try await accounts.add(account, by: clerk) }
        #expect(try await accounts.list().isEmpty)
    }
}
