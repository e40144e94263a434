import Foundation
import Testing
@testable import XMLSupport

/// The shared hostile inputs, found relative to this file: ../shared/testdata/attacks.
let attacksFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/testdata/attacks")

@Suite struct SafeParsingTests {
    @Test func parsesNamespacedElementsWithLines() throws {
        let xml = "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" k=\"v\">\n  <b>1 &amp; 2</b><![CDATA[<c>]]>\n</a>"
        let tree = try XMLTree.parse(Data(xml.utf8), source: "t.xml")
        #expect(tree.root.name == "a")
        #expect(tree.root.namespace == "urn:x")
        #expect(tree.root["k"] == "v")
        #expect(tree.root.element(named: "b")?.text == "1 & 2")
        #expect(tree.root.element(named: "b")?.line == 3)
        #expect(tree.root.text.contains("<c>"))
    }

    @Test(arguments: ["billion-laughs.xml", "external-dtd.xml", "xxe-file.xml", "xxe-network.xml", "xxe-parameter-entity.xml"])
    func refusesEveryDoctype(name: String) throws {
        let data = try Data(contentsOf: attacksFolder.appendingPathComponent(name))
        #expect(throws: XMLError.doctypeRefused(source: name, line: 2)) {
            try XMLTree.parse(data, source: name)
        }
    }

    @Test func refusesXInclude() throws {
        let data = try Data(contentsOf: attacksFolder.appendingPathComponent("xinclude.xml"))
        #expect(throws: XMLError.xincludeRefused(source: "x", line: 2)) { try XMLTree.parse(data, source: "x") }
    }

    @Test func reportsMalformedXMLWithPosition() {
        do {
            _ = try XMLTree.parse(Data("<a>\n<b></a>".utf8), source: "m.xml")
            Issue.record("malformed XML was accepted")
        } catch let XMLError.malformed(source, line, _, message) {
            #expect(source == "m.xml")
            #expect(line == 2)
            #expect(!message.isEmpty)
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test func refusesUndeclaredEntitiesAndEmptyInput() {
        #expect(throws: XMLError.self) { try XMLTree.parse(Data("<a>&secret;</a>".utf8), source: "e") }
        #expect(throws: XMLError.self) { try XMLTree.parse(Data(), source: "e") }
    }

    @Test func refusesOversizedInput() {
        #expect(throws: XMLError.tooLarge(source: "big", bytes: 11, limit: 10)) {
            try XMLTree.parse(Data("<a>xxxx</a>".utf8), source: "big", maxBytes: 10)
        }
    }

    @Test func canonicalisesExclusively() throws {
        let tree = try XMLTree.parse(Data("<a xmlns:u=\"urn:unused\"   z=\"1\" b=\"2\"><c/></a>".utf8), source: "c")
        let c14n = String(decoding: try tree.canonicalized(), as: UTF8.self)
        #expect(c14n == "<a b=\"2\" z=\"1\"><c></c></a>")
    }

    @Test func evaluatesXPath() throws {
        let tree = try XMLTree.parse(Data("<r xmlns=\"urn:r\"><v>1</v><v>2</v></r>".utf8), source: "x")
        #expect(tree.strings(xpath: "//r:v", namespaces: ["r": "urn:r"]) == ["1", "2"])
        #expect(tree.strings(xpath: "count(//r:v)", namespaces: ["r": "urn:r"]) == ["2"])
        #expect(tree.strings(xpath: "((") == nil)
    }

    @Test func serialisesThroughLibxml2() throws {
        let tree = try XMLTree.parse(Data("<a>é</a>".utf8), source: "s")
        #expect(String(decoding: try tree.serialized(), as: UTF8.self).contains("<a>é</a>"))
    }
}

@Suite struct SchemaTests {
    let xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:q" xmlns="urn:q" elementFormDefault="qualified">
          <xs:element name="q"><xs:complexType><xs:sequence>
            <xs:element name="n" type="xs:positiveInteger" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """

    @Test func collectsEveryDiagnosticWithLines() throws {
        let schema = try XMLSchema(data: Data(xsd.utf8), source: "q.xsd")
        let good = try XMLTree.parse(Data("<q xmlns=\"urn:q\"><n>3</n></q>".utf8), source: "g")
        #expect(schema.validate(good).isEmpty)
        let bad = try XMLTree.parse(Data("<q xmlns=\"urn:q\">\n<n>-3</n>\n<n>x</n></q>".utf8), source: "b")
        let problems = schema.validate(bad)
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems[0].message.contains("'-3'"))
    }

    @Test func refusesABrokenSchema() {
        #expect(throws: XMLError.self) { try XMLSchema(data: Data("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:bogus/></xs:schema>".utf8), source: "b") }
    }

    @Test func writerEscapesTextAndAttributes() throws {
        var w = XMLWriter()
        w.open("r", attributes: [("a", "\"<&>\n")])
        w.leaf("t", text: "</r><x>&amp;\u{01}")
        w.close()
        let tree = try XMLTree.parse(Data(w.document.utf8), source: "w")
        #expect(tree.root["a"] == "\"<&>\n")
        #expect(tree.root.element(named: "t")?.text == "</r><x>&amp;")
    }
}

/// An element with tens of thousands of attributes is refused before libxml2 spends minutes on it.
@Suite struct AttributeLimitTests {
    @Test func fiftyThousandAttributesAreRefused() {
        let attributes = (0..<50_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        do {
            _ = try XMLTree.parse(Data("<r \(attributes)/>".utf8), source: "many.xml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("more than 1000 attributes"))
        }
        // Quoted '=' and '>' inside values do not count.
        let values = (0..<50).map { "a\($0)=\"x=y>z\"" }.joined(separator: " ")
        #expect((try? XMLTree.parse(Data("<r \(values)/>".utf8), source: "ok.xml")) != nil)
    }
}
