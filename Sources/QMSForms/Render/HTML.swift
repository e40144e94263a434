/// Escaping for the HTML renderer: every value from data, templates or settings goes
/// through one of these before it reaches a page.
enum HTML {
    /// Escapes text for element content and quoted attribute values.
    static func escape(_ s: String) -> String {
        // Most values need nothing: return them as they are, without building a copy.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for b in bytes where b < 0x20 && b != 0x0A && b != 0x09 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
                return false
            }
            return true
        }
        if plain == true { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A CSS string literal: everything but letters, digits, spaces and CJK is a hex escape,
    /// so no value can close the string or the `<style>` element.
    static func cssString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else if scalar.value >= 0x20 {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
