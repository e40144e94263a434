import Foundation
import Testing

/// The web application in a real browser: `Tests/browser/web_suite.py` starts `qmsforms serve`
/// and drives headless Chromium through Selenium (installed by `.ci/setup`: chromium-driver and
/// the selenium package). It fails here when any of its checks fails, or when it cannot run.
@Suite struct BrowserSuiteTests {
    @Test func theDepartmentsWorkInARealBrowser() throws {
        let shots = FileManager.default.temporaryDirectory.appendingPathComponent("qms-shots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: shots) }
        let result = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"),
                                 ["python3", CLI.root.appendingPathComponent("Tests/browser/web_suite.py").path, CLI.binary.path],
                                 environment: ["QMS_SCREENSHOTS": shots.path])
        #expect(result.status == 0, "\(result.stdout.suffix(3000))\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains("browser suite: every check held"))
        for page in ["home", "8d-problem", "8d-valid", "8d-preview", "record", "archive-search", "register", "feedback-no-script"] {
            let png = try Data(contentsOf: shots.appendingPathComponent(page + ".png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a screenshot of \(page)")
        }
        // The application's own pages, as the server sent them, judged by the W3C Nu checker.
        let pages = try FileManager.default.contentsOfDirectory(at: shots.appendingPathComponent("pages"), includingPropertiesForKeys: nil).filter { $0.pathExtension == "html" }
        #expect(pages.count == 11)
        try expectValidHTML(pages)
    }
}
