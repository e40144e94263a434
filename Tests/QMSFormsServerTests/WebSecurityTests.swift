import Foundation
import Testing
import QMSForms
@testable import QMSFormsServer

/// The security of `qmsforms serve`, each item against a running server: cookies, session
/// rotation, CSRF and origin, headers, roles decided on the server, the audit trail naming the
/// signed-in person, bad requests answered with 4xx and never a stack trace.
@Suite(.serialized) struct WebSecurityTests {
    @Test func signInRefusesAlikeAndSetsAStrictCookieRotatedEachTime() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let anonymous = Visitor(site)
        let home = try await anonymous.get("/")
        #expect(home.status == 303 && home.header("Location")?.hasPrefix("/signin?next=") == true)
        let wrong = try await anonymous.post("/signin", form: [("name", "wang"), ("password", "not it at all")], withToken: false)
        let nobody = try await anonymous.post("/signin", form: [("name", "nobody"), ("password", "not it at all")], withToken: false)
        #expect(wrong.status == 401 && nobody.status == 401)
        #expect(wrong.text.contains("用户名或密码错误") && nobody.text.contains("用户名或密码错误"), "the same refusal: nobody learns which names exist")

        let first = try await Visitor.signedIn("wang", at: site)
        let answer = try await anonymous.post("/signin", form: [("name", "wang"), ("password", LiveSite.password)], withToken: false)
        let cookie = try #require(answer.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/") && !cookie.contains("Secure"))
        #expect(!cookie.hasPrefix(first.cookie!), "every sign-in gets a new session id")

        // Signing in again from a browser that has a session ends the old one.
        let again = try await first.post("/signin", form: [("name", "wang"), ("password", LiveSite.password)], withToken: false)
        #expect(again.status == 303)
        #expect(try await first.get("/").status == 303, "the session the browser had before is over")

        var out = try await Visitor.signedIn("li", at: site)
        #expect(try await out.post("/signout", form: []).status == 303)
        #expect(try await out.get("/").status == 303, "signed out")
        out.cookie = nil
    }

    @Test func behindHTTPSCookiesAreSecureAndOnlyThePublicOriginMayPost() async throws {
        let site = try await LiveSite(publicOrigin: "https://qms.example.com")
        defer { Task { await site.stop() } }
        let v = Visitor(site)
        let answer = try await v.post("/signin", form: [("name", "wang"), ("password", LiveSite.password)], withToken: false)
        #expect(answer.status == 303 && answer.header("Set-Cookie")?.contains("Secure") == true)
        let local = try await v.post("/signin", form: [("name", "wang"), ("password", LiveSite.password)], withToken: false,
                                     headers: ["Origin": site.base])
        #expect(local.status == 403, "an origin other than the public one is refused, even for sign-in")
    }

    @Test func aStateChangeNeedsTheSessionTokenAndThisOrigin() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        let (_, data) = try await site.example("feedback")
        let form = data.formFields + [("action", "issue")]
        let noToken = try await wang.post("/forms/feedback", form: form, withToken: false)
        var stale = wang
        stale.token = String(repeating: "A", count: 43)
        let wrongToken = try await stale.post("/forms/feedback", form: form)
        let otherSite = try await wang.post("/forms/feedback", form: form, headers: ["Origin": "http://evil.example"])
        let noOrigin = try await wang.post("/forms/feedback", form: form, headers: ["Origin": ""])
        let crossFetch = try await wang.post("/forms/feedback", form: form, headers: ["Origin": "", "Sec-Fetch-Site": "cross-site"])
        for refused in [noToken, wrongToken, otherSite, noOrigin, crossFetch] {
            #expect(refused.status == 403, "\(refused.status): \(refused.text.prefix(200))")
        }
        #expect(try await site.site.archive.search(Archive.Search(form: "feedback")).isEmpty, "nothing was issued")

        // The token in a header (the page's script) does as well as in the form.
        var header = wang
        header.token = nil
        let issued = try await header.post("/forms/feedback", form: form, headers: ["X-CSRF-Token": wang.token!])
        #expect(issued.status == 303)
        let number = try #require(issued.header("Location")?.split(separator: "/").last.map(String.init))
        let (_, trail) = try await site.site.archive.show(number)
        #expect(trail.first?.actor == "王芳", "the audit trail names the signed-in person, not a name typed in the form")
    }

    @Test func pagesCarryAStrictPolicyAndThePrintPageRunsNoScript() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        let page = try await wang.get("/forms/feedback/new")
        let csp = try #require(page.header("Content-Security-Policy"))
        #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'") && !csp.contains("unsafe"))
        #expect(page.header("X-Content-Type-Options") == "nosniff" && page.header("Referrer-Policy") == "same-origin")
        #expect(!page.text.contains("<script>") && page.text.contains("<script src=\"/static/app.js\" defer></script>"), "no inline script")
        let (_, data) = try await site.example("feedback")
        let preview = try await wang.post("/forms/feedback", form: data.formFields + [("action", "preview")])
        #expect(preview.status == 200 && preview.text.contains("江苏恒远精密机械有限公司") && preview.text.contains("<style"), "the library's print page")
        let printPolicy = try #require(preview.header("Content-Security-Policy"))
        #expect(!printPolicy.contains("script-src") && printPolicy.hasPrefix("default-src 'none'") && printPolicy.contains("frame-ancestors 'none'"))
        let script = try await wang.get("/static/app.js")
        #expect(script.status == 200 && script.header("Content-Type")?.hasPrefix("text/javascript") == true)
    }

    @Test func rolesAreDecidedOnTheServer() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let chen = try await Visitor.signedIn("chen", at: site)   // review only
        let wang = try await Visitor.signedIn("wang", at: site)   // record only
        let (_, data) = try await site.example("feedback")
        #expect(try await chen.get("/forms/feedback/new").status == 403)
        #expect(try await chen.post("/forms/feedback", form: data.formFields + [("action", "issue")]).status == 403)
        #expect(try await chen.post("/forms/feedback/validate", form: data.formFields).status == 403)
        let issued = try await wang.post("/forms/feedback", form: data.formFields + [("action", "issue")])
        let number = try #require(issued.header("Location")?.split(separator: "/").last.map(String.init))
        #expect(try await wang.post("/records/\(number)/void", form: [("reason", "wrong customer")]).status == 403, "voiding needs review")
        #expect(try await wang.post("/documents/feedback/release", form: [("effective", ChangeControl.today())]).status == 403)
        #expect(try await wang.post("/documents/feedback/approve", form: [("role", "approved")]).status == 403)
        #expect(try await site.site.archive.show(number).0.state == .issued, "nothing changed")
        #expect(try await chen.post("/records/\(number)/void", form: [("reason", "wrong customer")]).status == 303)
        #expect(try await site.site.archive.show(number).0.state == .void)
    }

    @Test func badRequestsGetAClearFourHundredNeverAStackTrace() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        let badUTF8 = try await wang.send("POST", "/forms/feedback", headers: ["Content-Type": "application/x-www-form-urlencoded", "Origin": site.origin],
                                          body: Data("_csrf=\(wang.token!)&a.customer=%FF%FE&action=check".utf8))
        #expect(badUTF8.status == 400)
        let huge = try await wang.send("POST", "/forms/feedback", headers: ["Content-Type": "application/x-www-form-urlencoded", "Origin": site.origin,
                                                                           "X-CSRF-Token": wang.token!],
                                       body: Data(repeating: UInt8(ascii: "a"), count: 5 << 20))
        #expect(huge.status == 413)
        #expect(try await wang.post("/forms/feedback", form: [("action", "launch")]).status == 400)
        #expect(try await wang.get("/records/FK-2026-999").status == 404)
        #expect(try await wang.get("/records/..%2F..%2Fetc%2Fpasswd").status == 404)
        #expect(try await wang.get("/forms/nonesuch/new").status == 404)
        #expect(try await wang.get("/archive?from=yesterday").status == 400)
        let json = try await wang.send("POST", "/forms/nonesuch/validate", headers: ["Origin": site.origin, "X-CSRF-Token": wang.token!,
                                                                                    "Accept": "application/json"], body: Data())
        #expect(json.status == 404 && json.header("Content-Type")?.hasPrefix("application/json") == true)
        for answer in [badUTF8, huge, json] {
            #expect(!answer.text.contains("Fatal") && !answer.text.contains(".swift:"), "no stack trace, no source location")
        }
    }

    @Test func aDraftIsResumableByItsAuthorOnly() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        let li = try await Visitor.signedIn("li", at: site)
        let saved = try await wang.post("/forms/feedback", form: [("a.customer", "江苏恒远精密机械有限公司"), ("action", "draft")])
        let location = try #require(saved.header("Location"))
        #expect(saved.status == 303 && location.contains("draft="))
        let resumed = try await wang.get(location)
        #expect(resumed.status == 200 && resumed.text.contains("value=\"江苏恒远精密机械有限公司\""))
        #expect(try await li.get(location).status == 404, "another person's draft is not there for them")
        let id = String(location.split(separator: "=")[1].split(separator: "&")[0])
        #expect(try await li.post("/drafts/\(id)/delete", form: []).status == 404)
        #expect(try await site.site.drafts.draft(id) != nil)
    }

    @Test func theInterfaceFollowsTheBrowsersLanguageAndTheSwitch() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        #expect(try await wang.get("/", headers: ["Accept-Language": "en-GB,en;q=0.9"]).text.contains("<h1>My work"))
        #expect(try await wang.get("/", headers: ["Accept-Language": "zh-CN"]).text.contains("<h1>我的工作"))
        let switched = try await wang.get("/?lang=en", headers: ["Accept-Language": "zh-CN"])
        #expect(switched.text.contains("<h1>My work") && switched.header("Set-Cookie")?.contains("qms_lang=en") == true)
        let search = try await wang.get("/archive?q=" + Visitor.encode("划伤 & co"))
        #expect(search.text.contains("href=\"/archive?q=%E5%88%92%E4%BC%A4%20%26%20co&amp;lang=en\""), "the switch keeps the page and its query")
        let answered = try await wang.post("/forms/feedback", form: [("action", "check")])
        #expect(answered.text.contains("href=\"/?lang=en\""), "a page answering a POST switches on the home page")
    }
}
