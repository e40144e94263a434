import Foundation
import HTTPTypes
import Hummingbird

/// Every state-changing request (anything but GET and HEAD) must come from this application's
/// own pages: its `Origin` (or, failing that, `Sec-Fetch-Site`) is this server's origin, and it
/// carries the session's CSRF token — in the `_csrf` field of the form or the `X-CSRF-Token`
/// header. Otherwise 403 and nothing is done. Sign-in needs no session (its page has no token):
/// its origin is checked, and a new session replaces any the browser had.
struct CSRFCheck: RouterMiddleware {
    typealias Context = WebContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method != .get && request.method != .head else { return try await next(request, context) }
        try checkOrigin(request)
        var request = request
        if request.uri.path == site.link("/signin") {
            return try await next(request, context)
        }
        if let session = context.session {
            var given = request.headers[Self.header]
            if given == nil {
                given = try await PostedForm.read(&request, context: context)["_csrf"]
            }
            guard let given, Self.same(given, session.csrfToken) else { throw WebError.crossSite("the form's token is missing or stale; reload the page") }
        } else {
            throw WebError.signInNeeded
        }
        return try await next(request, context)
    }

    private func checkOrigin(_ request: Request) throws {
        if let origin = request.headers[.origin] {
            let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!]
            let expected = site.configuration.publicOrigin ?? host.map { "http://" + $0 }
            guard origin == expected else { throw WebError.crossSite("request from \(origin)") }
        } else if let fetchSite = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            guard fetchSite == "same-origin" else { throw WebError.crossSite("Sec-Fetch-Site: \(fetchSite)") }
        } else {
            throw WebError.crossSite("the request names no origin")
        }
    }

    /// Equal, in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
