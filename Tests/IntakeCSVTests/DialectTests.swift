import IntakeCSV
import Testing

@Suite struct DialectTests {
    @Test(arguments: [(",", UInt8(ascii: ","), ","), (";", UInt8(ascii: ";"), ";"), ("\t", 0x09, "tab"), ("|", UInt8(ascii: "|"), "|")])
    func sniffsDelimiter(delimiter: String, byte: UInt8, name: String) throws {
        let d = delimiter
        // The data row holds every candidate, quoted: only the header line decides.
        let input = "Handle\(d)Title\(d)Price\n\"a\(d)b\"\(d)\"x, y; z|\tw\"\(d)1.5\n"
        let result = try readBothWays(Array(input.utf8))
        #expect(result.dialect.delimiter == byte)
        #expect(result.dialect.delimiterName == name)
        #expect(!result.dialect.hadSepLine)
        #expect(result.records.map(\.fields) == [["Handle", "Title", "Price"], ["a\(d)b", "x, y; z|\tw", "1.5"]])
    }

    @Test func semicolonFileWithCommasInQuotedHeaderNames() throws {
        let input = "\"Name, first\";\"Total, EUR\";\"a,b,c,d\";Qty\n\"Ada\";\"1,50\";x;2\n"
        let result = try readBothWays(Array(input.utf8))
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.records.map(\.fields) == [["Name, first", "Total, EUR", "a,b,c,d", "Qty"], ["Ada", "1,50", "x", "2"]])
    }

    @Test func majorityWinsAndTiesGoToListOrder() throws {
        #expect(try readAll(MemoryByteSource("a;b;c,d\n")).dialect.delimiter == UInt8(ascii: ";"))
        #expect(try readAll(MemoryByteSource("a,b;c\n")).dialect.delimiter == UInt8(ascii: ","))
        #expect(try readAll(MemoryByteSource("a\tb|c\n")).dialect.delimiter == 0x09)
        #expect(try readAll(MemoryByteSource("a|b|c\tx\n")).dialect.delimiter == UInt8(ascii: "|"))
        // Only the first line counts.
        #expect(try readAll(MemoryByteSource("a;b\n1,2,3,4,5\n")).dialect.delimiter == UInt8(ascii: ";"))
        // One column: the default.
        #expect(try readAll(MemoryByteSource("Handle\nx;y\n")).dialect.delimiter == UInt8(ascii: ","))
    }

    /// Blank lines before the header are skipped as records, so sniffing looks past them too.
    @Test func sniffsPastLeadingBlankLines() throws {
        let result = try readBothWays(Array("\n\r\n\na;b\n1;2\n".utf8))
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.records == [
            ReadRecord(line: 4, number: 0, fields: ["a", "b"]),
            ReadRecord(line: 5, number: 1, fields: ["1", "2"]),
        ])
    }

    /// A multi-line quoted header name: the first line ends outside quotes.
    @Test func sniffsAcrossQuotedLineBreakInHeader() throws {
        let result = try readBothWays(Array("\"Note\nAttributes\"|Total\nx|1\n".utf8))
        #expect(result.dialect.delimiter == UInt8(ascii: "|"))
        #expect(result.records.map(\.line) == [1, 3])
    }

    @Test(arguments: ["sep=;", "\"sep=;\"", "SEP=;"], ["\n", "\r\n", "\r"])
    func sepLineIsHonouredAndSkipped(sepLine: String, eol: String) throws {
        let input = "\(sepLine)\(eol)a,b;c\(eol)1,5;2\(eol)"
        let result = try readBothWays(Array(input.utf8))
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.dialect.hadSepLine)
        #expect(result.records == [
            ReadRecord(line: 2, number: 0, fields: ["a,b", "c"]),
            ReadRecord(line: 3, number: 1, fields: ["1,5", "2"]),
        ])
    }

    @Test func sepLineWithByteOrderMarkAndTab() throws {
        let result = try readBothWays([0xEF, 0xBB, 0xBF] + Array("sep=\t\r\na\tb,c\r\n".utf8))
        #expect(result.dialect.delimiter == 0x09)
        #expect(result.dialect.hadSepLine)
        #expect(result.dialect.hadByteOrderMark)
        #expect(result.records == [ReadRecord(line: 2, number: 0, fields: ["a", "b,c"])])
    }

    @Test func sepLineAfterBlankLine() throws {
        let result = try readBothWays(Array("\nsep=|\na|b\n".utf8))
        #expect(result.dialect.delimiter == UInt8(ascii: "|"))
        #expect(result.records == [ReadRecord(line: 3, number: 0, fields: ["a", "b"])])
    }

    @Test func sepLineAlone() throws {
        let result = try readBothWays(Array("sep=;\r\n".utf8))
        #expect(result.dialect.hadSepLine)
        #expect(result.records.isEmpty)
    }

    @Test func sepLikeHeaderIsNotASepLine() throws {
        let result = try readBothWays(Array("sep=||\na|b\n".utf8))
        #expect(!result.dialect.hadSepLine)
        #expect(result.dialect.delimiter == UInt8(ascii: "|"))
        #expect(result.records.map(\.fields) == [["sep=", "", ""], ["a", "b"]])
        let four = try readBothWays(Array("sep=\na\n".utf8))
        #expect(!four.dialect.hadSepLine)
        #expect(four.records.map(\.fields) == [["sep="], ["a"]])
    }

    @Test func forcedDelimiter() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: ";"))
        let result = try readBothWays(Array("a,b,c;d\n1,2;3\n".utf8), options: options)
        #expect(result.dialect.delimiter == UInt8(ascii: ";"))
        #expect(result.records.map(\.fields) == [["a,b,c", "d"], ["1,2", "3"]])
    }

    @Test func forcedDelimiterWinsOverSepLineWhichIsStillSkipped() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: "|"))
        let result = try readBothWays(Array("sep=;\na;b|c\n".utf8), options: options)
        #expect(result.dialect.delimiter == UInt8(ascii: "|"))
        #expect(result.dialect.hadSepLine)
        #expect(result.records == [ReadRecord(line: 2, number: 0, fields: ["a;b", "c"])])
    }

    @Test func dialectBeforeFirstRecordIsTheDefault() throws {
        let reader = try CSVReader(source: MemoryByteSource("a;b\n"))
        #expect(reader.dialect.delimiter == UInt8(ascii: ","))
        #expect(try reader.next())
        #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
    }
}
