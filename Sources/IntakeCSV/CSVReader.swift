import CCSVScan

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Why this reader is written by hand: no Swift CSV library streams at the speed a nightly import needs (the best
// known ones parse tens of thousands of rows per second, build a `String` per field and hold whole files), and
// none reports the physical line of a record, survives a stray quote and goes on, or bounds its memory on a
// hostile line. This one scans bytes in one fixed buffer, records field boundaries as offsets into it, and
// builds a `String` only for a field that a caller asks for.
//
// Two scanners find the field boundaries. `scan(from:)`, byte at a time, is the reference: it knows every rule
// (stray and unterminated quotes, limits, refills). The fast path (`fastRecord`) reads well-formed records from a
// structural index that the C kernel in `CCSVScan` computes 64 bytes at a time (SIMD), and hands every record it
// cannot vouch for (a malformed quote, a record at a limit or not complete in the buffer) to `scan(from:)`.

/// A pull reader of CSV records over any `ByteSource`.
///
/// It decides the encoding from the first bytes (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
/// Windows-1252 when those bytes are not valid UTF-8), sniffs the delimiter from the header line (or honours a
/// leading `sep=X` line), and then yields one record per `next()`: RFC 4180 quoting, quoted delimiters and line
/// breaks, CRLF, LF or CR. Every record carries its physical start line and its record number (the header is
/// record 0). Field values stay in the reader's buffer until the next call to `next()`.
///
/// ```swift
/// let reader = try CSVReader(source: try FileByteSource(path: "orders.csv"))
/// while try reader.next() {
///     print(reader.recordLine, reader.string(0))
/// }
/// ```
public final class CSVReader {
    /// The options the reader was created with.
    public let options: CSVOptions
    /// The encoding and delimiter in use (the delimiter is final once the first record was read).
    public var dialect: CSVDialect { fileDialect }
    private var fileDialect: CSVDialect

    private var source: any ByteSource
    @usableFromInline var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The most the buffer grows to: one over-long record's window plus the sample.
    private let maxCapacity: Int
    private var pos = 0
    /// How many bytes (decoded to UTF-8) were dropped from the front of the buffer so far: the input offset of
    /// `buffer[0]`.
    private(set) var dropped = 0
    /// The input offset from which a refill keeps bytes buffered (see `keepsBytes(from:)`), or `Int.max`.
    var keptFrom = Int.max
    private var end = 0
    private var sourceDone = false
    private var line = 1
    private var discarding = false
    private var started = false
    /// Whether records of a UTF-8 file are checked for invalid UTF-8 (not when they are known valid: see
    /// `rereader(delimiter:options:validUTF8:)`).
    var checksUTF8 = true

    /// The bytes of the current record in the buffer, line break included (decoded to UTF-8).
    var recordRange = 0..<0
    /// The physical line (1-based) where the current record starts.
    public var recordLine: Int { recordStartLine }
    private var recordStartLine = 0
    /// The current record's number: 0 for the first record (the header), 1 for the first data record.
    public var recordNumber: Int { recordIndex }
    private var recordIndex = -1
    /// Why the current record could not be read as it stands, if it could not.
    public var problem: CSVRecordProblem? { recordProblem }
    private var recordProblem: CSVRecordProblem?
    /// The current record's field boundaries, in fixed storage: the scanner writes them through pointers, with
    /// no array bookkeeping or exclusivity checks per field (a field every 4 bytes in real exports).
    @usableFromInline let fields: FieldTable
    /// How many records so far were read from the structural index (the others by the byte-at-a-time scanner).
    public var recordsReadFromIndex: Int { indexedRecords }
    private var indexedRecords = 0
    /// The structural index of the fast path, used once the delimiter is known (when `indexing`). A `let`, so that
    /// reading a record from it retains nothing (a retain and a release per record cost ~5% of reading).
    @usableFromInline let index: StructuralIndex
    /// Whether records are read from the index; `false` for the reference scanner alone.
    @usableFromInline private(set) var indexing = false

    private static let quote = UInt8(ascii: "\"")
    @usableFromInline static let lf = UInt8(ascii: "\n")
    @usableFromInline static let cr = UInt8(ascii: "\r")
    private static let sampleBytes = 64 * 1024
    /// Bytes allocated past the buffer's capacity, never written or read as input: a caller may load 16 bytes at
    /// any field's start or end (`fieldView`) without leaving the allocation (the orders lane copies fields 16 bytes
    /// at a time).
    public static let readSlack = 16
    /// The largest `maxRecordBytes` a reader takes (see `init`).
    static let largestRecordLimit = 1 << 31

    /// Creates a reader and decides the file's encoding from its first bytes.
    /// - Parameters:
    ///   - source: the bytes of one CSV file.
    ///   - options: limits and overrides.
    /// - Throws: `CSVError` when the encoding cannot be read (UTF-16 without a byte-order mark, or UTF-32);
    ///   errors of `source` unchanged.
    public init<Source: ByteSource>(source: Source, options: CSVOptions = CSVOptions()) throws {
        // Field offsets into the buffer are 32-bit (half the stores of a field table, a field every 4.4 bytes), so
        // the buffer stays below 4 GiB: records of at most 2 GiB.
        var options = options
        options.maxRecordBytes = min(options.maxRecordBytes, Self.largestRecordLimit)
        self.options = options
        // A record has at most one field more than its bytes, so the table never needs more than that; the last
        // bound keeps an absurd `maxFields` from reserving gigabytes.
        self.fields = FieldTable(capacity: min(options.maxFields, options.maxRecordBytes + 2, 1 << 22))
        self.index = StructuralIndex(simd: Self.kernel(for: options) == .automatic && StructuralIndex.cpuHasSIMD)
        // A record may take `maxRecordBytes` plus its CRLF; the sample needs 64 KiB.
        self.maxCapacity = options.maxRecordBytes + Self.sampleBytes + 2
        self.capacity = min(max(options.initialBufferBytes, Self.sampleBytes), maxCapacity)
        self.buffer = .allocate(capacity: capacity + Self.readSlack)
        self.fileDialect = CSVDialect(delimiter: options.delimiter ?? UInt8(ascii: ","), encoding: .utf8, hadByteOrderMark: false, hadSepLine: false)
        var base = source
        var sampled = 0
        do {
            while sampled < Self.sampleBytes {
                let count = try base.read(into: UnsafeMutableRawBufferPointer(start: buffer + sampled, count: Self.sampleBytes - sampled))
                if count == 0 {
                    sourceDone = true
                    break
                }
                sampled += count
            }
        } catch {
            buffer.deallocate()
            throw error
        }
        let sample = UnsafeRawBufferPointer(start: buffer, count: sampled)
        func rest(dropping count: Int) -> PrefixedByteSource<Source> {
            PrefixedByteSource(prefix: Array(sample[count...]), base: base)
        }
        if sampled >= 4, (sample[0] == 0xFF && sample[1] == 0xFE && sample[2] == 0 && sample[3] == 0)
            || (sample[0] == 0 && sample[1] == 0 && sample[2] == 0xFE && sample[3] == 0xFF) || Self.looksLikeUTF32WithoutBOM(sample)
        {
            // Checked before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
            buffer.deallocate()
            throw CSVError(kind: .encoding, message: "the file is UTF-32, which is not supported; save it as UTF-8")
        } else if sampled >= 3, sample[0] == 0xEF, sample[1] == 0xBB, sample[2] == 0xBF {
            fileDialect.hadByteOrderMark = true
            self.source = base
            pos = 3
            end = sampled
        } else if sampled >= 2, (sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF) {
            let bigEndian = sample[0] == 0xFE
            fileDialect.hadByteOrderMark = true
            fileDialect.encoding = bigEndian ? .utf16BE : .utf16LE
            self.source = UTF16ToUTF8Source(base: rest(dropping: 2), bigEndian: bigEndian)
            sourceDone = false
        } else if Self.looksLikeUTF16WithoutBOM(sample) {
            buffer.deallocate()
            throw CSVError(kind: .encoding, message: "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with BOM)")
        } else if UTF8Validation.firstInvalidOffset(in: sample, allowTruncatedEnd: !sourceDone) != nil {
            fileDialect.encoding = .windows1252
            self.source = Windows1252ToUTF8Source(base: rest(dropping: 0))
            sourceDone = false
        } else {
            self.source = base
            end = sampled
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Many NUL bytes on one parity and none on the other: UTF-16 text that lost its byte-order mark.
    private static func looksLikeUTF16WithoutBOM(_ sample: UnsafeRawBufferPointer) -> Bool {
        let count = min(sample.count, 4096) & ~1
        guard count >= 8 else { return false }
        var evenZeros = 0, oddZeros = 0
        for i in stride(from: 0, to: count, by: 2) {
            if sample[i] == 0 { evenZeros += 1 }
            if sample[i + 1] == 0 { oddZeros += 1 }
        }
        let units = count / 2
        return (evenZeros * 10 >= units * 3 && oddZeros == 0) || (oddZeros * 10 >= units * 3 && evenZeros == 0)
    }

    /// The two high bytes of every 4-byte unit NUL (the BMP in UTF-32), the low ones not all: UTF-32 without a
    /// byte-order mark. The UTF-16 test misses it, because in UTF-32 both parities hold NUL bytes.
    private static func looksLikeUTF32WithoutBOM(_ sample: UnsafeRawBufferPointer) -> Bool {
        let count = min(sample.count, 4096) & ~3
        guard count >= 8 else { return false }
        var zeros = (0, 0, 0, 0)
        for i in stride(from: 0, to: count, by: 4) {
            if sample[i] == 0 { zeros.0 += 1 }
            if sample[i + 1] == 0 { zeros.1 += 1 }
            if sample[i + 2] == 0 { zeros.2 += 1 }
            if sample[i + 3] == 0 { zeros.3 += 1 }
        }
        let units = count / 4
        let littleEndian = zeros.2 == units && zeros.3 == units && zeros.0 < units
        let bigEndian = zeros.0 == units && zeros.1 == units && zeros.3 < units
        return littleEndian || bigEndian
    }

    // MARK: - Records

    /// The number of fields of the current record.
    public var fieldCount: Int { fields.count }

    /// Reads `bytes` (a record kept with `recordBytes()`) in place of everything before, with the dialect already
    /// decided and the buffers already allocated: for a reader made by `CSVReader.rereader(delimiter:options:)`
    /// that looks at many single records again (no new buffers, no sniffing per record).
    /// - Returns: whether a record was read (`false` for blank bytes, or a record past the reader's limits).
    public func reread(record bytes: [UInt8]) throws -> Bool {
        try bytes.withUnsafeBufferPointer { try reread(record: $0) }
    }

    /// `reread(record:)` of bytes in memory of the caller's.
    public func reread(record bytes: UnsafeBufferPointer<UInt8>) throws -> Bool {
        guard started, bytes.count + 2 <= maxCapacity else { return false }
        if bytes.count > capacity {
            buffer.deallocate()
            capacity = bytes.count
            buffer = .allocate(capacity: capacity + Self.readSlack)
        }
        if let base = bytes.baseAddress { buffer.update(from: base, count: bytes.count) }
        pos = 0
        end = bytes.count
        dropped = 0
        keptFrom = Int.max
        sourceDone = true
        line = 1
        discarding = false
        recordIndex = -1
        recordProblem = nil
        recordRange = 0..<0
        index.valid = false
        return try next()
    }

    /// Advances to the next record.
    /// - Returns: `false` at the end of the file.
    /// - Throws: errors of the byte source, unchanged.
    public func next() throws -> Bool {
        if !started {
            started = true
            try sniffDelimiter()
            indexing = indexable()
        }
        if discarding { try skipRestOfLine() }
        recordProblem = nil
        // Skip blank lines: they are not records.
        while true {
            if pos == end {
                if sourceDone { return false }
                try refill()
                continue
            }
            let byte = buffer[pos]
            if byte == Self.lf {
                pos += 1
                line += 1
            } else if byte == Self.cr {
                if pos + 1 == end && !sourceDone {
                    try refill()
                    continue
                }
                pos += 1
                if pos < end && buffer[pos] == Self.lf { pos += 1 }
                line += 1
            } else {
                break
            }
        }
        if indexing {
            fast: while true {
                switch fastRecord(index) {
                case .complete(let next, let newlines):
                    finish(startingLine: line, next: next)
                    line += newlines
                    indexedRecords += 1
                    return true
                case .refill:
                    try refill()
                case .fallBack:
                    index.fallBack()
                    break fast
                }
            }
        }
        while true {
            let recordStart = pos
            switch scan(from: pos) {
            case .complete(let next, let newlines, let contentEnd):
                if contentEnd - recordStart > options.maxRecordBytes {
                    // Only possible within the last two bytes of the window (see `windowEnd`); the record's end
                    // is known, so it is skipped exactly.
                    clearFields()
                    finish(startingLine: line, next: next)
                    line += newlines
                    recordProblem = .recordTooLong(limit: options.maxRecordBytes)
                    return true
                }
                finish(startingLine: line, next: next)
                line += newlines
                if fileDialect.encoding == .utf8 && checksUTF8 { checkUTF8(recordStart..<next) }
                return true
            case .needMore(let openQuote):
                // The window is full: more bytes cannot help this record.
                if end - pos - 2 >= options.maxRecordBytes {
                    recoverFromOverflow(openQuote: openQuote, windowEnd: windowEnd(from: pos))
                    return true
                }
                try refill()
            case .unterminated(let field, let quoteAt):
                recoverFromUnterminatedQuote(field: field, quoteAt: quoteAt, windowEnd: windowEnd(from: pos))
                return true
            }
        }
    }

    /// Field `column` (not the first) of the record `ahead` records after the current one (`ahead` ≥ 1), as the
    /// structural index already found it, or `nil` when the index does not reach that far, the record has fewer
    /// fields, or the field is quoted. A hint to look up what the next rows will need (prefetching), never a value:
    /// the record is not checked as `next()` checks it (a blank line counts as a record here, for one).
    ///
    /// Inlinable: the orders lane asks for a field two rows ahead on every row; as a call into this module (with
    /// `ahead` unknown to it, and a retain and release of the index) it was ~65 instructions a row, ~40 inlined
    /// (100,000 orders: 11.6 M and 1.3 M of retains and releases, now ~8 M in the lane's `takeRow`).
    @inlinable @inline(__always)
    public func peekField(_ column: Int, ahead: Int) -> UnsafeRawBufferPointer? {
        let index = self.index
        guard indexing, index.valid, column > 0, ahead >= 1 else { return nil }
        let l = index.nextLineBreak &+ ahead &- 1
        guard l < index.lineBreakCount else { return nil }
        var first = ahead == 1 ? index.nextSeparator : Int(index.lineBreaks[2 &* (l &- 1) &+ 1]) &+ 1
        let last = Int(index.lineBreaks[2 &* l &+ 1])
        guard first < last else { return nil }
        let separators = index.separators
        // The LF of a CRLF is a separator of its own: it ends no field of the next record.
        let firstAt = index.base &+ Int(separators[first] & CSVFieldView.offsetMask)
        if firstAt > 0, buffer[firstAt] == Self.lf, buffer[firstAt &- 1] == Self.cr { first &+= 1 }
        let s = first &+ column
        guard s <= last else { return nil }
        let entry = separators[s]
        // `CSVFieldView`'s masks (literals, folded where this is inlined; `StructuralIndex` checks they agree).
        guard entry & (1 << CSVFieldView.quotedShift | CSVFieldView.escapedFlag) == 0 else { return nil }
        let start = index.base &+ Int(separators[s &- 1] & CSVFieldView.offsetMask) &+ 1
        let end = index.base &+ Int(entry & CSVFieldView.offsetMask)
        guard start <= end else { return nil }
        return UnsafeRawBufferPointer(start: buffer + start, count: end &- start)
    }

    private func finish(startingLine: Int, next: Int) {
        recordStartLine = startingLine
        recordIndex += 1
        recordRange = pos..<max(pos, min(next, end))
        pos = next
    }

    private func clearFields() {
        fields.count = 0
        fields.entries = nil
    }

    private enum ScanOutcome {
        /// A whole record; `contentEnd` is where its line break (or the input) starts.
        case complete(next: Int, newlines: Int, contentEnd: Int)
        case needMore(openQuote: (field: Int, at: Int)?)
        case unterminated(field: Int, quoteAt: Int)
    }

    // MARK: - Fast path

    /// Whether the fast path reads records, or the reference scanner alone: when asked to, or for a delimiter the
    /// indexer does not take (a quote, a line break, NUL or a non-ASCII byte).
    private func indexable() -> Bool {
        let delimiter = fileDialect.delimiter
        guard delimiter != 0, delimiter < 0x80, delimiter != Self.quote, delimiter != Self.lf, delimiter != Self.cr else { return false }
        return Self.kernel(for: options) != .reference
    }

    /// The kernel `options` ask for, after the environment's say for `.automatic`.
    private static func kernel(for options: CSVOptions) -> CSVScanKernel {
        if options.scanKernel == .automatic, let forced = kernelFromEnvironment { return forced }
        return options.scanKernel
    }

    /// `INTAKE_CSV_KERNEL=portable` or `=reference`: the kernel for readers that leave the choice to the reader
    /// (CI runs the whole test suite that way too).
    private static let kernelFromEnvironment: CSVScanKernel? = {
        guard let value = getenv("INTAKE_CSV_KERNEL") else { return nil }
        return CSVScanKernel(rawValue: String(cString: value))
    }()

    private enum FastOutcome {
        /// A whole, well-formed record, its fields in the table.
        case complete(next: Int, newlines: Int)
        /// The record goes on past the buffered bytes.
        case refill
        /// The reference scanner must read this record.
        case fallBack
    }

    /// Reads the record at `pos` from the structural index (built or rebuilt as needed), or says why it cannot.
    /// Inlined into `next()`: a call of its own per record, with its prologue, epilogue and stack check, was ~25
    /// instructions (~5 M of the 100,000-order bench run).
    @inline(__always)
    private func fastRecord(_ index: StructuralIndex) -> FastOutcome {
        let start = pos
        let delimiter = fileDialect.delimiter
        let checkUTF8 = fileDialect.encoding == .utf8 && checksUTF8
        if !index.valid || start >= index.limit {
            if index.valid { _ = index.grow() }
            index.build(buffer, from: start, end: end, delimiter: delimiter, checkUTF8: checkUTF8)
        }
        while true {
            if let outcome = fastRecord(index, from: start) { return outcome }
            // No line break ends the record within the index. A closing quote as the index's last byte counts as
            // malformed (its follower is unknown) but is not: more bytes decide, as for any record the index cuts
            // off. Falling back for it reset the index to its smallest chunk, and it grows back slowly: one such
            // quote at a refill (a matter of where the buffer ends) cost ~10 M instructions over the next records of
            // the 100,000-order bench run.
            if index.malformed != Int.max && index.malformed != index.limit { return .fallBack }
            if index.limit < end {
                // The index stopped short of the buffered bytes: index again from this record, on more bytes if
                // the index already started here.
                if index.base == start && !index.grow() { return .fallBack }
                index.build(buffer, from: start, end: end, delimiter: delimiter, checkUTF8: checkUTF8)
                continue
            }
            // The same test as after `scan(from:)`: a full window is the reference scanner's to recover from.
            if sourceDone || end - start - 2 >= options.maxRecordBytes { return .fallBack }
            return .refill
        }
    }

    /// The field table of the record at `start` from the index; `nil` when no line break ends it within the index.
    @inline(__always)
    private func fastRecord(_ index: StructuralIndex, from start: Int) -> FastOutcome? {
        let p = buffer
        let base = index.base
        let relativeStart = UInt32(truncatingIfNeeded: start - base)
        // The record's line break: the first outside quotes at or after its start (earlier ones end blank lines).
        let lineBreaks = index.lineBreaks
        let lineBreakCount = index.lineBreakCount
        var l = index.nextLineBreak
        while l < lineBreakCount && lineBreaks[2 &* l] < relativeStart { l &+= 1 }
        guard l < lineBreakCount else { return nil }
        let at = base &+ Int(lineBreaks[2 &* l])
        let last = Int(lineBreaks[2 &* l &+ 1])
        if index.malformed <= at || at - start > options.maxRecordBytes { return .fallBack }
        var next = at &+ 1
        if p[at] == Self.cr {
            if at + 1 < end {
                if p[at + 1] == Self.lf { next = at &+ 2 }
            } else if !sourceDone {
                // The LF of a CRLF may still be unread.
                return nil
            }
        }
        let separators = index.separators
        var s = index.nextSeparator
        // Stops at `last` at the latest (the line break is a separator at or after `start`).
        while separators[s] & StructuralIndex.offsetMask < relativeStart { s &+= 1 }
        let count = last &- s &+ 1
        if count > fields.capacity { return .fallBack }
        // The record's line breaks inside quotes (few): each is a line of its own.
        let quotedLineBreaks = index.quotedLineBreaks
        let quotedLineBreakCount = index.quotedLineBreakCount
        var q = index.nextQuotedLineBreak
        while q < quotedLineBreakCount && quotedLineBreaks[q] < relativeStart { q &+= 1 }
        let firstQuotedLineBreak = q
        let relativeEnd = UInt32(truncatingIfNeeded: at - base)
        while q < quotedLineBreakCount && quotedLineBreaks[q] < relativeEnd { q &+= 1 }
        // No field table is filled: a field's bounds are its two separators' entries, read when the field is
        // (`CSVFieldView.bounds`). The orders lane reads 16 of a row's 73 fields; filling all of them (C, 8 fields
        // per AVX2 step) was 45 M of the reading thread's instructions at 100,000 orders.
        fields.entries = UnsafePointer(separators + s)
        fields.origin = base
        fields.count = count
        // The entry before the record's first is the separator before it (or the index's sentinel, at its base).
        assert(Int((separators[s &- 1] &+ 1) & StructuralIndex.offsetMask) == start &- base, "CSVReader: a record's first field does not follow a separator")
        index.nextSeparator = last &+ 1
        index.nextLineBreak = l &+ 1
        index.nextQuotedLineBreak = q
        if next > index.invalidUTF8 && fileDialect.encoding == .utf8 { checkUTF8(start..<next) }
        return .complete(next: next, newlines: q &- firstQuotedLineBreak &+ 1)
    }

    /// How far a scan from `start` may look: the longest allowed record plus a CRLF. Scanning never looks further,
    /// so whether a record is too long, and where reading resumes after it, depends only on the bytes, never on how
    /// many of them happen to be buffered (a fast file and a trickling pipe read the same records).
    private func windowEnd(from start: Int) -> Int {
        end - start - 2 > options.maxRecordBytes ? start + options.maxRecordBytes + 2 : end
    }

    @inline(__always)
    private func append(_ start: Int, _ end: Int, escaped hasEscapes: Bool) {
        if !fields.append(start, end, hasEscapes) && recordProblem == nil {
            recordProblem = .tooManyFields(limit: fields.capacity)
        }
    }

    /// Scans one record starting at `start`, filling the field tables; it never consumes anything, so a scan
    /// that needs more bytes starts again from the record's start after a refill.
    private func scan(from start: Int) -> ScanOutcome {
        clearFields()
        recordProblem = nil
        let p = buffer
        let end = windowEnd(from: start)
        // At the end of the window (but not of the input) more bytes would be needed, even if none can be read.
        let done = sourceDone && end == self.end
        let delimiter = fileDialect.delimiter
        var i = start
        var newlines = 0
        while true {
            let field = fields.count
            if i == end {
                if !done { return .needMore(openQuote: nil) }
                append(i, i, escaped: false)
                return .complete(next: i, newlines: newlines, contentEnd: i)
            }
            if p[i] == Self.quote {
                let quoteAt = i
                let newlinesBefore = newlines
                i += 1
                let contentStart = i
                var hasEscapes = false
                var contentEnd = i
                while true {
                    while i < end {
                        let byte = p[i]
                        if byte == Self.quote { break }
                        if byte == Self.lf {
                            newlines += 1
                        } else if byte == Self.cr {
                            if i + 1 == end {
                                if !done { return .needMore(openQuote: (field, quoteAt)) }
                                newlines += 1
                            } else if p[i + 1] != Self.lf {
                                newlines += 1
                            }
                        }
                        i += 1
                    }
                    if i == end {
                        return done ? .unterminated(field: field, quoteAt: quoteAt) : .needMore(openQuote: (field, quoteAt))
                    }
                    if i + 1 == end && !done { return .needMore(openQuote: (field, quoteAt)) }
                    if i + 1 < end && p[i + 1] == Self.quote {
                        hasEscapes = true
                        i += 2
                        continue
                    }
                    contentEnd = i
                    i += 1
                    break
                }
                if i == end {
                    if !done { return .needMore(openQuote: nil) }
                    append(contentStart, contentEnd, escaped: hasEscapes)
                    return .complete(next: i, newlines: newlines, contentEnd: i)
                }
                let after = p[i]
                if after == delimiter {
                    append(contentStart, contentEnd, escaped: hasEscapes)
                    i += 1
                    continue
                }
                if after == Self.lf || after == Self.cr {
                    append(contentStart, contentEnd, escaped: hasEscapes)
                    return lineBreak(at: i, newlines: newlines, end: end, done: done)
                }
                // A field that really closed here would go on with a delimiter or a line break. When the "closing"
                // quote is lines away and followed by text, it is far more likely the opening quote of a later
                // field and this quote was never closed: cut at the first line break instead of swallowing the
                // records in between (and pairing every later quote wrongly).
                if newlines > newlinesBefore { return .unterminated(field: field, quoteAt: quoteAt) }
                // Text after a closing quote: keep it, closing quote included, as a literal part of the field.
                if recordProblem == nil { recordProblem = .strayQuote(field: field) }
                while i < end, p[i] != delimiter, p[i] != Self.lf, p[i] != Self.cr { i += 1 }
                if i == end && !done { return .needMore(openQuote: nil) }
                append(contentStart, i, escaped: hasEscapes)
            } else {
                let fieldStart = i
                while i < end {
                    let byte = p[i]
                    if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                    if byte == Self.quote && recordProblem == nil { recordProblem = .strayQuote(field: field) }
                    i += 1
                }
                if i == end && !done { return .needMore(openQuote: nil) }
                append(fieldStart, i, escaped: false)
            }
            if i == end { return .complete(next: i, newlines: newlines, contentEnd: i) }
            if p[i] == delimiter {
                i += 1
                continue
            }
            return lineBreak(at: i, newlines: newlines, end: end, done: done)
        }
    }

    /// Completes a record at the line break at `i` (LF, CR or CRLF), `end` and `done` being the scan's.
    private func lineBreak(at i: Int, newlines: Int, end: Int, done: Bool) -> ScanOutcome {
        if buffer[i] == Self.cr {
            if i + 1 == end {
                // The LF of a CRLF may still be unread.
                if !done { return .needMore(openQuote: nil) }
                return .complete(next: i + 1, newlines: newlines + 1, contentEnd: i)
            }
            return .complete(next: buffer[i + 1] == Self.lf ? i + 2 : i + 1, newlines: newlines + 1, contentEnd: i)
        }
        return .complete(next: i + 1, newlines: newlines + 1, contentEnd: i)
    }

    /// The first line break at or after `from`, before `limit`, ignoring quotes: (its offset, offset after it).
    /// `memchr` because skipping a hostile line runs over megabytes; the CR search stops at the first LF.
    private func firstLineBreak(from: Int, before limit: Int) -> (at: Int, after: Int)? {
        guard from < limit else { return nil }
        let start = UnsafeRawPointer(buffer + from)
        let count = limit - from
        let lfOffset = memchr(start, Int32(Self.lf), count).map { UnsafeRawPointer($0) - start }
        if let crFound = memchr(start, Int32(Self.cr), lfOffset ?? count) {
            let i = from + (UnsafeRawPointer(crFound) - start)
            return (i, i + 1 < limit && buffer[i + 1] == Self.lf ? i + 2 : i + 1)
        }
        guard let lfOffset else { return nil }
        return (from + lfOffset, from + lfOffset + 1)
    }

    private func countLineBreaks(_ range: Range<Int>) -> Int {
        var count = 0
        var i = range.lowerBound
        while i < range.upperBound {
            if buffer[i] == Self.lf {
                count += 1
            } else if buffer[i] == Self.cr {
                count += 1
                if i + 1 < range.upperBound && buffer[i + 1] == Self.lf { i += 1 }
            }
            i += 1
        }
        return count
    }

    /// An opening quote never closed: the record ends at the first line break after that quote, so the reader
    /// loses at most that one line and goes on with the next.
    private func recoverFromUnterminatedQuote(field: Int, quoteAt: Int, windowEnd: Int) {
        fields.count = min(field, fields.count)
        let recordStart = pos
        let startLine = line
        if let lineEnd = firstLineBreak(from: quoteAt, before: windowEnd) {
            append(quoteAt + 1, lineEnd.at, escaped: false)
            line += countLineBreaks(recordStart..<lineEnd.at)
            finish(startingLine: startLine, next: lineEnd.at)
            // `skipRestOfLine` consumes the line break itself: a CR at the end of the buffer may be followed by
            // an LF that is not read yet, which must not count as a blank line.
            discarding = true
        } else {
            // Only at the end of the input: an open quote without a line break in a full window is an overflow.
            append(quoteAt + 1, windowEnd, escaped: false)
            line += countLineBreaks(recordStart..<windowEnd)
            finish(startingLine: startLine, next: windowEnd)
        }
        recordProblem = .unterminatedQuote(field: field)
    }

    /// The record outgrew `maxRecordBytes` within the window. Inside an open quote with a line break after it, it
    /// is treated as an unterminated quote; otherwise the rest of the line is skipped without buffering it.
    private func recoverFromOverflow(openQuote: (field: Int, at: Int)?, windowEnd: Int) {
        if let openQuote, firstLineBreak(from: openQuote.at, before: windowEnd) != nil {
            recoverFromUnterminatedQuote(field: openQuote.field, quoteAt: openQuote.at, windowEnd: windowEnd)
            return
        }
        clearFields()
        // No record-ending line break lies in the window (the scan would have completed): line breaks in it are
        // inside quoted fields of this record, lines of its own. A CR as the window's last byte is the record's
        // end, whose LF may follow: `skipRestOfLine` starts at it.
        var resume = windowEnd
        if buffer[windowEnd - 1] == Self.cr { resume = windowEnd - 1 }
        let startLine = line
        line += countLineBreaks(pos..<resume)
        finish(startingLine: startLine, next: resume)
        discarding = true
        recordProblem = .recordTooLong(limit: options.maxRecordBytes)
    }

    /// Drops bytes up to and including the next line break (after an over-long line or an unterminated quote).
    private func skipRestOfLine() throws {
        while true {
            if let lineEnd = firstLineBreak(from: pos, before: end) {
                if buffer[lineEnd.at] == Self.cr && lineEnd.after == end && !sourceDone {
                    // A CR at the end of the buffer may be the first half of CRLF.
                    pos = lineEnd.at
                    try refill()
                    continue
                }
                pos = lineEnd.after
                line += 1
                discarding = false
                return
            }
            pos = end
            if sourceDone {
                discarding = false
                return
            }
            try refill()
        }
    }

    /// Moves unread bytes to the front, grows the buffer when a record needs it (up to the limit), and reads more.
    private func refill() throws {
        index.valid = false
        // Bytes before `pos` are dropped, except from `keptFrom` on.
        let keep = min(pos, max(keptFrom - dropped, 0))
        if keep > 0 {
            let unread = end - keep
            if unread > 0 { buffer.update(from: buffer + keep, count: unread) }
            end = unread
            pos -= keep
            dropped += keep
        }
        if end == capacity {
            let grown = min(capacity * 2, maxCapacity)
            if grown > capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + Self.readSlack)
                bigger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = bigger
                capacity = grown
            }
        }
        guard end < capacity else { return }
        // A record that spans refills is scanned again from its start after each one. Reading until the buffered
        // bytes have at least doubled keeps that linear even when the source hands out a few bytes per read (a
        // pipe, a decompressor); with nothing buffered, one read is enough.
        let wanted = min(capacity, end * 2 + 1)
        repeat {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if count == 0 {
                sourceDone = true
                return
            }
            end += count
        } while end < wanted
    }

    // MARK: - Dialect

    /// Reads until the first line is buffered, honours `sep=X`, and otherwise picks the delimiter among
    /// `,` `;` tab `|` that occurs most often on that line outside quotes (ties go to that order). Leading blank
    /// lines are looked past (they are no records); `next()` skips and counts them.
    private func sniffDelimiter() throws {
        var lineStart = pos
        var lineEnd: Int?
        var limit = end
        while true {
            lineStart = pos
            while lineStart < end, buffer[lineStart] == Self.lf || buffer[lineStart] == Self.cr { lineStart += 1 }
            // Like a record, the header line is looked at only up to the limit (an unbalanced quote would otherwise
            // make the outcome depend on how much happens to be buffered).
            limit = end - lineStart > options.maxRecordBytes ? lineStart + options.maxRecordBytes : end
            lineEnd = nil
            var inQuotes = false
            var i = lineStart
            while i < limit {
                let byte = buffer[i]
                if byte == Self.quote { inQuotes.toggle() }
                if !inQuotes && (byte == Self.lf || byte == Self.cr) {
                    lineEnd = i
                    break
                }
                i += 1
            }
            if lineEnd != nil || sourceDone || end - lineStart >= options.maxRecordBytes { break }
            // Blank lines alone can fill the buffer: count them off (they are no records), but keep a CR at the
            // very end, whose LF may follow.
            var consumed = lineStart
            if consumed == end, consumed > pos, buffer[consumed - 1] == Self.cr { consumed -= 1 }
            line += countLineBreaks(pos..<consumed)
            pos = consumed
            try refill()
        }
        let stop = lineEnd ?? limit
        let length = stop - lineStart
        if length >= 5, length <= 7 {
            // "sep=;" possibly wrapped in quotes, as Excel writes and reads it.
            var bytes = Array(UnsafeBufferPointer(start: buffer + lineStart, count: length))
            if bytes.first == Self.quote && bytes.last == Self.quote && bytes.count >= 3 { bytes = Array(bytes[1..<(bytes.count - 1)]) }
            if bytes.count == 5, bytes[0] | 0x20 == UInt8(ascii: "s"), bytes[1] | 0x20 == UInt8(ascii: "e"),
                bytes[2] | 0x20 == UInt8(ascii: "p"), bytes[3] == UInt8(ascii: "=")
            {
                fileDialect.delimiter = options.delimiter ?? bytes[4]
                fileDialect.hadSepLine = true
                line += countLineBreaks(pos..<lineStart) + 1
                pos = stop
                if pos < end && buffer[pos] == Self.cr {
                    pos += 1
                    // The LF of a CRLF may still be unread; left alone it would count as a blank line.
                    if pos == end && !sourceDone { try refill() }
                }
                if pos < end && buffer[pos] == Self.lf { pos += 1 }
                return
            }
        }
        if let forced = options.delimiter {
            fileDialect.delimiter = forced
            return
        }
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for i in lineStart..<stop {
            let byte = buffer[i]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes, let index = candidates.firstIndex(of: byte) {
                counts[index] += 1
            }
        }
        if let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }), counts[best] > 0 {
            fileDialect.delimiter = candidates[best]
        }
    }

    // MARK: - UTF-8

    private func checkUTF8(_ range: Range<Int>) {
        let bytes = UnsafeRawBufferPointer(start: buffer + range.lowerBound, count: range.count)
        guard let offset = UTF8Validation.firstInvalidOffset(in: bytes) else { return }
        let absolute = range.lowerBound + offset
        let view = fieldView
        let field = (0..<fields.count).last(where: { view.bounds($0).start <= buffer + absolute }) ?? 0
        if recordProblem == nil { recordProblem = .invalidUTF8(field: field) }
    }
}

/// Field boundaries of one record. A record read from the structural index keeps its separators' entries
/// (`entries`, `origin`: see `CSVFieldView`); the byte-at-a-time scanner writes each field's bounds into storage
/// allocated once for `maxFields` fields: buffer offsets, 32-bit (the reader's buffer stays below 4 GiB).
@usableFromInline final class FieldTable {
    @usableFromInline let starts: UnsafeMutablePointer<UInt32>
    @usableFromInline let ends: UnsafeMutablePointer<UInt32>
    @usableFromInline let escaped: UnsafeMutablePointer<Bool>
    let capacity: Int
    @usableFromInline var count = 0
    /// The separators' entries of a record read from the index (`nil` when the table holds its fields), and the
    /// buffer offset they count from.
    @usableFromInline var entries: UnsafePointer<UInt32>?
    @usableFromInline var origin = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
        escaped = .allocate(capacity: self.capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    /// Adds a field; `false` when the table is full (too many fields).
    @inline(__always)
    func append(_ start: Int, _ end: Int, _ hasEscapes: Bool) -> Bool {
        let index = count
        guard index < capacity else { return false }
        starts[index] = UInt32(truncatingIfNeeded: start)
        ends[index] = UInt32(truncatingIfNeeded: end)
        escaped[index] = hasEscapes
        count = index + 1
        return true
    }
}
