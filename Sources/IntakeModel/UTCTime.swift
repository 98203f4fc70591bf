import Foundation

/// A moment in UTC, written as run ids and the state's timestamps write it.
///
/// Foundation's `DateFormatter` and `ISO8601DateFormatter` load ICU's calendar, locale and time-zone data to
/// write these three fixed formats: ~5 MB of a run's memory. The civil date of a day count is plain arithmetic
/// (Howard Hinnant's `civil_from_days`), so it is done here.
///
/// ```swift
/// let time = UTCTime(secondsSince1970: 1_795_428_900)
/// time.iso8601   // "2026-11-23T10:15:00Z"
/// time.compact   // "20261123T101500Z"
/// time.day       // "2026-11-23"
/// ```
public struct UTCTime: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let dayOfMonth: Int
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// The moment `seconds` after 1970-01-01T00:00:00Z (before it when negative), to the second.
    public init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // March = 0
        dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The moment of a `Date`, to the second (rounded down).
    public init(_ date: Date) {
        self.init(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Now.
    public static var now: UTCTime { UTCTime(Date()) }

    /// `2026-11-23T10:15:00Z`: what `ISO8601DateFormatter` writes by default.
    public var iso8601: String {
        "\(day)T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))Z"
    }

    /// `20261123T101500Z`: the stamp that starts a run id.
    public var compact: String {
        "\(Self.four(year))\(Self.two(month))\(Self.two(dayOfMonth))T\(Self.two(hour))\(Self.two(minute))\(Self.two(second))Z"
    }

    /// `2026-11-23`.
    public var day: String {
        "\(Self.four(year))-\(Self.two(month))-\(Self.two(dayOfMonth))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func four(_ value: Int) -> String {
        let text = String(value)
        return value >= 0 && text.count < 4 ? String(repeating: "0", count: 4 - text.count) + text : text
    }
}
