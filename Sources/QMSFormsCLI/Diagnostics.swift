import Foundation

/// Writes `text` to standard error with every control character but line feed and tab shown
/// as `\u{1B}`: a value from a rejected file cannot recolour, retitle or clear the terminal.
func writeDiagnostic(_ text: String) {
    var safe = ""
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if (v < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(v) {
            safe += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        } else {
            safe.unicodeScalars.append(scalar)
        }
    }
    FileHandle.standardError.write(Data(safe.utf8))
}
