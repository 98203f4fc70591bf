@testable import IntakePipeline
import Testing
import Yams

/// `PlainScalarTag` decides the tags of plain scalars as Yams's default resolver (regular expressions) does.
@Suite struct PlainScalarTagTests {
    private func expected(_ text: String) -> Yams.Tag.Name {
        Resolver.default.resolveTag(of: Node(text))
    }

    @Test(arguments: [
        "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true", "True", "TRUE", "tRUE", "false",
        "y", "n", "0", "00", "07", "08", "0o7", "0o", "0b", "0b101", "0b2", "0x", "0x1F", "0xg", "0_", "-0", "+0", "1", "12", "1_000",
        "-12", "+12", "1:30", "1:60", "1:5", "190:20:30", "1:300", "0:30", "1:30.5", "1:30:", "1.", "1.5", ".5", "._", ".5e+3", ".5e3",
        "1e5", "1e", "1E-5", "1.5e+10", "-1.5", "+.inf", "-.Inf", ".INF", ".inf", ".nan", ".NaN", "-.nan", "<<", "=", "==",
        "2001-12-14", "2001-1-4", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z",
        "2001-12-15 2:59:43.10", "2001-12-14 21:59:43.10 ", "2001-12-14 21:59:43.10 Z", "2001-12-14T21:59", "20011-12-14",
        "2001-12-145", "2001-12-14 21:59:43+0530", "2001-12-14 21:59:43+05:3", "nightly", "bench-shop", "50%", "0.05", "1.0",
    ])
    func matchesYams(_ text: String) {
        #expect(PlainScalarTag.resolve(text) == expected(text), "\(text)")
    }

    /// Strings made of the characters the rules look at, seeded (the seed is printed).
    @Test func matchesYamsOnRandomStrings() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("PlainScalarTagTests seed: \(seed)")
        var generator = SplitMix(seed: seed)
        let alphabet = Array("0123456789:.-+_eEbxoTtZ .:0159aFinfINFnaN".map(String.init))
        for _ in 0..<3000 {
            let length = Int(generator.next() % 12)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(PlainScalarTag.resolve(text) == expected(text), "'\(text)' (seed \(seed))")
        }
    }
}

/// A small seeded generator (SplitMix64).
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
