import ArgumentParser
import Foundation
import QMSForms

struct FillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill", abstract: "Fill a form from data: write NAME.xml and NAME.html, or nothing when invalid.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number, alias or template path.") var form: String
    @Argument(help: "YAML, JSON or CSV data file, - for standard input, or many records: a folder, JSON Lines, a YAML stream, CSV rows.")
    var data: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both
    @Option(help: revisionHelp("Fill against this revision instead of the one in force (an obsolete one is refused).")) var revision: Revision?
    @Flag(help: "Fill against the open draft revision; the print is marked DRAFT.") var draft = false
    @Flag(help: "Also write NAME.pdf, printed by headless Chromium.") var pdf = false
    @Option(help: "text, or json: the problems (or the files written) as JSON on standard output (one record).") var format: OutputFormat = .text
    @OptionGroup var batch: BatchOptions
    @OptionGroup var input: DataOptions

    func run() async throws {
        if pdf { _ = try PDFOutput.browser() }
        let (schedule, watermark) = try await workspace.schedule(form, revision: revision, draft: draft)
        if let input = try batch.input(data, template: schedule.current, options: input) {
            if format == .json { throw Failure(.usage, "--format json reports on one record; give a single data file") }
            if pdf { throw Failure(.usage, "--pdf prints one record; for a batch, print the pages afterwards: qmsforms print \(output)/*.html --pdf DIR") }
            var filler = FormFiller(settings: try workspace.settings(), language: lang)
            filler.renderer.marks.watermark = watermark
            let folder = OutputFolder(URL(fileURLWithPath: output))
            return try await batch.perform(input) { report, progress in
                try await filler.fillAll(schedule, from: input, into: folder, run: batch.run, report: report, progress: progress)
            }
        }
        let fallback = data == "-" ? "DRAFT" : URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        let source = data == "-" ? "<stdin>" : data
        try await reporting(format, template: schedule.current, source: source) {
            var filler = FormFiller(settings: try workspace.settings(), language: lang)
            filler.renderer.marks.watermark = watermark
            let node = try readData(data, for: schedule.current, input: input)
            let template = schedule.template(for: node)
            let filled = try filler.fill(template, data: node, source: source, fallbackName: fallback)
            warnUnprintable(filled.record, name: filled.name)
            var files = filled.files
            if pdf { files.append((filled.name + ".pdf", try await PDFOutput.data(PrintDocument(name: filled.name, html: filled.html)))) }
            try OutputFolder(URL(fileURLWithPath: output)).write(files)
            let paths = files.map { "\(output)/\($0.name)" }
            if format == .text { for path in paths { print(path) } }
            return ValidationReport(source: source, form: template.number, revision: template.control.revision.description,
                                    record: filled.record.number, problems: [], files: paths)
        }
    }
}
