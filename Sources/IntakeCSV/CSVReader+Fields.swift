#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// Whether field `index` of the current record is empty (or missing: `index` past the last field).
    public func isEmpty(_ index: Int) -> Bool {
        fieldView.raw(index).isEmpty
    }

    /// Calls `body` with the raw bytes of field `index`: without its enclosing quotes, but with any doubled
    /// quotes (`""`) still doubled. A missing field is empty. Valid only inside `body`.
    public func withRawBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(fieldView.raw(index)))
    }

    /// Whether field `index` has doubled quotes that `string(_:)` turns into one.
    public func hasEscapedQuotes(_ index: Int) -> Bool {
        fieldView.isEscaped(index)
    }

    /// The value of field `index` as a `String`: quotes unescaped, a spreadsheet guard (`'` before `= + - @`,
    /// tab or CR, possibly after more `'`) stripped when the options say so, invalid UTF-8 repaired with U+FFFD. A missing field is `""`.
    public func string(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        let bytes = unguardedBytes(index)
        guard fieldView.isEscaped(index) else { return String(decoding: bytes, as: UTF8.self) }
        return Self.unescaped(bytes)
    }

    /// `string(index)` without leading and trailing spaces and tabs, as the adapters read most values: the field
    /// is trimmed on its bytes and decoded once (no `String` built to be trimmed and built again).
    ///
    /// An empty field, a `'` that is not a guard (Shopify's ZIPs) and doubled quotes (the bench's line-item names
    /// all have them) take no detour through `string(_:)` either: they did, some 700 instructions a field, a
    /// fifth of what adapting a held order's row cost (100,000-order bench run).
    public func trimmedString(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        let bytes = unguardedBytes(index)
        guard !bytes.isEmpty else { return "" }
        if !fieldView.isEscaped(index) { return String(decoding: UnsafeBufferPointer(rebasing: bytes[Self.withoutSpaces(bytes)]), as: UTF8.self) }
        // Unescaping only ever drops quotes, so trimming the raw bytes trims the value.
        return Self.unescaped(UnsafeBufferPointer(rebasing: bytes[Self.withoutSpaces(bytes)]))
    }

    /// The bytes `trimmedString(index)` decodes, without the `String`, for a field with no doubled quotes
    /// (`nil` for one with them). Valid until the next read. Bytes equal to a `String`'s UTF-8 decode to that
    /// string; other bytes (invalid UTF-8 among them) may still decode to it: a caller comparing takes equal
    /// bytes as an answer and asks `trimmedString` otherwise.
    public func plainTrimmedBytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard index < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        guard !fieldView.isEscaped(index) else { return nil }
        let bytes = unguardedBytes(index)
        return UnsafeBufferPointer(rebasing: bytes[Self.withoutSpaces(bytes)])
    }

    /// The bytes of field `index` (which must exist) without its enclosing quotes, without a spreadsheet guard
    /// the options strip; doubled quotes still doubled.
    private func unguardedBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let bytes = fieldView.raw(index)
        guard options.stripFormulaGuard, bytes.first == UInt8(ascii: "'") else { return bytes }
        // One guard comes off when the guards lead to a trigger: `'=x` is `=x`, and `''=x` is `'=x`, which
        // `CSVWriter` writes for a value that itself starts with `'=` (so both round-trip).
        var next = 1
        while next < bytes.count, bytes[next] == UInt8(ascii: "'") { next += 1 }
        guard next < bytes.count, SpreadsheetGuard.isFormulaTrigger(bytes[next]) else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[1...])
    }

    /// `bytes` with each doubled quote made one, as a `String` (invalid UTF-8 repaired): unescaped on the stack and
    /// decoded once, not appended byte by byte to an array first (nor written through
    /// `String(unsafeUninitializedCapacity:)`, which measured 870 instructions a field). The text up to each quote
    /// is one `memchr` and one copy: byte by byte, the loop cost ~500 instructions a line-item name of the held
    /// orders (`"Design #1426 ""Café"" - XS / white"`).
    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { target in
            guard let source = bytes.baseAddress, let out = target.baseAddress else { return "" }
            let total = bytes.count
            var count = 0
            var i = 0
            while i < total {
                let rest = total - i
                let quote = memchr(source + i, Int32(UInt8(ascii: "\"")), rest)
                // Up to and with the quote (or to the end), then past the quote that doubles it, if one does.
                let length = quote.map { UnsafeRawPointer($0) - UnsafeRawPointer(source + i) + 1 } ?? rest
                (out + count).update(from: source + i, count: length)
                count += length
                i += length
                if quote != nil, i < total, source[i] == UInt8(ascii: "\"") { i += 1 }
            }
            return String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self)
        }
    }

    /// The range of `bytes` without leading and trailing spaces and tabs.
    private static func withoutSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// All fields of the current record as strings (see `string(_:)`).
    public func strings() -> [String] {
        (0..<fieldCount).map(string)
    }
}

extension CSVReader {
    /// The current record as it stands in the file (decoded to UTF-8, its line break included): one copy,
    /// instead of a `String` per field, for rows that may be needed again (fix files). `CSVReader.cells(ofRecord:)`
    /// turns it back into fields.
    public func recordBytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer + recordRange.lowerBound, count: recordRange.count))
    }

    /// The length of the current record as `recordBytes()` gives it.
    public var recordBytesCount: Int { recordRange.count }

    /// The current record as `recordBytes()` gives it, in the reader's buffer (valid until the next read): for
    /// callers that copy it into memory of their own.
    public var recordBytesView: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordRange.lowerBound, count: recordRange.count)
    }

    /// The input offset (decoded to UTF-8) where the current record starts: with `keepsBytes(from:)` and
    /// `keptBytes(_:)`, a caller can copy records read earlier only once it knows it needs them.
    public var recordOffset: Int { dropped + recordRange.lowerBound }

    /// Keeps the input from `offset` (a `recordOffset`, at most the current record's) on in the buffer until
    /// `keepsBytes(from: nil)`: records read after it do not push it out. Keep little (a few records): the buffer
    /// grows to hold what is kept.
    public func keepsBytes(from offset: Int?) {
        keptFrom = offset ?? Int.max
    }

    /// The input bytes in `range` (input offsets, from `recordOffset`), which must still be buffered: from a
    /// `keepsBytes(from:)` offset up to the end of the current record. Valid until the next read.
    public func keptBytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let start = range.lowerBound - dropped
        precondition(start >= 0 && range.upperBound - dropped <= recordRange.upperBound, "CSVReader.keptBytes: bytes no longer buffered")
        return UnsafeBufferPointer(start: buffer + start, count: range.count)
    }

    /// A reader over one record kept with `recordBytes()`, already on that record: it reads the record exactly as
    /// the reader with `options` did (same delimiter, same guard handling), for rows looked at again later.
    public static func replaying(record bytes: [UInt8], delimiter: UInt8, options: CSVOptions = CSVOptions()) -> CSVReader? {
        // Limits sized to the record (it has at most one field more than bytes), so the buffer and field table
        // stay small: this runs once per row that needs a second look.
        let replay = CSVOptions(delimiter: delimiter, maxRecordBytes: max(options.maxRecordBytes, bytes.count + 16),
                                maxFields: min(options.maxFields, bytes.count + 2), stripFormulaGuard: options.stripFormulaGuard,
                                initialBufferBytes: bytes.count + 64)
        guard let reader = try? CSVReader(source: MemoryByteSource(bytes), options: replay), (try? reader.next()) == true else { return nil }
        return reader
    }

    /// A reader for `reread(record:)`: the delimiter and limits of the reader that read the records first.
    /// - Parameter validUTF8: whether every record it rereads is known to be valid UTF-8 (a record another reader
    ///   read without a problem: that reader checked it, or transcoded it to UTF-8); the check is then not run again
    ///   (~40 instructions per 64 bytes in the index, ~3.5M instructions for the held rows of the 100,000-order bench
    ///   run).
    public static func rereader(delimiter: UInt8, options: CSVOptions = CSVOptions(), validUTF8: Bool = false) throws -> CSVReader {
        var options = options
        options.delimiter = delimiter
        options.initialBufferBytes = 4096
        let reader = try CSVReader(source: MemoryByteSource([]), options: options)
        _ = try reader.next()  // decides the dialect (empty: no record)
        reader.checksUTF8 = !validUTF8
        return reader
    }

    /// The fields of a record kept with `recordBytes()`, read with the same delimiter.
    public static func cells(ofRecord bytes: [UInt8], delimiter: UInt8) -> [String] {
        replaying(record: bytes, delimiter: delimiter)?.strings() ?? []
    }
}

/// The current record's fields as pointers into the reader's buffer, valid until the next call to `next()`: the
/// orders hot path reads a dozen fields per row through it without a call per field. Every read of a field goes
/// through it (`CSVReader.string(_:)` and the others too): it is the one place that says where a field lies.
public struct CSVFieldView {
    @usableFromInline let base: UnsafePointer<UInt8>
    /// For a record read from the structural index: its separators' entries (`entries[k]` ends field k; the entry
    /// before the first is the separator before the record, or the index's sentinel), offsets from `origin`.
    /// `nil` for a record of the byte-at-a-time scanner, whose fields are in the table (`tableStarts` and the others).
    @usableFromInline let entries: UnsafePointer<UInt32>?
    @usableFromInline let origin: UnsafePointer<UInt8>
    /// The byte scanner's table: read through `bounds` and `isEscaped` only (a record from the index leaves it stale).
    @usableFromInline let tableStarts: UnsafePointer<UInt32>
    @usableFromInline let tableEnds: UnsafePointer<UInt32>
    @usableFromInline let tableEscapes: UnsafePointer<Bool>
    /// The number of fields.
    public let count: Int

    /// `CCSV_OFFSET`, `CCSV_QUOTED` and `CCSV_ESCAPED` (`StructuralIndex` checks that they agree).
    @usableFromInline static let offsetMask: UInt32 = 0x3FFF_FFFF
    @usableFromInline static let quotedShift: UInt32 = 30
    @usableFromInline static let escapedFlag: UInt32 = 0x8000_0000

    @inlinable @inline(__always)
    init(base: UnsafePointer<UInt8>, entries: UnsafePointer<UInt32>?, origin: Int, starts: UnsafePointer<UInt32>,
         ends: UnsafePointer<UInt32>, escapes: UnsafePointer<Bool>, count: Int) {
        self.base = base
        self.entries = entries
        self.origin = base + origin
        tableStarts = starts
        tableEnds = ends
        tableEscapes = escapes
        self.count = count
    }

    /// Where field `index` (< `count`) lies in the reader's buffer, without its enclosing quotes. From the index:
    /// after the separator before it, up to its own (`ccsv_index`), one byte in from each when the entry says it
    /// was quoted. No byte of the record is read, and only the fields asked for are looked at: a table of all of
    /// them cost the orders lane more than the dozen it reads (45 M instructions at 100,000 orders).
    @inlinable @inline(__always)
    func bounds(_ index: Int) -> (start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) {
        if let entries {
            let field = Self.field(index, entries: entries, origin: origin)
            return (field.start, field.end)
        }
        return (base + Int(tableStarts[index]), base + Int(tableEnds[index]))
    }

    /// Where field `index` of a record read from the structural index lies (see `bounds`, which reads every such
    /// field through it) and whether it has doubled quotes, from the record's `entries` and `origin`
    /// (`indexedEntries`). For a caller that reads many fields of a row and has checked once that the row has them
    /// all: it takes the entries once per row, not a test of them and of `count` per field.
    @inlinable @inline(__always)
    public static func field(_ index: Int, entries: UnsafePointer<UInt32>, origin: UnsafePointer<UInt8>)
        -> (start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, escaped: Bool) {
        let entry = entries[index]
        let quoted = Int(truncatingIfNeeded: (entry >> quotedShift) & 1)
        let start = Int(truncatingIfNeeded: (entries[index &- 1] &+ 1) & offsetMask)
        return (origin + (start &+ quoted), origin + (Int(truncatingIfNeeded: entry & offsetMask) &- quoted), entry >= escapedFlag)
    }

    /// For a record read from the structural index, its separators' entries and their origin (for
    /// `field(_:entries:origin:)`); `nil` for a record of the byte-at-a-time scanner.
    @inlinable
    public var indexedEntries: (entries: UnsafePointer<UInt32>, origin: UnsafePointer<UInt8>)? {
        @inline(__always) get { entries.map { ($0, origin) } }
    }

    /// Whether field `index` (< `count`) of a record read from the structural index (`entries` not `nil`) was quoted.
    @inline(__always)
    func isQuoted(_ index: Int) -> Bool {
        guard let entries else { return false }
        return (entries[index] >> Self.quotedShift) & 1 != 0
    }

    /// The raw bytes of field `index` (see `CSVReader.withRawBytes`); empty past the last field.
    @inlinable @inline(__always)
    public func raw(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let (start, end) = bounds(index)
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// `raw(index)` and `isEscaped(index)` at once: one look at the field's entry for both (the orders lane asks
    /// for both of every field it reads).
    @inlinable @inline(__always)
    public func field(_ index: Int) -> (raw: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        guard index < count else { return (UnsafeBufferPointer(start: nil, count: 0), false) }
        let (start, end) = bounds(index)
        let escaped = if let entries { entries[index] >= Self.escapedFlag } else { tableEscapes[index] }
        return (UnsafeBufferPointer(start: start, count: end - start), escaped)
    }

    /// Whether field `index` has doubled quotes (see `CSVReader.hasEscapedQuotes`).
    @inlinable @inline(__always)
    public func isEscaped(_ index: Int) -> Bool {
        guard index < count else { return false }
        if let entries { return entries[index] >= Self.escapedFlag }
        return tableEscapes[index]
    }
}

extension CSVReader {
    /// The current record's fields, for reading many of them fast (valid until the next call to `next()`).
    @inlinable public var fieldView: CSVFieldView {
        @inline(__always) get {
            CSVFieldView(base: UnsafePointer(buffer), entries: fields.entries, origin: fields.origin, starts: UnsafePointer(fields.starts),
                         ends: UnsafePointer(fields.ends), escapes: UnsafePointer(fields.escaped), count: fields.count)
        }
    }
}
