import CLibXML2
import Foundation

/// A compiled W3C XML Schema (XSD 1.0), immutable and shareable across tasks.
///
/// ```swift
/// let schema = try XMLSchema(data: xsd, source: "8d.xsd")
/// let problems = schema.validate(tree)   // [] when valid
/// ```
public final class XMLSchema: @unchecked Sendable {
    // A compiled xmlSchemaPtr is read-only after xmlSchemaParse; each validation uses its
    // own validation context, so sharing the schema between threads is safe.
    private let schema: xmlSchemaPtr
    public let source: String

    /// Compiles the schema in `data`.
    public init(data: Data, source: String) throws(XMLError) {
        let collector = DiagnosticCollector()
        let compiled: xmlSchemaPtr? = data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            guard let ctxt = xmlSchemaNewMemParserCtxt(base, Int32(raw.count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(ctxt) }
            let box = Unmanaged.passUnretained(collector).toOpaque()
            xmlSchemaSetParserStructuredErrors(ctxt, collectDiagnostic, box)
            return xmlSchemaParse(ctxt)
        }
        guard let compiled else {
            throw .schemaInvalid(source: source, diagnostics: collector.diagnostics)
        }
        self.schema = compiled
        self.source = source
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates `tree`; returns every problem found, in document order (empty when valid).
    public func validate(_ tree: XMLTree) -> [XMLDiagnostic] {
        let collector = DiagnosticCollector()
        guard let vctxt = xmlSchemaNewValidCtxt(schema) else {
            return [XMLDiagnostic(line: 0, message: "cannot create a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        let box = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetValidStructuredErrors(vctxt, collectDiagnostic, box)
        let rc = xmlSchemaValidateDoc(vctxt, tree.doc)
        if rc != 0 && collector.diagnostics.isEmpty {
            return [XMLDiagnostic(line: 0, message: "the document is not valid (libxml2 code \(rc))")]
        }
        return collector.diagnostics
    }
}

final class DiagnosticCollector {
    var diagnostics: [XMLDiagnostic] = []
}

private let collectDiagnostic: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    let collector = Unmanaged<DiagnosticCollector>.fromOpaque(ctx).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    collector.diagnostics.append(XMLDiagnostic(
        line: Int(error.pointee.line),
        message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
}
