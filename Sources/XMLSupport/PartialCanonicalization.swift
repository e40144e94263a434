import CLibXML2
import Foundation

/// An element's expanded name: its namespace URI and local name.
public struct ExpandedName: Sendable, Hashable {
    /// The namespace URI (`nil` for none).
    public var namespace: String?
    /// The local name.
    public var localName: String

    /// `localName` in `namespace`.
    public init(_ namespace: String?, _ localName: String) {
        self.namespace = namespace
        self.localName = localName
    }
}

extension XMLTree {
    /// The document in exclusive C14N without any element named `omitted` or anything inside
    /// one (no comments): the node set the XML-Signature transform
    /// `not(ancestor-or-self::ds:Signature)` hands to exclusive C14N when `omitted` is
    /// `ds:Signature`, so the bytes every signature of a record covers.
    public func canonicalized(omitting omitted: ExpandedName) throws(XMLError) -> Data {
        let scope = VisibleScope(omitting: omitted)
        return try XMLTree.canonical(doc, scope: scope, source: source)
    }

    /// The `occurrence`-th element (0-based, document order) named `name`, in exclusive C14N
    /// as a subtree of its document (no comments): what a same-document reference `#id` to it
    /// digests, and the bytes a `ds:SignedInfo` is signed as. `nil` when there is no such element.
    public func canonicalized(element name: ExpandedName, occurrence: Int) throws(XMLError) -> Data? {
        var seen = 0
        guard let node = XMLTree.find(name, in: xmlDocGetRootElement(doc), seen: &seen, occurrence: occurrence) else { return nil }
        return try XMLTree.canonical(doc, scope: VisibleScope(subtree: node), source: source)
    }

    private static func find(_ name: ExpandedName, in node: xmlNodePtr?, seen: inout Int, occurrence: Int) -> xmlNodePtr? {
        var current = node
        while let n = current {
            if n.pointee.type == XML_ELEMENT_NODE {
                if VisibleScope.matches(n, name) {
                    if seen == occurrence { return n }
                    seen += 1
                }
                if let found = find(name, in: n.pointee.children, seen: &seen, occurrence: occurrence) { return found }
            }
            current = n.pointee.next
        }
        return nil
    }

    private static func canonical(_ doc: xmlDocPtr, scope: VisibleScope, source: String) throws(XMLError) -> Data {
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw .outputFailed("no memory to canonicalise \(source)") }
        let unmanaged = Unmanaged.passRetained(scope)
        defer { unmanaged.release() }
        let status = xmlC14NExecute(doc, { user, node, parent in
            guard let user else { return 0 }
            return Unmanaged<VisibleScope>.fromOpaque(user).takeUnretainedValue().isVisible(node, parent) ? 1 : 0
        }, unmanaged.toOpaque(), Int32(XML_C14N_EXCLUSIVE_1_0.rawValue), nil, 0, buffer)
        // Read what was written before the buffer is closed (closing flushes and frees it).
        let size = Int(xmlOutputBufferGetSize(buffer))
        let data = xmlOutputBufferGetContent(buffer).map { Data(bytes: $0, count: size) }
        xmlOutputBufferClose(buffer)
        guard status >= 0, let data else { throw .outputFailed("exclusive C14N failed for \(source)") }
        return data
    }
}

/// Which nodes a partial canonicalisation keeps: everything but the subtrees of elements with one
/// name, or only the subtree of one element.
private final class VisibleScope {
    let omitted: ExpandedName?
    let subtree: xmlNodePtr?

    init(omitting name: ExpandedName) {
        omitted = name
        subtree = nil
    }

    init(subtree node: xmlNodePtr) {
        omitted = nil
        subtree = node
    }

    /// libxml2 asks for elements, text, attributes and namespace nodes; an attribute or a
    /// namespace node (an `xmlNs`, whose type field sits where an `xmlNode`'s does) belongs to `parent`.
    func isVisible(_ node: xmlNodePtr?, _ parent: xmlNodePtr?) -> Bool {
        guard let node else { return false }
        let typeOffset = MemoryLayout<xmlNode>.offset(of: \xmlNode.type)!
        let type = UnsafeRawPointer(node).load(fromByteOffset: typeOffset, as: xmlElementType.self)
        var current: xmlNodePtr? = (type == XML_NAMESPACE_DECL || type == XML_ATTRIBUTE_NODE) ? parent : node
        if let omitted {
            while let n = current {
                if n.pointee.type == XML_ELEMENT_NODE, Self.matches(n, omitted) { return false }
                current = n.pointee.parent
            }
            return true
        }
        while let n = current {
            if n == subtree { return true }
            current = n.pointee.parent
        }
        return false
    }

    static func matches(_ element: xmlNodePtr, _ name: ExpandedName) -> Bool {
        guard let local = element.pointee.name, String(cString: local) == name.localName else { return false }
        let href = element.pointee.ns?.pointee.href.map { String(cString: $0) }
        return href == name.namespace
    }
}
