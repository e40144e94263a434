/// Reads RFC 4180 CSV: comma-separated, `"`-quoted fields that may hold commas, quotes (`""`)
/// and line breaks; LF or CRLF line ends; UTF-8 with or without a byte-order mark.
public struct CSVReader: Sendable {
    /// One record of the file and the line it starts on.
    public struct Row: Sendable, Equatable {
        /// The line the row starts on.
        public var line: Int
        /// The fields, unquoted.
        public var fields: [String]
    }

    /// The most fields a row may have: far more than any form has fields, far fewer than a
    /// file made to exhaust memory.
    public static let maxFields = 10_000

    /// A reader (RFC 4180, UTF-8).
    public init() {}

    /// All records, the header first. Blank lines are skipped.
    public func read(_ text: String, source: String) throws(DataError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1, rowLine = 1
        var quoted = false, wasQuoted = false
        var chars = text.unicodeScalars.makeIterator()
        if text.unicodeScalars.first == "\u{FEFF}" { _ = chars.next() }
        func fail(_ message: String) -> DataError {
            DataError(source: source, format: .csv, line: line, message: message)
        }
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
            wasQuoted = false
        }
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                switch c {
                case "\"":
                    let next = chars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                case "\n": line += 1; field.unicodeScalars.append(c)
                default: field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                wasQuoted = false
                guard fields.count < Self.maxFields else {
                    throw fail("a row has more than \(Self.maxFields) fields; no form has that many: check the file is the CSV of one form")
                }
            case "\r":
                let next = chars.next()
                guard next == "\n" else { throw fail("a carriage return must be followed by a line feed") }
                endRow(); line += 1; rowLine = line
            case "\n":
                endRow(); line += 1; rowLine = line
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw fail("a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                quoted = true
                wasQuoted = true
            default:
                guard !wasQuoted else { throw fail("text after a closing quote; put the whole field in quotes") }
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw fail("a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRow() }
        return rows
    }
}
