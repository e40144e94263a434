import Foundation
import Testing
import QMSForms

/// Finding the browser and failing cleanly without one; the real printing is judged end to end
/// in the CLI tests (Chromium + poppler).
struct ChromiumTests {
    @Test func locatesByEnvironmentThenPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("chromium-browser")
        try Data("#!/bin/sh\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)

        #expect(try Chromium.locate(environment: ["PATH": "/nonexistent:" + folder.path]).executable.path == fake.path)
        #expect(try Chromium.locate(environment: ["QMS_CHROMIUM": fake.path, "PATH": ""]).executable.path == fake.path)
        #expect(throws: PrintError.launchFailed(executable: "/nonexistent/chrome", reason: "QMS_CHROMIUM names no executable file")) {
            try Chromium.locate(environment: ["QMS_CHROMIUM": "/nonexistent/chrome", "PATH": folder.path])
        }
        do {
            _ = try Chromium.locate(environment: ["PATH": "/nonexistent"])
            Issue.record("found a browser on an empty PATH")
        } catch {
            #expect(error.description.contains("apt-get install chromium fonts-noto-cjk"))
            #expect(error.description.contains("QMS_CHROMIUM"))
        }
    }

    /// A "browser" that exits at once is reported as such, not waited for.
    @Test func aBrowserThatDiesIsReportedPromptly() throws {
        let started = Date()
        do {
            _ = try PDFPrinter(chromium: Chromium(executable: URL(fileURLWithPath: "/bin/false")), tabs: 1, timeout: 30)
            Issue.record("a printer started on /bin/false")
        } catch let error {
            guard case .browserFailed = error else { Issue.record("unexpected: \(error)"); return }
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
