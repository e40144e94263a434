import Foundation
import Testing
import QMSForms
@testable import QMSFormsServer

/// The pages beyond writing a record: behind a base path, the home page's open actions, imports,
/// every form's page, reports, document control with its diff and controlled copies, passwords.
@Suite(.serialized) struct WebPagesTests {
    @Test func behindAReverseProxyEveryPathAndTheCookieCarryTheBasePath() async throws {
        let site = try await LiveSite(basePath: "/qms/")
        defer { Task { await site.stop() } }
        let v = Visitor(site)
        #expect(try await v.get("/qms/signin").status == 200)
        #expect(try await v.get("/signin").status == 404)
        let signedIn = try await v.post("/qms/signin", form: [("name", "li"), ("password", LiveSite.password), ("next", "/qms/archive")], withToken: false)
        #expect(signedIn.status == 303 && signedIn.header("Location") == "/qms/archive")
        #expect(signedIn.header("Set-Cookie")?.contains("Path=/qms/") == true)
        var li = v
        li.cookie = signedIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
        let home = try await li.get("/qms/")
        #expect(home.status == 200 && home.text.contains("href=\"/qms/forms\"") && home.text.contains("src=\"/qms/static/app.js\""))
        #expect(!home.text.contains("href=\"/forms\""))
        // Sign-in never sends a person to another site.
        let away = try await v.post("/qms/signin", form: [("name", "li"), ("password", LiveSite.password), ("next", "//evil.example/")], withToken: false)
        #expect(away.header("Location") == "/qms/")
    }

    @Test func theHomePageListsTheDepartmentsOpenActionsOverdueFirst() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let wang = try await Visitor.signedIn("wang", at: site)
        let (_, data) = try await site.example("feedback")
        // Not replied to: an open action of 生产部 (the form's responsible department), long overdue.
        let open = data.formFields.filter { $0.0.hasPrefix("a.") }
        let issued = try await wang.post("/forms/feedback", form: open + [("action", "issue")])
        #expect(issued.status == 303, "\(issued.text.prefix(3000))")
        let number = try #require(issued.header("Location")?.split(separator: "/").last.map(String.init))
        let sun = try await Visitor.signedIn("sun", at: site)
        let home = try await sun.get("/").text
        let table = try #require(home.range(of: "<table class=\"list\" id=\"actions\">"))
        #expect(home[table.lowerBound...].contains(">\(number)</a>") && home.contains("生产部"))
        #expect(try await sun.get("/reports/open-actions").text.contains("<svg"), "the open actions page has its chart")
    }

    @Test func aFileIsImportedIntoANewRecordAndShownToBePutRight() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        let yaml = try Data(contentsOf: site.workspace.formsDirectory.appendingPathComponent("examples/capa.yaml"))
        let page = try await li.upload("/forms/capa/import", file: "capa.yaml", yaml)
        #expect(page.status == 200 && page.text.contains("class=\"valid\""), "\(page.text.prefix(500))")
        let csv = try Data(contentsOf: site.workspace.formsDirectory.appendingPathComponent("examples/call-log.csv"))
        #expect(try await li.upload("/forms/call-log/import", file: "../../etc/call-log.csv", csv).status == 200, "the name is data, not a path")
        let broken = try await li.upload("/forms/capa/import", file: "capa.yaml", Data("a: [unclosed\n".utf8))
        #expect(broken.status == 422 && broken.text.contains("problems"))
    }

    @Test func everyFormHasItsPage() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        for template in try await site.site.forms() {
            let page = try await li.get("/forms/\(template.alias)/new")
            #expect(page.status == 200 && page.text.contains(template.number), "\(template.alias)")
            for field in template.fields where !field.isComputed {
                if case .table = field.kind { continue }
                if case .signature = field.kind { continue }
                #expect(page.text.contains("name=\"\(template.path(of: field.id))\""), "\(template.alias): \(field.id)")
            }
        }
        let listed = try await li.get("/forms").text.components(separatedBy: "/new\"").count - 1
        #expect(listed == (try await site.site.forms()).count)
    }

    @Test func reportsAreTheLibrarysPagesWithTheirCharts() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        for form in ["survey", "shipping", "feedback", "call-log"] {
            let (_, data) = try await site.example(form)
            #expect(try await li.post("/forms/\(form)", form: data.formFields + [("action", "issue")]).status == 303, "\(form)")
        }
        let survey = try await li.get("/reports/survey?campaign=MYDC-2026&issued=10")
        #expect(survey.status == 200 && survey.text.contains("<svg") && survey.text.contains("MYDC-2026"), "\(survey.text.prefix(400))")
        let annual = try await li.get("/reports/annual?year=2026")
        #expect(annual.status == 200 && annual.text.contains("<svg"), "\(annual.text.prefix(400))")
        #expect(try await li.get("/reports/annual?year=ninety").status == 400)
        #expect(try await li.get("/reports/survey?campaign=NONE&issued=3").status == 400, "no surveys of that campaign")
        #expect(try await li.get("/reports").status == 200)
    }

    @Test func aRevisionIsSignedByThreePeopleReleasedAndItsDiffShown() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let file = site.workspace.formsDirectory.appendingPathComponent("feedback.xml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "<text id=\"customer\" zh=\"顾客名称\" en=\"Customer\" required=\"true\" max-length=\"100\"/>",
                                      with: "<text id=\"customer\" zh=\"顾客名称\" en=\"Customer\" required=\"true\" max-length=\"120\"/>")
            .write(to: file, atomically: true, encoding: .utf8)
        let li = try await Visitor.signedIn("li", at: site), chen = try await Visitor.signedIn("chen", at: site)
        let zhou = try await Visitor.signedIn("zhou", at: site)
        #expect(try await li.get("/documents/feedback").text.contains("max 120 chars"), "the working copy's change is shown before revising")
        let incomplete = try await li.post("/documents/feedback/revise", form: [("summary", "顾客名称放宽到 120 字")])
        #expect(incomplete.status == 400 && incomplete.text.contains("更改页次"))
        #expect(try await li.post("/documents/feedback/revise", form: [("summary", "顾客名称放宽到 120 字"), ("pages", "P1"), ("order", "DCR-2026-009")]).status == 303)
        #expect(try await li.post("/documents/feedback/approve", form: [("role", "prepared")]).status == 303)
        #expect(try await li.post("/documents/feedback/approve", form: [("role", "reviewed")]).status == 403, "not twice on one revision")
        #expect(try await chen.post("/documents/feedback/approve", form: [("role", "reviewed")]).status == 303)
        #expect(try await zhou.post("/documents/feedback/approve", form: [("role", "approved")]).status == 303)
        #expect(try await zhou.post("/documents/feedback/release", form: [("effective", ChangeControl.today())]).status == 303)
        let diff = try await li.get("/documents/feedback?from=A/0&to=A/1").text
        #expect(diff.contains("max 100 chars") && diff.contains("max 120 chars") && diff.contains("DCR-2026-009"))
        let register = try await li.get("/documents").text
        #expect(register.contains("A/1"))
        let copy = try await li.get("/documents/feedback/blank?copy=07")
        #expect(copy.status == 200 && copy.text.contains("07") && copy.text.contains("受控"))
        #expect(try await li.get("/documents/feedback/blank?copy=../x").status == 400)
    }

    @Test func changingOnesPasswordEndsEverySession() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let here = try await Visitor.signedIn("wang", at: site), there = try await Visitor.signedIn("wang", at: site)
        #expect(try await here.post("/account/password", form: [("old", "wrong one"), ("new", "a new long secret")]).status == 401)
        #expect(try await here.post("/account/password", form: [("old", LiveSite.password), ("new", "short")]).status == 422)
        let changed = try await here.post("/account/password", form: [("old", LiveSite.password), ("new", "a new long secret")])
        #expect(changed.status == 303)
        let (a, b) = (try await here.get("/").status, try await there.get("/").status)
        #expect(a == 303 && b == 303, "both sessions ended")
        let again = try await Visitor(site).post("/signin", form: [("name", "wang"), ("password", "a new long secret")], withToken: false)
        #expect(again.status == 303)
    }

    @Test func aPreviewPrintsToPDF() async throws {
        let site = try await LiveSite()
        defer { Task { await site.stop() } }
        let li = try await Visitor.signedIn("li", at: site)
        let (_, data) = try await site.example("capa")
        let pdf = try await li.post("/forms/capa", form: data.formFields + [("action", "pdf")])
        #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf" && pdf.body.starts(with: Data("%PDF".utf8)))
    }
}
