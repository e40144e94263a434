import Foundation
import Hummingbird
import QMSForms

/// What a request carries through the middleware to its route: who is signed in (from the
/// session cookie), the session (for its CSRF token) and the interface language.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person, `nil` before sign-in.
    public var principal: Principal?
    /// The session of that person.
    public var session: Session?
    /// The interface language (the `qms_lang` cookie, else `Accept-Language`).
    public var language: Language = .zh
    /// Where the language switch leads: this page when it was a GET (its query kept), else home
    /// (a page answering a POST has no address to load again).
    var languageSwitch = "/"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Forms and imports: 4 MiB (an 8D with long text is a few kilobytes; the data readers refuse more than 16 MiB).
    public var maxUploadSize: Int { 4 << 20 }

    /// The signed-in person; a request without a session is sent to sign in.
    func signedIn() throws -> Principal {
        guard let principal else { throw WebError.signInNeeded }
        return principal
    }

    /// The signed-in person when they hold `role`, else 403 (the server decides, not a hidden button).
    func require(_ role: Principal.Role) throws -> Principal {
        let principal = try signedIn()
        guard principal.roles.contains(role) else { throw WebError.forbidden(role: role) }
        return principal
    }
}
