import Foundation
import IntakeModel
import Testing

/// Run ids and the state's timestamps, written without Foundation's formatters: the same text as they write.
@Suite struct UTCTimeTests {
    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    @Test func theExampleOfTheDocs() {
        let time = UTCTime(secondsSince1970: 1_795_428_900)
        #expect(time.iso8601 == "2026-11-23T10:15:00Z")
        #expect(time.compact == "20261123T101500Z")
        #expect(time.day == "2026-11-23")
    }

    @Test func itWritesWhatFoundationsFormattersWrite() {
        let iso = ISO8601DateFormatter()
        let compact = Self.formatter("yyyyMMdd'T'HHmmss'Z'")
        let day = Self.formatter("yyyy-MM-dd")
        // Leap days, year ends, the epoch, centuries (2000 is a leap year, 2100 is not), and a sweep.
        var seconds = [0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 951_868_800, 978_307_199, 4_107_542_399, 4_107_542_400,
                       4_102_444_800 + 59 * 86_400, 1_795_428_900, 253_402_300_799]
        var value = 1_000_000_000
        while value < 2_000_000_000 {
            seconds.append(value)
            value += 7_777_777
        }
        for second in seconds {
            let date = Date(timeIntervalSince1970: TimeInterval(second))
            let time = UTCTime(secondsSince1970: second)
            #expect(time.iso8601 == iso.string(from: date), "\(second)")
            #expect(time.compact == compact.string(from: date), "\(second)")
            #expect(time.day == day.string(from: date), "\(second)")
        }
    }

    @Test func secondsBeforeTheEpochRoundDown() {
        #expect(UTCTime(secondsSince1970: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(UTCTime(Date(timeIntervalSince1970: 0.999)).iso8601 == "1970-01-01T00:00:00Z")
        #expect(UTCTime(Date(timeIntervalSince1970: -0.5)).iso8601 == "1969-12-31T23:59:59Z")
    }
}
