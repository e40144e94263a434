import Foundation

/// The forms qmsforms ships — the thirteen controlled documents of SG-QP-07, the template
/// language schema and the example data — built into the library from the package's `forms/`
/// folder, so that a binary copied to another folder or machine needs no checkout beside it.
///
/// ```swift
/// let catalog = try ShippedForms.catalog()
/// let capa = try catalog.template(named: "capa")
/// try ShippedForms.write(to: URL(fileURLWithPath: "my-forms"))   // a company's own starting point
/// ```
public enum ShippedForms {
    /// One shipped file: its path below `forms/` and its exact bytes.
    public struct File: Sendable {
        /// Below `forms/`: `8d.xml`, `schema/template.xsd`, `examples/8d.yaml`.
        public let path: String
        /// The bytes, exactly as in `forms/`.
        public let data: Data
    }

    /// Every shipped file, sorted by path.
    public static let files: [File] = encoded.map { File(path: $0.path, data: Data(base64Encoded: $0.base64)!) }

    /// Where shipped templates say they come from in messages and listings.
    public static let origin = "(built in)"

    /// The shipped file at `path` (below `forms/`).
    public static func file(_ path: String) -> File? { files.first { $0.path == path } }

    /// The template language schema every template is validated against (`forms/schema/template.xsd`).
    public static var templateSchema: Data { file("schema/template.xsd")!.data }

    /// The shipped templates (the `*.xml` files at the top of `forms/`).
    public static var templates: [File] { files.filter { !$0.path.contains("/") && $0.path.hasSuffix(".xml") } }

    /// The catalog of the shipped templates.
    public static func catalog(loader: TemplateLoader? = nil) throws(TemplateError) -> FormCatalog {
        try FormCatalog(files: templates.map { ("\(origin) forms/\($0.path)", $0.data) }, origin: "the built-in forms", loader: loader)
    }

    /// Writes every shipped file below `directory`, creating folders as needed.
    public static func write(to directory: URL) throws(FileError) {
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try FileError.attempt(.create, url.deletingLastPathComponent()) {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try DurableFile.write(file.data, to: url, replacing: false)
        }
    }
}
