import Foundation
import Testing
import QMSForms

/// Finding the browser and failing cleanly without one, and one printer shared by concurrent
/// requests; the printed pages themselves are judged end to end in the CLI tests (Chromium + poppler).
struct ChromiumTests {
    /// Six requests at once through one printer (as a web server's would): each gets its own
    /// page back, read by poppler's `pdftotext`.
    @Test func oneSharedPrinterServesConcurrentRequests() async throws {
        let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pdftotext, let chromium = try? Chromium.locate() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("chromium or pdftotext is missing, and CI=true requires them") }
            else { print("note: chromium or pdftotext missing; the shared printer was not tried (this is not a pass)") }
            return
        }
        let printer = try PDFPrinter(chromium: chromium, tabs: 2)
        defer { printer.close() }
        let pdfs = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for i in 0..<6 {
                group.addTask {
                    let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><p>request-\(i)-page</p></body></html>"
                    return (i, try await printer.pdf(PrintDocument(name: "request \(i)", html: html)))
                }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-shared-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for i in 0..<6 {
            let file = folder.appendingPathComponent("\(i).pdf")
            try #require(pdfs[i]).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pdftotext)
            process.arguments = [file.path, "-"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(text.contains("request-\(i)-page"), "request \(i) got: \(text)")
        }
    }

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
