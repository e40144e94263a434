import ComplianceTags
import Testing
@testable import QMSForms

/// Who may do what: roles per action and segregation of duties, the one policy the CLI and
/// the server share.
@Suite struct AuthorizationPolicyTests {
    let policy = AuthorizationPolicy()
    let clerk = Principal(id: "zhao", displayName: "赵丽", department: "sales", roles: [.record])
    let manager = Principal(id: "zhou", displayName: "周建国", roles: [.review, .approve, .release])

    @Test(.tags(.cfr11_10g)) func eachActionNeedsItsRole() throws {
        try policy.check(clerk, may: .issue)
        try policy.check(clerk, may: .correct)
        #expect(throws: AuthorizationError.missingRole(principal: "赵丽", action: "dispose", role: .dispose)) {
            try policy.check(clerk, may: .dispose)
        }
        #expect(throws: AuthorizationError.self) { try policy.check(clerk, may: .approve(.approved, signedBy: ["王芳", "李强"], selfApproval: false)) }
        try policy.check(manager, may: .approve(.approved, signedBy: ["王芳", "李强"], selfApproval: false))
    }

    @Test(.tags(.iso7_5_2, .cfr11_10g)) func threeSignaturesAreThreePeopleUnlessTheDocumentAllowsSelfApproval() throws {
        #expect(throws: AuthorizationError.alreadySigned(principal: "周建国", as: .prepared, now: .approved)) {
            try policy.check(manager, may: .approve(.approved, signedBy: ["周建国", "李强"], selfApproval: false))
        }
        #expect(throws: AuthorizationError.alreadySigned(principal: "周建国", as: .reviewed, now: .approved)) {
            try policy.check(manager, may: .approve(.approved, signedBy: ["王芳", "周建国"], selfApproval: false))
        }
        #expect(throws: AuthorizationError.alreadySigned(principal: "周建国", as: .prepared, now: .reviewed)) {
            try policy.check(manager, may: .approve(.reviewed, signedBy: ["周建国"], selfApproval: false))
        }
        try policy.check(manager, may: .approve(.approved, signedBy: ["周建国", "周建国"], selfApproval: true))
    }

    /// The same name however it is spelled: trailing, ideographic and zero-width spaces, tabs,
    /// soft hyphens, variation selectors, full-width letters, a byte-order mark.
    @Test(arguments: ["王芳 ", " 王芳", "王芳\t", "王\u{200B}芳", "王芳\u{3000}", "王\u{00AD}芳", "王芳\u{FE0F}", "王\u{2060}芳",
                      "\u{FEFF}王芳", "王\u{200D}芳", "王  芳".replacingOccurrences(of: "  ", with: "")])
    func spellingDoesNotMakeAnotherPerson(_ spelling: String) throws {
        let signer = try #require(Principal.named(spelling))
        #expect(signer.displayName == "王芳")
        #expect(throws: AuthorizationError.self) { try policy.check(signer, may: .approve(.approved, signedBy: ["王芳", "李强"], selfApproval: false)) }
        #expect(PersonName.normalized("Ｗａｎｇ　Ｆａｎｇ") == "Wang Fang")
    }

    @Test(.tags(.cfr11_10g)) func theCommandLinePersonHasEveryRoleButStillNoSelfApproval() throws {
        let one = try #require(Principal.named(" 王芳 "))
        #expect(one.displayName == "王芳" && one.roles == Set(Principal.Role.allCases))
        #expect(Principal.named("  ") == nil)
        #expect(throws: AuthorizationError.self) { try policy.check(one, may: .approve(.approved, signedBy: ["王芳", "李强"], selfApproval: false)) }
        #expect(AuthorizationError.alreadySigned(principal: "x", as: .prepared, now: .approved).category == .refused)
    }
}
