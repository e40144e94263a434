import Foundation
import Hummingbird
import QMSForms

/// `qmsforms serve`: the web application over a controlled workspace.
///
/// ```swift
/// let site = try await Site(workspace: Workspace(root: url), configuration: WebConfiguration(port: 8080))
/// try await WebServer(site: site).run { port in print("listening on \(port)") }
/// ```
///
/// Middleware, outermost first: errors become responses (``ErrorResponses``), security headers,
/// who is signed in, the CSRF and origin check; then the routes, each checking the role it needs.
public struct WebServer: Sendable {
    public let site: Site

    public init(site: Site) { self.site = site }

    /// The router with every route and middleware: what ``run(onListening:)`` serves.
    func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: ErrorResponses(site: site))
        router.add(middleware: SecurityHeaders())
        router.add(middleware: Authentication(site: site))
        router.add(middleware: CSRFCheck(site: site))
        let base = site.configuration.basePath
        let group = router.group(RouterPath(base.isEmpty ? "/" : base))
        AssetRoutes().add(to: group)
        AuthRoutes(site: site).add(to: group)
        HomeRoutes(site: site).add(to: group)
        FormRoutes(site: site).add(to: group)
        RecordRoutes(site: site).add(to: group)
        SignatureRoutes(site: site).add(to: group)
        ArchiveRoutes(site: site).add(to: group)
        DocumentRoutes(site: site).add(to: group)
        ReportRoutes(site: site).add(to: group)
        return router
    }

    /// Serves until SIGINT or SIGTERM; `onListening` gets the port (the system's choice for port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(site.configuration.host, port: site.configuration.port), serverName: "qmsforms"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) })
        try await app.runService()
        await site.printer.close()
    }
}
