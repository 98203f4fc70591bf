import Foundation
@testable import IntakePipeline
import Testing

/// The job JSON's string escaping (the fast lane and the full path share it): what a JSON parser reads back is
/// the text that went in.
struct JSONTextTests {
    @Test(arguments: ["plain", "", "Zoë \"Zee\" Ölund", "c:\\temp\\", "line\nbreak\r\n", "tab\there", "bell\u{7}nul\u{0}", "日本 🚚", "ends with \\"])
    func escapedTextReadsBackAsItWas(_ text: String) throws {
        var bytes: [UInt8] = []
        JSONText.append(text, to: &bytes)
        var string = ""
        JSONText.append(text, to: &string)
        #expect(Array(string.utf8) == bytes)
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + string + "]").utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func controlCharactersUseTheShortFormsOrFourHexDigits() {
        var out = ""
        JSONText.append("\u{1}\n\u{1F}", to: &out)
        #expect(out == "\"\\u0001\\n\\u001f\"")
    }

    /// The word-at-a-time check says "needs escaping" exactly when some byte is a control character, `"` or `\`,
    /// at every length and position (the last partial word is checked by an overlapping load, or byte by byte).
    @Test func needsEscapingAgreesWithTheByteByByteDefinition() {
        var random = SystemRandomNumberGenerator()
        let special: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C]
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x41, 0x5B, 0x5D, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for length in 0..<40 {
            for _ in 0..<50 {
                var bytes = (0..<length).map { _ in plain.randomElement(using: &random) ?? 0x41 }
                if length > 0 && Bool.random(using: &random) {
                    bytes[Int.random(in: 0..<length, using: &random)] = special.randomElement(using: &random) ?? 0
                }
                let expected = bytes.contains { (byte: UInt8) -> Bool in byte < 0x20 || byte == 0x22 || byte == 0x5C }
                #expect(bytes.withUnsafeBufferPointer { JSONText.needsEscaping($0) } == expected, "\(bytes)")
            }
        }
    }
}
