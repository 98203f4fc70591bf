import IntakeCSV
import Testing

/// A stream of one byte repeated, then a tail: a gigabyte without a line break costs no gigabyte of memory.
private struct RepeatedBytes: ByteSource {
    var remaining: Int
    let byte: UInt8
    var tail: [UInt8]

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if remaining > 0 {
            let count = min(remaining, buffer.count)
            buffer.baseAddress?.initializeMemory(as: UInt8.self, repeating: byte, count: count)
            remaining -= count
            return count
        }
        let count = min(tail.count, buffer.count)
        for index in 0..<count { buffer[index] = tail[index] }
        tail.removeFirst(count)
        return count
    }
}

/// Issue 6's hostile single lines, at the reader: rejected whole past `maxRecordBytes`, skipped to the next line
/// break (never buffered beyond the limit), and the records after them read.
@Suite struct HugeRecordTests {
    /// 1 GB on one line, with no line break: one `recordTooLong` record, then the next line.
    @Test func aGigabyteLineIsOneRejectedRecord() throws {
        let source = RepeatedBytes(remaining: 1 << 30, byte: UInt8(ascii: "a"), tail: Array("\nx,y\n".utf8))
        let reader = try CSVReader(source: source, options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(try reader.next())
        #expect(reader.problem == .recordTooLong(limit: 16 << 20))
        #expect(reader.recordLine == 1)
        #expect(try reader.next())
        #expect(reader.strings() == ["x", "y"])
        #expect(reader.recordLine == 2)
        #expect(try reader.next() == false)
    }

    /// The same inside quotes: a 1 GB quoted field, which no line break can end early.
    @Test func aGigabyteQuotedFieldIsOneRejectedRecord() throws {
        let source = RepeatedBytes(remaining: 1 << 30, byte: UInt8(ascii: "b"), tail: Array("\"\nx,y\n".utf8))
        let reader = try CSVReader(source: Prefixed(first: Array("\"".utf8), rest: source), options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(try reader.next())
        #expect(reader.problem == .recordTooLong(limit: 16 << 20))
        #expect(try reader.next())
        #expect(reader.strings() == ["x", "y"])
        #expect(try reader.next() == false)
    }
}

/// `first`, then `rest`.
private struct Prefixed<Rest: ByteSource>: ByteSource {
    var first: [UInt8]
    var rest: Rest

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard first.isEmpty else {
            let count = min(first.count, buffer.count)
            for index in 0..<count { buffer[index] = first[index] }
            first.removeFirst(count)
            return count
        }
        return try rest.read(into: buffer)
    }
}
