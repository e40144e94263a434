/// Why a PDF could not be made. Nothing is written for the document that failed.
public enum PrintError: QMSError, Equatable {
    public var category: ErrorCategory {
        if case .badInput = self { return .usage }
        return .io
    }

    /// No Chromium executable: neither `QMS_CHROMIUM` nor one of the usual names on `PATH`.
    case browserNotFound(tried: [String])
    /// The browser could not be started.
    case launchFailed(executable: String, reason: String)
    /// The browser went away or broke the DevTools protocol; `log` is the end of its stderr.
    case browserFailed(reason: String, log: String)
    /// The browser did not answer in time while printing `document`.
    case timedOut(document: String, seconds: Int)
    /// The browser could not load or print `document`.
    case documentFailed(document: String, reason: String)
    /// An input that cannot be printed (not a page this tool wrote, unreadable, …).
    case badInput(path: String, reason: String)

    public var description: String {
        switch self {
        case let .browserNotFound(tried):
            "no Chromium found (tried \(tried.joined(separator: ", "))): install it (Debian/Ubuntu: apt-get install chromium "
                + "fonts-noto-cjk) or set QMS_CHROMIUM to the browser's executable"
        case let .launchFailed(executable, reason): "cannot start \(executable): \(reason)"
        case let .browserFailed(reason, log):
            "the browser failed: \(reason)" + (log.isEmpty ? "" : "; its last messages:\n" + log)
        case let .timedOut(document, seconds):
            "\(document): the browser did not finish printing within \(seconds) s; set QMS_PRINT_TIMEOUT (seconds) for very long records"
        case let .documentFailed(document, reason): "\(document): cannot print: \(reason)"
        case let .badInput(path, reason): "\(path): \(reason)"
        }
    }
}
