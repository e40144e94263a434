import ArgumentParser
import Foundation
import QMSForms

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Render a record's XML again as HTML, from the template revision it is pinned to.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "A record XML file written by fill.") var record: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both

    func run() async throws {
        let (name, html) = try await workspace.renderRecord(record, language: lang)
        do { try OutputFolder(URL(fileURLWithPath: output)).write([(name + ".html", Data(html.utf8))]) } catch { throw Failure(error) }
        print("\(output)/\(name).html")
    }
}

extension WorkspaceOptions {
    /// The HTML of the record XML at `path`, rendered from the template revision it is pinned to,
    /// and its name (the record number, or the file's name for a draft).
    func renderRecord(_ path: String, language: Language) async throws -> (name: String, html: String) {
        let url = URL(fileURLWithPath: path)
        guard let data = try? Data(contentsOf: url) else { throw Failure(.io, "\(path): cannot read the record") }
        do {
            var watermark: PrintMarks.Watermark?
            let control = try await control()
            let (values, pin) = try await RecordXMLReader().record(data, source: path) { pin in
                guard let control else { return try FormCatalog(directory: workspace.formsDirectory).template(named: pin.form) }
                let (t, standing) = try await control.template(pin.form, revision: pin.revision)
                watermark = standing == .draft ? .draft : nil
                return t
            }
            let html = HTMLRenderer(settings: try settings(), language: language, marks: PrintMarks(watermark: watermark)).render(values)
            return (pin.number == "DRAFT" ? url.deletingPathExtension().lastPathComponent : pin.number, html)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
