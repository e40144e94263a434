import Foundation
import XMLSupport
import ZIPFoundation

extension Sheet {
    /// The sheet as an Office Open XML workbook (`.xlsx`, ECMA-376) of one worksheet named
    /// `name`: the header in row 1, every cell an inline string (no formula, no number
    /// guessing: a record number stays `8D-2026-001`), neutralised like the CSV.
    public func xlsx(name: String = "records") throws -> Data {
        let archive = try ZIPFoundation.Archive(accessMode: .create)
        // A fixed date: the same sheet gives the same bytes.
        let stamp = Date(timeIntervalSince1970: 315_532_800)   // 1980-01-01, the ZIP epoch
        for (path, text) in parts(name: name) {
            let data = Data(text.utf8)
            let provider: Provider = { (position: Int64, size: Int) -> Data in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                 compressionMethod: .deflate, provider: provider)
        }
        guard let data = archive.data else { throw FileError(.write, path: name + ".xlsx", reason: "the workbook could not be assembled", remedy: "report this") }
        return data
    }

    private func parts(name: String) -> [(String, String)] {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        var sheet = head + "<worksheet xmlns=\"\(main)\"><sheetData>"
        for (r, row) in ([header] + rows).enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                sheet += "<c r=\"\(Self.column(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    + XMLWriter.escape(Self.neutralised(cell)) + "</t></is></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let safeName = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return [
            ("[Content_Types].xml", head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>"),
            ("_rels/.rels", head + "<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", head + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\""
                + XMLWriter.escape(safeName, attribute: true) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", head + "<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    /// `A` … `Z`, `AA` …: the column letters of 0-based column `index`.
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
