import Foundation

/// Many records from one input, read one at a time at flat memory:
///
/// - a folder: each `.yaml`, `.yml`, `.json` or `.csv` file in it is one record (by file name order);
/// - JSON Lines (`.jsonl`, `.ndjson`): one JSON object per line;
/// - a YAML stream: documents separated by `---` lines;
/// - CSV: for a form with a CSV table (call log, survey summary) the rows of one record share a
///   `record_no` and follow each other; for any other form each row is one record, its columns
///   named by path (see ``CSVRecordBinding``).
///
/// ```swift
/// let input = try BatchInput(path: "records.jsonl", template: template)
/// while let item = try input.next() { let data = try item.parse(template: template) … }
/// ```
public final class BatchInput {
    /// How the records are given: a folder of files, JSON Lines, a YAML stream, or CSV rows.
    public enum Kind: Sendable, Equatable {
        /// A folder of data files, one record each.
        case folder
        /// JSON Lines: one record a line.
        case jsonLines
        /// A YAML stream: documents separated by `---`.
        case yamlStream
        /// CSV rows, one record each.
        case csv
    }

    /// How the records are given.
    public let kind: Kind
    /// The path given.
    public let path: String
    /// Bytes (files for a folder) in all, and read so far, for a progress bar.
    public let total: Int
    /// Progress so far: files read, or bytes read of a stream.
    public var done: Int { files != nil ? position : lines?.bytesRead ?? 0 }

    private let template: Template
    /// The files' character encoding.
    public let encoding: TextEncoding
    private let stem: String
    private var files: [URL]?
    private var position = 0
    private var lines: LineReader?
    private var count = 0
    private var csvHeader: CSVReader.Row?
    private var csvPending: [CSVReader.Row] = []
    /// The rows of a workbook's sheet, read at once.
    private var sheetRows: ArraySlice<CSVReader.Row>?

    /// Whether `path` holds many records (see the type's description); `false` means it is one
    /// record for ``DataSource``. Reads at most up to the second record.
    public static func isBatch(path: String, template: Template, encoding: TextEncoding = .utf8, sheet: String? = nil) -> Bool {
        var folder: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &folder) else { return false }
        if folder.boolValue { return true }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "jsonl", "ndjson": return true
        case "yaml", "yml", "csv", "xlsx":
            guard let input = try? BatchInput(path: path, template: template, encoding: encoding, sheet: sheet) else { return false }
            if input.kind == .csv && !template.takesCSVTable { return true }
            _ = try? input.next()
            return (try? input.next()) != nil
        default: return false
        }
    }

    /// Opens `path` as a batch of records for `template`, its files in `encoding`.
    public init(path: String, template: Template, encoding: TextEncoding = .utf8, sheet: String? = nil) throws(DataError) {
        self.path = path
        self.template = template
        self.encoding = encoding
        let url = URL(fileURLWithPath: path)
        stem = url.deletingPathExtension().lastPathComponent
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else {
            throw DataError(source: path, format: .yaml, line: 0, message: "no such file or folder")
        }
        if folder.boolValue {
            kind = .folder
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { ["yaml", "yml", "json", "csv", "xlsx"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                .sorted().map { url.appendingPathComponent($0) }
            total = files?.count ?? 0
            return
        }
        total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson": kind = .jsonLines
        case "csv": kind = .csv
        case "xlsx":
            // A workbook is read whole (its limits keep that small); its rows are then CSV rows.
            kind = .csv
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw DataError(source: path, format: .xlsx, line: 0, message: "cannot read: \(error.localizedDescription)") }
            guard data.count <= DataSource.maxBytes else {
                throw DataError(source: path, format: .xlsx, line: 0, message: "\(data.count) bytes is over the limit of \(DataSource.maxBytes) for one data file")
            }
            sheetRows = try XLSXReader().rows(data, sheet: sheet, source: path)[...]
            return
        default: kind = .yamlStream
        }
        lines = try LineReader(url: url)
    }

    /// The next record, or `nil` after the last. Throws only when the input cannot be read on
    /// (a CSV header that is not CSV); a bad record comes back as an item that fails to parse.
    public func next() throws(DataError) -> BatchItem? {
        switch kind {
        case .folder:
            guard let files, position < files.count else { return nil }
            let file = files[position]
            position += 1
            return item(source: file.path, line: 1, fallback: file.deletingPathExtension().lastPathComponent, .file(file))
        case .jsonLines:
            while let (line, bytes) = lines?.next() {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                return item(source: path, line: line, fallback: nil, .text(bytes, .json))
            }
            return nil
        case .yamlStream: return nextYAML()
        case .csv: return try nextCSV()
        }
    }

    private func item(source: String, line: Int, fallback: String?, _ payload: BatchItem.Payload) -> BatchItem {
        count += 1
        let name = fallback ?? stem + "-" + String(repeating: "0", count: max(0, 6 - String(count).count)) + String(count)
        return BatchItem(index: count, source: source, line: line, fallbackName: name, encoding: encoding, payload: payload)
    }

    /// Lines up to the next `---` (or `...`) line; a document of only comments and blanks is skipped.
    private func nextYAML() -> BatchItem? {
        var document: [UInt8] = []
        var first = 0
        var content = false
        func isMarker(_ b: [UInt8]) -> Bool {
            let t = b.last == 0x0D ? Array(b.dropLast()) : b
            return t.starts(with: Array("---".utf8)) && (t.count == 3 || t[3] == 0x20 || t[3] == 0x09)
                || t == Array("...".utf8)
        }
        while let (line, bytes) = lines?.next() {
            if isMarker(bytes) {
                if content { return item(source: path, line: first, fallback: nil, .text(document, .yaml)) }
                document = []
                // "--- value" starts a document with content on the marker line.
                let rest = bytes.dropFirst(3).drop { $0 == 0x20 || $0 == 0x09 }
                if bytes.starts(with: Array("---".utf8)), !rest.isEmpty, rest.first != UInt8(ascii: "#") {
                    document = Array(rest) + [0x0A]
                    first = line
                    content = true
                }
                continue
            }
            let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 }
            if !content && (trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") || trimmed == [0x0D]) { continue }
            if !content { first = line; content = true }
            document += bytes
            document.append(0x0A)
        }
        return content ? item(source: path, line: first, fallback: nil, .text(document, .yaml)) : nil
    }

    /// One CSV row: lines joined until the quotes balance; blank lines are skipped.
    private func nextRow() throws(DataError) -> CSVReader.Row? {
        if sheetRows != nil { return sheetRows?.popFirst() }
        while true {
            var text: [UInt8] = []
            var first = 0
            var quotes = 0
            var started = false
            while let (line, read) = lines?.next() {
                // CRLF as Excel saves it: the line's CR goes with its LF (a CRLF inside quotes becomes LF).
                let bytes = read.last == 0x0D ? read.dropLast() : read[...]
                if !started {
                    if bytes.isEmpty { continue }
                    started = true
                    first = line
                } else { text.append(0x0A) }
                text += bytes
                quotes += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
                if quotes % 2 == 0 { break }
                guard text.count <= DataSource.maxBytes else {
                    throw DataError(source: path, format: .csv, line: first, message: "a quoted field never ends",
                                    hint: "close every \" with another")
                }
            }
            guard started else { return nil }
            guard let utf8 = encoding.utf8(text) else {
                throw DataError(source: path, format: .csv, line: first, message: "the row is not valid \(encoding.rawValue.uppercased())",
                                hint: "check the encoding the file was saved in")
            }
            try DataSource.checkUTF8(utf8, source: path, format: .csv, firstLine: first)
            let rows = try CSVReader().read(String(decoding: utf8, as: UTF8.self), source: path)
            guard var row = rows.first else { continue }
            row.line = first
            return row
        }
    }

    private func nextCSV() throws(DataError) -> BatchItem? {
        if csvHeader == nil {
            guard let header = try nextRow() else { return nil }
            csvHeader = header
        }
        guard let header = csvHeader else { return nil }
        guard template.takesCSVTable else {
            guard let row = try nextRow() else { return nil }
            return item(source: path, line: row.line, fallback: nil, .csv(header: header, rows: [row], table: false))
        }
        // Rows of one record: consecutive rows with the same record_no (all rows, without the column).
        let numberColumn = header.fields.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "record_no" }
        var rows = csvPending
        csvPending = []
        while let row = try nextRow() {
            if let c = numberColumn, let first = rows.first, c < row.fields.count, c < first.fields.count,
               row.fields[c] != first.fields[c] {
                csvPending = [row]
                break
            }
            rows.append(row)
        }
        guard let first = rows.first else { return nil }
        return item(source: path, line: first.line, fallback: nil, .csv(header: header, rows: rows, table: true))
    }
}

extension Template {
    /// Whether one of the form's tables takes CSV rows (`<table csv="true">`).
    var takesCSVTable: Bool {
        sections.contains { $0.fields.contains { if case let .table(t) = $0.kind { t.csv } else { false } } }
    }
}
