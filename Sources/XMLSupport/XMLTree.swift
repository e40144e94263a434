import CLibXML2
import Foundation

/// A parsed XML document, owned by this object and freed with it.
///
/// ``XMLTree`` is the one way into XML for the rest of the project. ``parse(_:source:)``
/// refuses any DOCTYPE (so no entity can be declared, expanded or loaded), never touches the
/// network, and keeps libxml2's error output off stderr.
///
/// ```swift
/// let tree = try XMLTree.parse(data, source: "forms/8d.xml")
/// print(tree.root.name)
/// ```
///
/// Not `Sendable`: use one tree from one task at a time.
public final class XMLTree {
    let doc: xmlDocPtr
    /// The document element as a Swift value.
    public let root: Element
    /// Where the bytes came from, for messages.
    public let source: String

    /// The largest document ``parse(_:source:maxBytes:)`` accepts by default: 32 MiB.
    public static let defaultMaxBytes = 32 << 20

    private init(doc: xmlDocPtr, root: Element, source: String) {
        self.doc = doc
        self.root = root
        self.source = source
    }

    deinit { xmlFreeDoc(doc) }

    /// Parses `data` safely.
    ///
    /// - Throws: ``XMLError/doctypeRefused(source:line:)`` for any DOCTYPE,
    ///   ``XMLError/malformed(source:line:column:message:)`` for bad XML,
    ///   ``XMLError/xincludeRefused(source:line:)`` for XInclude elements,
    ///   ``XMLError/tooLarge(source:bytes:limit:)`` over `maxBytes`.
    public static func parse(_ data: Data, source: String,
                             maxBytes: Int = defaultMaxBytes) throws(XMLError) -> XMLTree {
        let doc = try document(data, source: source, maxBytes: maxBytes)
        guard let rootNode = xmlDocGetRootElement(doc) else {
            xmlFreeDoc(doc)
            throw .malformed(source: source, line: 1, column: 1, message: "no root element")
        }
        do {
            let root = try convert(rootNode, source: source)
            return XMLTree(doc: doc, root: root, source: source)
        } catch {
            xmlFreeDoc(doc)
            throw error
        }
    }

    /// `data` parsed as safely as ``parse(_:source:maxBytes:)`` does and put in exclusive XML
    /// canonical form at once, without building the Swift tree: the fast way to hash a record.
    public static func canonicalized(_ data: Data, source: String, maxBytes: Int = defaultMaxBytes) throws(XMLError) -> Data {
        let doc = try document(data, source: source, maxBytes: maxBytes)
        defer { xmlFreeDoc(doc) }
        return try canonical(doc, source: source)
    }

    /// The most attributes one element may carry: libxml2 checks duplicates in quadratic time,
    /// so a file of 50,000 attributes would be parsed for minutes.
    public static let maxAttributes = 1_000

    /// The line of the first start tag with more than ``maxAttributes`` attributes, found in one
    /// linear pass over the bytes (an `=` outside quotes inside a tag counts one).
    static func elementWithTooManyAttributes(_ data: Data) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            var line = 1, inTag = false, quote: UInt8 = 0, count = 0, tagLine = 1
            for b in bytes {
                if b == 0x0A { line += 1 }
                if quote != 0 { if b == quote { quote = 0 }; continue }
                switch b {
                case UInt8(ascii: "<"): inTag = true; count = 0; tagLine = line
                case UInt8(ascii: ">"): inTag = false
                case UInt8(ascii: "\"") where inTag, UInt8(ascii: "'") where inTag: quote = b
                case UInt8(ascii: "=") where inTag:
                    count += 1
                    if count > maxAttributes { return tagLine }
                default: break
                }
            }
            return nil
        }
    }

    /// The libxml2 document for `data`: DOCTYPE refused, no network, errors collected.
    private static func document(_ data: Data, source: String, maxBytes: Int) throws(XMLError) -> xmlDocPtr {
        guard data.count <= maxBytes else {
            throw .tooLarge(source: source, bytes: data.count, limit: maxBytes)
        }
        guard data.count > 0 else {
            throw .malformed(source: source, line: 1, column: 1, message: "the file is empty")
        }
        if let line = elementWithTooManyAttributes(data) {
            throw .malformed(source: source, line: line, column: 1,
                             message: "an element with more than \(maxAttributes) attributes; no template or record has that many")
        }
        let state = ParseState()
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw -> xmlDocPtr? in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            guard let ctxt = xmlCreateMemoryParserCtxt(base, Int32(raw.count)) else { return nil }
            defer { xmlFreeParserCtxt(ctxt) }
            // No NOENT, no DTDLOAD, no HUGE; set the entity switches by hand because
            // process-wide defaults can leak into xmlCtxtUseOptions.
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
            xmlCtxtUseOptions(ctxt, options)
            ctxt.pointee.replaceEntities = 0
            ctxt.pointee.loadsubset = 0
            ctxt.pointee.validate = 0
            let unmanaged = Unmanaged.passUnretained(state)
            ctxt.pointee._private = unmanaged.toOpaque()
            if let sax = ctxt.pointee.sax {
                sax.pointee.internalSubset = refuseDoctype
                sax.pointee.externalSubset = nil
                sax.pointee.serror = recordParseError
                sax.pointee.warning = nil
            }
            _ = xmlParseDocument(ctxt)
            let parsed = ctxt.pointee.myDoc
            ctxt.pointee.myDoc = nil
            if state.doctypeLine != nil || ctxt.pointee.wellFormed == 0 {
                if let parsed { xmlFreeDoc(parsed) }
                return nil
            }
            return parsed
        }
        if let line = state.doctypeLine { throw .doctypeRefused(source: source, line: line) }
        guard let doc else {
            let err = state.firstError
            throw .malformed(source: source, line: err?.line ?? 0, column: err?.column ?? 0,
                             message: err?.message ?? "the parser gave up")
        }
        return doc
    }

    /// Parses the file at `url`.
    public static func parse(contentsOf url: URL, maxBytes: Int = defaultMaxBytes) throws -> XMLTree {
        let data = try Data(contentsOf: url)
        return try parse(data, source: url.path, maxBytes: maxBytes)
    }

    /// The document in exclusive XML canonicalisation (exc-c14n 1.0, no comments):
    /// the bytes to hash when a record's content must be fixed.
    public func canonicalized() throws(XMLError) -> Data {
        try XMLTree.canonical(doc, source: source)
    }

    private static func canonical(_ doc: xmlDocPtr, source: String) throws(XMLError) -> Data {
        var out: UnsafeMutablePointer<xmlChar>? = nil
        let length = xmlC14NDocDumpMemory(doc, nil, Int32(XML_C14N_EXCLUSIVE_1_0.rawValue), nil, 0, &out)
        guard length >= 0, let out else { throw .outputFailed("exclusive C14N failed for \(source)") }
        defer { qms_xmlFree(out) }
        return Data(bytes: out, count: Int(length))
    }

    /// The document serialised by libxml2 as UTF-8, with an XML declaration.
    public func serialized() throws(XMLError) -> Data {
        var out: UnsafeMutablePointer<xmlChar>? = nil
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8")
        guard let out else { throw .outputFailed("serialisation failed for \(source)") }
        defer { qms_xmlFree(out) }
        return Data(bytes: out, count: Int(size))
    }

    /// Evaluates an XPath 1.0 expression and returns the string value of each node it selects
    /// (or the single string value of a scalar result).
    ///
    /// - Parameter namespaces: prefix → URI bindings usable in `expression`.
    /// - Returns: `nil` when the expression does not compile.
    public func strings(xpath expression: String, namespaces: [String: String] = [:]) -> [String]? {
        guard let ctx = xmlXPathNewContext(doc) else { return nil }
        defer { xmlXPathFreeContext(ctx) }
        ctx.pointee.error = ignoreError // keep libxml2 off stderr; a bad expression returns nil
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(ctx, prefix, uri) }
        guard let result = xmlXPathEvalExpression(expression, ctx) else { return nil }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval else { return [] }
            var values: [String] = []
            for i in 0..<Int(set.pointee.nodeNr) {
                guard let node = set.pointee.nodeTab[i] else { continue }
                values.append(content(of: node))
            }
            return values
        default:
            guard let s = xmlXPathCastToString(result) else { return [] }
            defer { qms_xmlFree(s) }
            return [String(cString: s)]
        }
    }
}

private func content(of node: xmlNodePtr) -> String {
    guard let c = xmlNodeGetContent(node) else { return "" }
    defer { qms_xmlFree(c) }
    return String(cString: c)
}

/// What the C callbacks learn during one parse.
final class ParseState {
    var doctypeLine: Int?
    var firstError: (line: Int, column: Int, message: String)?
}

private func state(of ctx: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr, ParseState)? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let raw = ctxt.pointee._private else { return nil }
    return (ctxt, Unmanaged<ParseState>.fromOpaque(raw).takeUnretainedValue())
}

private let refuseDoctype: internalSubsetSAXFunc = { ctx, _, _, _ in
    guard let (ctxt, state) = state(of: ctx) else { return }
    state.doctypeLine = Int(xmlSAX2GetLineNumber(ctx))
    xmlStopParser(ctxt)
}

private let ignoreError: xmlStructuredErrorFunc = { _, _ in }

private let recordParseError: xmlStructuredErrorFunc = { ctx, error in
    guard let (_, state) = state(of: ctx), let error else { return }
    if state.firstError == nil {
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        state.firstError = (Int(error.pointee.line), Int(error.pointee.int2),
                            message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

private let xincludeNamespaces: Set<String> = [
    "http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude",
]

private func convert(_ node: xmlNodePtr, source: String) throws(XMLError) -> Element {
    let name = String(cString: node.pointee.name)
    let namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    let line = Int(xmlGetLineNo(node))
    if let namespace, xincludeNamespaces.contains(namespace) {
        throw .xincludeRefused(source: source, line: line)
    }
    var attributes: [Element.Attribute] = []
    var attr = node.pointee.properties
    while let a = attr {
        let aname = String(cString: a.pointee.name)
        let ans = a.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        var value = ""
        if let v = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1) {
            value = String(cString: v)
            qms_xmlFree(v)
        }
        attributes.append(.init(name: aname, namespace: ans, value: value))
        attr = a.pointee.next
    }
    var children: [Element.Node] = []
    var child = node.pointee.children
    while let c = child {
        switch c.pointee.type {
        case XML_ELEMENT_NODE:
            children.append(.element(try convert(c, source: source)))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            let text = c.pointee.content.map { String(cString: $0) } ?? ""
            if case let .text(previous)? = children.last {
                children[children.count - 1] = .text(previous + text)
            } else {
                children.append(.text(text))
            }
        default:
            break // comments and processing instructions carry no data
        }
        child = c.pointee.next
    }
    return Element(name: name, namespace: namespace, attributes: attributes,
                   children: children, line: line)
}
