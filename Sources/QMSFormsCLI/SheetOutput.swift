import ArgumentParser
import Foundation
import QMSForms

/// How a list is printed: lines for the terminal (tab-separated), JSON, or a spreadsheet
/// (CSV, XLSX); every spreadsheet-bound form neutralises cells that would start a formula.
enum SheetFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, xlsx

    static let help: ArgumentHelp = "text (tab-separated), json, csv or xlsx (to a file: > list.xlsx)"
}

/// Prints `sheet` as `format` (`json` is the caller's); `.xlsx` only into a file or a pipe.
func printSheet(_ sheet: Sheet, format: SheetFormat, name: String) throws {
    switch format {
    case .text: print(sheet.tsv, terminator: "")
    case .csv: print(sheet.csv, terminator: "")
    case .xlsx:
        guard isatty(STDOUT_FILENO) == 0 else {
            throw Failure(.usage, "--format xlsx writes a workbook, not text: send it to a file, e.g. > \(name).xlsx")
        }
        FileHandle.standardOutput.write(try sheet.xlsx(name: name))
    case .json: break
    }
}

/// Prints archived records as a table, JSON or a spreadsheet.
func printRecords(_ rows: [ArchivedRecord], format: SheetFormat) throws {
    if format == .json { return try printJSON(rows) }
    let sheet = Sheet(header: ["number", "revision", "form", "template revision", "state", "record date", "customer", "status",
                               "category", "keep until"],
                      rows: rows.map { r in
                          [r.number, "r\(r.revision)", r.form, r.templateRevision, r.state.rawValue, r.recordDate, r.customer ?? "",
                           r.status ?? "", r.complaintCategory ?? "", r.keepUntil.map { format == .text ? "keep until \($0)" : $0 } ?? ""]
                      })
    try printSheet(sheet, format: format, name: "records")
}
