import Foundation

/// Reads a file line by line through one buffer, so memory stays flat however long the file
/// is. Lines come without their `\n` (a `\r` before it is kept for the parsers to handle). A
/// line longer than `maxLine` comes back cut at that length (the parsers then refuse it for its
/// size) and the rest of it is skipped.
final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0, end = 0
    private var atEnd = false
    private var skippingRest = false
    private let maxLine: Int
    /// 1-based number of the line `next()` returns next.
    private(set) var lineNumber = 1
    /// Bytes of the file consumed so far, for progress.
    private(set) var bytesRead = 0

    init(url: URL, maxLine: Int = DataSource.maxBytes + 1) throws(DataError) {
        fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw DataError(source: url.path, format: .json, line: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        self.maxLine = maxLine
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { close(fd) }

    /// The next line and its number, or `nil` at the end of the file.
    func next() -> (line: Int, bytes: [UInt8])? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<min(newline, start + maxLine)])
                bytesRead += newline - start + 1
                start = newline + 1
                lineNumber += 1
                if skippingRest { skippingRest = false; continue }
                return (lineNumber - 1, line)
            }
            if atEnd {
                guard start < end else { return nil }
                let line = Array(buffer[start..<min(end, start + maxLine)])
                bytesRead += end - start
                start = end
                lineNumber += 1
                if skippingRest { return nil }
                return (lineNumber - 1, line)
            }
            if end - start >= maxLine {
                let line = Array(buffer[start..<end])
                bytesRead += end - start
                start = end
                if skippingRest { continue }
                skippingRest = true
                return (lineNumber, line)
            }
            // Move what is left to the front, grow for a long line, read more.
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start) }
                end -= start
                start = 0
            }
            if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + end, b.count - end) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { atEnd = true } else { end += n }
        }
    }
}
