/// A person's name as an identity: two spellings that look the same are the same person.
///
/// NFKC (full-width letters, the ideographic space and other compatibility forms become their
/// plain forms), default-ignorable code points removed (zero-width spaces and joiners, soft
/// hyphens, variation selectors, byte-order marks), runs of white space made one space, ends trimmed.
///
/// ```swift
/// PersonName.normalized("王\u{200B}芳\u{3000}") == PersonName.normalized("王芳")   // true
/// ```
public enum PersonName {
    /// The identity form of `name`; empty when nothing visible is left.
    public static func normalized(_ name: String) -> String {
        var out = ""
        var space = false
        for scalar in name.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.isDefaultIgnorableCodePoint { continue }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                space = !out.isEmpty
                continue
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
