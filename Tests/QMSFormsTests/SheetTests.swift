import Foundation
import Testing
@testable import QMSForms

/// Cells a spreadsheet would run as formulas are neutralised (OWASP, CWE-1236), in every form.
@Suite struct SheetTests {
    @Test(arguments: [("=1+1", "'=1+1"), ("+86 519", "'+86 519"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                      ("\rx", "'\rx"), ("8D-2026-001", "8D-2026-001"), ("划伤 =x", "划伤 =x"), ("", "")])
    func formulaLeadingCellsAreNeutralised(_ cell: String, _ safe: String) {
        #expect(Sheet.neutralised(cell) == safe)
    }

    @Test func csvQuotesWhatItMustAndTSVKeepsCellsApart() {
        let sheet = Sheet(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["=cmd|' /C calc'!A0", "two\nlines\tand tab"]])
        #expect(sheet.csv == "\u{FEFF}a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n'=cmd|' /C calc'!A0,\"two\nlines\tand tab\"\r\n")
        #expect(sheet.tsv == "x,y\tsay \"hi\"\n'=cmd|' /C calc'!A0\ttwo lines and tab\n")
    }

    @Test func theWorkbookIsTheSameBytesEachTime() throws {
        let sheet = Sheet(header: ["number"], rows: [["8D-2026-001"]])
        #expect(try sheet.xlsx() == sheet.xlsx())
        #expect(Sheet.column(0) == "A" && Sheet.column(25) == "Z" && Sheet.column(26) == "AA" && Sheet.column(701) == "ZZ")
    }
}
