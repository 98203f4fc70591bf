import Foundation
import IntakeCSV
import Testing

@Suite struct CSVWriterTests {
    @Test func quotingRules() throws {
        let bytes = try written([["plain", "a,b", "q\"x", "line\nbreak", "cr\rx", "", " space ", "semi;colon", "tab\tx", "'=x"]])
        #expect(text(bytes) == "plain,\"a,b\",\"q\"\"x\",\"line\nbreak\",\"cr\rx\",, space ,semi;colon,tab\tx,'=x\r\n")
    }

    @Test func quotingFollowsTheDelimiter() throws {
        #expect(text(try written([["a,b", "a;b", "c"]], delimiter: UInt8(ascii: ";"))) == "a,b;\"a;b\";c\r\n")
        #expect(text(try written([["a\tb", "a,b"]], delimiter: 0x09)) == "\"a\tb\"\ta,b\r\n")
        #expect(text(try written([["a|b", "c"]], delimiter: UInt8(ascii: "|"))) == "\"a|b\"|c\r\n")
    }

    @Test func lineEndings() throws {
        #expect(text(try written([["a", "b"], ["c", "d"]])) == "a,b\r\nc,d\r\n")
        #expect(text(try written([["a", "b"], ["c", "d"]], lineEnding: "\n")) == "a,b\nc,d\n")
    }

    /// A row of one empty field would be a blank line, which readers skip: it is written as `""`.
    @Test func singleEmptyFieldIsQuoted() throws {
        let bytes = try written([["h"], [""], ["x"]])
        #expect(text(bytes) == "h\r\n\"\"\r\nx\r\n")
        #expect(try readBothWays(bytes).records.map(\.fields) == [["h"], [""], ["x"]])
        // Two empty fields need nothing special.
        #expect(text(try written([["", ""]])) == ",\r\n")
        // No fields at all is an empty line (and so no record for a reader).
        #expect(text(try written([[]])) == "\r\n")
    }

    /// A fix-file row encoded from the reader's buffer (runs of plain fields copied as they stand) is the row the
    /// `String` path writes: quoted fields, doubled quotes, guards, formula triggers, a quote in an unquoted field
    /// (a lenient read), empty fields at either end, padding and another delimiter.
    @Test(arguments: [
        "a,b,c", ",,", "a,\"b,c\",d", "\"x\",y,\"z\"", "a,\"say \"\"hi\"\"\",c", "=1+1,b,-5,+x,@c,'=d,''e,'f",
        "a,b\"c,d", "\"a\"\"\",b\"\",c", "Design #332 \"\"Kōan\"\" - XL,x", "#1000,a@b.c,\"=HYPERLINK(\"\"x\"\")\",,,end",
        "tab\tx,\t1,\r", "a;b,c", "",
        // Quoted fields within runs: needing their quotes or not, empty, with a line break, starting with a trigger,
        // a guard or a quote, first and last in the record; and short rows, padded.
        "\"abc\",\"\",\"a,b\"", "x,\"Jones, Jr.\",y,\"two\r\nlines\",z,\"lf\nonly\"", "\"=a,b\",\"-1,5\",\"@c,d\",\"+e\"\"\",\"\tf,g\"",
        "\"'=x,y\",\"'a,b\",\"''-c,d\"", "\"\"\"a\"\",b\",c,\"d\"\"\"", "a", "\"a,b\"", ",\"a,b\"", "-", "\"Design #1426 \"\"Café\"\" - XS / white\",58.00,,\"+45 1\",,",
    ])
    func encodedFieldsAreTheStringPathsRow(record: String) throws {
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            let input = Array("h1,h2,h3,h4,h5,h6,h7,h8,h9\n\(record)\n".utf8).map { $0 == UInt8(ascii: ",") ? delimiter : $0 }
            let reader = try CSVReader(source: MemoryByteSource(input), options: CSVOptions(delimiter: delimiter))
            guard try reader.next(), try reader.next() else { continue }
            try expectEncodedAsStrings(reader, width: 9, "record \(record) with delimiter \(delimiter)")
        }
    }

    /// The current record's fields encoded as a fix row (`encodeFields`) are the row `writeRow` makes of its
    /// strings, padded to `width`.
    private func expectEncodedAsStrings(_ reader: CSVReader, width: Int, _ comment: Comment) throws {
        var writer = CSVWriter(sink: MemoryByteSink(), spreadsheetSafe: true)
        let encoded = writer.encodeFields(of: reader, paddedTo: width)
        var expected = CSVWriter(sink: MemoryByteSink(), spreadsheetSafe: true)
        var cells = reader.strings()
        cells += Array(repeating: "", count: max(0, width - cells.count))
        try expected.writeRow(cells)
        #expect(text(encoded.bytes) + "\r\n" == text(expected.sink.bytes), comment)
        #expect(encoded.fields == cells.count, comment)
    }

    /// The same rows encoded from a reader that reads held rows again (`CSVReader.rereader`, `reread(record:)`).
    @Test func encodedFieldsOfRereadRecords() throws {
        let records = ["a,\"b,c\",\"d\"\"e\",,f", "\"x\",\"=y,z\",+1,-2 3,,", "p,\"q\r\nr\",s", "=x", "1,2"]
        let reader = try CSVReader.rereader(delimiter: UInt8(ascii: ","), validUTF8: true)
        for record in records {
            #expect(try reader.reread(record: Array((record + "\r\n").utf8)))
            try expectEncodedAsStrings(reader, width: 6, "record \(record)")
        }
    }

    @Test func substringsAndOtherSequences() throws {
        var writer = CSVWriter(sink: MemoryByteSink())
        let line = "a b,c"
        try writer.writeRow(line.split(separator: " "))
        try writer.writeRow(["x"].lazy.map { $0 + "y" })
        #expect(text(writer.sink.bytes) == "a,\"b,c\"\r\nxy\r\n")
    }

    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("-42", "-42"),
        ("+3.5", "+3.5"),
        ("-0.5", "-0.5"),
        ("-0,5", "\"-0,5\""),
        ("+45 1234", "'+45 1234"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=a,b", "\"'=a,b\""),
        ("=\"x\"", "\"'=\"\"x\"\"\""),
        ("'=x", "''=x"),
        ("''=x", "'''=x"),
        ("'-42", "''-42"),
        ("'hello", "'hello"),
        ("'", "'"),
        ("''", "''"),
        ("-", "-"),  // a lone sign is text to a spreadsheet (stdin's file name)
        ("+", "+"),
        ("-1e5", "'-1e5"),
        ("--5", "'--5"),
        ("-.5", "'-.5"),
        ("hello=", "hello="),
        ("", ""),
    ])
    func spreadsheetSafeGuard(value: String, expected: String) throws {
        let safe = try written([[value, "end"]], spreadsheetSafe: true)
        #expect(text(safe) == "\(expected),end\r\n")
        // Our reader gives back exactly what was written.
        let records = try readBothWays(safe, options: CSVOptions(delimiter: UInt8(ascii: ","))).records
        #expect(records.map(\.fields) == [[value, "end"]])
    }

    @Test func normalModeDoesNotGuard() throws {
        #expect(text(try written([["=SUM(A1)", "@x", "'=x", "+1 2"]])) == "=SUM(A1),@x,'=x,+1 2\r\n")
    }

    @Test func fileSinkAndFileSourceRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-csv-\(UInt64.random(in: 0...UInt64.max)).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var writer = CSVWriter(sink: try FileByteSink(path: path), spreadsheetSafe: true)
        var rows: [[String]] = [["id", "note"]]
        for i in 0..<20_000 { rows.append(["\(i)", i % 7 == 0 ? "=cmd \(i)" : "line \(i)\nnext, \"q\""]) }
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
        try writer.sink.synchronize()
        let result = try readAll(try FileByteSource(path: path))
        #expect(result.records.map(\.fields) == rows)
        #expect(result.records.last?.line == rows.dropLast().reduce(1) { $0 + 1 + lineBreakCount($1[1]) })
        #expect(result.records.last?.line == 1 + 20_000 + (20_000 - 1) - (20_000 - 1) / 7)
    }

    @Test func fileErrors() throws {
        let missing = "/nonexistent-dir-\(UInt32.random(in: 0...UInt32.max))/x.csv"
        let readError = try #require(throws: FileReadError.self) { try FileByteSource(path: missing) }
        #expect(readError.errorNumber == ENOENT)
        #expect(readError.description.hasPrefix(missing))
        let directoryError = try #require(throws: FileReadError.self) { try FileByteSource(path: FileManager.default.temporaryDirectory.path) }
        #expect(directoryError.errorNumber == EISDIR)
        let writeError = try #require(throws: FileWriteError.self) { try FileByteSink(path: missing) }
        #expect(writeError.errorNumber == ENOENT)
        #expect(writeError.description.contains(missing))
    }
}

@Suite struct ByteSourceTests {
    @Test func memorySourceInChunks() throws {
        var source = MemoryByteSource("abcdefg")
        var buffer = [UInt8](repeating: 0, count: 3)
        var chunks: [String] = []
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            chunks.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
        #expect(chunks == ["abc", "def", "g"])
    }

    @Test func prefixedSourceYieldsPrefixThenBase() throws {
        var source = PrefixedByteSource(prefix: Array("12".utf8), base: MemoryByteSource("345"))
        var buffer = [UInt8](repeating: 0, count: 10)
        var all: [UInt8] = []
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            all += buffer[..<count]
        }
        #expect(text(all) == "12345")
        var empty = PrefixedByteSource(prefix: [], base: MemoryByteSource("z"))
        #expect(try buffer.withUnsafeMutableBytes { try empty.read(into: $0) } == 1)
    }

    struct FailingSource: ByteSource {
        struct Failure: Error, Equatable {}
        var remaining: Int
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if remaining <= 0 { throw Failure() }
            let count = min(remaining, buffer.count)
            for i in 0..<count { buffer[i] = UInt8(ascii: "a") }
            remaining -= count
            return count
        }
    }

    /// Errors of the source reach the caller unchanged, from `init` (while sampling) and from `next()`.
    @Test func sourceErrorsPassThrough() throws {
        #expect(throws: FailingSource.Failure()) { try CSVReader(source: FailingSource(remaining: 10)) }
        let reader = try CSVReader(source: FailingSource(remaining: 64 * 1024))
        #expect(throws: FailingSource.Failure()) {
            while try reader.next() {}
        }
    }
}

@Suite struct FileSinkTests {
    /// A sink released without `flush()` still writes what it buffered.
    @Test func releasedSinkFlushes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-csv-\(UInt64.random(in: 0...UInt64.max)).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            var writer = CSVWriter(sink: try FileByteSink(path: path))
            try writer.writeRow(["a", "b"])
        }
        #expect(try readAll(try FileByteSource(path: path)).records.map(\.fields) == [["a", "b"]])
    }
}
