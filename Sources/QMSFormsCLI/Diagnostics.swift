import Foundation
import QMSForms

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

/// Warns, on standard error, of every value of `record` (named `name`) with characters no
/// installed font prints: on paper they would be empty boxes.
func warnUnprintable(_ record: Record, name: String) {
    // fontconfig is asked only when something uncommon is there to look up.
    guard FontCoverage.hasUncommon(record), let fonts = FontCoverage.installed else { return }
    for gap in fonts.unprintable(in: record) {
        writeDiagnostic("qmsforms: warning: \(name) \(gap.path): \(FontCoverage.named(gap.characters)) — no installed font has "
            + "\(gap.characters.count == 1 ? "it" : "them"), so \(gap.characters.count == 1 ? "it prints" : "they print") as an empty box; \(FontCoverage.advice)\n")
    }
}

/// The same for a page about to be printed.
func warnUnprintable(page html: String, name: String) {
    guard FontCoverage.hasUncommon(html), let missing = FontCoverage.installed?.unprintable(in: html), !missing.isEmpty else { return }
    writeDiagnostic("qmsforms: warning: \(name): \(FontCoverage.named(missing)) — no installed font has "
        + "\(missing.count == 1 ? "it" : "them"), so \(missing.count == 1 ? "it prints" : "they print") as an empty box; \(FontCoverage.advice)\n")
}
