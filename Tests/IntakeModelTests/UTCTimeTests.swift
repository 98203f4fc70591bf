import Foundation
import IntakeModel
import Testing

/// The hand-written UTC times against the Foundation formatters they replace, byte for byte.
@Suite struct UTCTimeTests {
    static let instants: [Int] = [
        0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 951_868_800,  // 2000-02-29 and around
        1_709_164_800, 4_107_542_400, 4_107_628_800,  // 2024-02-29, 2100-02-28, 2100-03-01
        2_147_483_647, 2_147_483_648, 1_795_430_100, 253_402_300_799,  // 2038, 2026-11-23, 9999-12-31T23:59:59
    ] + (0..<200).map { $0 * 47_304_017 % 4_102_444_800 }

    @Test func theyWriteWhatTheFormattersWrote() {
        let iso = ISO8601DateFormatter()
        let compact = DateFormatter()
        compact.locale = Locale(identifier: "en_US_POSIX")
        compact.timeZone = TimeZone(identifier: "UTC")
        compact.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        for seconds in Self.instants {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(UTCTime.iso8601(seconds) == iso.string(from: date), "\(seconds)")
            #expect(UTCTime.compact(seconds) == compact.string(from: date), "\(seconds)")
            #expect(UTCTime.date(seconds) == day.string(from: date), "\(seconds)")
        }
    }

    @Test func nowIsNow() {
        let before = Int(Date().timeIntervalSince1970)
        let now = UTCTime.now()
        #expect(now >= before && now <= before + 2)
    }
}
