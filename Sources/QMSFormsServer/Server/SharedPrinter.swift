import Foundation
import QMSForms

/// The one Chromium session every PDF request of the server shares, started at the first PDF
/// (a server nobody prints from starts no browser) and started again when it has died.
actor SharedPrinter {
    private var printer: PDFPrinter?

    /// The PDF of `html`, printed as `name`.
    func pdf(name: String, html: String) async throws -> Data {
        let document = PrintDocument(name: name, html: html)
        let current = try started()
        do {
            return try await current.pdf(document)
        } catch is PrintError {
            // A browser that crashed or was killed: one fresh start, then the error stands.
            current.close()
            printer = nil
            return try await started().pdf(document)
        }
    }

    private func started() throws -> PDFPrinter {
        if let printer { return printer }
        let fresh = try PDFPrinter(tabs: 1)
        printer = fresh
        return fresh
    }

    /// Ends the browser (at server shutdown).
    func close() {
        printer?.close()
        printer = nil
    }
}
