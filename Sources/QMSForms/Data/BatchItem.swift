import Foundation

/// One record's data as it sits in a batch input, read but not parsed yet (parsing is the
/// part worth doing on several cores).
public struct BatchItem: Sendable {
    /// 1-based position in the batch.
    public var index: Int
    /// The file it comes from.
    public var source: String
    /// The line of `source` it starts on (1 for a file of its own).
    public var line: Int
    /// The output name when the data has no `record_no`.
    public var fallbackName: String
    /// The character encoding of its bytes.
    public var encoding: TextEncoding
    var payload: Payload

    enum Payload: Sendable {
        /// A JSON line or a YAML document, to parse with its lines counted from `line`.
        case text([UInt8], DataError.Format)
        /// A file of its own (in a folder).
        case file(URL)
        /// CSV rows of one record: the header, then the rows (all with their file lines).
        case csv(header: CSVReader.Row, rows: [CSVReader.Row], table: Bool)
    }

    /// The format it is written in.
    public var format: DataError.Format {
        switch payload {
        case let .text(_, format): format
        case .csv: .csv
        case let .file(url): ["csv": .csv, "json": .json, "xlsx": .xlsx][url.pathExtension.lowercased()] ?? .yaml
        }
    }

    /// Where it is, for messages: `file:line`, or the file alone.
    public var position: String {
        if case .file = payload { return source }
        return "\(source):\(line)"
    }

    /// The data tree, with line numbers as in the input file.
    public func parse(template: Template) throws -> DataNode {
        switch payload {
        case let .text(bytes, format):
            do {
                let node = try DataSource.parse(bytes, source: source, formatHint: format == .json ? "json" : "yaml", encoding: encoding)
                return line == 1 ? node : node.shifted(by: line - 1)
            } catch { throw error.shifted(by: line - 1) }
        case let .file(url):
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw FileError.from(error, .read, path: url.path)
            }
            return try DataSource.parse(Array(data), source: url.path, formatHint: url.pathExtension, template: template, encoding: encoding)
        case let .csv(header, rows, table):
            if table { return try CSVBinding(template: template).bind([header] + rows, source: source) }
            return try CSVRecordBinding().bind(header: header, row: rows[0], source: source)
        }
    }
}

extension DataNode {
    /// The same tree with every known line moved down by `offset`.
    func shifted(by offset: Int) -> DataNode {
        var copy = self
        if copy.line > 0 { copy.line += offset }
        switch value {
        case let .list(items): copy.value = .list(items.map { $0.shifted(by: offset) })
        case let .map(entries): copy.value = .map(entries.map { ($0.key, $0.node.shifted(by: offset)) })
        default: break
        }
        return copy
    }
}

extension DataError {
    func shifted(by offset: Int) -> DataError {
        var copy = self
        if copy.line > 0 { copy.line += offset }
        return copy
    }
}
