import ArgumentParser
import Foundation
import QMSForms

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Render a record's XML again as HTML, from the template revision it is pinned to.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "A record XML file written by fill.") var record: String
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "zh, en or both.") var lang: Language = .both

    func run() throws {
        let (name, html) = try workspace.renderRecord(record, language: lang)
        do { try OutputFolder(URL(fileURLWithPath: output)).write([(name + ".html", Data(html.utf8))]) } catch { throw Failure(error) }
        print("\(output)/\(name).html")
    }
}

extension WorkspaceOptions {
    /// The HTML of the record XML at `path`, rendered from the template revision it is pinned to,
    /// and its name (the record number, or the file's name for a draft).
    func renderRecord(_ path: String, language: Language) throws -> (name: String, html: String) {
        let url = URL(fileURLWithPath: path)
        guard let data = try? Data(contentsOf: url) else { throw Failure(.io, "\(path): cannot read the record") }
        do {
            let reader = RecordXMLReader()
            let (pin, root) = try reader.pin(data, source: path)
            var watermark: PrintMarks.Watermark?
            let template: Template
            if let control = try control() {
                let (t, standing) = try control.template(pin.form, revision: pin.revision)
                template = t
                watermark = standing == .draft ? .draft : nil
            } else {
                template = try FormCatalog(directory: workspace.formsDirectory).template(named: pin.form)
            }
            guard template.sha256 == pin.templateSHA256, template.control.revision == pin.revision else {
                throw Failure(.badTemplate, "\(path) is pinned to \(pin.form) \(pin.revision) with template SHA-256 \(pin.templateSHA256), "
                    + "but the template found is \(template.control.revision) with \(template.sha256); render it in the workspace that holds that revision")
            }
            let values = try RecordValidator(template: template).validate(reader.data(root, template: template), source: path)
            let html = HTMLRenderer(settings: try settings(), language: language, marks: PrintMarks(watermark: watermark)).render(values)
            return (pin.number == "DRAFT" ? url.deletingPathExtension().lastPathComponent : pin.number, html)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
