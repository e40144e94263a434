import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QMSForms
@testable import QMSFormsServer

/// A real `qmsforms serve` process on a free loopback port, over a fresh workspace with people of
/// each role (hashed at a low bcrypt cost to keep tests quick: the cost is in the hash), and the
/// library opened on the same workspace to look at what the server did. A separate process, as
/// in use: the tests' own threads can be busy without slowing the server.
final class LiveSite: @unchecked Sendable {
    static let password = "correct horse battery"
    static let people: [(String, String, String, Set<Principal.Role>)] = [
        ("wang", "王芳", "供销部", [.record]),
        ("li", "李强", "质管部", [.record, .review]),
        ("chen", "陈刚", "质管部", [.review]),
        ("zhou", "周建国", "总经办", [.approve, .release]),
        ("sun", "孙丽", "生产部", [.record]),
    ]

    /// The `qmsforms` executable next to the test bundle (SwiftPM builds it: the tests depend on it).
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("qmsforms")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/qmsforms")
    }()

    let folder: URL
    let workspace: Workspace
    /// The library on the server's workspace (its own connections to the same files).
    let site: Site
    let base: String
    let origin: String
    private let process = Process()
    private let log: URL

    init(publicOrigin: String? = nil, basePath: String = "") async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-server-\(UUID().uuidString)")
        workspace = try await Workspace.create(at: folder.appendingPathComponent("ws"))
        let accounts = Accounts(store: try SQLiteAccountStore(url: workspace.accountsFile), audit: FileArchiveStore(directory: workspace.archiveDirectory))
        let admin = Principal(id: "admin", displayName: "admin", roles: [.administer])
        for (name, display, dept, roles) in Self.people {
            try await accounts.add(try Account.new(name: name, displayName: display, department: dept, roles: roles, password: Self.password, cost: 4), by: admin)
        }
        site = try await Site(workspace: workspace, configuration: WebConfiguration(port: 0, basePath: basePath, publicOrigin: publicOrigin))
        log = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--workspace", workspace.root.path, "--port", "0", "--base-path", basePath]
            + (publicOrigin.map { ["--public-origin", $0] } ?? [])
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var port: String?
        for _ in 0..<600 where port == nil {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            port = said.firstMatch(of: /qmsforms serve: http:\/\/127\.0\.0\.1:(\d+)\//).map { String($0.1) }
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let port else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "qmsforms serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"]) }
        base = "http://127.0.0.1:\(port)"
        origin = publicOrigin ?? base
    }

    func stop() async {
        process.terminate()
        process.waitUntilExit()
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

    /// A multipart post of one file (an import), with the token and the origin.
    func upload(_ path: String, file name: String, _ data: Data) async throws -> Answer {
        let boundary = "qms-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token ?? "")\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += data + Data("\r\n--\(boundary)--\r\n".utf8)
        return try await send("POST", path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Origin": site.origin], body: body)
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
