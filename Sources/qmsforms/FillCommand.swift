import ArgumentParser
import Foundation
import QMSForms

struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill", abstract: "Fill a form from data: write NAME.xml and NAME.html, or nothing when invalid.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, - for standard input, or many records: a folder, JSON Lines, a YAML stream, CSV rows.")
    var data: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both
    @Option(help: "Fill against this revision instead of the one in force (an obsolete one is refused).") var revision: String?
    @Flag(help: "Fill against the open draft revision; the print is marked DRAFT.") var draft = false
    @Flag(help: "Also write NAME.pdf, printed by headless Chromium.") var pdf = false
    @OptionGroup var batch: BatchOptions

    func run() throws {
        if pdf { _ = try PDFOutput.browser() }
        let (template, watermark) = try workspace.form(form, revision: revision, draft: draft)
        if let input = try batch.input(data, template: template) {
            if pdf { throw Failure(.usage, "--pdf prints one record; for a batch, print the pages afterwards: qmsforms print \(output)/*.html --pdf DIR") }
            var filler = FormFiller(settings: try workspace.settings(), language: lang)
            filler.renderer.marks.watermark = watermark
            let folder = OutputFolder(URL(fileURLWithPath: output))
            return try batch.perform(input) { report, progress in
                try filler.fillAll(template, from: input, into: folder, run: batch.run, report: report, progress: progress)
            }
        }
        let node = try readData(data, for: template)
        let fallback = data == "-" ? "DRAFT" : URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        do {
            var filler = FormFiller(settings: try workspace.settings(), language: lang)
            filler.renderer.marks.watermark = watermark
            let filled = try filler
                .fill(template, data: node, source: data == "-" ? "<stdin>" : data, fallbackName: fallback)
            var files = filled.files
            if pdf { files.append((filled.name + ".pdf", try PDFOutput.data(PrintDocument(name: filled.name, html: filled.html)))) }
            try OutputFolder(URL(fileURLWithPath: output)).write(files)
            for file in files { print("\(output)/\(file.name)") }
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
