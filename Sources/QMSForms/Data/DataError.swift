/// Why a data file could not be read at all (as opposed to read but invalid: see ``Problem``).
public struct DataError: QMSError, Equatable {
    public var category: ErrorCategory { .invalidData }

    public enum Format: String, Sendable { case json = "JSON", yaml = "YAML", csv = "CSV" }

    public var source: String
    public var format: Format
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

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
