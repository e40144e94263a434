import Foundation

/// The whole pipeline for one record: data → validated ``Record`` → archival XML + HTML.
///
/// ```swift
/// let filler = FormFiller(settings: try Settings.load(folder: cwd), language: .both)
/// let filled = try filler.fill(template, data: node, source: "8d.yaml", fallbackName: "8d")
/// try OutputFolder(outDir).write(filled.files)
/// ```
public struct FormFiller: Sendable {
    /// How pages are rendered.
    public var renderer: HTMLRenderer

    /// A filler printing with `settings` in `language`.
    public init(settings: Settings, language: Language = .both) {
        renderer = HTMLRenderer(settings: settings, language: language)
    }

    /// A validated record and its two renditions, named for writing.
    public struct Filled: Sendable {
        /// The validated record.
        public var record: Record
        /// Its archival XML.
        public var xml: String
        /// Its HTML print.
        public var html: String
        /// The record number, else the fallback name.
        public var name: String

        /// `NAME.xml` and `NAME.html` with their bytes.
        public var files: [(name: String, data: Data)] {
            [(name + ".xml", Data(xml.utf8)), (name + ".html", Data(html.utf8))]
        }
    }

    /// Validates `data` against `template` and renders it.
    ///
    /// - Parameters:
    ///   - template: the form, at the revision the record is filled against.
    ///   - data: the record's data tree.
    ///   - source: names the data in problems (a file name).
    ///   - fallbackName: the output name when the data has no `record_no`
    ///     (the data file's base name); checked with ``FileName/isSafe(_:)``.
    public func fill(_ template: Template, data: DataNode, source: String, fallbackName: String) throws -> Filled {
        let record = try RecordValidator(template: template).validate(data, source: source)
        let name = record.number ?? fallbackName
        guard FileName.isSafe(name) else {
            throw FileError(.write, path: name, reason: "not a safe file name", remedy: "give the data a record_no or rename the data file (letters, digits, - _ .)")
        }
        return Filled(record: record, xml: RecordXMLWriter().write(record), html: renderer.render(record), name: name)
    }
}
