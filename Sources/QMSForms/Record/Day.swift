import Foundation

/// A calendar day, written `yyyy-mm-dd` (ISO 8601), parsed once where it enters — an option,
/// a form field, a file — and a value everywhere after. Only real days of 1900–2999 exist.
///
/// ```swift
/// let effective = Day("2026-12-01")!          // nil for "9999" or "2026-02-30"
/// effective.adding(days: 30).description       // "2026-12-31"
/// ```
public struct Day: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// Days since 1900-01-01 (day 0).
    public let number: Int

    /// Parses `yyyy-mm-dd`; `nil` for anything that is not a real day.
    public init?(_ text: String) {
        guard let n = CalendarDate.day(text) else { return nil }
        number = n
    }

    /// The day `number` days after 1970-01-01.
    public init(number: Int) { self.number = number }

    /// The day `date` falls on in local time.
    public init(_ date: Date) {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        number = CalendarDate.dayNumber(c.year!, c.month!, c.day!)
    }

    public var description: String { CalendarDate.date(number) }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(number: number + days) }

    /// The same day `years` later (28 February for 29 February in a year that has none).
    public func adding(years: Int) -> Day {
        let (y, m, d) = CalendarDate.parseDate(description)!
        return Day(number: CalendarDate.dayNumber(y + years, m, min(d, CalendarDate.daysIn(m, y + years))))
    }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a yyyy-mm-dd date"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Where "now" comes from: the system clock, or a fixed moment in tests. It is injected, never
/// taken from an option: retention and deadlines are judged against the real day.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `read`.
    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The system's clock.
    public static let system = WallClock { Date() }

    /// A clock that always reads `date` (tests).
    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }

    /// Now.
    public var now: Date { read() }
    /// Today, in local time.
    public var today: Day { Day(now) }
}
