import Foundation

/// Strict ISO 8601 dates and date-times, with the day arithmetic computations need.
enum CalendarDate {
    /// `yyyy-mm-dd` → (y, m, d) when it is a real calendar date.
    static func parseDate(_ s: String) -> (Int, Int, Int)? {
        // yyyy-mm-dd, ASCII digits only, read straight from the UTF-8 bytes.
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var count = 0
        for byte in s.utf8 {
            count += 1
            if count == 5 || count == 8 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count <= 10 else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
        }
        guard count == 10 else { return nil }
        let y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let m = digits[4] * 10 + digits[5], d = digits[6] * 10 + digits[7]
        guard y >= 1900, y <= 2999, (1...12).contains(m), d >= 1, d <= daysIn(m, y) else { return nil }
        return (y, m, d)
    }

    static func daysIn(_ m: Int, _ y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Normalises `yyyy-mm-dd[T| ]hh:mm[:ss][Z|±hh:mm]` to `yyyy-mm-ddThh:mm:ss[offset]`.
    static func normaliseDateTime(_ s: String) -> String? {
        guard s.count >= 16 else { return nil }
        let datePart = String(s.prefix(10))
        guard parseDate(datePart) != nil else { return nil }
        let sep = s[s.index(s.startIndex, offsetBy: 10)]
        guard sep == "T" || sep == " " else { return nil }
        var rest = s.dropFirst(11)
        var offset = ""
        if rest.hasSuffix("Z") { offset = "Z"; rest = rest.dropLast() }
        else if rest.count >= 6, let signIndex = rest.index(rest.endIndex, offsetBy: -6, limitedBy: rest.startIndex),
                rest[signIndex] == "+" || rest[signIndex] == "-" {
            let tz = rest[signIndex...]
            let hh = tz.dropFirst().prefix(2), mm = tz.suffix(2)
            guard tz.dropFirst(3).first == ":", let h = Int(hh), let m = Int(mm), h <= 14, m < 60 else { return nil }
            offset = String(tz)
            rest = rest[..<signIndex]
        }
        let t = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard t.count == 2 || t.count == 3, t.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(t[0]), let m = Int(t[1]), h < 24, m < 60 else { return nil }
        let sec = t.count == 3 ? Int(t[2])! : 0
        guard sec < 60 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(datePart)T\(two(h)):\(two(m)):\(two(sec))\(offset)"
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Minutes since the epoch for a normalised date or date-time (offset applied when present).
    static func minutes(_ s: String) -> Int? {
        guard let (y, m, d) = parseDate(String(s.prefix(10))) else { return nil }
        var total = dayNumber(y, m, d) * 1440
        if s.count >= 19 {
            let chars = Array(s)
            total += Int(String(chars[11...12]))! * 60 + Int(String(chars[14...15]))!
            if s.count > 19, chars[19] != "Z" {
                let sign = chars[19] == "-" ? -1 : 1
                let oh = Int(String(chars[20...21]))!, om = Int(String(chars[23...24]))!
                total -= sign * (oh * 60 + om)
            }
        }
        return total
    }

    /// Day number of a `yyyy-mm-dd` date (for differences in days).
    static func day(_ s: String) -> Int? { parseDate(s).map { dayNumber($0.0, $0.1, $0.2) } }

    /// The `yyyy-mm-dd` date of a day number.
    static func date(_ day: Int) -> String {
        // Walk from the year's first day: day numbers are small enough for this to be quick.
        var y = 1900
        while dayNumber(y + 1, 1, 1) <= day { y += 1 }
        var m = 1
        while m < 12 && dayNumber(y, m + 1, 1) <= day { m += 1 }
        let d = day - dayNumber(y, m, 1) + 1
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
