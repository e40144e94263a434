import Foundation
import Testing
@testable import QMSForms

/// Paths shared by the tests: the repository root, its forms, the shared test data.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let forms = root.appendingPathComponent("forms")
    static let examples = forms.appendingPathComponent("examples")
    static let golden = root.appendingPathComponent("Tests/QMSFormsTests/Golden")
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/testdata")

    /// Every form alias that has an example, in catalog order.
    static let aliases = ["service", "call-log", "feedback", "opinion", "shipping", "visit", "visit-plan", "annual",
                          "survey", "survey-summary", "capa", "8d"]

    /// Parsed once for the whole test run.
    static let catalog: FormCatalog = try! FormCatalog(directory: forms)

    static func template(_ name: String) -> Template { try! catalog.template(named: name) }

    static func yaml(_ text: String) throws -> DataNode {
        try DataSource.parse(Array(text.utf8), source: "test.yaml", formatHint: "yaml")
    }

    static func example(_ alias: String) throws -> DataNode {
        try DataSource.read(path: examples.appendingPathComponent(alias + ".yaml").path)
    }

    static func record(_ alias: String) throws -> Record {
        try RecordValidator(template: template(alias)).validate(try example(alias), source: alias)
    }

    /// Compares `actual` with the golden file `name`; QMS_UPDATE_GOLDEN=1 rewrites it after an intended change.
    static func compare(_ actual: String, golden name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QMS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden file; run with QMS_UPDATE_GOLDEN=1 if the change is intended")
    }

    /// The problems validation reports for `data`, or [] when it is valid.
    static func problems(_ alias: String, _ data: DataNode) -> [Problem] {
        do {
            _ = try RecordValidator(template: template(alias)).validate(data, source: "t")
            return []
        } catch { return error.problems }
    }
}
