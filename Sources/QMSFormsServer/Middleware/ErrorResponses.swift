import Foundation
import Hummingbird
import NIOCore
import QMSForms

/// Where every error becomes a response, in one place: its HTTP status (from the error's kind:
/// invalid data 422, refused 403/409, unknown 404, too large 413 …) and a page in the
/// interface language, or a JSON problem list for a script. Never a stack trace; a failure the
/// server did not expect is logged and shown as 500 with the library's one-line message.
struct ErrorResponses: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if case WebError.signInNeeded = error, request.method == .get {
                let back = request.uri.path.hasPrefix(site.link("/")) ? request.uri.description : site.link("/")
                return Page.redirect(site.link("/signin") + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
            let (status, message) = Self.describe(error, language: context.language)
            if status == .internalServerError { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            let wantsJSON = request.headers[.accept]?.contains("application/json") == true
            if wantsJSON {
                let problems = (error as? RecordError)?.problems ?? []
                return Self.json(ProblemList(status: Int(status.code), message: message, problems: problems), status: status)
            }
            var problems: HTML = .empty
            if let record = error as? RecordError {
                problems = "<ul class=\"problems shown\">\(record.problems.map { p -> HTML in "<li><code>\(p.path)</code> \(p.message)</li>" }.joined())</ul>"
            }
            let body: HTML = "<p class=\"error\">\(message)</p>\(problems)<p><a href=\"\(site.link("/"))\">\(Words.home.in(context.language))</a></p>"
            return Page(title: "\(status.code) \(status.reasonPhrase)", body: body, status: status).response(context, site)
        }
    }

    /// The status and the message of `error`, in one place.
    static func describe(_ error: any Error, language: Language) -> (HTTPResponse.Status, String) {
        switch error {
        case let web as WebError: return (web.status, web.message(language))
        case let http as HTTPError where http.status == .contentTooLarge: return (.contentTooLarge, Words.tooLarge.in(language))
        case is NIOTooManyBytesError: return (.contentTooLarge, Words.tooLarge.in(language))
        case let http as HTTPError: return (http.status, http.body ?? http.status.reasonPhrase)
        case let e as AuthorizationError: return (.forbidden, e.description)
        case let e as SignInError: return (.unauthorized, e.description)
        case let e as ArchiveError:
            if case .unknownRecord = e { return (.notFound, e.description) }
            return (status(e.category), e.description)
        case let e as ChangeControlError:
            if case .unknownDocument = e { return (.notFound, e.description) }
            return (status(e.category), e.description)
        case let e as any QMSError: return (status(e.category), e.description)
        default: return (.internalServerError, Words.serverError.in(language))
        }
    }

    private static func status(_ category: ErrorCategory) -> HTTPResponse.Status {
        switch category {
        case .invalidData: .unprocessableContent
        case .usage: .badRequest
        case .refused: .conflict
        case .badTemplate, .io: .internalServerError
        }
    }

    /// The JSON a script gets for a refusal: status, message, and the library's problems.
    struct ProblemList: Encodable {
        var status: Int
        var message: String
        var problems: [Problem]
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
