import Foundation

/// How `qmsforms serve` listens and where it is reached.
public struct WebConfiguration: Sendable {
    /// The address to listen on: loopback unless told otherwise.
    public var host: String
    /// The port; 0 lets the system choose (the chosen one is printed).
    public var port: Int
    /// The path prefix behind a reverse proxy (`/qms`), `""` at the root.
    public var basePath: String
    /// The origin people reach the server at (`https://qms.example.com`). When given, a
    /// state-changing request must come from it, and cookies are `Secure` when it is https;
    /// when not, requests must come from the origin of their own `Host`.
    public var publicOrigin: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, basePath: String = "", publicOrigin: String? = nil) {
        self.host = host
        self.port = port
        self.basePath = Self.normalized(basePath)
        self.publicOrigin = publicOrigin.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// Whether cookies carry `Secure`: the public origin is https.
    public var secureCookies: Bool { publicOrigin?.hasPrefix("https://") == true }

    /// `/qms/` → `/qms`, `qms` → `/qms`, `/` → `""`.
    static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.isEmpty ? "" : "/" + parts.joined(separator: "/")
    }
}
