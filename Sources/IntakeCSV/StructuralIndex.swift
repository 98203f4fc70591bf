import CCSVScan

/// Where the delimiters and line breaks outside quotes are in a run of the reader's buffer, as the C indexer
/// (`CCSVScan`) found them (each with whether the field it ends was quoted or holds a doubled quote), with the line
/// breaks inside quotes, the first malformed quote and the first invalid UTF-8. `CSVReader` turns it into field tables, record by record; the index stays valid until
/// the buffer moves (a refill) or the reader reads a record with its byte-at-a-time scanner.
@usableFromInline final class StructuralIndex {
    /// The SIMD indexer (when `true`) or the portable one.
    let simd: Bool
    /// Offsets with the flags `quotedFlag` and `escapedFlag` (see `ccsv_index`). `separators[-1]` is a sentinel
    /// entry, a separator just before the index's base (`offsetMask`: one less than 0 in the 30 bits of an offset),
    /// so that every record's first field, like the others, starts after the entry before its own.
    @usableFromInline private(set) var separators: UnsafeMutablePointer<UInt32>
    private(set) var quotedLineBreaks: UnsafeMutablePointer<UInt32>
    /// Pairs: the offset of a line break outside quotes (the CR of a CRLF), and its index in `separators`.
    @usableFromInline private(set) var lineBreaks: UnsafeMutablePointer<UInt32>
    private var allocated: Int

    /// Whether the index describes the buffer as it is.
    @usableFromInline var valid = false
    /// The buffer offset the index starts at (a record start) and the offset it ends at.
    @usableFromInline private(set) var base = 0
    private(set) var limit = 0
    private(set) var separatorCount = 0
    private(set) var quotedLineBreakCount = 0
    @usableFromInline private(set) var lineBreakCount = 0
    /// The next separator and line breaks to look at (everything before belongs to records already read).
    @usableFromInline var nextSeparator = 0
    var nextQuotedLineBreak = 0
    @usableFromInline var nextLineBreak = 0
    /// The buffer offset of the first malformed quote (nothing from there on is trusted), or `Int.max`.
    private(set) var malformed = Int.max
    /// The buffer offset of the first invalid UTF-8 byte (records reaching it are checked one by one), or `Int.max`.
    private(set) var invalidUTF8 = Int.max

    /// How many bytes the next index covers at most: small after the byte-at-a-time scanner had to step in
    /// (so that a file of odd records costs little more than scanning it byte by byte), doubling up to
    /// `maxChunk` while records index well.
    private(set) var chunk = StructuralIndex.minChunk
    static let minChunk = 1 << 10
    static let maxChunk = 1 << 14

    static let escapedFlag = UInt32(CCSV_ESCAPED)
    static let quotedFlag = UInt32(CCSV_QUOTED)
    static let offsetMask = UInt32(CCSV_OFFSET)

    /// Whether this CPU runs the SIMD indexer, asked once.
    static let cpuHasSIMD = ccsv_has_simd() != 0

    init(simd: Bool) {
        self.simd = simd
        assert(CSVFieldView.offsetMask == Self.offsetMask && CSVFieldView.escapedFlag == Self.escapedFlag
            && 1 << CSVFieldView.quotedShift == Self.quotedFlag, "CSVFieldView reads entries as ccsv_index writes them")
        allocated = Self.minChunk
        separators = Self.allocateSeparators(allocated)
        quotedLineBreaks = .allocate(capacity: allocated + Int(CCSV_SLACK))
        lineBreaks = .allocate(capacity: 2 * (allocated + Int(CCSV_SLACK)))
    }

    /// Room for `count` separators' entries and the kernel's slack, after the sentinel.
    private static func allocateSeparators(_ count: Int) -> UnsafeMutablePointer<UInt32> {
        let storage = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 + count + Int(CCSV_SLACK))
        storage.initialize(to: offsetMask)
        return storage + 1
    }

    deinit {
        (separators - 1).deallocate()
        quotedLineBreaks.deallocate()
        lineBreaks.deallocate()
    }

    /// Indexes `buffer[start..<min(end, start + chunk)]`; `start` is a record start.
    func build(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int, end: Int, delimiter: UInt8, checkUTF8: Bool) {
        let length = min(end - start, chunk)
        if length > allocated {
            (separators - 1).deallocate()
            quotedLineBreaks.deallocate()
            lineBreaks.deallocate()
            allocated = chunk
            separators = Self.allocateSeparators(allocated)
            quotedLineBreaks = .allocate(capacity: allocated + Int(CCSV_SLACK))
            lineBreaks = .allocate(capacity: 2 * (allocated + Int(CCSV_SLACK)))
        }
        var index = ccsv_index()
        index.separators = separators
        index.quoted_line_breaks = quotedLineBreaks
        index.line_breaks = lineBreaks
        if simd {
            ccsv_index_simd(buffer + start, length, delimiter, checkUTF8 ? 1 : 0, &index)
        } else {
            ccsv_index_portable(buffer + start, length, delimiter, checkUTF8 ? 1 : 0, &index)
        }
        base = start
        limit = start + index.indexed
        separatorCount = index.separator_count
        quotedLineBreakCount = index.quoted_line_break_count
        lineBreakCount = index.line_break_count
        // `SIZE_MAX` arrives as -1.
        malformed = index.malformed < 0 ? Int.max : start + index.malformed
        invalidUTF8 = index.invalid_utf8 < 0 ? Int.max : start + index.invalid_utf8
        nextSeparator = 0
        nextQuotedLineBreak = 0
        nextLineBreak = 0
        valid = true
    }

    /// The next index may cover twice as much (up to `maxChunk`).
    /// - Returns: `false` when it already covers `maxChunk`.
    func grow() -> Bool {
        guard chunk < Self.maxChunk else { return false }
        chunk *= 2
        return true
    }

    /// The byte-at-a-time scanner takes over for a record: the index is dropped, and the next one is small.
    func fallBack() {
        valid = false
        chunk = Self.minChunk
    }
}
