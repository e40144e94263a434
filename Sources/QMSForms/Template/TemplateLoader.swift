import Crypto
import Foundation
import XMLSupport

/// Reads template files: safe XML parse, validation against the template language schema,
/// then the checks a schema cannot make (ids unique, rules naming real fields, …).
///
/// ```swift
/// let template = try TemplateLoader().load(contentsOf: URL(fileURLWithPath: "forms/8d.xml"))
/// ```
public struct TemplateLoader: Sendable {
    /// The template language namespace.
    public static let namespace = "urn:qmsforms:template:1"

    private let schema: XMLSchema

    /// Compiles the template language schema (once per loader; keep the loader).
    public init() throws(TemplateError) {
        do { schema = try XMLSchema(data: ShippedForms.templateSchema, source: "forms/schema/template.xsd") } catch {
            throw TemplateError(path: "forms/schema/template.xsd", reason: .xml(error))
        }
    }

    /// Loads the template at `url`.
    public func load(contentsOf url: URL) throws(TemplateError) -> Template {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TemplateError(path: url.path, reason: .io(FileError.from(error, .read, path: url.path).reason))
        }
        return try load(data: data, path: url.path)
    }

    /// Loads a template from its bytes; `path` names it in messages.
    public func load(data: Data, path: String) throws(TemplateError) -> Template {
        let tree: XMLTree
        do { tree = try XMLTree.parse(data, source: path, maxBytes: 4 << 20) } catch {
            throw TemplateError(path: path, reason: .xml(error))
        }
        guard tree.root.namespace == Self.namespace, tree.root.name == "template" else {
            throw TemplateError(path: path, line: tree.root.line, reason: .semantic(
                "the root element must be <template xmlns=\"\(Self.namespace)\">, found <\(tree.root.name)>"
                    + (tree.root.namespace.map { " in namespace \($0)" } ?? " in no namespace")))
        }
        let problems = schema.validate(tree)
        guard problems.isEmpty else { throw TemplateError(path: path, reason: .schema(problems)) }
        let sha = Digest.sha256(data)
        var reader = TemplateReader(path: path)
        return try reader.read(tree.root, sha256: sha)
    }
}
