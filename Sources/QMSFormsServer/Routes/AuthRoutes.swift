import Foundation
import Hummingbird
import QMSForms

/// Sign in, sign out, change one's own password.
struct AuthRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.get("signin") { request, context in signInPage(context, next: request.uri.queryParameters["next"].map(String.init), failed: nil) }
        router.post("signin") { request, context in try await signIn(request, context) }
        router.post("signout") { _, context in
            if let session = context.session { try await site.signIn.end(session.id) }
            var response = Page.redirect(site.link("/signin"))
            response.setCookie(Authentication.cookie(nil, site: site))
            return response
        }
        router.get("account") { _, context in try accountPage(context, message: nil) }
        router.post("account/password") { request, context in
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            guard let session = context.session else { throw WebError.signInNeeded }
            do {
                try await site.signIn.changePassword(in: session, from: form["old"] ?? "", to: form["new"] ?? "", now: Date())
            } catch let error as SignInError {
                return try accountPage(context, message: error.description, status: .unauthorized)
            } catch let error as AccountError {
                return try accountPage(context, message: error.description, status: .unprocessableContent)
            }
            var response = Page.redirect(site.link("/signin?changed=1"))
            response.setCookie(Authentication.cookie(nil, site: site))
            return response
        }
    }

    private func signInPage(_ context: WebContext, next: String?, failed: String?, status: HTTPResponse.Status = .ok) -> Response {
        let l = context.language
        let error: HTML = failed.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? .empty
        let body: HTML = """
            \(error)<form method="post" action="\(site.link("/signin"))" class="signin">
            <input type="hidden" name="next" value="\(next ?? "")">
            <label for="name">\(Words.name.in(l))</label><input id="name" name="name" autocomplete="username" required autofocus>
            <label for="password">\(Words.password.in(l))</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">\(Words.signIn.in(l))</button>
            </form>
            """
        return Page(title: Words.signIn.in(l), body: body, status: status).response(context, site)
    }

    private func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        var request = request
        let form = try await PostedForm.read(&request, context: context)
        let next = form["next"] ?? ""
        let session: Session
        do {
            session = try await site.signIn.begin(form["name"] ?? "", password: form["password"] ?? "", now: Date())
        } catch SignInError.refused {
            return signInPage(context, next: next, failed: Words.signInRefused.in(context.language), status: .unauthorized)
        } catch let SignInError.locked(until) {
            return signInPage(context, next: next, failed: Words.locked.in(context.language) + " " + until, status: .unauthorized)
        }
        // A new session id at every sign-in; the one the browser had before ends.
        if let old = context.session { try await site.signIn.end(old.id) }
        var response = Page.redirect(Self.isLocal(next, base: site.configuration.basePath) ? next : site.link("/"))
        response.setCookie(Authentication.cookie(session, site: site))
        return response
    }

    /// Whether `next` is a path of this application (never another site: no `//`, no scheme).
    static func isLocal(_ next: String, base: String) -> Bool {
        next.hasPrefix(base + "/") && !next.hasPrefix("//") && !next.contains("\\") && !next.contains("://")
    }

    private func accountPage(_ context: WebContext, message: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let who = try context.signedIn(), l = context.language
        let body: HTML = """
            <dl class="facts"><dt>\(Words.name.in(l))</dt><dd>\(who.id)</dd><dt>\(Words.department.in(l))</dt><dd>\(who.department ?? "—")</dd>
            <dt>roles</dt><dd>\(who.roles.map(\.rawValue).sorted().joined(separator: ", "))</dd></dl>
            \(message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            <h2>\(Words.changePassword.in(l))</h2>
            <form method="post" action="\(site.link("/account/password"))" class="signin">\(csrfField(context))
            <label for="old">\(Words.password.in(l))</label><input id="old" name="old" type="password" autocomplete="current-password" required>
            <label for="new">\(Words.newPassword.in(l))</label><input id="new" name="new" type="password" autocomplete="new-password" minlength="\(Account.minimumPasswordLength)" required>
            <button type="submit">\(Words.changePassword.in(l))</button></form>
            """
        return Page(title: Words.account.in(l) + " · " + who.displayName, body: body, status: status).response(context, site)
    }
}
