import ArgumentParser
import Foundation
import QMSForms

struct IssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Archive a record: next number, frozen XML and HTML, hashes, audit log, index.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number or alias.") var form: String
    @Argument(help: "YAML, JSON or CSV data (without record_no: the archive numbers it), -, or many records (folder, JSON Lines, YAML stream, CSV rows).")
    var data: String
    @Option(help: "Who issues it (default: $QMS_USER).") var by: String?
    @Option(help: "Also print the issued record to this PDF file, or to NUMBER.pdf in this folder (not archived).") var pdf: String?
    @OptionGroup var batch: BatchOptions
    @OptionGroup var input: DataOptions

    func run() async throws {
        if let (template, _) = try? await workspace.form(form), let input = try batch.input(data, template: template, options: input) {
            if pdf != nil { throw Failure(.usage, "--pdf prints one record; for a batch, print the issued numbers afterwards with qmsforms print") }
            return try await issueAll(input, template: template)
        }
        let browser = try pdf.map { _ in try PDFOutput.browser() }
        let issued: Archive.Issued
        do {
            let archive = try await workspace.archive()
            let (template, _) = try await workspace.form(form)
            issued = try await archive.issue(form, data: try readData(data, for: template, input: input), source: data == "-" ? "<stdin>" : data, by: try principal(by, for: "issue"))
            print("\(issued.number)\t\(issued.xmlPath)\t\(issued.htmlPath)")
            warnIfUnfinished(issued.number, issued.unfinished)
            if let page = try? String(contentsOfFile: issued.htmlPath, encoding: .utf8) { warnUnprintable(page: page, name: issued.number) }
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
        guard let pdf else { return }
        do {
            let html = String(decoding: try await workspace.archive().rendition(issued.number), as: UTF8.self)
            let document = PrintDocument(name: issued.number, html: html)
            for path in try PDFOutput.write([(issued.number + ".pdf", document)], to: pdf, browser: browser) { print(path) }
        } catch {
            let failure = Failure(error)
            throw Failure(failure.code, "\(issued.number) is issued and archived, but its PDF was not written: \(failure.message); "
                + "print it with: qmsforms print \(issued.number) --pdf \(pdf)")
        }
    }

    /// Issues the records of a batch in input order (numbers follow it); invalid ones are listed and get no number.
    private func issueAll(_ input: BatchInput, template: Template) async throws {
        let archive: Archive
        do { archive = try await workspace.archive() } catch { throw Failure(error) }
        let who = try principal(by, for: "issue")
        try await batch.perform(input) { report, progress in
            try await batch.run.run(input, work: { item in try item.parse(template: template) }, commit: { item, parsed in
                do {
                    let issued = try await archive.issue(form, data: parsed.get(), source: item.source, by: who)
                    print("\(issued.number)\t\(issued.xmlPath)\t\(issued.htmlPath)")
                    warnIfUnfinished(issued.number, issued.unfinished)
                    return .ok(bytes: 0)
                } catch let error as DataError {
                    report(item, error)
                } catch let error as RecordError {
                    report(item, error)
                }
                return .invalid
            }, progress: progress)
        }
    }
}
