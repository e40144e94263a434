import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QMSForms
@testable import QMSFormsServer

/// A real `qmsforms serve` on a free loopback port, over a fresh workspace with people of each
/// role (accounts in memory, hashed at a low cost to keep tests quick), and an HTTP client that
/// sees every response as it is (redirects not followed, cookies kept by hand).
final class LiveSite: @unchecked Sendable {
    static let password = "correct horse battery"
    static let people: [(String, String, String, Set<Principal.Role>)] = [
        ("wang", "王芳", "供销部", [.record]),
        ("li", "李强", "质管部", [.record, .review]),
        ("chen", "陈刚", "质管部", [.review]),
        ("zhou", "周建国", "总经办", [.approve, .release]),
    ]

    let folder: URL
    let workspace: Workspace
    let site: Site
    let base: String
    let origin: String
    private let server: Task<Void, any Error>

    init(publicOrigin: String? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-server-\(UUID().uuidString)")
        workspace = try await Workspace.create(at: folder.appendingPathComponent("ws"))
        let archive = try Archive(workspace: workspace)
        let people = MemoryAccountStore()
        let accounts = Accounts(store: people, audit: FileArchiveStore(directory: workspace.archiveDirectory))
        let admin = Principal(id: "admin", displayName: "admin", roles: [.administer])
        for (name, display, dept, roles) in Self.people {
            try await accounts.add(try Account.new(name: name, displayName: display, department: dept, roles: roles, password: Self.password, cost: 4), by: admin)
        }
        site = Site(workspace: workspace, configuration: WebConfiguration(port: 0, publicOrigin: publicOrigin), archive: archive,
                    signIn: SignIn(accounts: accounts, sessions: people), drafts: people)
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let server = WebServer(site: site)
        self.server = Task { try await server.run { port in listening.yield(port) } }
        var port = 0
        for await p in ports { port = p; break }
        base = "http://127.0.0.1:\(port)"
        origin = publicOrigin ?? base
    }

    func stop() async {
        server.cancel()
        _ = await server.result
        try? FileManager.default.removeItem(at: folder)
    }

    /// The data of a shipped example, as a person would type it (no record number).
    func example(_ form: String) async throws -> (Template, DataNode) {
        let template = try await site.form(form)
        let data = try DataSource.read(path: workspace.formsDirectory.appendingPathComponent("examples/\(form).yaml").path, template: template)
        return (template, data.removing(["record_no"]))
    }
}

/// One person's browser, as far as HTTP goes: a session cookie and the page's CSRF token.
struct Visitor {
    let site: LiveSite
    var cookie: String?
    var token: String?

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    init(_ site: LiveSite) { self.site = site }

    /// Signs in as `name`; the token is read from the home page as a browser would have it.
    static func signedIn(_ name: String, at site: LiveSite) async throws -> Visitor {
        var v = Visitor(site)
        let answer = try await v.post("/signin", form: [("name", name), ("password", LiveSite.password)], withToken: false)
        guard answer.status == 303, let cookie = answer.header("Set-Cookie")?.split(separator: ";").first else {
            throw URLError(.userAuthenticationRequired)
        }
        v.cookie = String(cookie)
        let home = try await v.get("/").text
        v.token = home.firstMatch(of: /data-csrf="([^"]*)"/).map { String($0.1) }
        return v
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send("GET", path, headers: headers, body: nil)
    }

    /// A form post, with the CSRF token and this site's Origin unless told otherwise.
    func post(_ path: String, form: [(String, String)], withToken: Bool = true, headers: [String: String] = [:]) async throws -> Answer {
        var fields = form
        if withToken, let token { fields.append(("_csrf", token)) }
        let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        var all = ["Content-Type": "application/x-www-form-urlencoded", "Origin": site.origin]
        for (k, v) in headers { all[k] = v }
        return try await send("POST", path, headers: all.filter { !$0.value.isEmpty }, body: Data(body.utf8))
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    func send(_ method: String, _ path: String, headers: [String: String], body: Data?) async throws -> Answer {
        var request = URLRequest(url: URL(string: site.base + path)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        request.httpBody = body
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields["\(k)"] = "\(v)" }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["Accept-Language": "zh-CN"]
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()
}

extension DataNode {
    /// The posted fields a page would send for this record data (names are the library's paths).
    var formFields: [(String, String)] { FormEntries(data: self).pairs.map { ($0.path, $0.value) } }
}
