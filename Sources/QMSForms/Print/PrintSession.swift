import Foundation

/// One HTML page to print, named for messages (a record number, a file name).
public struct PrintDocument: Sendable {
    /// Names the page in messages.
    public var name: String
    /// The page.
    public var html: String

    /// A page named `name`.
    public init(name: String, html: String) {
        self.name = name
        self.html = html
    }
}

/// One headless Chromium session printing through several tabs at once. Not shareable: it is
/// used by one caller at a time, which ``PDFPrinter`` guarantees.
final class PrintSession {
    private let browser: BrowserProcess
    private let connection: DevToolsConnection
    private let timeout: Double
    private var tabs: [Tab] = []
    private var pageCount = 0

    /// Starts the browser with `tabs` pages printing side by side.
    init(chromium: Chromium, tabs count: Int, timeout: Double) throws(PrintError) {
        browser = try BrowserProcess(chromium)
        connection = DevToolsConnection(browser)
        self.timeout = timeout
        do {
            for _ in 0..<max(count, 1) {
                let target = try call("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
                let session = try call("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String ?? ""
                try call("Page.enable", session: session)
                // Every request the page makes is held for a decision: only the page itself and data: URLs load.
                try call("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session)
                try call("Page.setLifecycleEventsEnabled", ["enabled": true], session: session)
                tabs.append(Tab(session: session))
            }
        } catch {
            browser.end()
            throw error
        }
    }

    deinit { browser.end() }

    /// Ends the browser session.
    func close() { browser.end() }

    /// Prints `documents`, calling `each` with the document's position and its PDF as each one
    /// finishes (not necessarily in order). Stops at the first failure, thrown as ``PrintError``
    /// (or whatever `each` throws); the documents already handed to `each` are complete.
    func print(_ documents: [PrintDocument], each: (Int, Data) throws -> Void) throws {
        var next = 0
        var done = 0
        while done < documents.count {
            for t in tabs.indices where tabs[t].job == nil && next < documents.count {
                try start(tab: t, job: next, documents[next])
                next += 1
            }
            guard let message = try connection.receive(timeout: timeout) else {
                let waiting = tabs.compactMap { $0.job.map { documents[$0].name } }.joined(separator: ", ")
                throw PrintError.timedOut(document: waiting, seconds: Int(timeout))
            }
            guard let t = tabs.firstIndex(where: { $0.session == message.sessionId }) else { continue }
            if message.method == "Fetch.requestPaused" {
                try decide(message, tab: t)
                continue
            }
            guard let job = tabs[t].job else { continue }
            let name = documents[job].name
            if let error = message.error, message.id != nil, message.id == tabs[t].pending {
                throw PrintError.documentFailed(document: name, reason: error)
            }
            switch tabs[t].step {
            case .navigating:
                if message.id == tabs[t].pending {
                    if let failure = message.result["errorText"] as? String { throw PrintError.documentFailed(document: name, reason: failure) }
                    tabs[t].loader = message.result["loaderId"] as? String
                    tabs[t].step = .loading
                } else if message.method == "Page.lifecycleEvent", message.params["name"] as? String == "load",
                          let loader = message.params["loaderId"] as? String {
                    tabs[t].loaded.insert(loader)
                }
                if tabs[t].step == .loading, let loader = tabs[t].loader, tabs[t].loaded.contains(loader) { try printPage(tab: t) }
            case .loading:
                if message.method == "Page.lifecycleEvent", message.params["name"] as? String == "load",
                   message.params["loaderId"] as? String == tabs[t].loader {
                    try printPage(tab: t)
                }
            case .printing:
                guard message.id == tabs[t].pending else { continue }
                guard let base64 = message.result["data"] as? String, let pdf = Data(base64Encoded: base64) else {
                    throw PrintError.documentFailed(document: name, reason: "the browser returned no PDF")
                }
                try? FileManager.default.removeItem(at: tabs[t].file)
                tabs[t] = Tab(session: tabs[t].session)
                done += 1
                try each(job, pdf)
            }
        }
    }

    // MARK: - One tab

    private struct Tab {
        enum Step { case navigating, loading, printing }
        var session: String
        var job: Int?
        var step = Step.navigating
        var pending: Int?
        var loader: String?
        var loaded: Set<String> = []
        var file = URL(fileURLWithPath: "/dev/null")
    }

    private func start(tab t: Int, job: Int, _ document: PrintDocument) throws(PrintError) {
        pageCount += 1
        let file = browser.profile.appendingPathComponent("page-\(pageCount).html")
        do { try Data(document.html.utf8).write(to: file) } catch {
            throw .documentFailed(document: document.name, reason: FileError.from(error, .write, path: document.name).description)
        }
        tabs[t].job = job
        tabs[t].file = file
        tabs[t].step = .navigating
        tabs[t].pending = try connection.command("Page.navigate", ["url": file.absoluteString], session: tabs[t].session)
    }

    /// Lets the page itself and `data:` URLs load; fails every other request (files, network, frames).
    private func decide(_ request: DevToolsConnection.Message, tab t: Int) throws(PrintError) {
        guard let id = request.params["requestId"] as? String else { return }
        let url = (request.params["request"] as? [String: Any])?["url"] as? String ?? ""
        if url == tabs[t].file.absoluteString || url.hasPrefix("data:") {
            try connection.command("Fetch.continueRequest", ["requestId": id], session: tabs[t].session)
        } else {
            try connection.command("Fetch.failRequest", ["requestId": id, "errorReason": "BlockedByClient"], session: tabs[t].session)
        }
    }

    private func printPage(tab t: Int) throws(PrintError) {
        tabs[t].step = .printing
        tabs[t].pending = try connection.command("Page.printToPDF", [
            "preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false,
            "generateTaggedPDF": false, "generateDocumentOutline": false,
        ], session: tabs[t].session)
    }

    /// Sends a command and waits for its answer (setup only: events that arrive meanwhile are dropped).
    @discardableResult
    private func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil) throws(PrintError) -> [String: Any] {
        let id = try connection.command(method, params, session: session)
        while true {
            guard let message = try connection.receive(timeout: timeout) else { throw .timedOut(document: method, seconds: Int(timeout)) }
            guard message.id == id else { continue }
            if let error = message.error { throw .browserFailed(reason: "\(method): \(error)", log: "") }
            return message.result
        }
    }
}
