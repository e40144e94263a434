import Foundation
import Hummingbird
import QMSForms

/// Finds who is signed in from the session cookie (an ended session counts as none), and the
/// interface language: `?lang=` (kept in a cookie), else the cookie, else `Accept-Language`.
struct Authentication: RouterMiddleware {
    typealias Context = WebContext
    static let sessionCookie = "qms_session"
    static let languageCookie = "qms_lang"
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }.flatMap { $0 == .both ? nil : $0 }
        context.language = asked ?? request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) }
            ?? Self.preferred(request.headers[.acceptLanguage])
        if request.method == .get {
            var safe = CharacterSet.alphanumerics
            safe.insert(charactersIn: "-._~/")
            func encoded(_ s: Substring) -> String { String(s).addingPercentEncoding(withAllowedCharacters: safe) ?? "" }
            let kept = request.uri.queryParameters.filter { $0.key != "lang" }.map { encoded($0.key) + "=" + encoded($0.value) }
            context.languageSwitch = request.uri.path + "?" + (kept + ["lang="]).joined(separator: "&")
        } else {
            context.languageSwitch = site.link("/") + "?lang="
        }
        if let id = request.cookies[Self.sessionCookie]?.value, let (principal, session) = try await site.signIn.principal(for: id, now: Date()) {
            context.principal = principal
            context.session = session
        }
        var response = try await next(request, context)
        if let asked {
            response.setCookie(Cookie(name: Self.languageCookie, value: asked.rawValue, maxAge: 365 * 86_400, path: site.link("/"),
                                      secure: site.configuration.secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// English when the browser's first choice is English, Chinese otherwise (the procedure's language).
    static func preferred(_ header: String?) -> Language {
        guard let first = header?.split(separator: ",").first?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return .zh }
        return first.hasPrefix("en") ? .en : .zh
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind https, for the application's path.
    static func cookie(_ session: Session?, site: Site) -> Cookie {
        Cookie(name: sessionCookie, value: session?.id ?? "", maxAge: session == nil ? 0 : nil, path: site.link("/"),
               secure: site.configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
