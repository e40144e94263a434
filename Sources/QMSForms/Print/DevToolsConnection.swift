import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Chrome DevTools protocol over the browser's pipe: JSON messages, each ended by a NUL byte.
/// Commands carry an `id` that their response repeats; events carry a `method` and, for a page,
/// the `sessionId` of the tab they come from.
final class DevToolsConnection {
    /// One message from the browser: a response (`id` set) or an event (`method` set).
    struct Message {
        var id: Int?
        var method: String?
        var sessionId: String?
        var result: [String: Any]
        var error: String?
        var params: [String: Any]
    }

    private let browser: BrowserProcess
    private var buffer: [UInt8] = []
    private var nextId = 1

    init(_ browser: BrowserProcess) { self.browser = browser }

    /// Sends a command and returns its id.
    @discardableResult
    func command(_ method: String, _ params: [String: Any] = [:], session: String? = nil) throws(PrintError) -> Int {
        let id = nextId
        nextId += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        guard var bytes = try? JSONSerialization.data(withJSONObject: message) else {
            throw .browserFailed(reason: "cannot encode \(method)", log: "")
        }
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(browser.channel, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw .browserFailed(reason: "the DevTools channel closed (\(String(cString: strerror(errno))))", log: browser.logTail)
            }
            offset += n
        }
        return id
    }

    /// The next message, waiting at most `timeout` seconds; `nil` when none came in time.
    func receive(timeout: Double) throws(PrintError) -> Message? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let bytes = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                return try decode(bytes)
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var descriptor = pollfd(fd: browser.channel, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(left, 1) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                if browser.hasExited { throw .browserFailed(reason: "the browser exited", log: browser.logTail) }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(browser.channel, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .browserFailed(reason: "the browser closed the DevTools channel", log: browser.logTail) }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    private func decode(_ bytes: Data) throws(PrintError) -> Message {
        guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
            throw .browserFailed(reason: "the browser sent a message that is not JSON", log: browser.logTail)
        }
        let error = (object["error"] as? [String: Any]).map { ($0["message"] as? String) ?? "unknown error" }
        return Message(id: object["id"] as? Int, method: object["method"] as? String, sessionId: object["sessionId"] as? String,
                       result: object["result"] as? [String: Any] ?? [:], error: error,
                       params: object["params"] as? [String: Any] ?? [:])
    }
}
