import ArgumentParser
import Foundation
import QMSForms

struct BlankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blank", abstract: "Write the blank form for handwriting (or a procedure document) as ALIAS-blank.html (and .pdf).")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both
    @Option(help: revisionHelp("Print this revision (an obsolete one is marked OBSOLETE).")) var revision: Revision?
    @Flag(help: "Print the open draft revision, marked DRAFT.") var draft = false
    @Option(help: "Stamp CONTROLLED COPY 受控 with this distribution number.") var copy: String?
    @Flag(help: "Stamp UNCONTROLLED 非受控 (for reference, not kept up to date).") var uncontrolled = false
    @Flag(help: "Print the change record 文件更改记录 on a form too.") var withHistory = false
    @Flag(help: "Also write ALIAS-blank.pdf, printed by headless Chromium.") var pdf = false

    func validate() throws {
        if copy != nil && uncontrolled { throw ValidationError("--copy and --uncontrolled exclude each other") }
        if let copy, !FileName.isSafe(copy) { throw ValidationError("--copy takes a distribution number such as 03") }
    }

    func run() async throws {
        if pdf { _ = try PDFOutput.browser() }
        let (template, watermark) = try await workspace.template(form, revision: revision, draft: draft, allowObsolete: true)
        let marks = PrintMarks(watermark: watermark, stamp: copy.map { .controlledCopy($0) } ?? (uncontrolled ? .uncontrolled : nil),
                               changeRecord: withHistory)
        let titles = try await workspace.titles()
        let html = HTMLRenderer(settings: try workspace.settings(), language: lang, formTitles: titles, marks: marks).renderBlank(template)
        let name = template.alias + "-blank"
        var files = [(name: name + ".html", data: Data(html.utf8))]
        if pdf { files.append((name + ".pdf", try await PDFOutput.data(PrintDocument(name: name, html: html)))) }
        do { try OutputFolder(URL(fileURLWithPath: output)).write(files) } catch { throw Failure(error) }
        for file in files { print("\(output)/\(file.name)") }
    }
}
