import Foundation
import IntakeModel
@testable import IntakeStore
import Testing

/// The hand-written JSON of the state's text columns against Foundation's, both ways.
@Suite struct StateJSONTests {
    static let samples = [
        "", "plain", "https://files.example.com/a/b.pdf", "q\"uote", "back\\slash", "line\nbreak\r\n\ttab",
        "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}", "Müller €", "😀 emoji", "\u{2028}\u{2029}",
    ]

    @Test(arguments: samples)
    func stringsAsFoundationWritesThemReadByHand(sample: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let strings = [sample, "x", sample]
        let old = String(decoding: try encoder.encode(strings), as: UTF8.self)
        #expect(StateJSON.decodeStrings(old) == strings)
        let files = [DesignFile(type: sample, url: "https://x.example.com/\(sample)"), DesignFile(type: "back", url: sample)]
        let oldFiles = String(decoding: try encoder.encode(files), as: UTF8.self)
        #expect(StateJSON.decodeObjects(oldFiles, keys: ("type", "url"))?.map { DesignFile(type: $0.0, url: $0.1) } == files)
    }

    @Test(arguments: samples)
    func handWrittenJSONIsWhatFoundationReads(sample: String) throws {
        var json = StateJSON()
        let strings = [sample, "", sample + "/"]
        let written = json.encode(strings: strings)
        #expect(try JSONDecoder().decode([String].self, from: Data(written.utf8)) == strings)
        #expect(StateJSON.decodeStrings(written) == strings)
        let attributes = [CatalogAttribute(name: sample, value: "v"), CatalogAttribute(name: "Size", value: sample)]
        let writtenAttributes = json.encode(objects: attributes, keys: ("name", "value")) { ($0.name, $0.value) }
        #expect(try JSONDecoder().decode([CatalogAttribute].self, from: Data(writtenAttributes.utf8)) == attributes)
        #expect(StateJSON.decodeObjects(writtenAttributes, keys: ("name", "value"))?.map { CatalogAttribute(name: $0.0, value: $0.1) } == attributes)
    }

    @Test func theWriterMatchesSortedKeysFoundationOutputApartFromSlashes() throws {
        var json = StateJSON()
        let files = [DesignFile(type: "default", url: "https://x.example.com/a.pdf")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(json.encode(objects: files, keys: ("type", "url")) { ($0.type, $0.url) } == String(decoding: try encoder.encode(files), as: UTF8.self))
        #expect(json.encode(strings: []) == "[]")
        #expect(json.encode(objects: [DesignFile](), keys: ("type", "url")) { ($0.type, $0.url) } == "[]")
    }

    @Test func whatTheReaderDoesNotTakeIsNil() {
        for text in ["", "[", "[\"a\"", "[\"a\",]", "{}", "[1]", "[\"\\x\"]", "[\"\\ud800\"]", "[\"a\"] x", "[\"tab\there\"]"] {
            #expect(StateJSON.decodeStrings(text) == nil, "\(text)")
        }
        // Objects must have exactly the two keys, once each.
        for text in ["[{\"type\":\"a\"}]", "[{\"type\":\"a\",\"url\":\"b\",\"size\":\"1\"}]", "[{\"type\":\"a\",\"type\":\"b\"}]", "[{\"type\":1,\"url\":\"b\"}]"] {
            #expect(StateJSON.decodeObjects(text, keys: ("type", "url")) == nil, "\(text)")
        }
        #expect(StateJSON.decodeStrings(" [ \"a\" , \"b\" ] ") == ["a", "b"])
        #expect(StateJSON.decodeObjects("[]", keys: ("type", "url"))?.isEmpty == true)
    }

    @Test func aFileOfAnotherShapeStillReadsThroughFoundation() {
        // An extra key: the hand-written reader declines, Foundation's decoder (which ignores it) takes it.
        #expect(SQLiteStore.designFiles("[{\"size\":\"1\",\"type\":\"a\",\"url\":\"b\"}]") == [DesignFile(type: "a", url: "b")])
        #expect(SQLiteStore.designFiles("not json").isEmpty)
        #expect(SQLiteStore.attributes("[{\"name\":\"n\",\"value\":\"v\"}]") == [CatalogAttribute(name: "n", value: "v")])
        #expect(SQLiteStore.strings("[\"a\"]") == ["a"])
    }
}
