import Testing
@testable import QMSForms

/// Who may do what: roles per action and segregation of duties, the one policy the CLI and
/// the server share.
@Suite struct AuthorizationPolicyTests {
    let policy = AuthorizationPolicy()
    let clerk = Principal(id: "zhao", displayName: "赵丽", department: "sales", roles: [.record])
    let manager = Principal(id: "zhou", displayName: "周建国", roles: [.review, .approve, .release])

    @Test func eachActionNeedsItsRole() throws {
        try policy.check(clerk, may: .issue)
        try policy.check(clerk, may: .correct)
        #expect(throws: AuthorizationError.missingRole(principal: "赵丽", action: "dispose", role: .dispose)) {
            try policy.check(clerk, may: .dispose)
        }
        #expect(throws: AuthorizationError.self) { try policy.check(clerk, may: .approve(.approved, preparedBy: "王芳", selfApproval: false)) }
        try policy.check(manager, may: .approve(.approved, preparedBy: "王芳", selfApproval: false))
    }

    @Test func whoPreparedDoesNotApproveUnlessTheDocumentAllowsIt() throws {
        #expect(throws: AuthorizationError.sameAsPreparer(principal: "周建国")) {
            try policy.check(manager, may: .approve(.approved, preparedBy: "周建国", selfApproval: false))
        }
        try policy.check(manager, may: .approve(.approved, preparedBy: "周建国", selfApproval: true))
        try policy.check(manager, may: .approve(.reviewed, preparedBy: "周建国", selfApproval: false))
    }

    @Test func theCommandLinePersonHasEveryRoleButStillNoSelfApproval() throws {
        let one = try #require(Principal.named(" 王芳 "))
        #expect(one.displayName == "王芳" && one.roles == Set(Principal.Role.allCases))
        #expect(Principal.named("  ") == nil)
        #expect(throws: AuthorizationError.self) { try policy.check(one, may: .approve(.approved, preparedBy: "王芳", selfApproval: false)) }
        #expect(AuthorizationError.sameAsPreparer(principal: "x").category == .refused)
    }
}
