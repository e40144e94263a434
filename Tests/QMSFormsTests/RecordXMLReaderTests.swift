import Foundation
import Testing
@testable import QMSForms

/// Reading an archived record back reads what it says it is, and nothing else.
@Suite struct RecordXMLReaderTests {
    let template = Fixtures.template("opinion")

    func xml() throws -> String { RecordXMLWriter().write(try Fixtures.record("opinion")) }

    @Test func aRecordWhoseNamespaceDoesNotMatchItsFormIsRefused() throws {
        let forged = try xml().replacingOccurrences(of: "urn:qmsforms:record:SG-QR-07-04", with: "urn:qmsforms:record:SG-QR-22-02")
        #expect(throws: DataError.self) { try RecordXMLReader().pin(Data(forged.utf8), source: "forged.xml") }
    }

    @Test func elementsInAForeignNamespaceAreNotReadAsFields() throws {
        let text = try xml()
        let range = try #require(text.range(of: "<customer>"))
        let forged = text.replacingCharacters(in: range, with: "<x:customer xmlns:x=\"urn:other\">别的公司</x:customer><customer>")
        let (_, root) = try RecordXMLReader().pin(Data(forged.utf8), source: "forged.xml")
        let data = RecordXMLReader().data(root, template: template)
        #expect(data["entry"]?["customer"]?.scalarText == "山东鲁北机械制造有限公司")
    }
}
