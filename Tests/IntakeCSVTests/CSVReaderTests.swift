import IntakeCSV
import IntakeTestSupport
import Testing

@Suite struct CSVReaderRFC4180Tests {
    @Test func quotedDelimitersEscapesAndEmptyFields() throws {
        let reader = try CSVReader(source: MemoryByteSource("a,\"b,c\",\"d\"\"e\",,\"\",f\r\n"))
        #expect(try reader.next())
        #expect(reader.fieldCount == 6)
        #expect(reader.strings() == ["a", "b,c", "d\"e", "", "", "f"])
        #expect(reader.hasEscapedQuotes(2))
        #expect(!reader.hasEscapedQuotes(1))
        #expect(reader.withRawBytes(2) { Array($0) } == Array("d\"\"e".utf8))
        #expect(reader.withRawBytes(1) { Array($0) } == Array("b,c".utf8))
        #expect(!reader.isEmpty(0))
        #expect(reader.isEmpty(3))
        #expect(reader.isEmpty(4))
        // A field past the last one reads as missing, not as a crash.
        #expect(reader.isEmpty(99))
        #expect(reader.string(99) == "")
        #expect(reader.withRawBytes(99) { $0.count } == 0)
        #expect(!reader.hasEscapedQuotes(99))
        #expect(reader.problem == nil)
        #expect(try reader.next() == false)
    }

    @Test func quotesOnlyEscapes() throws {
        let records = try readBothWays("\"\"\"\"\"\",\"\"\"a\"\"\",\"x\"\"\"\n")
        #expect(records.map(\.fields) == [["\"\"", "\"a\"", "x\""]])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineBreaksInsideQuotedFields(eol: String) throws {
        let input = "h1,h2\(eol)1,\"x\(eol)y\(eol)z\"\(eol)2,\"a,\(eol)\"\(eol)3,w\(eol)"
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h1", "h2"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "x\(eol)y\(eol)z"]),
            ReadRecord(line: 5, number: 2, fields: ["2", "a,\(eol)"]),
            ReadRecord(line: 7, number: 3, fields: ["3", "w"]),
        ])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func recordEndings(eol: String) throws {
        let records = try readBothWays("a,b\(eol)c,d\(eol)e,f")
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["a", "b"]),
            ReadRecord(line: 2, number: 1, fields: ["c", "d"]),
            ReadRecord(line: 3, number: 2, fields: ["e", "f"]),
        ])
        let terminated = try readBothWays("a,b\(eol)c,d\(eol)e,f\(eol)")
        #expect(terminated == records)
    }

    @Test func mixedRecordEndings() throws {
        let records = try readBothWays("a\r\nb\nc\rd\n\re")
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(records.map(\.number) == [0, 1, 2, 3, 4])
    }

    /// Shopify ends records with LF but writes `Note Attributes` with CRLF inside the quoted cell.
    @Test func lfRecordsWithCRLFInsideQuotedFields() throws {
        let input = "Name,Note Attributes,Total\n#1001,\"gift: yes\r\nwrap: no\r\n\",10.00\n#1002,,5.00\n#1003,\"a\r\nb\",1\n"
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["Name", "Note Attributes", "Total"]),
            ReadRecord(line: 2, number: 1, fields: ["#1001", "gift: yes\r\nwrap: no\r\n", "10.00"]),
            ReadRecord(line: 5, number: 2, fields: ["#1002", "", "5.00"]),
            ReadRecord(line: 6, number: 3, fields: ["#1003", "a\r\nb", "1"]),
        ])
    }

    @Test func trailingEmptyField() throws {
        #expect(try readBothWays("a,b,\n").map(\.fields) == [["a", "b", ""]])
        #expect(try readBothWays("a,b,").map(\.fields) == [["a", "b", ""]])
        #expect(try readBothWays("\"a\",").map(\.fields) == [["a", ""]])
        #expect(try readBothWays("\"a\",\r\n").map(\.fields) == [["a", ""]])
        #expect(try readBothWays(",\n").map(\.fields) == [["", ""]])
        #expect(try readBothWays(",,\r\n,,").map(\.fields) == [["", "", ""], ["", "", ""]])
    }

    @Test func lastRecordWithoutLineBreak() throws {
        #expect(try readBothWays("h\nlast") == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: ["last"]),
        ])
        #expect(try readBothWays("h\n\"last\"").map(\.fields) == [["h"], ["last"]])
        #expect(try readBothWays("h\n\"multi\nline\"").map(\.fields) == [["h"], ["multi\nline"]])
        // A CR as the very last byte is a line break, not the first half of a pending CRLF.
        #expect(try readBothWays("h\r1,2\r") == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "2"]),
        ])
    }

    @Test func physicalLinesAcrossMultiLineRecordsAndBlankLines() throws {
        let input = "h1,h2\n\n1,\"a\nb\nc\"\n\r\n\r2,x\n\n\n\"p\r\nq\",3\n4,y"
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h1", "h2"]),
            ReadRecord(line: 3, number: 1, fields: ["1", "a\nb\nc"]),
            ReadRecord(line: 8, number: 2, fields: ["2", "x"]),
            ReadRecord(line: 11, number: 3, fields: ["p\r\nq", "3"]),
            ReadRecord(line: 13, number: 4, fields: ["4", "y"]),
        ])
    }

    @Test func leadingBlankLinesAreSkippedButCounted() throws {
        let records = try readBothWays("\n\r\n\rh\n1\n")
        #expect(records == [
            ReadRecord(line: 4, number: 0, fields: ["h"]),
            ReadRecord(line: 5, number: 1, fields: ["1"]),
        ])
    }

    @Test func whitespaceLineIsARecordNotABlankLine() throws {
        #expect(try readBothWays("h\n  \n\t\n").map(\.fields) == [["h"], ["  "], ["\t"]])
    }

    @Test func emptyAndBlankOnlyInputs() throws {
        #expect(try readBothWays("").isEmpty)
        #expect(try readBothWays("\n\r\n\r\n\n").isEmpty)
    }

    @Test func valuesAreStableUntilNextCall() throws {
        let reader = try CSVReader(source: MemoryByteSource("id,name\n1,\"Ada \"\"A\"\" L\"\n2,Bob\n"))
        #expect(try reader.next())
        #expect(reader.recordNumber == 0)
        #expect(try reader.next())
        #expect(reader.string(1) == "Ada \"A\" L")
        #expect(reader.string(1) == "Ada \"A\" L")
        #expect(reader.recordNumber == 1)
        #expect(reader.recordLine == 2)
        #expect(try reader.next())
        #expect(reader.strings() == ["2", "Bob"])
    }
}

/// Records spanning buffer refills: a tiny source against reading in one go, beyond the 64 KiB sample.
@Suite struct CSVReaderBufferingTests {
    /// The generated values may start with `'=`, which must come back as written.
    static let options = CSVOptions(delimiter: UInt8(ascii: ","), stripFormulaGuard: false)

    /// A generated file with known records and lines: quoted delimiters and line breaks of all three kinds,
    /// escaped quotes, empty fields, blank lines between records, CRLF/LF/CR record endings.
    static func generatedFile(seed: UInt64, targetBytes: Int) -> (bytes: [UInt8], expected: [ReadRecord]) {
        var random = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        var expected: [ReadRecord] = []
        var line = 1
        let eols = ["\r\n", "\n", "\r"]
        let pieces = ["a", "bc", "Müller", "東京", "😀", " ", ",", "\"", "\r\n", "\n", "\r", "x y", "12.50", "'=", "|", ";"]
        var number = 0
        while bytes.count < targetBytes {
            let fieldCount = random.int(in: 2...6)
            var fields: [String] = []
            var encoded: [String] = []
            var breaks = 0
            for _ in 0..<fieldCount {
                var value = ""
                for _ in 0..<random.int(in: 0...5) { value += random.pick(pieces) }
                if random.chance(3) { value = String(repeating: "long ", count: random.int(in: 10...400)) }
                fields.append(value)
                let needsQuotes = value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
                if needsQuotes || random.chance(20) {
                    encoded.append("\"" + escapingQuotes(value) + "\"")
                    breaks += lineBreakCount(value)
                } else {
                    encoded.append(value)
                }
            }
            expected.append(ReadRecord(line: line, number: number, fields: fields))
            number += 1
            let eol = random.pick(eols)
            bytes += Array((encoded.joined(separator: ",") + eol).utf8)
            line += breaks + 1
            if random.chance(5) {
                // After a CR, an LF would only complete a CRLF, not make a blank line.
                let blank = random.pick(eol == "\r" ? ["\r\n", "\r"] : eols)
                bytes += Array(blank.utf8)
                line += 1
            }
        }
        return (bytes, expected)
    }

    @Test func smallGeneratedFileMatchesExpectation() throws {
        let (bytes, expected) = Self.generatedFile(seed: 11, targetBytes: 4_000)
        let records = try readBothWays(bytes, options: Self.options).records
        #expect(records == expected)
    }

    /// 200 KiB: the reader keeps refilling after its 64 KiB sample, with records straddling every refill.
    @Test(arguments: [UInt64(5), 6])
    func largeGeneratedFileMatchesExpectation(seed: UInt64) throws {
        let (bytes, expected) = Self.generatedFile(seed: seed, targetBytes: 200 * 1024)
        #expect(bytes.count > 200 * 1024)
        let result = try readBothWays(bytes, options: Self.options, seeds: [seed, seed + 100])
        #expect(result.records.count == expected.count)
        if let index = firstDifference(result.records, expected) {
            Issue.record("record \(index): \(result.records[index]) expected \(expected[index])")
        }
    }

    /// A single record bigger than the initial buffer makes the reader grow it (up to `maxRecordBytes`).
    @Test func recordLargerThanTheBuffer() throws {
        let big = String(repeating: "0123456789", count: 30_000)
        let input = "h1,h2\n1,\"\(big)\n\(big)\"\n2,\(big)\n3,end\n"
        let records = try readBothWays(Array(input.utf8), options: CSVOptions(initialBufferBytes: 64), seeds: [9]).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h1", "h2"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "\(big)\n\(big)"]),
            ReadRecord(line: 4, number: 2, fields: ["2", big]),
            ReadRecord(line: 5, number: 3, fields: ["3", "end"]),
        ])
    }

    /// `keepsBytes(from:)` keeps the records from a pinned one on buffered across refills (a trickling source and a
    /// small buffer refill often), and `keptBytes` gives them back as they stand in the input, whatever the reader
    /// read since; records read with nothing pinned still read the same.
    @Test(arguments: [UInt64(7), 8])
    func keptRecordsSurviveRefills(seed: UInt64) throws {
        let (bytes, expected) = Self.generatedFile(seed: seed, targetBytes: 200 * 1024)
        var options = Self.options
        options.initialBufferBytes = 64
        let reader = try CSVReader(source: TrickleSource(bytes, seed: seed, maxChunk: 4096), options: options)
        var random = SplitMix64(seed: seed)
        var pinned: [(offset: Int, end: Int)] = []
        var number = 0
        while try reader.next() {
            #expect(reader.strings() == expected[number].fields)
            number += 1
            let offset = reader.recordOffset
            #expect(Array(reader.recordBytesView) == Array(bytes[offset..<(offset + reader.recordBytesCount)]))
            if pinned.isEmpty { reader.keepsBytes(from: offset) }
            pinned.append((offset, offset + reader.recordBytesCount))
            if pinned.count == random.int(in: 1...4) || random.chance(5) {
                let span = pinned[0].offset..<pinned[pinned.count - 1].end
                #expect(Array(reader.keptBytes(span)) == Array(bytes[span]))
                pinned.removeAll()
                reader.keepsBytes(from: nil)
            }
        }
        #expect(number == expected.count)
    }

    /// A source that delivers one byte per read must not make the reader rescan a long record for every byte:
    /// 1 MB in single bytes stays fast.
    @Test func oneBytePerReadIsNotQuadratic() throws {
        let field = String(repeating: "x", count: 400_000)
        let input = Array("h\n\"\(field)\"\n\(field)\nend\n".utf8)
        let clock = ContinuousClock()
        var records: [ReadRecord] = []
        let elapsed = try clock.measure {
            records = try readAll(TrickleSource(input, seed: 4, maxChunk: 1), options: CSVOptions(initialBufferBytes: 64)).records
        }
        #expect(records.map(\.fields) == [["h"], [field], [field], ["end"]])
        #expect(elapsed < .seconds(5))
    }
}

/// `trimmedString(_:)`, which the order adapters read values with: `string(_:)` without leading and trailing
/// spaces and tabs, whether the field is plain, quoted, escaped or guarded.
@Suite struct TrimmedStringTests {
    @Test func isTheStringWithoutOuterSpacesAndTabs() throws {
        let text = "a,b,c,d,e,f,g,h\n  x  ,\"  y \",\"\"\"q\"\" \",\t'=1\t, \t,,\"a b\" ,z\n"
        let reader = try CSVReader(source: MemoryByteSource(Array(text.utf8)))
        #expect(try reader.next())
        #expect(try reader.next())
        // A guard behind a tab stays (as `string(_:)` keeps it); a stray quote stays literal.
        let expected = ["x", "y", "\"q\"", "'=1", "", "", "a b\"", "z", ""]
        for (index, value) in expected.enumerated() {
            #expect(reader.trimmedString(index) == value, "field \(index)")
            let trimmed = reader.string(index).drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            #expect(reader.trimmedString(index) == String(trimmed), "field \(index)")
        }
    }
}
