import Dispatch
import Foundation
import Synchronization

/// Prints HTML pages to PDF in one headless Chromium session, several tabs at once; one printer
/// is shared safely by any number of callers (a web server's requests, a batch): they take turns,
/// in arrival order, and an async caller waits without holding a thread.
///
/// The page's own CSS decides paper and margins (`@page`: A4, portrait or landscape), so the
/// PDF is what a browser prints with "Default" margins and no browser header or footer.
/// Scripts are disabled and nothing is fetched from the network.
///
/// ```swift
/// let printer = try PDFPrinter()
/// defer { printer.close() }
/// let pdf = try await printer.pdf(PrintDocument(name: "8D-2026-001", html: html))
/// ```
public final class PDFPrinter: Sendable {
    /// Seconds to wait for the browser on one step of one document (`QMS_PRINT_TIMEOUT`, default 120).
    public static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["QMS_PRINT_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 120
    }

    /// Pages printed side by side (`QMS_PRINT_TABS`, default one per core, at most 4).
    public static var defaultTabs: Int {
        ProcessInfo.processInfo.environment["QMS_PRINT_TABS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
            ?? min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)
    }

    /// The session, used by one caller at a time.
    private let session: Mutex<PrintSession>
    /// Async callers queue here, then print on `queue`, off the cooperative threads.
    private let turns = ExclusiveAccess()
    private let queue = DispatchQueue(label: "qmsforms.print")

    /// Starts the browser with `tabs` pages printing side by side.
    public init(chromium: Chromium? = nil, tabs: Int = PDFPrinter.defaultTabs, timeout: Double = PDFPrinter.defaultTimeout) throws(PrintError) {
        let found: Chromium
        if let chromium { found = chromium } else { found = try Chromium.locate() }
        session = Mutex(try PrintSession(chromium: found, tabs: tabs, timeout: timeout))
    }

    /// Ends the browser session. The printer cannot be used afterwards.
    public func close() { session.withLock { $0.close() } }

    /// The PDF of one page.
    public func pdf(_ document: PrintDocument) async throws -> Data {
        try await turns.run {
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Data, any Error>) in
                queue.async { done.resume(with: Result { try self.pdfNow(document) }) }
            }
        }
    }

    /// Prints `documents`, calling `each` with the document's position and its PDF as each one
    /// finishes (not necessarily in order), on the calling thread. Stops at the first failure,
    /// thrown as ``PrintError`` (or whatever `each` throws); the documents already handed to
    /// `each` are complete.
    public func print(_ documents: [PrintDocument], each: @Sendable (Int, Data) throws -> Void) throws {
        try session.withLock { try $0.print(documents, each: each) }
    }

    private func pdfNow(_ document: PrintDocument) throws -> Data {
        try session.withLock { session in
            var result = Data()
            try session.print([document]) { _, data in result = data }
            return result
        }
    }
}
