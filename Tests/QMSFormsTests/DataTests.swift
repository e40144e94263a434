import Foundation
import Testing
@testable import QMSForms

@Suite struct DataTests {
    static let suite: [URL] = (try? FileManager.default.contentsOfDirectory(
        at: Fixtures.shared.appendingPathComponent("JSONTestSuite"), includingPropertiesForKeys: nil))?
        .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path } ?? []

    @Test func jsonTestSuiteIsPresent() { #expect(Self.suite.count > 300) }

    @Test func jsonTestSuiteAcceptsYRejectsNAndSurvivesI() throws {
        for url in Self.suite {
            let bytes = Array(try Data(contentsOf: url))
            let name = url.lastPathComponent
            let result = Result { try DataSource.parse(bytes, source: name, formatHint: "json") }
            switch name.first {
            case "y": if case let .failure(e) = result { Issue.record("\(name) refused: \(e)") }
            case "n":
                if case .success = result { Issue.record("\(name) accepted") }
                if case let .failure(e) = result { #expect(!"\(e)".isEmpty) }
            default: break // either is allowed; it must only not crash or hang
            }
        }
    }

    @Test func duplicateJSONKeysParseButAreReportedAsProblems() throws {
        let node = try DataSource.parse(Array("{\"header\": {\"customer\": \"A\", \"customer\": \"B\"}}".utf8), source: "d.json")
        let problems = Fixtures.problems("8d", node)
        #expect(problems.first { $0.rule == .duplicate }?.path == "header.customer")
    }

    @Test func deepNestingIsRefused() throws {
        let bytes = Array(try Data(contentsOf: Fixtures.shared.appendingPathComponent("attacks/deep-nesting.json")))
        #expect(throws: DataError.self) { try DataSource.parse(bytes, source: "deep", formatHint: "json") }
    }

    @Test func yamlAliasBombIsRefusedFast() throws {
        let bytes = Array(try Data(contentsOf: Fixtures.shared.appendingPathComponent("attacks/yaml-alias-bomb.yaml")))
        do {
            _ = try DataSource.parse(bytes, source: "bomb", formatHint: "yaml")
            Issue.record("alias bomb accepted")
        } catch { #expect(error.message.contains("aliases")) }
    }

    @Test func invalidUTF8IsRefusedWithPosition() throws {
        let bytes = Array(try Data(contentsOf: Fixtures.shared.appendingPathComponent("attacks/invalid-utf8.yaml")))
        #expect(throws: DataError(source: "u", format: .yaml, line: 1, column: 17, message: "the file is not valid UTF-8", hint: "save it as UTF-8")) {
            try DataSource.parse(bytes, source: "u", formatHint: "yaml")
        }
    }

    @Test func yamlKeepsTextAsWrittenAndRefusesDuplicates() throws {
        let node = try Fixtures.yaml("a: no\nb: 010\nc: 12.50\nd: ~\ne: '3'\n")
        #expect(node["a"]?.value == .string("no"))
        #expect(node["b"]?.value == .string("010"))
        #expect(node["c"]?.value == .number("12.50"))
        #expect(node["d"]?.value == .null)
        #expect(node["e"]?.value == .string("3"))
        #expect(throws: DataError.self) { try Fixtures.yaml("a: 1\na: 2\n") }
        #expect(throws: DataError.self) { try Fixtures.yaml("a: [1, 2\n") }
    }

    @Test func jsonAndYamlOfTheSameShapeGiveTheSameRecord() throws {
        let yaml = try Fixtures.example("survey")
        let json = try DataSource.parse(Array(Self.json(yaml).utf8), source: "survey.json")
        let a = try RecordValidator(template: Fixtures.template("survey")).validate(yaml, source: "y")
        let b = try RecordValidator(template: Fixtures.template("survey")).validate(json, source: "j")
        #expect(RecordXMLWriter().write(a) == RecordXMLWriter().write(b))
    }

    /// A JSON rendering of a data tree (strings and numbers as JSON strings/numbers).
    static func json(_ n: DataNode) -> String {
        switch n.value {
        case .null: "null"
        case let .bool(b): b ? "true" : "false"
        case let .number(s): s
        case let .string(s): "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
        case let .list(l): "[" + l.map(json).joined(separator: ",") + "]"
        case let .map(m): "{" + m.map { json(DataNode(.string($0.key))) + ":" + json($0.node) }.joined(separator: ",") + "}"
        }
    }
}
