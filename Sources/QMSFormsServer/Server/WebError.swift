import HTTPTypes
import QMSForms

/// What the server itself refuses, beside the library's errors (see ``ErrorResponses`` for how
/// every error becomes a status).
enum WebError: Error, Sendable, Equatable {
    /// No session: GET pages redirect to sign-in, other requests get 401.
    case signInNeeded
    /// The signed-in person lacks the role.
    case forbidden(role: Principal.Role)
    /// A state-changing request without the session's CSRF token, or from another origin.
    case crossSite(String)
    /// No such page, record, form or draft.
    case notFound(String)
    /// A request the server cannot take (a missing field, an unknown action).
    case badRequest(String)

    var status: HTTPResponse.Status {
        switch self {
        case .signInNeeded: .unauthorized
        case .forbidden, .crossSite: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .signInNeeded: Words.signInNeeded.in(language)
        case let .forbidden(role): Words.forbidden.in(language) + " (" + role.rawValue + ")"
        case let .crossSite(why): Words.crossSite.in(language) + ": " + why
        case let .notFound(what): Words.notFound.in(language) + ": " + what
        case let .badRequest(why): why
        }
    }
}
