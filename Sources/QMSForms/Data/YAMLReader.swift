import Foundation
import Yams

/// Reads record data from YAML with line numbers.
///
/// Refuses anchors and aliases (record data never needs them, and they are how
/// "billion laughs" YAML bombs work), duplicate keys, non-scalar keys and multi-document
/// streams. Scalars keep their text; only plain `null`/`~`, `true`/`false` and numbers are
/// recognised, so `no` stays the text "no" and `010` stays "010".
public struct YAMLReader: Sendable {
    /// More nodes than this is not record data.
    public static let maxNodes = 1_000_000

    /// A reader for the YAML subset data files use.
    public init() {}

    /// The data tree of the YAML `text`; `source` names it in messages.
    public func read(_ text: String, source: String) throws(DataError) -> DataNode {
        let parser: Yams.Parser
        let root: Node?
        do {
            parser = try Yams.Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw Self.convert(error, source: source)
        } catch {
            throw DataError(source: source, format: .yaml, line: 0, message: "\(error)")
        }
        guard let root else { throw DataError(source: source, format: .yaml, line: 1, message: "the document is empty") }
        // Anchors are weak references owned by the parser: keep it alive while walking.
        return try withExtendedLifetime(parser) { () throws(DataError) -> DataNode in
            var budget = Self.maxNodes
            return try convert(root, source: source, budget: &budget)
        }
    }

    private static func convert(_ error: YamlError, source: String) -> DataError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return DataError(source: source, format: .yaml, line: mark.line, column: mark.column, message: problem)
        case let .reader(problem, _, _, _):
            return DataError(source: source, format: .yaml, line: 0, message: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return DataError(source: source, format: .yaml, line: context.mark.line,
                             message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return DataError(source: source, format: .yaml, line: 0, message: "\(error)")
        }
    }

    private func convert(_ node: Node, source: String, budget: inout Int) throws(DataError) -> DataNode {
        let line = node.mark?.line ?? 0
        budget -= 1
        guard budget > 0 else {
            throw DataError(source: source, format: .yaml, line: line, message: "more than \(Self.maxNodes) values")
        }
        if node.anchor != nil {
            throw DataError(source: source, format: .yaml, line: line,
                            message: "anchors and aliases (&name, *name) are not allowed in record data",
                            hint: "write each value out in full")
        }
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return DataNode(.string(scalar.string), line: line) }
            return DataNode(Self.plain(scalar.string), line: line)
        case let .sequence(sequence):
            var items: [DataNode] = []
            for item in sequence { items.append(try convert(item, source: source, budget: &budget)) }
            return DataNode(.list(items), line: line)
        case let .mapping(mapping):
            var entries: [(key: String, node: DataNode)] = []
            var keys: Set<String> = []
            for (key, value) in mapping {
                guard case let .scalar(k) = key, key.anchor == nil else {
                    throw DataError(source: source, format: .yaml, line: key.mark?.line ?? line,
                                    message: "a key must be plain text")
                }
                guard keys.insert(k.string).inserted else {
                    throw DataError(source: source, format: .yaml, line: key.mark?.line ?? line,
                                    message: "duplicate key '\(k.string)'")
                }
                entries.append((k.string, try convert(value, source: source, budget: &budget)))
            }
            return DataNode(.map(entries), line: line)
        case .alias:
            throw DataError(source: source, format: .yaml, line: line,
                            message: "anchors and aliases (&name, *name) are not allowed in record data",
                            hint: "write each value out in full")
        }
    }

    /// Classifies a plain scalar: null, boolean, number, or text.
    static func plain(_ s: String) -> DataNode.Value {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        var rest = Substring(s)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let intPart = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(intPart.count)
        var fraction = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            let f = rest.prefix { $0.isASCII && $0.isNumber }
            fraction = f.count
            rest = rest.dropFirst(f.count)
        }
        let isNumber = rest.isEmpty && (intPart.count + fraction) > 0
            && !(intPart.count > 1 && intPart.first == "0") // 010 is a code, not a number
        return isNumber ? .number(s) : .string(s)
    }
}
