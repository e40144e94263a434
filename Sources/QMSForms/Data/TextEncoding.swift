import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encoding of a data file: UTF-8 (the default, with or without a byte-order
/// mark), or GB18030 — what Excel on a Chinese-language Windows saves as "CSV", and a superset
/// of GBK and GB2312.
///
/// ```swift
/// let node = try DataSource.read(path: "calls.csv", template: callLog, encoding: .gb18030)
/// ```
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8.
    case utf8 = "utf-8"
    /// GB18030 (GBK and GB2312 text reads as GB18030).
    case gb18030

    /// `bytes` as UTF-8: unchanged for UTF-8 (checked later, with its line and column), converted
    /// for GB18030; `nil` when they are not valid in this encoding.
    public func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        switch self {
        case .utf8: return bytes
        case .gb18030: return Self.convert(bytes, from: "GB18030")
        }
    }

    /// Whether bytes that are not UTF-8 read as GB18030 text with Chinese in it: then the
    /// message can say which option reads them.
    static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        guard let text = TextEncoding.gb18030.utf8(Array(bytes.prefix(1 << 16))).map({ String(decoding: $0, as: UTF8.self) }) else { return false }
        return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    private static func convert(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 4)   // GB18030 → UTF-8 at most doubles
        var inLeft = input.count, outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var ip = i.baseAddress, op = o.baseAddress
                return iconv(converter, &ip, &inLeft, &op, &outLeft)
            }
        }
        guard result != -1, inLeft == 0 else { return nil }
        return output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
    }
}
