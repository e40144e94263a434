import ArgumentParser
import Foundation
import QMSForms
import QMSFormsServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "The web application for the department: fill, review, issue and find records in a browser.",
        discussion: """
        Serves a controlled workspace (qmsforms init DIR, or qmsforms demo) on loopback unless --host says otherwise. People \
        sign in with the accounts of qmsforms user add; behind a reverse proxy give --base-path and --public-origin.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The address to listen on (default: loopback only).") var host = "127.0.0.1"
    @Option(help: "The port (0: any free one, printed).") var port = 8080
    @Option(help: "The path prefix behind a reverse proxy, e.g. /qms.") var basePath = ""
    @Option(help: "The origin people use, e.g. https://qms.example.com (requests must come from it; https makes cookies Secure).")
    var publicOrigin: String?

    func run() async throws {
        let ws = workspace.workspace
        let site: Site
        let stores = try await workspace.stores()
        do {
            site = try await Site(workspace: ws, stores: stores,
                                  configuration: WebConfiguration(host: host, port: port, basePath: basePath, publicOrigin: publicOrigin))
        } catch { throw Failure(error) }
        let accounts = (try? await stores.people().accounts()) ?? []
        if accounts.isEmpty {
            FileHandle.standardError.write(Data("""
                no account can sign in yet; create one (it asks for the password):
                  qmsforms user add NAME --display 王芳 --dept quality --role record --role review --workspace \(ws.root.path)

                """.utf8))
        }
        let base = basePath
        try await WebServer(site: site).run { bound in
            // Written at once (not buffered): a script waiting for the address reads it now.
            FileHandle.standardOutput.write(Data("qmsforms serve: http://\(host.contains(":") ? "[\(host)]" : host):\(bound)\(WebConfiguration(basePath: base).basePath)/ (\(stores.location))\n".utf8))
        }
    }
}
