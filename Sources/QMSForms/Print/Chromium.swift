import Foundation

/// Where headless Chromium is: `QMS_CHROMIUM`, else the first of the usual names on `PATH`.
///
/// ```swift
/// let browser = try Chromium.locate()
/// print(browser.executable.path)   // /usr/bin/chromium
/// ```
public struct Chromium: Sendable, Equatable {
    /// Executable names tried on `PATH`, in order (Debian, Ubuntu, Google builds).
    public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]

    /// The browser's executable.
    public var executable: URL

    /// The browser at `executable`.
    public init(executable: URL) { self.executable = executable }

    /// Finds the browser, or says what was tried and how to install it.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PrintError) -> Chromium {
        let fileManager = FileManager.default
        if let given = environment["QMS_CHROMIUM"], !given.isEmpty {
            guard fileManager.isExecutableFile(atPath: given) else {
                throw .launchFailed(executable: given, reason: "QMS_CHROMIUM names no executable file")
            }
            return Chromium(executable: URL(fileURLWithPath: given))
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where !folder.isEmpty {
                let path = folder + "/" + name
                if fileManager.isExecutableFile(atPath: path) { return Chromium(executable: URL(fileURLWithPath: path)) }
            }
        }
        throw .browserNotFound(tried: ["$QMS_CHROMIUM"] + names.map { $0 + " on PATH" })
    }
}
