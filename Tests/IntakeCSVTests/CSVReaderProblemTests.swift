import IntakeCSV
import IntakeTestSupport
import Testing

@Suite struct CSVReaderProblemTests {
    @Test func strayQuoteInUnquotedFieldIsKeptLiterally() throws {
        let records = try readBothWays("title,qty\n12\" poster,5\nmug,1\nplain,\"1\"2\"\n")
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["title", "qty"]),
            ReadRecord(line: 2, number: 1, fields: ["12\" poster", "5"], problem: .strayQuote(field: 0)),
            ReadRecord(line: 3, number: 2, fields: ["mug", "1"]),
            ReadRecord(line: 4, number: 3, fields: ["plain", "1\"2\""], problem: .strayQuote(field: 1)),
        ])
        #expect(CSVRecordProblem.strayQuote(field: 1).field == 1)
        #expect(!CSVRecordProblem.strayQuote(field: 1).message.isEmpty)
    }

    @Test func textAfterClosingQuoteIsKeptWithTheQuote() throws {
        let records = try readBothWays("\"abc\"def,x\ny,\"a\"\"b\"c,z\n\"ok\",w\n")
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["abc\"def", "x"], problem: .strayQuote(field: 0)),
            ReadRecord(line: 2, number: 1, fields: ["y", "a\"b\"c", "z"], problem: .strayQuote(field: 1)),
            ReadRecord(line: 3, number: 2, fields: ["ok", "w"]),
        ])
    }

    /// The first problem of a record is the one reported; the next record starts clean.
    @Test func firstProblemWinsAndDoesNotLeak() throws {
        let records = try readBothWays("a\"b,c\"d\ne,f\n")
        #expect(records.map(\.problem) == [.strayQuote(field: 0), nil])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func unterminatedQuoteMidFileLosesOnlyItsLine(eol: String) throws {
        let input = ["id,note,qty", "1,\"ok\",2", "2,\"broken,3", "3,plain,4", "4,\"fine\",5", "5,\"multi", "line\",6", ""]
            .joined(separator: eol)
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["id", "note", "qty"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "ok", "2"]),
            ReadRecord(line: 3, number: 2, fields: ["2", "broken,3"], problem: .unterminatedQuote(field: 1)),
            ReadRecord(line: 4, number: 3, fields: ["3", "plain", "4"]),
            ReadRecord(line: 5, number: 4, fields: ["4", "fine", "5"]),
            ReadRecord(line: 6, number: 5, fields: ["5", "multi\(eol)line", "6"]),
        ])
    }

    /// An opening quote that a later, unrelated quote seems to close (`"broken ... 3,"fine"`): a legitimately
    /// closed field is followed by a delimiter or a line break, so the reader treats it as unterminated instead of
    /// swallowing the next records.
    @Test func unterminatedQuoteFollowedByQuotedRecords() throws {
        let input = "id,note\n1,\"broken\n2,\"fine\"\n3,\"also fine\"\n"
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["id", "note"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "broken"], problem: .unterminatedQuote(field: 1)),
            ReadRecord(line: 3, number: 2, fields: ["2", "fine"]),
            ReadRecord(line: 4, number: 3, fields: ["3", "also fine"]),
        ])
    }

    @Test func unterminatedQuoteAfterMultiLineFieldCountsLines() throws {
        let input = "\"a\nb\",\"open\nnext,row\n"
        let records = try readBothWays(input)
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["a\nb", "open"], problem: .unterminatedQuote(field: 1)),
            ReadRecord(line: 3, number: 1, fields: ["next", "row"]),
        ])
    }

    @Test func unterminatedQuoteAtEndOfFile() throws {
        #expect(try readBothWays("h\n\"abc") == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: ["abc"], problem: .unterminatedQuote(field: 0)),
        ])
        #expect(try readBothWays("h,i\na,\"abc\r\ndef") == [
            ReadRecord(line: 1, number: 0, fields: ["h", "i"]),
            ReadRecord(line: 2, number: 1, fields: ["a", "abc"], problem: .unterminatedQuote(field: 1)),
            ReadRecord(line: 3, number: 2, fields: ["def"]),
        ])
        #expect(try readBothWays("a,\"").map(\.problem) == [.unterminatedQuote(field: 1)])
        #expect(try readBothWays("a,\"").map(\.fields) == [["a", ""]])
    }

    /// A file bigger than the sample and the buffer with an unterminated quote early on: the reader must not
    /// pair it with a quote far away, and must read every later record.
    @Test(arguments: [true, false])
    func unterminatedQuoteInLargeFile(laterQuotes: Bool) throws {
        var input = "id,note\n1,\"never closed\n"
        for i in 2...6_000 { input += laterQuotes ? "\(i),\"note \(i)\",x\n" : "\(i),note \(i),x\n" }
        let records = try readBothWays(Array(input.utf8), options: CSVOptions(maxRecordBytes: 1 << 20), seeds: [3]).records
        try #require(records.count == 6_001)
        #expect(records[1] == ReadRecord(line: 2, number: 1, fields: ["1", "never closed"], problem: .unterminatedQuote(field: 1)))
        #expect(records[6_000] == ReadRecord(line: 6_001, number: 6_000, fields: ["6000", "note 6000", "x"]))
        #expect(records.dropFirst(2).allSatisfy { $0.problem == nil })
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func overLongRecordIsSkippedAndReadingGoesOn(eol: String) throws {
        let options = CSVOptions(maxRecordBytes: 1024)
        let long = "a," + String(repeating: "b", count: 2_000)
        let input = "h,x\(eol)\(long)\(eol)c,d\(eol)\(long)\(long)\(eol)e,f\(eol)"
        let records = try readBothWays(Array(input.utf8), options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h", "x"]),
            ReadRecord(line: 2, number: 1, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 3, number: 2, fields: ["c", "d"]),
            ReadRecord(line: 4, number: 3, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 5, number: 4, fields: ["e", "f"]),
        ])
        #expect(CSVRecordProblem.recordTooLong(limit: 1024).field == nil)
    }

    /// The limit is on the record's bytes without its line break, and it does not depend on how the bytes arrive.
    @Test(arguments: [1_023, 1_024, 1_025, 1_026], ["\n", "\r\n", "\r"])
    func recordLengthLimitIsExact(length: Int, eol: String) throws {
        let options = CSVOptions(maxRecordBytes: 1_024)
        let record = String(repeating: "z", count: length)
        let input = "h\(eol)\(record)\(eol)next\(eol)"
        let records = try readBothWays(Array(input.utf8), options: options).records
        let expected = length <= 1_024
            ? ReadRecord(line: 2, number: 1, fields: [record])
            : ReadRecord(line: 2, number: 1, fields: [], problem: .recordTooLong(limit: 1_024))
        #expect(records == [ReadRecord(line: 1, number: 0, fields: ["h"]), expected, ReadRecord(line: 3, number: 2, fields: ["next"])])
        // At the end of the file, without a line break.
        let atEnd = try readBothWays(Array("h\(eol)\(record)".utf8), options: options).records
        #expect(atEnd == [ReadRecord(line: 1, number: 0, fields: ["h"]), expected])
    }

    /// An over-long record with quoted line breaks before the limit: they are lines of that record.
    @Test func overLongRecordWithQuotedLineBreaks() throws {
        let options = CSVOptions(maxRecordBytes: 1024)
        let input = "h\n\"x\ny\r\nz\"," + String(repeating: "b", count: 2_000) + "\nc,d\n"
        let records = try readBothWays(Array(input.utf8), options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 5, number: 2, fields: ["c", "d"]),
        ])
    }

    /// An opening quote and no line break within the limit: the record is too long and skipped to its line end.
    @Test func overLongOpenQuoteWithoutLineBreak() throws {
        let options = CSVOptions(maxRecordBytes: 1024)
        let input = "h\n1,\"" + String(repeating: "x", count: 3_000) + "\n2,y\n"
        let records = try readBothWays(Array(input.utf8), options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 3, number: 2, fields: ["2", "y"]),
        ])
    }

    /// An opening quote with a line break within the limit: an unterminated quote, cut at that line break.
    @Test func overLongOpenQuoteWithLineBreak() throws {
        let options = CSVOptions(maxRecordBytes: 1024)
        let input = "h\n1,\"abc\n" + String(repeating: "x", count: 3_000) + "\n2,y\n"
        let records = try readBothWays(Array(input.utf8), options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h"]),
            ReadRecord(line: 2, number: 1, fields: ["1", "abc"], problem: .unterminatedQuote(field: 1)),
            ReadRecord(line: 3, number: 2, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 4, number: 3, fields: ["2", "y"]),
        ])
    }

    /// 50 MB without a line break, generated lazily: the reader skips it with a bounded buffer and goes on.
    @Test func hugeLineIsSkippedWithBoundedMemory() throws {
        let stats = SourceStats()
        let source = LazyLongLineSource(
            prefix: "h1,h2\nstart,", filler: UInt8(ascii: "x"), fillerCount: 50_000_000, suffix: "\r\nnext,row\nlast,one", stats: stats
        )
        let total = source.totalCount
        let options = CSVOptions(maxRecordBytes: 1024, initialBufferBytes: 64)
        let records = try readAll(source, options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["h1", "h2"]),
            ReadRecord(line: 2, number: 1, fields: [], problem: .recordTooLong(limit: 1024)),
            ReadRecord(line: 3, number: 2, fields: ["next", "row"]),
            ReadRecord(line: 4, number: 3, fields: ["last", "one"]),
        ])
        // Everything was read, but never into more than the sample-sized buffer plus the limit.
        #expect(stats.bytesServed == total)
        #expect(stats.largestRequest <= 64 * 1024 + 1024 + 64)
    }

    @Test func tooManyFields() throws {
        let options = CSVOptions(maxFields: 3)
        let records = try readBothWays(Array("a,b,c,d,e\n1,2,3\n\"x\",\"y\",\"z\",\"w\"\n".utf8), options: options).records
        #expect(records == [
            ReadRecord(line: 1, number: 0, fields: ["a", "b", "c"], problem: .tooManyFields(limit: 3)),
            ReadRecord(line: 2, number: 1, fields: ["1", "2", "3"]),
            ReadRecord(line: 3, number: 2, fields: ["x", "y", "z"], problem: .tooManyFields(limit: 3)),
        ])
        #expect(CSVRecordProblem.tooManyFields(limit: 3).field == nil)
    }

    @Test func optionsClampNonsense() {
        let options = CSVOptions(maxRecordBytes: 1, maxFields: 0, initialBufferBytes: 1 << 40)
        #expect(options.maxRecordBytes == 64)
        #expect(options.maxFields == 1)
        #expect(options.initialBufferBytes == 64)
    }

    @Test func hugeLimitsDoNotOverflow() throws {
        let options = CSVOptions(maxRecordBytes: .max, maxFields: .max)
        #expect(try readAll(MemoryByteSource("a,b\n1,2\n"), options: options).records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try readAll(TrickleSource(Array("a,\"b\nc\"\n1,2".utf8)), options: options).records.map(\.fields) == [["a", "b\nc"], ["1", "2"]])
    }
}

@Suite struct FormulaGuardTests {
    @Test(arguments: ["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx", "=", "-42"])
    func readerStripsOneGuard(value: String) throws {
        let input = "\"'\(value)\",next\n"
        let stripped = try readBothWays(input)
        #expect(stripped.map(\.fields) == [[value, "next"]])
        let kept = try readBothWays(Array(input.utf8), options: CSVOptions(stripFormulaGuard: false)).records
        #expect(kept.map(\.fields) == [["'" + value, "next"]])
        let reader = try CSVReader(source: MemoryByteSource(input))
        #expect(try reader.next())
        // The raw bytes are never changed.
        #expect(reader.withRawBytes(0) { Array($0) } == Array(("'" + value).utf8))
    }

    @Test(arguments: [("'hello", "'hello"), ("'", "'"), ("''", "''"), ("'1", "'1"), ("''=x", "'=x"), ("'''-1", "''-1"), ("''a", "''a"), ("x'=", "x'=")])
    func readerStripsOnlyBeforeATrigger(raw: String, expected: String) throws {
        let records = try readBothWays("\(raw),z\n")
        #expect(records.map(\.fields) == [[expected, "z"]])
    }

    @Test func guardAndEscapedQuotes() throws {
        let records = try readBothWays("\"'=\"\"x\"\"\",z\n")
        #expect(records.map(\.fields) == [["=\"x\"", "z"]])
    }
}

/// Malformed input of every kind: whatever the reader makes of it, it must make the same of it however the bytes
/// arrive, and keep its invariants.
@Suite struct MalformedInputTests {
    static let pieces: [[UInt8]] = [
        "\"", "\"\"", ",", ";", "\r", "\n", "\r\n", "a", "bc", "ü", "'=", " ", "\"x\"", ",\"", "\",",
    ].map { Array($0.utf8) }

    static func garbage(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        let target = random.int(in: 200...3_000)
        while bytes.count < target {
            if random.chance(2) {
                bytes += [UInt8](repeating: UInt8(ascii: "x"), count: random.int(in: 50...400))
            } else if random.chance(1) {
                bytes.append(0xFF)
            } else {
                bytes += random.pick(pieces)
            }
        }
        return bytes
    }

    @Test(arguments: 0..<12)
    func sameRecordsInAnyChunking(index: Int) throws {
        let seed = RoundTripTests.seed &+ UInt64(index) &* 0x9E37
        var random = SplitMix64(seed: seed)
        for round in 0..<6 {
            let bytes = Self.garbage(&random)
            let options = CSVOptions(
                delimiter: random.chance(50) ? UInt8(ascii: ",") : nil,
                maxRecordBytes: random.int(in: 64...300),
                maxFields: random.int(in: 1...12)
            )
            let result = try readBothWays(bytes, options: options, seeds: [seed &+ UInt64(round), 99])
            let records = result.records
            let context = "seed \(seed) round \(round)"
            #expect(records.map(\.number) == Array(0..<records.count), "\(context)")
            #expect(zip(records, records.dropFirst()).allSatisfy { $0.line < $1.line }, "\(context)")
            #expect(records.allSatisfy { $0.fields.count <= options.maxFields }, "\(context)")
            #expect(records.allSatisfy { $0.problem != .recordTooLong(limit: options.maxRecordBytes) || $0.fields.isEmpty }, "\(context)")
            #expect(records.allSatisfy { $0.problem == .recordTooLong(limit: options.maxRecordBytes) || !$0.fields.isEmpty }, "\(context)")
            // No record holds more bytes than the limit allows.
            #expect(records.allSatisfy { $0.fields.reduce(0) { $0 + $1.utf8.count } <= 3 * options.maxRecordBytes }, "\(context)")
        }
    }
}
