#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes RFC 4180 CSV, optionally spreadsheet-safe.
///
/// In spreadsheet-safe mode a cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
/// tab or CR, OWASP's list) gets a leading `'`, unless it is a plain number such as `-42` (as WooCommerce's
/// exporter does). A cell that already starts with `'` (or several) followed by such a character gets one more
/// `'`, so that `CSVReader`, which strips one guard, gives back exactly what was written: fix files round-trip.
/// A row of one empty field is written as `""`, since an empty line is no record to a reader.
public struct CSVWriter<Sink: ByteSink> {
    /// The sink the bytes go to.
    public var sink: Sink
    /// The field delimiter.
    public let delimiter: UInt8
    /// Whether cells are neutralised for spreadsheets.
    public let spreadsheetSafe: Bool
    /// The record terminator (`"\r\n"` per RFC 4180 unless set otherwise).
    public let lineEnding: [UInt8]
    /// `lineEnding` as one word (its bytes in memory order) when it fits in eight bytes: a row's end is one store,
    /// not an array's retain, release and copy.
    @usableFromInline let lineEndingWord: UInt64
    @usableFromInline let lineEndingFits: Bool
    /// The row being built (reused from row to row).
    @usableFromInline var row = RowBytes()
    @usableFromInline var rowFields = 0

    /// Creates a writer over `sink`.
    public init(sink: Sink, delimiter: UInt8 = UInt8(ascii: ","), spreadsheetSafe: Bool = false, lineEnding: String = "\r\n") {
        self.sink = sink
        self.delimiter = delimiter
        self.spreadsheetSafe = spreadsheetSafe
        let ending = Array(lineEnding.utf8)
        self.lineEnding = ending
        var word: UInt64 = 0
        lineEndingFits = ending.count <= 8
        if lineEndingFits {
            withUnsafeMutableBytes(of: &word) { for index in ending.indices { $0[index] = ending[index] } }
        }
        lineEndingWord = word
    }

    /// Writes one record.
    /// - Throws: errors of the sink.
    public mutating func writeRow<S: Sequence>(_ fields: S) throws where S.Element: StringProtocol {
        try writeRow(fields.map { String($0) })
    }

    /// Writes one record (the concrete path: each field is scanned once as contiguous UTF-8). Inlinable, so that
    /// callers in other modules run it specialized for their sink.
    /// - Throws: errors of the sink.
    @inlinable
    public mutating func writeRow(_ fields: [String]) throws {
        beginRow()
        for index in fields.indices { appendField(fields[index]) }
        try endRow()
    }

    /// Starts a row built field by field (`appendField`, then `endRow`): no array of `String`s per row. Inlinable
    /// (like the other field-by-field calls), so that callers in other modules run it specialized for their sink.
    @inlinable
    public mutating func beginRow() {
        row.removeAll()
        rowFields = 0
    }

    /// Adds a field to the row begun with `beginRow()`.
    @inlinable
    public mutating func appendField(_ text: String) {
        let delimited = rowFields > 0
        rowFields += 1
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendField($0, delimited: delimited) }) { return done }
        var copy = text
        copy.withUTF8 { appendField($0, delimited: delimited) }
    }

    /// Adds a field given as UTF-8 to the row begun with `beginRow()`.
    @inlinable
    public mutating func appendField(utf8: UnsafeBufferPointer<UInt8>) {
        let delimited = rowFields > 0
        rowFields += 1
        appendField(utf8, delimited: delimited)
    }

    /// Adds a number to the row begun with `beginRow()`, or an empty field for `nil`.
    @inlinable
    public mutating func appendField(_ number: Int?) {
        let delimited = rowFields > 0
        rowFields += 1
        let delimiter = self.delimiter
        // Digits without a `String` (line and record numbers on every rejects row).
        row.write(field: CSVFieldEncoder.maximumDecimalLength, after: delimited ? delimiter : nil) { at in
            guard let number else { return at }
            return CSVFieldEncoder.writeDecimal(number, at: at)
        }
    }

    /// Adds fields encoded earlier (by `encodeFields(of:paddedTo:)`, with this writer's delimiter and guard
    /// setting), `count` of them, to the row begun with `beginRow()`.
    @inlinable
    public mutating func appendFields(encoded bytes: [UInt8], count: Int) {
        guard count > 0 else { return }
        if rowFields > 0 { row.append(delimiter) }
        rowFields += count
        bytes.withUnsafeBufferPointer { row.append($0) }
    }

    /// Adds fields encoded earlier (see `appendFields(encoded:count:)`), given as a buffer.
    @inlinable
    public mutating func appendFields(encodedBytes bytes: UnsafeBufferPointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        if rowFields > 0 { row.append(delimiter) }
        rowFields += count
        row.append(bytes)
    }

    /// Ends the row begun with `beginRow()` and writes it.
    /// - Throws: errors of the sink.
    @inlinable
    public mutating func endRow() throws {
        // A lone empty field would be an empty line, which readers skip as blank: quote it so the row survives.
        if rowFields == 1 && row.count == 0 {
            row.append(UInt8(ascii: "\""))
            row.append(UInt8(ascii: "\""))
        }
        if lineEndingFits {
            let word = lineEndingWord
            let count = lineEnding.count
            row.write(upTo: 8) { at in
                UnsafeMutableRawPointer(at).storeBytes(of: word, as: UInt64.self)
                return at + count
            }
        } else {
            let lineEnding = self.lineEnding
            lineEnding.withUnsafeBufferPointer { row.append($0) }
        }
        try row.withBytes { try sink.write($0) }
    }

    /// Writes the current record of `reader`, each field as `reader.string(_:)` reads it, padded with empty fields
    /// to `count` fields, then the `extra` fields: a fix file's row, without a `String` per field.
    /// - Throws: errors of the sink.
    public mutating func writeRow(fieldsOf reader: CSVReader, paddedTo count: Int, extra: [String]) throws {
        beginRow()
        CSVFieldEncoder.appendFields(of: reader, paddedTo: count, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &row)
        rowFields = max(reader.fieldCount, count)
        for index in extra.indices { appendField(extra[index]) }
        try endRow()
    }

    /// Writes a row whose first `fields` fields were encoded earlier by `encodeFields(of:paddedTo:)` (with this
    /// writer's delimiter and guard setting), then the `extra` fields.
    /// - Throws: errors of the sink.
    @inlinable
    public mutating func writeRow(encoded prefix: (bytes: [UInt8], fields: Int), extra: [String]) throws {
        beginRow()
        appendFields(encoded: prefix.bytes, count: prefix.fields)
        for index in extra.indices { appendField(extra[index]) }
        try endRow()
    }

    /// `text` encoded as one field of this writer's rows (without a delimiter), for `appendFields(encoded:count:)`:
    /// a value that repeats row after row is scanned and quoted once.
    public func encodedField(_ text: String) -> [UInt8] {
        var bytes = RowBytes()
        var text = text
        text.withUTF8 { utf8 in
            bytes.write(upTo: CSVFieldEncoder.maximumLength(of: utf8.count)) { at in
                CSVFieldEncoder.write(utf8, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, at: at)
            }
        }
        return bytes.array
    }

    /// The fields of `reader`'s current record encoded as `writeRow(fieldsOf:paddedTo:extra:)` would write them, for
    /// a row that is written later (by another thread, once its other fields are known). Encoded in this writer's
    /// row buffer (reused) and copied out once: one allocation of the exact size per call, where a fresh array grew
    /// five or six times (and `Array.append` cost ~390 instructions a piece): 47.8M instructions at 100k orders for
    /// the held lines' fix rows before.
    public mutating func encodeFields(of reader: CSVReader, paddedTo count: Int) -> (bytes: [UInt8], fields: Int) {
        row.removeAll()
        CSVFieldEncoder.appendFields(of: reader, paddedTo: count, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &row)
        return (row.array, max(reader.fieldCount, count))
    }

    /// Encodes a field into the row, after a delimiter when `delimited`.
    @inlinable @inline(__always)
    mutating func appendField(_ utf8: UnsafeBufferPointer<UInt8>, delimited: Bool) {
        CSVFieldEncoder.append(utf8, delimited: delimited, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &row)
    }
}

extension CSVWriter where Sink == FileByteSink {
    /// Flushes buffered bytes to the file.
    /// - Throws: `FileWriteError`.
    public func flush() throws { try sink.flush() }
}

/// The bytes of a row being built, written through a pointer into room made beforehand (`write(upTo:_:)`): a
/// field is one capacity check and its bytes stored, where `Array.append(contentsOf:)` cost ~100 instructions a
/// piece (~30M at 100k orders for the rejects and fix rows). `storage` is zero-filled to its capacity (its
/// `count` is the room); `count` is the bytes of the row.
@usableFromInline
struct RowBytes {
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var count = 0

    @inlinable init() {}

    @inlinable
    mutating func removeAll() { count = 0 }

    /// Lets `body` write at most `room` bytes at the end of the row; it returns the end of what it wrote.
    @inlinable @inline(__always)
    mutating func write(upTo room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        if storage.count - count < room { grow(room) }
        let used = count
        count = storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return used }
            return body(base + used) - base
        }
    }

    /// `write(upTo:_:)` of a field: `delimiter` first, when given (the field is not the row's first), then `body`;
    /// `room` is the field's own.
    @inlinable @inline(__always)
    mutating func write(field room: Int, after delimiter: UInt8?, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        write(upTo: room + 1) { at in
            guard let delimiter else { return body(at) }
            at.pointee = delimiter
            return body(at + 1)
        }
    }

    @inlinable
    mutating func append(_ byte: UInt8) {
        write(upTo: 1) { at in
            at.pointee = byte
            return at + 1
        }
    }

    @inlinable
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        write(upTo: bytes.count) { at in
            at.update(from: source, count: bytes.count)
            return at + bytes.count
        }
    }

    @usableFromInline
    mutating func grow(_ room: Int) {
        let capacity = max(256, storage.count * 2, count + room)
        storage.append(contentsOf: repeatElement(0, count: capacity - storage.count))
    }

    /// Calls `body` with the row's bytes.
    @inlinable
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// The row's bytes as an array of their own.
    var array: [UInt8] { Array(storage[..<count]) }
}

/// How one field is written (quoting, the spreadsheet guard): not generic, so that it runs specialized whatever
/// the writer's sink, from any module.
@usableFromInline
enum CSVFieldEncoder {
    /// The most bytes `write` writes for a value of `count` bytes: two quotes, a guard, every byte a quote doubled.
    @inlinable
    static func maximumLength(of count: Int) -> Int { 2 * count + 3 }

    /// The most bytes `writeDecimal` writes (`Int.min`).
    @usableFromInline
    static let maximumDecimalLength = 20

    /// Writes `number` in decimal at `at`; returns the end.
    @usableFromInline
    static func writeDecimal(_ number: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var at = start
        if number < 0 {
            at.pointee = UInt8(ascii: "-")
            at += 1
        }
        var value = number.magnitude
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let end = at + digits
        at = end
        repeat {
            at -= 1
            at.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
            value /= 10
        } while value > 0
        return end
    }

    /// Appends one field to `row`, after `delimiter` when `delimited`, quoted and guarded as `write` does.
    @usableFromInline @inline(__always)
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, delimited: Bool, delimiter: UInt8, spreadsheetSafe: Bool, to row: inout RowBytes) {
        row.write(field: maximumLength(of: utf8.count), after: delimited ? delimiter : nil) { at in
            write(utf8, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, at: at)
        }
    }

    /// The fields of `reader`'s current record, each as `reader.string(_:)` reads it, padded with empty fields to
    /// `count`, separated by `delimiter` (no line ending).
    static func appendFields(of reader: CSVReader, paddedTo count: Int, delimiter: UInt8, spreadsheetSafe: Bool, to row: inout RowBytes) {
        let fields = max(reader.fieldCount, count)
        // Values that `string(_:)` changes (doubled quotes, a guard, repaired UTF-8) go through it.
        let plain = reader.problem == nil
        let view = reader.fieldView
        // Runs of plain fields are copied as they stand in the buffer (see `verbatimRun`): a fix-file row is a
        // whole record of some 70 fields, most of them plain, so this is one copy per run, not a call per field.
        let runs = plain && reader.dialect.delimiter == delimiter
        var index = 0
        while index < fields {
            let delimited = index > 0
            if runs, let last = verbatimRun(from: index, view: view, recordStart: view.base + reader.recordRange.lowerBound) {
                let start = view.bounds(index).start
                let length = view.bounds(last).end - start
                row.write(field: length, after: delimited ? delimiter : nil) { at in
                    at.update(from: start, count: length)
                    return at + length
                }
                index = last + 1
                continue
            }
            let raw = view.raw(index)
            index += 1
            if raw.isEmpty {
                if delimited { row.append(delimiter) }
                continue
            }
            if plain && raw[0] != UInt8(ascii: "'") && !view.isEscaped(index - 1) {
                append(raw, delimited: delimited, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &row)
            } else if runs && view.isEscaped(index - 1) && isPlainStart(raw[0]) {
                // A quoted value with doubled quotes (`"Design ""Kōan"" - XL"`, in every row of some exports): it is
                // written quoted with its quotes doubled, which is how the buffer holds it, so it is copied as it
                // stands, with no `String` made of it.
                row.write(field: 2 + raw.count, after: delimited ? delimiter : nil) { at in
                    var at = at
                    at.pointee = UInt8(ascii: "\"")
                    if let source = raw.baseAddress { (at + 1).update(from: source, count: raw.count) }
                    at += 1 + raw.count
                    at.pointee = UInt8(ascii: "\"")
                    return at + 1
                }
            } else {
                var value = reader.string(index - 1)
                value.withUTF8 { append($0, delimited: delimited, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &row) }
            }
        }
    }

    /// The last field of the run of verbatim fields starting at `first`, or `nil` when field `first` is not one.
    /// A field is verbatim when the buffer holds it exactly as `write` would write it: unquoted (it starts one
    /// byte after the previous field ends, or at the record's start, so no quote opens it and none closed the
    /// field before), not starting with a guard or a formula trigger, and with no quote in it. Between two
    /// verbatim fields the buffer holds the delimiter, so a run is one slice of the buffer.
    static func verbatimRun(from first: Int, view: CSVFieldView, recordStart: UnsafePointer<UInt8>) -> Int? {
        var last = -1
        var index = first
        if view.entries != nil {
            // A record from the structural index says which fields were quoted: no bounds to compare. This loop
            // runs over every field of a held row: comparing bounds computed from the index cost 30 M instructions
            // at 100,000 orders, this 20 M.
            while index < view.count, !view.isQuoted(index) {
                let (start, end) = view.bounds(index)
                guard start == end || isPlainStart(start.pointee) else { break }
                last = index
                index += 1
            }
        } else {
            var expectedStart = first == 0 ? recordStart : view.bounds(first - 1).end + 1
            while index < view.count {
                let (start, end) = view.bounds(index)
                guard start == expectedStart, start == end || isPlainStart(start.pointee) else { break }
                last = index
                expectedStart = end + 1
                index += 1
            }
        }
        guard last >= first else { return nil }
        // A quote in an unquoted field (a lenient read) is written quoted: the run stops before that field.
        let runStart = view.bounds(first).start
        guard let quote = memchr(runStart, Int32(UInt8(ascii: "\"")), view.bounds(last).end - runStart) else { return last }
        let quoteAt = UnsafePointer<UInt8>(quote.assumingMemoryBound(to: UInt8.self))
        while last >= first, view.bounds(last).end > quoteAt || view.bounds(last).start > quoteAt { last -= 1 }
        return last >= first ? last : nil
    }

    /// Whether a field starting with `byte` is written as it is (no guard to add, none for the reader to strip).
    @inline(__always)
    private static func isPlainStart(_ byte: UInt8) -> Bool {
        byte != UInt8(ascii: "'") && !SpreadsheetGuard.isFormulaTrigger(byte)
    }

    /// Whether a field must be quoted: it holds the delimiter, a quote or a line break. Eight bytes at a time
    /// (the SWAR "has a zero byte" trick, exact as to whether one exists): rejects rows carry long messages.
    @inline(__always)
    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        var offset = 0
        let count = utf8.count
        while offset + 8 <= count {
            if hasSpecialByte(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self), delimiter: delimiter) { return true }
            offset += 8
        }
        while offset < count {
            if isSpecial(base[offset], delimiter: delimiter) { return true }
            offset += 1
        }
        return false
    }

    /// Whether one of the eight bytes of `word` is the delimiter, a quote, LF or CR.
    @inline(__always)
    static func hasSpecialByte(_ x: UInt64, delimiter: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let d = x ^ (ones &* UInt64(delimiter))
        let q = x ^ (ones &* 0x22)
        let lf = x ^ (ones &* 0x0A)
        let cr = x ^ (ones &* 0x0D)
        let zero = ((d &- ones) & ~d) | ((q &- ones) & ~q) | ((lf &- ones) & ~lf) | ((cr &- ones) & ~cr)
        return zero & highs != 0
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8, delimiter: UInt8) -> Bool {
        byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    /// Copies a value to `out`, eight bytes at a time, checking them as it goes (one pass over a message, not a
    /// scan and then a copy); returns `utf8.count` when it copied it all, else the offset from which the value may
    /// hold a byte that must be quoted (having written some bytes). The check is a cheap superset (any byte below
    /// 0x0E, not only LF and CR: 15 operations a word, where the exact test takes 20), so such an offset is
    /// confirmed with `needsQuotes`. A value of eight bytes or more ends with one overlapping word, not a byte loop.
    @inline(__always)
    static func copyUnquoted(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        let count = utf8.count
        guard count >= 8 else {
            for offset in 0..<count {
                let byte = base[offset]
                if byte < 0x0E || byte == UInt8(ascii: "\"") || byte == delimiter { return offset }
                out[offset] = byte
            }
            return count
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(delimiter)
        let quotes = ones &* 0x22
        let belowCR = ones &* 0x0E
        @inline(__always) func mayBeSpecial(_ x: UInt64) -> Bool {
            let d = x ^ delimiters
            let q = x ^ quotes
            return ((d &- ones) & ~d | (q &- ones) & ~q | (x &- belowCR) & ~x) & highs != 0
        }
        let last = count &- 8
        var offset = 0
        while offset < last {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            if mayBeSpecial(word) { return offset }
            UnsafeMutableRawPointer(out + offset).storeBytes(of: word, as: UInt64.self)
            offset &+= 8
        }
        let word = UnsafeRawPointer(base + last).loadUnaligned(as: UInt64.self)
        if mayBeSpecial(word) { return last }
        UnsafeMutableRawPointer(out + last).storeBytes(of: word, as: UInt64.self)
        return count
    }

    /// Writes one field's value at `out`, quoted and guarded as needed; returns the end. `out` must have room for
    /// `maximumLength(of: utf8.count)` bytes.
    @usableFromInline
    static func write(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8, spreadsheetSafe: Bool, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard let base = utf8.baseAddress, let first = utf8.first else { return out }
        let guardCell = spreadsheetSafe && (first == UInt8(ascii: "'") || SpreadsheetGuard.isFormulaTrigger(first))
            && needsGuard(utf8)
        // The bytes before where the copy stopped hold nothing to quote: the exact check starts there.
        var clean = 0
        if !guardCell {
            clean = copyUnquoted(utf8, delimiter: delimiter, to: out)
            if clean == utf8.count { return out + clean }
        }
        let needsQuotes = needsQuotes(UnsafeBufferPointer(rebasing: utf8[clean...]), delimiter: delimiter)
        var at = out
        if needsQuotes {
            at.pointee = UInt8(ascii: "\"")
            at += 1
        }
        if guardCell {
            at.pointee = UInt8(ascii: "'")
            at += 1
        }
        guard needsQuotes else {
            at.update(from: base, count: utf8.count)
            return at + utf8.count
        }
        // Quoted (a message with a comma): the text between quotes in one copy each, every quote doubled.
        var rest = base
        var left = utf8.count
        while left > 0, let quote = memchr(rest, Int32(UInt8(ascii: "\"")), left) {
            let length = UnsafeRawPointer(quote) - UnsafeRawPointer(rest) + 1
            at.update(from: rest, count: length)
            at += length
            at.pointee = UInt8(ascii: "\"")
            at += 1
            rest += length
            left -= length
        }
        at.update(from: rest, count: left)
        at += left
        at.pointee = UInt8(ascii: "\"")
        return at + 1
    }

    static func needsGuard<C: Collection>(_ utf8: C) -> Bool where C.Element == UInt8 {
        guard let first = utf8.first else { return false }
        if first == UInt8(ascii: "'") {
            // Keep literal leading guards through a round trip: the reader takes one `'` off any run of them that
            // leads to a trigger (`''=x` reads as `'=x`), so such a value gets one more.
            guard let afterGuards = utf8.first(where: { $0 != UInt8(ascii: "'") }) else { return false }
            return SpreadsheetGuard.isFormulaTrigger(afterGuards)
        }
        guard SpreadsheetGuard.isFormulaTrigger(first) else { return false }
        // A lone sign (stdin's `-`) is text to every spreadsheet, not a formula.
        if utf8.count == 1 && (first == UInt8(ascii: "-") || first == UInt8(ascii: "+")) { return false }
        return !isPlainNumber(utf8)
    }

    /// `-42`, `+3.5`, `-0,5`: numbers a spreadsheet shows as numbers, never as formulas.
    static func isPlainNumber<C: Collection>(_ utf8: C) -> Bool where C.Element == UInt8 {
        var sawDigit = false
        var sawSeparator = false
        for (offset, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where offset == 0, UInt8(ascii: "+") where offset == 0: continue
            case UInt8(ascii: ".") where sawDigit && !sawSeparator, UInt8(ascii: ",") where sawDigit && !sawSeparator:
                sawSeparator = true
            default: return false
            }
        }
        return sawDigit
    }
}

/// The spreadsheet formula guard (OWASP CSV injection): which cells a spreadsheet would run.
public enum SpreadsheetGuard {
    /// Whether a cell starting with `byte` could be run as a formula by a spreadsheet.
    @inlinable
    public static func isFormulaTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
