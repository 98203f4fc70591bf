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
}
