import IntakeCSV
import IntakeTestSupport
import Testing

/// A source that hands out its bytes 1...`maxChunk` at a time (sizes from a seeded PRNG), so that records,
/// CRLF pairs, quotes, UTF-8 sequences and UTF-16 surrogate pairs get split across reads.
struct TrickleSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private var random: SplitMix64
    private let maxChunk: Int

    init(_ bytes: [UInt8], seed: UInt64 = 1, maxChunk: Int = 7) {
        self.bytes = bytes
        self.random = SplitMix64(seed: seed)
        self.maxChunk = maxChunk
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset, 1 + random.below(maxChunk))
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// What a source saw of its reader (a class, because the reader keeps its own copy of the source).
final class SourceStats {
    var reads = 0
    var bytesServed = 0
    var largestRequest = 0
}

/// A source of `prefix`, then `fillerCount` copies of `filler` generated on the fly (never held in memory),
/// then `suffix`: a hostile line of any length at no memory cost to the test.
struct LazyLongLineSource: ByteSource {
    let prefix: [UInt8]
    let filler: UInt8
    let fillerCount: Int
    let suffix: [UInt8]
    let stats: SourceStats
    private var position = 0

    init(prefix: String, filler: UInt8, fillerCount: Int, suffix: String, stats: SourceStats) {
        self.prefix = Array(prefix.utf8)
        self.filler = filler
        self.fillerCount = fillerCount
        self.suffix = Array(suffix.utf8)
        self.stats = stats
    }

    var totalCount: Int { prefix.count + fillerCount + suffix.count }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        stats.reads += 1
        stats.largestRequest = max(stats.largestRequest, buffer.count)
        var written = 0
        while written < buffer.count, position < totalCount {
            if position < prefix.count {
                buffer[written] = prefix[position]
                written += 1
                position += 1
            } else if position < prefix.count + fillerCount {
                let run = min(buffer.count - written, prefix.count + fillerCount - position)
                (buffer.baseAddress! + written).initializeMemory(as: UInt8.self, repeating: filler, count: run)
                written += run
                position += run
            } else {
                buffer[written] = suffix[position - prefix.count - fillerCount]
                written += 1
                position += 1
            }
        }
        stats.bytesServed += written
        return written
    }
}

/// One record as the reader reported it.
struct ReadRecord: Equatable, CustomStringConvertible {
    var line: Int
    var number: Int
    var fields: [String]
    var problem: CSVRecordProblem? = nil

    var description: String {
        "#\(number)@\(line) \(fields.map { String(reflecting: $0) }.joined(separator: "|"))\(problem.map { " [\($0)]" } ?? "")"
    }
}

/// All records of `source`, and the dialect the reader decided on.
func readAll<Source: ByteSource>(_ source: Source, options: CSVOptions = CSVOptions()) throws -> (records: [ReadRecord], dialect: CSVDialect) {
    let reader = try CSVReader(source: source, options: options)
    var records: [ReadRecord] = []
    while try reader.next() {
        records.append(ReadRecord(line: reader.recordLine, number: reader.recordNumber, fields: reader.strings(), problem: reader.problem))
    }
    // Past the end, the reader stays at the end.
    #expect(try reader.next() == false)
    return (records, reader.dialect)
}

func readAll(_ text: String, options: CSVOptions = CSVOptions()) throws -> [ReadRecord] {
    try readAll(MemoryByteSource(Array(text.utf8)), options: options).records
}

/// Blank lines put before a UTF-8 input so that all of its records come after the reader's 64 KiB sample, which
/// it reads in one go: only then does a trickling source split them across refills.
let samplePadding = 64 * 1024 + 7

/// Reads `bytes` in one go, then again with a 64-byte initial buffer through sources that return 1...7 bytes per
/// read (several seeds), and with the first seed once more so after `samplePadding` blank lines (if `padded`, the
/// input is smaller than the sample, and the padding cannot change the encoding the reader decides on: UTF-8
/// without BOM); expects every run to give the same
/// records (lines shifted by the padding) and dialect, and returns those of the first.
func readBothWays(
    _ bytes: [UInt8],
    options: CSVOptions = CSVOptions(),
    seeds: [UInt64] = [1, 2, 3],
    padded: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> (records: [ReadRecord], dialect: CSVDialect) {
    let whole = try readAll(MemoryByteSource(bytes), options: options)
    var small = options
    small.initialBufferBytes = 64
    // A larger input already goes past the sample.
    let pad = padded && bytes.count < samplePadding && whole.dialect.encoding == .utf8 && !whole.dialect.hadByteOrderMark
    for (index, seed) in seeds.enumerated() {
        for padded in pad && index == 0 ? [false, true] : [false] {
            let input = padded ? [UInt8](repeating: 0x0A, count: samplePadding) + bytes : bytes
            var trickled = try readAll(TrickleSource(input, seed: seed), options: small)
            if padded {
                for i in trickled.records.indices { trickled.records[i].line -= samplePadding }
            }
            let label = "seed \(seed)\(padded ? ", padded" : "")"
            #expect(trickled.dialect == whole.dialect, "\(label)", sourceLocation: sourceLocation)
            #expect(trickled.records.count == whole.records.count, "\(label)", sourceLocation: sourceLocation)
            if let index = firstDifference(trickled.records, whole.records) {
                Issue.record("\(label): record \(index) differs: \(trickled.records[index]) vs \(whole.records[index])", sourceLocation: sourceLocation)
            }
        }
    }
    return whole
}

func readBothWays(
    _ text: String,
    options: CSVOptions = CSVOptions(),
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> [ReadRecord] {
    try readBothWays(Array(text.utf8), options: options, sourceLocation: sourceLocation).records
}

/// Bytes of `text` as UTF-16 with a byte-order mark.
func utf16Bytes(_ text: String, bigEndian: Bool, byteOrderMark: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    bytes.reserveCapacity(bytes.count + 2 * text.utf16.count)
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        bytes.append(bigEndian ? high : low)
        bytes.append(bigEndian ? low : high)
    }
    return bytes
}

/// What `CSVWriter` writes for `rows`.
func written(_ rows: [[String]], delimiter: UInt8 = UInt8(ascii: ","), spreadsheetSafe: Bool = false, lineEnding: String = "\r\n") throws -> [UInt8] {
    var writer = CSVWriter(sink: MemoryByteSink(), delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, lineEnding: lineEnding)
    for row in rows { try writer.writeRow(row) }
    return writer.sink.bytes
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// `value` with every `"` doubled.
func escapingQuotes(_ value: String) -> String {
    String(decoding: value.utf8.flatMap { $0 == UInt8(ascii: "\"") ? [$0, $0] : [$0] }, as: UTF8.self)
}

/// How many line breaks `value` holds: CRLF, LF and CR count one each.
func lineBreakCount(_ value: String) -> Int {
    let bytes = Array(value.utf8)
    var count = 0
    var i = 0
    while i < bytes.count {
        if bytes[i] == 0x0A {
            count += 1
        } else if bytes[i] == 0x0D {
            count += 1
            if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        }
        i += 1
    }
    return count
}

/// The first index where `a` and `b` differ (within their common length).
func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
    zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
}
