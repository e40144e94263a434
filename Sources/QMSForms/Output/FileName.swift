/// Checks a name before it becomes part of a path: no separators, no `..`, no NUL, no
/// leading dot, only letters, digits, `-`, `_` and `.`.
public enum FileName {
    /// Whether `name` is safe to use as a file's base name.
    public static func isSafe(_ name: String) -> Bool {
        guard (1...100).contains(name.count), !name.hasPrefix("."), !name.contains("..") else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    /// `text` made safe: each character that ``isSafe(_:)`` refuses becomes `_`.
    public static func sanitized(_ text: String) -> String {
        var out = String(text.unicodeScalars.map {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0) ? Character($0) : "_"
        }.prefix(80))
        if out.isEmpty { out = "_" }
        return out
    }
}
