/// Why a data file could not be read at all (as opposed to read but invalid: see ``Problem``).
public struct DataError: QMSError, Equatable {
    public var category: ErrorCategory { .invalidData }

    /// The format the data was read as.
    public enum Format: String, Sendable {
        /// JSON (RFC 8259).
        case json = "JSON"
        /// YAML.
        case yaml = "YAML"
        /// CSV (RFC 4180).
        case csv = "CSV"
        /// An Excel workbook (Office Open XML, `.xlsx`).
        case xlsx = "XLSX"
    }

    /// The data's name (a file name, `<stdin>`).
    public var source: String
    /// The format it was read as.
    public var format: Format
    /// The line of the problem (1-based).
    public var line: Int
    /// The column, where known (0 when not).
    public var column: Int
    /// What is wrong.
    public var message: String
    /// How to fix it, where there is advice.
    public var hint: String?

    /// A problem reading data.
    public init(source: String, format: Format, line: Int, column: Int = 0, message: String, hint: String? = nil) {
        self.source = source
        self.format = format
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let at = column > 0 ? "\(source):\(line):\(column)" : "\(source):\(line)"
        return "\(at): not valid \(format.rawValue): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
