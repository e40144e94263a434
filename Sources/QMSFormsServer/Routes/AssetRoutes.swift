import Hummingbird

/// The page's script and stylesheet, built into the program (no files to deploy, nothing from
/// another origin), cached by the browser for an hour.
struct AssetRoutes {
    func add(to router: RouterGroup<WebContext>) {
        router.get("static/app.js") { _, _ in Self.asset(PackageResources.app_js, type: "text/javascript; charset=utf-8") }
        router.get("static/app.css") { _, _ in Self.asset(PackageResources.app_css, type: "text/css; charset=utf-8") }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }   // no icon, and no 404 in every browser's log
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
