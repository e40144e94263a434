import ArgumentParser
import Foundation
import QMSForms

struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print pages to PDF through headless Chromium (one browser session for all inputs).",
        discussion: """
        INPUT is an HTML page written by qmsforms (fill, blank, render, register), a record XML file \
        (rendered again from the template revision it is pinned to), or the number of an archived record \
        (its frozen HTML, latest correction). Chromium is found on PATH or through QMS_CHROMIUM.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "HTML pages, record XML files or archived record numbers.") var inputs: [String]
    @Option(help: "A PDF file (for one input), or a folder that gets NAME.pdf for each input.") var pdf: String
    @Option(help: "zh, en or both, for record XML inputs.") var lang: Language = .both

    func run() async throws {
        var pages: [(fileName: String, document: PrintDocument)] = []
        for input in inputs { pages.append(try await page(input)) }
        for (_, document) in pages { warnUnprintable(page: document.html, name: document.name) }
        for path in try PDFOutput.write(pages, to: pdf) { print(path) }
    }

    /// What one input prints as, and the PDF's file name.
    private func page(_ input: String) async throws -> (fileName: String, document: PrintDocument) {
        let lower = input.lowercased()
        let url = URL(fileURLWithPath: input)
        let stem = url.deletingPathExtension().lastPathComponent
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            guard let data = try? Data(contentsOf: url) else { throw Failure(.io, "\(input): cannot read the page") }
            let html = String(decoding: data, as: UTF8.self)
            guard html.prefix(4096).contains("<meta name=\"generator\" content=\"qmsforms\">") else {
                throw Failure(.usage, "\(input): not a page written by qmsforms; print pages made by fill, blank, render or register, "
                    + "or give the record XML")
            }
            return (stem + ".pdf", PrintDocument(name: input, html: html))
        }
        if lower.hasSuffix(".xml") {
            let (name, html) = try await workspace.renderRecord(input, language: lang)
            return (name + ".pdf", PrintDocument(name: input, html: html))
        }
        if FileManager.default.fileExists(atPath: input) {
            throw Failure(.usage, "\(input): give an .html page, a record .xml or an archived record number")
        }
        guard FileName.isSafe(input) else { throw Failure(.usage, "'\(input)' is not a record number, nor a file that exists") }
        do {
            let data = try await workspace.archive().rendition(input)
            return (input + ".pdf", PrintDocument(name: input, html: String(decoding: data, as: UTF8.self)))
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
