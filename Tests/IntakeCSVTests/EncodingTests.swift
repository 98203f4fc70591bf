import IntakeCSV
import IntakeTestSupport
import Testing

@Suite struct EncodingTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func utf8ByteOrderMarkIsStripped() throws {
        let result = try readBothWays(Self.bom + Array("Handle,Title\nmug,Mug 東\n".utf8))
        #expect(result.dialect.encoding == .utf8)
        #expect(result.dialect.hadByteOrderMark)
        #expect(result.records.map(\.fields) == [["Handle", "Title"], ["mug", "Mug 東"]])
        #expect(result.records.map(\.line) == [1, 2])
        #expect(result.records.allSatisfy { $0.problem == nil })
    }

    @Test func byteOrderMarkBeforeQuotedFirstHeader() throws {
        let result = try readBothWays(Self.bom + Array("\"Handle\",\"Title\"\r\n\"a\",\"b\"\r\n".utf8))
        #expect(result.records.map(\.fields) == [["Handle", "Title"], ["a", "b"]])
        #expect(result.records.allSatisfy { $0.problem == nil })
    }

    @Test func noByteOrderMark() throws {
        let result = try readBothWays(Array("a,b\n".utf8))
        #expect(result.dialect.encoding == .utf8)
        #expect(!result.dialect.hadByteOrderMark)
    }

    @Test func byteOrderMarkOnly() throws {
        #expect(try readBothWays(Self.bom).records.isEmpty)
    }

    static let utf16Text = "Name;Note\r\nMüller;\"😀 east 東, 🇩🇪\r\nline two\"\r\nZoë;𝄞\r\n"

    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let result = try readBothWays(utf16Bytes(Self.utf16Text, bigEndian: bigEndian))
        #expect(result.dialect.encoding == (bigEndian ? .utf16BE : .utf16LE))
        #expect(result.dialect.hadByteOrderMark)
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.records == [
            ReadRecord(line: 1, number: 0, fields: ["Name", "Note"]),
            ReadRecord(line: 2, number: 1, fields: ["Müller", "😀 east 東, 🇩🇪\r\nline two"]),
            ReadRecord(line: 4, number: 2, fields: ["Zoë", "𝄞"]),
        ])
    }

    /// Beyond the 64 KiB sample the transcoder reads through the trickling source: surrogate pairs and code units
    /// split across reads, and records longer than the reader's buffer.
    @Test(arguments: [false, true])
    func largeUTF16File(bigEndian: Bool) throws {
        var text = "id,value\n"
        var expected: [[String]] = [["id", "value"]]
        var i = 0
        var units = 0
        while units < 60_000 {
            let value = "😀\(i) Müller 東 \u{1F1E9}\u{1F1EA}"
            let row = "\(i),\(value)\n"
            text += row
            units += row.utf16.count
            expected.append(["\(i)", value])
            i += 1
        }
        let long = String(repeating: "𝄞é", count: 40_000)
        text += "long,\"\(long)\"\nend,😀\n"
        expected += [["long", long], ["end", "😀"]]
        let result = try readBothWays(utf16Bytes(text, bigEndian: bigEndian), options: CSVOptions(initialBufferBytes: 64), seeds: [1, 2])
        #expect(result.records.map(\.fields) == expected)
        #expect(result.records.last?.line == expected.count)
    }

    @Test(arguments: [false, true])
    func utf16WithoutByteOrderMarkIsRefused(bigEndian: Bool) throws {
        let bytes = utf16Bytes("Name,Email\nAda,ada@example.com\n", bigEndian: bigEndian, byteOrderMark: false)
        let error = try #require(throws: CSVError.self) { try CSVReader(source: MemoryByteSource(bytes)) }
        #expect(error.kind == .encoding)
        #expect(error.description.contains("UTF-16"))
    }

    static func utf32Bytes(_ text: String, bigEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in (byteOrderMark ? "\u{FEFF}" : "").unicodeScalars + text.unicodeScalars {
            let value = scalar.value
            let le = [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
            bytes += bigEndian ? le.reversed() : le
        }
        return bytes
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func utf32IsRefused(bigEndian: Bool, byteOrderMark: Bool) throws {
        let bytes = Self.utf32Bytes("Name,Email\nAda,ada@example.com\n", bigEndian: bigEndian, byteOrderMark: byteOrderMark)
        let error = try #require(throws: CSVError.self) { try CSVReader(source: MemoryByteSource(bytes)) }
        #expect(error.kind == .encoding)
    }

    @Test func windows1252IsDecidedFromTheSample() throws {
        let bytes: [UInt8] = Array("Name;Preis;Notiz\n".utf8) + Array("M".utf8) + [0xFC] + Array("ller;".utf8) + [0x80]
            + Array(" 5;".utf8) + [0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0xE9, 0x20, 0x8D] + Array("\n".utf8)
        let result = try readBothWays(bytes)
        #expect(result.dialect.encoding == .windows1252)
        #expect(!result.dialect.hadByteOrderMark)
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.records.map(\.fields) == [["Name", "Preis", "Notiz"], ["Müller", "€ 5", "\u{201C}a\u{201D} \u{2013} é \u{8D}"]])
        #expect(result.records.allSatisfy { $0.problem == nil })
    }

    /// A Windows-1252 record longer than the reader's buffer: the transcoder must fill small remainders too,
    /// instead of ending the stream.
    @Test func windows1252RecordLongerThanTheBuffer() throws {
        let long = [UInt8](repeating: 0xE9, count: 100_000)
        let bytes = Array("a;b\n".utf8) + Array("x;".utf8) + long + Array("\ny;".utf8) + [0x80] + Array("\n".utf8)
        let result = try readBothWays(bytes, options: CSVOptions(initialBufferBytes: 64), seeds: [1])
        #expect(result.dialect.encoding == .windows1252)
        #expect(result.records.map(\.fields) == [["a", "b"], ["x", String(repeating: "é", count: 100_000)], ["y", "€"]])
    }

    @Test func windows1252Table() throws {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var source = Windows1252ToUTF8Source(base: MemoryByteSource((0...255).map { UInt8($0) }))
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 5)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            output += buffer[..<count]
        }
        let expected = (0...255).map { byte in
            Unicode.Scalar((0x80..<0xA0).contains(byte) ? high[byte - 0x80] : UInt32(byte))!
        }
        #expect(Array(String(decoding: output, as: UTF8.self).unicodeScalars) == expected)
    }

    @Test func invalidUTF8PastTheSampleIsARecordProblem() throws {
        var bytes = Array("id,name,x\n".utf8)
        var line = 1
        while bytes.count < 70_000 {
            bytes += Array("1,Müller 東,x\n".utf8)
            line += 1
        }
        bytes += Array("2,b".utf8) + [0xFF] + Array("c,z\n".utf8)
        bytes += Array("3,\"q".utf8) + [0xC3] + Array("\",z\n".utf8)
        bytes += Array("4,ok ü,z\n".utf8)
        let result = try readBothWays(bytes)
        #expect(result.dialect.encoding == .utf8)
        let records = result.records
        try #require(records.count == line + 3)
        #expect(records.dropLast(3).allSatisfy { $0.problem == nil })
        #expect(records[line] == ReadRecord(line: line + 1, number: line, fields: ["2", "b\u{FFFD}c", "z"], problem: .invalidUTF8(field: 1)))
        #expect(records[line + 1] == ReadRecord(line: line + 2, number: line + 1, fields: ["3", "q\u{FFFD}", "z"], problem: .invalidUTF8(field: 1)))
        #expect(records[line + 2] == ReadRecord(line: line + 3, number: line + 2, fields: ["4", "ok ü", "z"]))
        #expect(CSVRecordProblem.invalidUTF8(field: 1).field == 1)
    }

    /// A valid character cut in two by the end of the 64 KiB sample is not a reason to switch to Windows-1252.
    @Test func characterSplitBySampleEndIsValid() throws {
        var bytes = Array("h\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 - 3)
        bytes += Array("€\nend\n".utf8)
        let result = try readBothWays(bytes, seeds: [1])
        #expect(result.dialect.encoding == .utf8)
        try #require(result.records.count == 3)
        #expect(result.records.map(\.problem) == [nil, nil, nil])
        #expect(result.records[1].fields == [String(repeating: "a", count: 64 * 1024 - 3) + "€"])
    }

    @Test func emptyFile() throws {
        let result = try readBothWays([])
        #expect(result.records.isEmpty)
        #expect(result.dialect.encoding == .utf8)
    }
}

@Suite struct TranscoderTests {
    /// Drains `source` through output buffers of 1...`maxOutput` bytes.
    static func drain<S: ByteSource>(_ source: inout S, maxOutput: Int, seed: UInt64) throws -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: maxOutput)
        while true {
            let size = 1 + random.below(maxOutput)
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<size])) }
            if count == 0 { break }
            #expect(count <= size)
            output += buffer[..<count]
        }
        return output
    }

    @Test(arguments: [false, true], [1, 2, 3, 4, 9])
    func utf16ToUTF8WithTinyBuffers(bigEndian: Bool, maxOutput: Int) throws {
        let text = "ab😀ü東\r\n𝄞x\u{1F1E9}\u{1F1EA}" + String(repeating: "é😀", count: 500)
        var source = UTF16ToUTF8Source(base: TrickleSource(utf16Bytes(text, bigEndian: bigEndian, byteOrderMark: false), seed: 7), bigEndian: bigEndian)
        let output = try Self.drain(&source, maxOutput: maxOutput, seed: 3)
        #expect(String(decoding: output, as: UTF8.self) == text)
        #expect(source.replacements == 0)
    }

    @Test(arguments: [1, 2, 3, 8])
    func unpairedSurrogatesBecomeReplacementCharacters(maxOutput: Int) throws {
        // high + 'A', lone low, high + high + low (first one unpaired), then a high surrogate and an odd byte at the end.
        let units: [UInt16] = [0xD83D, 0x41, 0xDE00, 0x42, 0xD83D, 0xD83D, 0xDE00, 0x43, 0xD83D]
        var bytes = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        bytes.append(0x44)
        var source = UTF16ToUTF8Source(base: TrickleSource(bytes, seed: 5, maxChunk: 3), bigEndian: false)
        let output = try Self.drain(&source, maxOutput: maxOutput, seed: 9)
        #expect(String(decoding: output, as: UTF8.self) == "\u{FFFD}A\u{FFFD}B\u{FFFD}😀C\u{FFFD}\u{FFFD}")
        #expect(source.replacements == 5)
    }

    @Test(arguments: [1, 2, 3, 4])
    func windows1252WithTinyBuffers(maxOutput: Int) throws {
        let bytes: [UInt8] = Array("M".utf8) + [0xFC, 0x80, 0x41, 0xE9, 0x99, 0x20, 0x9F]
        var source = Windows1252ToUTF8Source(base: TrickleSource(bytes, seed: 2, maxChunk: 2))
        let output = try Self.drain(&source, maxOutput: maxOutput, seed: 4)
        #expect(String(decoding: output, as: UTF8.self) == "Mü€Aé™ Ÿ")
    }
}

@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        ([0x41, 0x42], nil),
        ([0xE2, 0x82, 0xAC], nil),
        ([0xF0, 0x9F, 0x98, 0x80], nil),
        ([0xC0, 0x80], 0),
        ([0xC1, 0xBF], 0),
        ([0xE0, 0x80, 0x80], 0),
        ([0xED, 0xA0, 0x80], 0),
        ([0xF0, 0x80, 0x80, 0x80], 0),
        ([0xF4, 0x90, 0x80, 0x80], 0),
        ([0xF5, 0x80, 0x80, 0x80], 0),
        ([0x80], 0),
        ([0x41, 0xE2, 0x41, 0x41], 1),
        ([0xE2, 0x82], 0),
        (Array(repeating: 0x61, count: 20) + [0xFF], 20),
        (Array(repeating: 0x61, count: 17) + [0xC3, 0xA9] + Array(repeating: 0x61, count: 9) + [0xC3], 28),
    ] as [([UInt8], Int?)])
    func firstInvalidOffset(bytes: [UInt8], expected: Int?) {
        #expect(bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } == expected)
    }

    @Test func truncatedEndIsAllowedOnlyWhenAsked() {
        for bytes: [UInt8] in [[0x61, 0xE2, 0x82], [0x61, 0xF0], [0x61, 0xF0, 0x9F, 0x98]] {
            #expect(bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0, allowTruncatedEnd: true) } == nil)
            #expect(bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } == 1)
        }
        // A cut-off sequence that is already invalid stays invalid.
        let bad: [UInt8] = [0x61, 0xE0, 0x80]
        #expect(bad.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0, allowTruncatedEnd: true) } == 1)
    }
}
