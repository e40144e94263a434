import Foundation
import QMSForms

/// PDFs for the commands that print: one browser session for all pages, each PDF written whole.
enum PDFOutput {
    /// The browser, found before any work is done, so that a missing browser costs nothing.
    static func browser() throws -> Chromium {
        do { return try Chromium.locate() } catch { throw Failure(error) }
    }

    /// Prints `pages` and writes each as `folder/fileName` as soon as it is done; returns the paths
    /// in the order given. `out` names a single file instead when it ends in `.pdf`.
    static func write(_ pages: [(fileName: String, document: PrintDocument)], to out: String, browser: Chromium? = nil) throws -> [String] {
        let single = out.lowercased().hasSuffix(".pdf")
        if single && pages.count != 1 {
            throw Failure(.usage, "--pdf \(out) names one file but there are \(pages.count) pages: give a folder instead")
        }
        let outURL = URL(fileURLWithPath: out)
        let folder = single ? outURL.deletingLastPathComponent() : outURL
        let names = single ? [outURL.lastPathComponent] : pages.map(\.fileName)
        if let clash = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw Failure(.usage, "two inputs would both print to \(clash): print them into separate folders")
        }
        let started = Date()
        do {
            let printer = try PDFPrinter(chromium: browser ?? PDFOutput.browser())
            defer { printer.close() }
            try printer.print(pages.map(\.document)) { index, pdf in
                try OutputFolder(folder).write([(names[index], pdf)])
            }
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
        if pages.count > 1 {
            let seconds = Date().timeIntervalSince(started)
            writeDiagnostic(String(format: "printed %d PDFs in %.1f s\n", pages.count, seconds))
        }
        return names.map { folder.appendingPathComponent($0).path }
    }

    /// The PDF of one page, for commands that write it together with other files.
    static func data(_ document: PrintDocument) async throws -> Data {
        do {
            let printer = try PDFPrinter(chromium: browser(), tabs: 1)
            defer { printer.close() }
            return try await printer.pdf(document)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
