import HTTPTypes
import Hummingbird

/// The headers every response carries: a strict Content-Security-Policy (scripts and styles
/// from this server only, no inline script, nothing from another origin, no framing), no
/// MIME sniffing, no referrer to other sites, and no caching of pages with personal data.
/// A print page sets its own, stricter policy (no script at all, its inline stylesheet).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext

    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// A record's print page: its stylesheet is inline, it has no script.
    static let printPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
