/// Record data as read from YAML or JSON, before it is checked against a template.
///
/// Scalars keep their text (a number stays `"12.50"`): the template decides the type.
/// Every node knows its line, so problems can point into the data file.
public struct DataNode: Sendable, Equatable {
    /// A value as the data gives it, before it is typed against a template.
    public indirect enum Value: Sendable, Equatable {
        /// An explicit null (`~`, `null`).
        case null
        /// A boolean.
        case bool(Bool)
        /// A JSON number or an unquoted YAML number-like scalar, as written.
        case number(String)
        /// A string.
        case string(String)
        /// A sequence.
        case list([DataNode])
        /// Keys in the order written; duplicates are refused by the readers.
        case map([(key: String, node: DataNode)])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): true
            case let (.bool(x), .bool(y)): x == y
            case let (.number(x), .number(y)), let (.string(x), .string(y)): x == y
            case let (.list(x), .list(y)): x == y
            case let (.map(x), .map(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.node == $1.node }
            default: false
            }
        }
    }

    /// The value.
    public var value: Value
    /// 1-based line in the source, 0 when unknown.
    public var line: Int

    /// A node holding `value`, read at `line`.
    public init(_ value: Value, line: Int = 0) {
        self.value = value
        self.line = line
    }

    /// The entries of a map, or `nil`.
    public var entries: [(key: String, node: DataNode)]? {
        if case let .map(m) = value { m } else { nil }
    }

    /// The value for `key` in a map.
    public subscript(key: String) -> DataNode? {
        entries?.first { $0.key == key }?.node
    }

    /// The scalar as text (strings, numbers, booleans), or `nil`.
    public var scalarText: String? {
        switch value {
        case let .string(s), let .number(s): s
        case let .bool(b): b ? "true" : "false"
        default: nil
        }
    }

    /// Absent for the purpose of rules: null, an empty or blank string, an empty list or map.
    public var isEmpty: Bool {
        switch value {
        case .null: true
        case let .string(s): s.isBlank
        case let .list(l): l.isEmpty
        case let .map(m): m.isEmpty
        default: false
        }
    }

    /// A short description of the kind of value, for messages.
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
