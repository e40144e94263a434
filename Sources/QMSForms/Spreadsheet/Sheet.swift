/// A table to hand to a spreadsheet: a header row and rows of text, written as tab-separated
/// text, CSV (RFC 4180) or `.xlsx` — every way safe to open in Excel or LibreOffice.
///
/// A cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return: `=HYPERLINK(…)` typed into a customer's name) is written with a
/// leading `'`, as OWASP recommends against CSV injection (CWE-1236); in `.xlsx` every cell is a
/// string, never a formula, and is neutralised the same way so a copy-paste stays inert.
///
/// ```swift
/// let sheet = Sheet(header: ["number", "customer"], rows: [["8D-2026-001", "=HYPERLINK(\"x\")"]])
/// print(sheet.csv)   // number,customer\r\n8D-2026-001,"'=HYPERLINK(""x"")"\r\n
/// ```
public struct Sheet: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The rows, as many cells as the header has names.
    public var rows: [[String]]

    /// A sheet of `rows` under `header`.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// `cell` as a spreadsheet may safely read it: prefixed with `'` when it would start a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }

    /// Tab-separated lines, without a header (what the terminal shows); tabs and line breaks
    /// inside a cell become spaces, so a cell never spills into the next one.
    public var tsv: String {
        rows.map { row in
            row.map { cell in
                String(String.UnicodeScalarView(Self.neutralised(cell).unicodeScalars.map { "\t\r\n".unicodeScalars.contains($0) ? " " : $0 }))
            }.joined(separator: "\t") + "\n"
        }.joined()
    }

    /// RFC 4180 CSV with the header, CRLF line ends and a UTF-8 byte-order mark (so Excel reads
    /// Chinese correctly).
    public var csv: String {
        func field(_ cell: String) -> String {
            let safe = Self.neutralised(cell)
            guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }
}
