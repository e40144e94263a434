import Foundation

/// The controlled templates of a forms folder, each parsed and validated once.
///
/// A form is found by number (`SG-QR-22-02`), alias (`8d`) or path to a template file.
///
/// ```swift
/// let catalog = try FormCatalog(directory: URL(fileURLWithPath: "forms"))
/// for t in catalog.templates { print(t.number, t.alias) }
/// ```
public struct FormCatalog: Sendable {
    /// Where the templates came from: a folder's path, or the built-in forms.
    public let origin: String
    /// Every template in the folder, sorted by form number.
    public let templates: [Template]
    private let loader: TemplateLoader

    /// Loads every `*.xml` directly inside `directory`.
    ///
    /// - Throws: ``TemplateError`` for the first template that does not load, or when two
    ///   templates share a number or an alias.
    public init(directory: URL, loader: TemplateLoader? = nil) throws(TemplateError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            let failure = FileError.from(error, .list, path: directory.path)
            throw TemplateError(path: directory.path, reason: .io("cannot list the forms folder: \(failure.reason)"))
        }
        var files: [(String, Data)] = []
        for name in names.sorted() where name.hasSuffix(".xml") {
            let url = directory.appendingPathComponent(name)
            do { files.append((url.path, try Data(contentsOf: url))) } catch {
                throw TemplateError(path: url.path, reason: .io(FileError.from(error, .read, path: url.path).reason))
            }
        }
        try self.init(files: files, origin: directory.path, loader: loader)
    }

    /// Loads templates from their bytes; each `path` names its template in messages and
    /// `origin` names the set (a folder, or the built-in forms).
    public init(files: [(path: String, data: Data)], origin: String, loader: TemplateLoader? = nil) throws(TemplateError) {
        let loader = if let loader { loader } else { try TemplateLoader() }
        self.loader = loader
        self.origin = origin
        var templates: [Template] = []
        for file in files {
            let t = try loader.load(data: file.data, path: file.path)
            if let other = templates.first(where: { $0.number == t.number || $0.alias == t.alias }) {
                throw TemplateError(path: t.path, reason: .semantic(
                    "form \(t.number) (alias \(t.alias)) clashes with \(other.path) (\(other.number), alias \(other.alias))"))
            }
            templates.append(t)
        }
        self.templates = templates.sorted { $0.number < $1.number }
        // A procedure's flow may only name forms that exist here.
        for t in templates {
            for number in t.document?.formNumbers ?? [] where !templates.contains(where: { $0.number == number }) {
                throw TemplateError(path: t.path, reason: .semantic("the flow names form \(number), which is not in \(origin)"))
            }
        }
    }

    /// Form number → title of every template, for documents that name forms.
    public var titles: [String: Bilingual] {
        Dictionary(uniqueKeysWithValues: templates.map { ($0.number, $0.title) })
    }

    /// The template named by `name`: a form number, an alias, or a path to a template file.
    public func template(named name: String) throws(TemplateError) -> Template {
        if let t = templates.first(where: { $0.number.caseInsensitiveCompare(name) == .orderedSame || $0.alias == name }) {
            return t
        }
        if name.hasSuffix(".xml") || name.contains("/") {
            return try loader.load(contentsOf: URL(fileURLWithPath: name))
        }
        throw TemplateError(path: name, reason: .notFound(name, known: templates.map { "\($0.alias) (\($0.number))" }))
    }

    /// The template `name` in `directory`, loading only its own file when `name` is the
    /// file's name (`8d` → `8d.xml`, as the shipped forms are named) or a path; otherwise, or
    /// when the file turns out to be another form, the whole catalog as ``template(named:)``.
    /// One fill need not parse thirteen templates.
    public static func template(named name: String, in directory: URL, loader: TemplateLoader? = nil) throws -> Template {
        let loader = try loader ?? TemplateLoader()
        if name.hasSuffix(".xml") || name.contains("/") { return try loader.load(contentsOf: URL(fileURLWithPath: name)) }
        let file = directory.appendingPathComponent(name + ".xml")
        if FileName.isSafe(name), FileManager.default.fileExists(atPath: file.path),
           let t = try? loader.load(contentsOf: file), t.alias == name, t.document == nil {
            return t
        }
        return try FormCatalog(directory: directory, loader: loader).template(named: name)
    }
}
