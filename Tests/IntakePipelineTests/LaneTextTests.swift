@testable import IntakePipeline
import IntakeTestSupport
import Testing

/// The orders lane's byte helpers against the plain rules they shortcut: `trimmed` (spaces and tabs off both ends,
/// decided by two compares for most values), `mentionsExpress` (ASCII checked eight bytes a step) and `firstSpace`
/// (eight bytes a step, reading past the value's end as the lane's fields allow), on random
/// values of every length around those steps, with bytes of every kind at every place.
struct LaneTextTests {
    private static let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x00, 0x1F, 0x21, 0x7F, 0x80, 0xC3, 0xFF]
        + Array("eExXpPrRsSaBc".utf8)

    @Test func trimmedAndExpressAgreeWithTheirRules() {
        var random = SplitMix64(seed: 0x7E47)
        for round in 0..<20_000 {
            let count = random.int(in: 0...24)
            var bytes = (0..<count).map { _ in random.pick(Self.alphabet) }
            if random.chance(30), count >= 7 {
                let at = random.int(in: 0...(count - 7))
                let word = Array(random.pick(["express", "EXPRESS", "Express", "exPress"]).utf8)
                bytes.replaceSubrange(at..<(at + 7), with: word)
            }
            // Bytes after the value, as the reader's buffer has (`CSVReader.readSlack`): spaces, which `firstSpace`
            // must not find there.
            let padded = bytes + [UInt8](repeating: 0x20, count: 16)
            padded.withUnsafeBufferPointer { padded in
                let value = UnsafeBufferPointer(rebasing: padded[..<count])
                #expect(ShopifyOrderLane.firstSpace(value) == bytes.firstIndex(of: 0x20), "round \(round): \(bytes)")
            }
            bytes.withUnsafeBufferPointer { value in
                var start = 0
                var end = value.count
                while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
                while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
                #expect(Array(ShopifyOrderLane.trimmed(value)) == Array(value[start..<end]), "round \(round): \(bytes)")
                let expected: Bool? = bytes.contains { $0 >= 0x80 }
                    ? nil : String(decoding: bytes, as: UTF8.self).lowercased().contains("express")
                #expect(ShopifyOrderLane.mentionsExpress(value) == expected, "round \(round): \(bytes)")
            }
        }
    }
}
