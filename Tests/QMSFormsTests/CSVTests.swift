import Foundation
import Testing
@testable import QMSForms

@Suite struct CSVTests {
    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaksAndABOM() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n"
        let rows = try CSVReader().read(text, source: "t.csv")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "he said \"hi\""], ["2", "two\nlines", ""]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test(arguments: ["a,b\n\"open", "a,b\nx\"y,z", "a,b\n\"x\"y,z", "a\rb"])
    func refusesMalformedCSV(text: String) {
        #expect(throws: DataError.self) { try CSVReader().read(text, source: "bad.csv") }
    }

    /// Hostile headers get one clear error, not a crash or a stall: a path of 30,000 levels (it
    /// used to recurse until the stack overflowed) and a row of 100,000 columns.
    @Test func hostileHeadersAreRefusedClearly() throws {
        let deep = Array(repeating: "a", count: 30_000).joined(separator: ".")
        do { _ = try CSVRecordBinding().bind(header: .init(line: 1, fields: [deep]), row: .init(line: 2, fields: ["x"]), source: "deep.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("names 30000 levels") && error.hint == "a column names at most section.table[row].column")
        }
        let wide = (0..<100_000).map { "s.f\($0)" }.joined(separator: ",") + "\n"
        #expect(throws: DataError.self) { try CSVReader().read(wide, source: "wide.csv") }
        // At the limit, a row binds every column (a key lookup each, not a scan).
        let header = CSVReader.Row(line: 1, fields: (0..<(CSVReader.maxFields - 1)).map { "s.f\($0)" })
        let node = try CSVRecordBinding().bind(header: header, row: .init(line: 2, fields: header.fields.map { $0 + "v" }), source: "many.csv")
        #expect(node["s"]?.entries?.count == CSVReader.maxFields - 1 && node["s"]?["f9000"]?.scalarText == "s.f9000v")
    }

    func bind(_ text: String, _ alias: String = "call-log") throws(DataError) -> DataNode {
        try DataSource.parse(Array(text.utf8), source: "t.csv", formatHint: "csv", template: Fixtures.template(alias))
    }

    @Test func unknownColumnsAndInconsistentSheetValuesAreRefused() {
        do { _ = try bind("entry_no,custmer\nLD-2026-001,x\n"); Issue.record("accepted") } catch {
            #expect(error.message == "unknown column 'custmer'")
            #expect(error.hint == "did you mean 'customer'?")
        }
        do { _ = try bind("sheet.month,entry_no\n3,LD-2026-001\n4,LD-2026-002\n"); Issue.record("accepted") } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("sheet.month is '4' here but '3' on line 2"))
        }
        do { _ = try bind("entry_no,customer\nLD-2026-001\n"); Issue.record("accepted") } catch {
            #expect(error.message.contains("1 fields where the header has 2"))
        }
        #expect(throws: DataError.self) { try bind("customer\nx\n", "8d") }
    }

    /// A month of 200 entries, as a CSV an ERP or a spreadsheet would export.
    static func log(entries: Int) -> String {
        var csv = "sheet.year,sheet.month,sheet.dept,entry_no,received_at,channel,customer,contact,summary,type,complaint_cat,receiver,reply,reply_channel,reply_date,replier,status\n"
        for i in 1...entries {
            let day = (i - 1) % 28 + 1
            let d = day < 10 ? "0\(day)" : "\(day)"
            let complaint = i % 7 == 0
            csv += "2026,5,供销部,LD-2026-\(String(format: "%03d", i)),2026-05-\(d) 09:\(String(format: "%02d", i % 60)),电话,"
            csv += "\"客户\(i % 23)有限公司, 华东\",联系人\(i),\"第 \(i) 条：询问交期，\"\"加急\"\"\",\(complaint ? "投诉,c" : "咨询,"),赵丽,"
            csv += "已答复,电话,2026-05-\(d),赵丽,已关闭\n"
        }
        return csv
    }

    @Test func aTwoHundredEntryLogFillsOneSheet() throws {
        let node = try bind(Self.log(entries: 200))
        let record = try RecordValidator(template: Fixtures.template("call-log")).validate(node, source: "log.csv")
        #expect(record.computed["total"] == .integer(200))
        #expect(record.computed["complaints"] == .integer(28))
        #expect(record.computed["on_time_rate"] == .decimal(100))
        let html = HTMLRenderer(settings: .neutral).render(record)
        #expect(html.components(separatedBy: "<thead>").count == 2) // one table, its header repeats in print
        #expect(html.contains("客户5有限公司, 华东"))
        #expect(html.contains("&quot;加急&quot;"))
    }
}
