import Foundation
import Testing

/// `.xlsx` wherever CSV is accepted: workbooks written by openpyxl (dates and numbers stored as
/// Excel stores them) fill the same record as the CSV they were made from; hostile workbooks
/// (a zip bomb, a huge shared-string table) are refused fast with a clear message.
@Suite(.serialized) struct SpreadsheetInputTests {
    let folder: URL

    init() throws { folder = try CLI.temporaryFolder() }

    /// Runs Python with openpyxl (required under CI=true; .ci/setup installs it).
    func python(_ script: String, _ args: [String] = []) throws -> CLI.Result? {
        let probe = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import openpyxl"])
        guard probe.status == 0 else {
            if CLI.isCI { Issue.record("openpyxl is missing, and CI=true requires it (pip install openpyxl)") }
            return nil
        }
        return try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + args, in: folder)
    }

    /// The example call log as a workbook: its times and dates as Excel date serials with date
    /// formats, its year and month as numbers, on a sheet "3月" after a sheet of notes.
    static let writeCallLog = """
        import csv, datetime, sys, openpyxl
        rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
        book = openpyxl.Workbook()
        notes = book.active
        notes.title = "说明"
        notes["A1"] = "来电、来函记录 — 三月"
        sheet = book.create_sheet("3月")
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            cells = []
            for name, value in zip(header, row):
                if value and name == "received_at":
                    value = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M")
                elif value and name == "reply_date":
                    value = datetime.datetime.strptime(value, "%Y-%m-%d").date()
                elif value and name in ("sheet.year", "sheet.month"):
                    value = int(value)
                cells.append(value if value != "" else None)
            sheet.append(cells)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.datetime): cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, datetime.date): cell.number_format = "yyyy/m/d"
        book.save(sys.argv[2])
        """

    @Test func aWorkbookFillsTheRecordItsCSVFills() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = CLI.root.appendingPathComponent("forms/examples/call-log.csv").path
        let book = folder.appendingPathComponent("calls.xlsx").path
        guard let made = try python(Self.writeCallLog, [csv, book]) else { return }
        #expect(made.status == 0, "\(made.stderr)")
        // The first sheet is notes: the form's header is not there, and the message says which sheets there are.
        let notes = try CLI.qmsforms("validate", "call-log", book, "--sheet", "说明")
        #expect(notes.status != 0)
        let wrong = try CLI.qmsforms("validate", "call-log", book, "--sheet", "四月")
        #expect(wrong.status == 1 && wrong.stderr.contains("no sheet '四月'") && wrong.stderr.contains("说明, 3月"), "\(wrong.stderr)")
        #expect(try CLI.qmsforms("fill", "call-log", csv, "-o", folder.appendingPathComponent("from-csv").path).status == 0)
        let filled = try CLI.qmsforms("fill", "call-log", book, "--sheet", "3月", "-o", folder.appendingPathComponent("from-xlsx").path)
        #expect(filled.status == 0, "\(filled.stderr)")
        for file in ["LDB-2026-03.xml", "LDB-2026-03.html"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("from-csv/" + file))
            let b = try Data(contentsOf: folder.appendingPathComponent("from-xlsx/" + file))
            #expect(a == b, "\(file) differs between the CSV and the workbook")
        }
    }

    @Test func hostileWorkbooksAreRefusedFast() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let made = try python("""
            import zipfile
            parts = {
              "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
              "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
              "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>',
            }
            def book(name, big, chunk, count):
                with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
                    for k, v in parts.items(): z.writestr(k, v)
                    if "shared" in big: z.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')
                    with z.open(big, "w") as f:
                        f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' if "shared" in big else b"<worksheet>")
                        for _ in range(count): f.write(chunk)
                        f.write(b"</sst>" if "shared" in big else b"</worksheet>")
            book("bomb.xlsx", "xl/worksheets/sheet1.xml", b" " * (1 << 20), 200)
            book("strings.xlsx", "xl/sharedStrings.xml", b"<si><t/></si>" * 100_000, 11)
            """) else { return }
        #expect(made.status == 0, "\(made.stderr)")
        let bomb = try CLI.qmsforms("validate", "call-log", folder.appendingPathComponent("bomb.xlsx").path)
        #expect(bomb.status == 1 && bomb.stderr.contains("inflates to more than"), "\(bomb.stderr)")
        let strings = try CLI.qmsforms("validate", "call-log", folder.appendingPathComponent("strings.xlsx").path)
        #expect(strings.status == 1 && strings.stderr.contains("more than 1000000 shared strings"), "\(strings.stderr)")
    }
}
