import Foundation
import HTTPTypes
import Hummingbird
import QMSForms

/// One page of the application: the common frame (navigation, who is signed in, language
/// switch, sign-out) around `body`. Every value in it went through ``HTML`` escaping.
struct Page {
    var title: String
    var body: HTML
    var status: HTTPResponse.Status = .ok

    func response(_ context: WebContext, _ site: Site) -> Response {
        let l = context.language
        var nav: HTML = .empty
        if let who = context.principal {
            let items: [(String, Bilingual)] = [("/", Words.home), ("/forms", Words.newRecord), ("/drafts", Words.drafts),
                                                 ("/archive", Words.archive), ("/documents", Words.documents), ("/reports", Words.reports)]
            let links = items.map { (path, label) -> HTML in "<a href=\"\(site.link(path))\">\(label.in(l))</a>" }
            nav = """
                <nav>\(links.joined(separator: " "))</nav>
                <div class="who"><a href="\(site.link("/account"))">\(who.displayName)</a>\
                <form method="post" action="\(site.link("/signout"))" class="inline">\(csrfField(context))\
                <button type="submit" class="link">\(Words.signOut.in(l))</button></form></div>
                """
        }
        let other: Language = l == .en ? .zh : .en
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="\(l == .en ? "en" : "zh-Hans")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(Words.app.in(l))</title>
            <link rel="stylesheet" href="\(site.link("/static/app.css"))">
            <script src="\(site.link("/static/app.js"))" defer></script>
            </head>
            <body data-csrf="\(context.session?.csrfToken ?? "")" data-base="\(site.configuration.basePath)" data-lang="\(l.rawValue)">
            <header><a class="brand" href="\(site.link("/"))">\(Words.app.in(l))</a>\(nav)\
            <a class="lang" href="\(context.languageSwitch + other.rawValue)" hreflang="\(other == .en ? "en" : "zh-Hans")">\(other == .en ? "English" : "中文")</a></header>
            <main>
            <h1>\(title)</h1>
            \(body)
            </main>
            </body>
            </html>

            """
        return Self.html(html.markup, status: status)
    }

    /// An HTML response.
    static func html(_ markup: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: markup)))
    }

    /// A download: `name` is data (sanitised for the header), never a path.
    static func download(_ data: Data, type: String, name: String) -> Response {
        let safe = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_.".unicodeScalars.contains($0)) }
            .map(Character.init))
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(safe.isEmpty ? "download" : safe)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// After a POST: see the result at `path` (303, so reloading does not post again).
    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}

/// The hidden field carrying the session's CSRF token in every form that changes something.
func csrfField(_ context: WebContext) -> HTML {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(context.session?.csrfToken ?? "")\">"
}

/// A table of `rows` under `headings`, for lists of records, actions, entries.
func grid(_ headings: [Bilingual], _ rows: [[HTML]], language: Language, id: String = "") -> HTML {
    let head = headings.map { h -> HTML in "<th>\(h.in(language))</th>" }.joined()
    let body = rows.map { row -> HTML in "<tr>\(row.map { c -> HTML in "<td>\(c)</td>" }.joined())</tr>" }.joined(separator: "\n")
    return "<table class=\"list\"\(id.isEmpty ? .empty : " id=\"\(id)\"" as HTML)><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
}
