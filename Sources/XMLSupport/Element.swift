/// An XML element as a plain Swift value: what every layer above ``XMLSupport`` reads.
///
/// Parsing produces a tree of these from a libxml2 document; no C pointer survives the
/// conversion. Text and CDATA are merged into ``Node/text(_:)`` children.
public struct Element: Sendable, Equatable {
    /// Local name, without prefix.
    public var name: String
    /// Namespace URI, or `nil` for no namespace.
    public var namespace: String?
    /// Attributes in document order (namespace declarations are not attributes).
    public var attributes: [Attribute]
    /// Child elements and text, in document order.
    public var children: [Node]
    /// Line of the start tag, 1-based.
    public var line: Int

    public init(name: String, namespace: String? = nil, attributes: [Attribute] = [],
                children: [Node] = [], line: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// One attribute.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var namespace: String?
        public var value: String
        public init(name: String, namespace: String? = nil, value: String) {
            self.name = name
            self.namespace = namespace
            self.value = value
        }
    }

    /// A child: an element or a run of character data.
    public enum Node: Sendable, Equatable {
        case element(Element)
        case text(String)
    }

    /// The value of the unprefixed attribute `name`, if present.
    public subscript(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }

    /// Child elements only, in order.
    public var elements: [Element] {
        children.compactMap { if case let .element(e) = $0 { e } else { nil } }
    }

    /// Child elements called `name`.
    public func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    /// The first child element called `name`.
    public func element(named name: String) -> Element? {
        elements.first { $0.name == name }
    }

    /// All character data below this element, concatenated.
    public var text: String {
        var out = ""
        for child in children {
            switch child {
            case let .text(t): out += t
            case let .element(e): out += e.text
            }
        }
        return out
    }
}
