import Foundation

/// Times as the state and run ids write them, in UTC, formatted by hand: Foundation's date formatters load ICU's
/// calendar and time zone data on first use (~3 M instructions apiece, every run) for what are fixed-width digits.
///
/// ```swift
/// UTCTime.iso8601(UTCTime.now())  // "2026-11-23T10:15:00Z", as ISO8601DateFormatter writes it
/// ```
public enum UTCTime {
    /// The current time in whole seconds since 1970 (rounded down, as the formatters round).
    public static func now() -> Int {
        Int(Date().timeIntervalSince1970.rounded(.down))
    }

    /// `2026-11-23T10:15:00Z`: what `ISO8601DateFormatter` writes with its default options.
    public static func iso8601(_ seconds: Int) -> String {
        let t = Fields(seconds)
        return "\(digits(t.year, 4))-\(digits(t.month, 2))-\(digits(t.day, 2))T\(digits(t.hour, 2)):\(digits(t.minute, 2)):\(digits(t.second, 2))Z"
    }

    /// `20261123T101500Z` (the stamp of a run id).
    public static func compact(_ seconds: Int) -> String {
        let t = Fields(seconds)
        return "\(digits(t.year, 4))\(digits(t.month, 2))\(digits(t.day, 2))T\(digits(t.hour, 2))\(digits(t.minute, 2))\(digits(t.second, 2))Z"
    }

    /// `2026-11-23`.
    public static func date(_ seconds: Int) -> String {
        let t = Fields(seconds)
        return "\(digits(t.year, 4))-\(digits(t.month, 2))-\(digits(t.day, 2))"
    }

    /// The calendar fields of an instant (proleptic Gregorian, UTC).
    struct Fields {
        var year, month, day, hour, minute, second: Int

        init(_ seconds: Int) {
            let days = seconds.floorDivided(by: 86_400)
            let time = seconds - days * 86_400
            hour = time / 3_600
            minute = time % 3_600 / 60
            second = time % 60
            // Days to civil date (H. Hinnant's algorithm): eras of 400 years from 0000-03-01.
            let shifted = days + 719_468
            let era = shifted.floorDivided(by: 146_097)
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
