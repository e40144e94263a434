import Foundation
import Hummingbird

/// A posted HTML form: `application/x-www-form-urlencoded`, or `multipart/form-data` (file
/// import), read once the body is collected within the request's size limit.
struct PostedForm: Sendable {
    /// The text fields, in order (a name may repeat: ticked options).
    var fields: [(name: String, value: String)] = []
    /// The files: field name, the name the browser gave (data, never a path) and the bytes.
    var files: [(name: String, filename: String, data: [UInt8])] = []

    /// The first value of `name`.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Reads the request's body; a body that is neither kind, or not UTF-8, is refused (400).
    static func read(_ request: inout Request, context: WebContext) async throws -> PostedForm {
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let bytes = Array(body.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = type.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("boundary=") })?.dropFirst(9) else { throw WebError.badRequest("multipart body without a boundary") }
            return try multipart(bytes, boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError.badRequest("expected a form (application/x-www-form-urlencoded), got \(type)")
        }
        return try urlEncoded(bytes)
    }

    static func urlEncoded(_ bytes: [UInt8]) throws -> PostedForm {
        var form = PostedForm()
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: ArraySlice<UInt8>) throws -> String {
                let plus = String(decoding: s.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
                guard let text = plus.removingPercentEncoding else { throw WebError.badRequest("a form value is not valid UTF-8") }
                return text
            }
            form.fields.append((name: try decode(parts[0]), value: parts.count > 1 ? try decode(parts[1]) : ""))
        }
        return form
    }

    static func multipart(_ bytes: [UInt8], boundary: String) throws -> PostedForm {
        var form = PostedForm()
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int? = nil, i = 0
        while i + delimiter.count <= bytes.count {
            if bytes[i] == delimiter[0] && Array(bytes[i..<(i + delimiter.count)]) == delimiter {
                if let s = start { parts.append(bytes[s..<max(s, i - 2)]) }   // the CRLF before the delimiter
                i += delimiter.count
                if i + 1 < bytes.count && bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: "-") { break }
                i += 2   // CRLF after the delimiter
                start = i
            } else { i += 1 }
        }
        for part in parts {
            guard let split = find([13, 10, 13, 10], in: part) else { throw WebError.badRequest("a multipart part without headers") }
            let head = String(decoding: part[part.startIndex..<split], as: UTF8.self)
            let content = Array(part[(split + 4)...])
            guard let disposition = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = parameter("name", in: String(disposition)) else { continue }
            if let filename = parameter("filename", in: String(disposition)) {
                form.files.append((name: name, filename: filename, data: content))
            } else {
                form.fields.append((name: name, value: String(decoding: content, as: UTF8.self)))
            }
        }
        return form
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i <= hay.endIndex - needle.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where piece.hasPrefix(key + "=") {
            return String(piece.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
