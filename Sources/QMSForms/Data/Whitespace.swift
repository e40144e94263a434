extension String {
    /// The text without leading and trailing spaces and tabs (any Unicode space separator,
    /// such as the ideographic space U+3000), as `trimmingCharacters(in: .whitespaces)` does,
    /// but without a copy when there is nothing to trim, which is nearly always.
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isSpace && !last.isSpace { return self }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].isSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isSpace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Whether the text is empty or only white space (line breaks included).
    var isBlank: Bool {
        for byte in utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: continue
            case 0x80...: return allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}

extension Unicode.Scalar {
    /// A space or tab: what `CharacterSet.whitespaces` holds.
    var isSpace: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }
}
