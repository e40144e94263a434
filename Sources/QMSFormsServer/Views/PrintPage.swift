import Hummingbird

/// A print page as the library renders it (the same bytes as `fill` writes), served under a
/// policy that allows its inline stylesheet and nothing else: no script, no fetch, no frame.
enum PrintPage {
    static func response(_ html: String) -> Response {
        Page.html(html, headers: [.contentSecurityPolicy: SecurityHeaders.printPolicy])
    }
}
