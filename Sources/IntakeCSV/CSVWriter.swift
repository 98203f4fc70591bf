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
    @usableFromInline var scratch: [UInt8] = []
    @usableFromInline var rowFields = 0

    /// Creates a writer over `sink`.
    public init(sink: Sink, delimiter: UInt8 = UInt8(ascii: ","), spreadsheetSafe: Bool = false, lineEnding: String = "\r\n") {
        self.sink = sink
        self.delimiter = delimiter
        self.spreadsheetSafe = spreadsheetSafe
        self.lineEnding = Array(lineEnding.utf8)
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
        scratch.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { scratch.append(delimiter) }
            var field = field
            field.withUTF8 { appendField($0) }
        }
        // A lone empty field would be an empty line, which readers skip as blank: quote it so the row survives.
        if fields.count == 1 && scratch.isEmpty { scratch += [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
        scratch.append(contentsOf: lineEnding)
        try scratch.withUnsafeBytes { try sink.write($0) }
    }

    /// Starts a row built field by field (`appendField`, then `endRow`): no array of `String`s per row. Inlinable
    /// (like the other field-by-field calls), so that callers in other modules run it specialized for their sink.
    @inlinable
    public mutating func beginRow() {
        scratch.removeAll(keepingCapacity: true)
        rowFields = 0
    }

    /// Adds a field to the row begun with `beginRow()`.
    @inlinable
    public mutating func appendField(_ text: String) {
        if rowFields > 0 { scratch.append(delimiter) }
        rowFields += 1
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendField($0) }) { return done }
        var copy = text
        copy.withUTF8 { appendField($0) }
    }

    /// Adds a number to the row begun with `beginRow()`, or an empty field for `nil`.
    @inlinable
    public mutating func appendField(_ number: Int?) {
        if rowFields > 0 { scratch.append(delimiter) }
        rowFields += 1
        guard let number else { return }
        guard number >= 0 else {
            scratch.append(contentsOf: String(number).utf8)
            return
        }
        // Digits without a `String` (line and record numbers on every rejects row).
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        while divisor > 0 {
            scratch.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    /// Ends the row begun with `beginRow()` and writes it.
    /// - Throws: errors of the sink.
    @inlinable
    public mutating func endRow() throws {
        if rowFields == 1 && scratch.isEmpty { scratch += [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
        scratch.append(contentsOf: lineEnding)
        try scratch.withUnsafeBytes { try sink.write($0) }
    }

    /// Writes the current record of `reader`, each field as `reader.string(_:)` reads it, padded with empty fields
    /// to `count` fields, then the `extra` fields: a fix file's row, without a `String` per field.
    /// - Throws: errors of the sink.
    public mutating func writeRow(fieldsOf reader: CSVReader, paddedTo count: Int, extra: [String]) throws {
        scratch.removeAll(keepingCapacity: true)
        let fields = max(reader.fieldCount, count)
        CSVFieldEncoder.appendFields(of: reader, paddedTo: count, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch)
        try finishRow(fields: fields, extra: extra)
    }

    /// Writes a row whose first `fields` fields were encoded earlier by `encodedFields(of:paddedTo:)` (with this
    /// writer's delimiter and guard setting), then the `extra` fields.
    /// - Throws: errors of the sink.
    public mutating func writeRow(encoded prefix: (bytes: [UInt8], fields: Int), extra: [String]) throws {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: prefix.bytes)
        try finishRow(fields: prefix.fields, extra: extra)
    }

    /// The fields of `reader`'s current record encoded as `writeRow(fieldsOf:paddedTo:extra:)` would write them, for
    /// a row that is written later (by another thread, once its other fields are known).
    public func encodedFields(of reader: CSVReader, paddedTo count: Int) -> (bytes: [UInt8], fields: Int) {
        var bytes: [UInt8] = []
        CSVFieldEncoder.appendFields(of: reader, paddedTo: count, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &bytes)
        return (bytes, max(reader.fieldCount, count))
    }

    private mutating func finishRow(fields: Int, extra: [String]) throws {
        for (offset, field) in extra.enumerated() {
            if fields + offset > 0 { scratch.append(delimiter) }
            var field = field
            field.withUTF8 { appendField($0) }
        }
        if fields + extra.count == 1 && scratch.isEmpty { scratch += [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
        scratch.append(contentsOf: lineEnding)
        try scratch.withUnsafeBytes { try sink.write($0) }
    }

    @inlinable @inline(__always)
    mutating func appendField(_ utf8: UnsafeBufferPointer<UInt8>) {
        CSVFieldEncoder.append(utf8, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch)
    }
}

extension CSVWriter where Sink == FileByteSink {
    /// Flushes buffered bytes to the file.
    /// - Throws: `FileWriteError`.
    public func flush() throws { try sink.flush() }
}

/// How one field is written (quoting, the spreadsheet guard): not generic, so that it runs specialized whatever
/// the writer's sink, from any module.
@usableFromInline
enum CSVFieldEncoder {
    /// The fields of `reader`'s current record, each as `reader.string(_:)` reads it, padded with empty fields to
    /// `count`, separated by `delimiter` (no line ending).
    static func appendFields(of reader: CSVReader, paddedTo count: Int, delimiter: UInt8, spreadsheetSafe: Bool, to scratch: inout [UInt8]) {
        let fields = max(reader.fieldCount, count)
        // Values that `string(_:)` changes (doubled quotes, a guard, repaired UTF-8) go through it.
        let plain = reader.problem == nil
        let view = reader.fieldView
        // Runs of plain fields are copied as they stand in the buffer (see `verbatimRun`): a fix-file row is a
        // whole record of some 70 fields, most of them plain, so this is one copy per run, not a call per field.
        let runs = plain && reader.dialect.delimiter == delimiter
        var index = 0
        while index < fields {
            if index > 0 { scratch.append(delimiter) }
            if runs, let last = verbatimRun(from: index, view: view, recordStart: reader.recordRange.lowerBound) {
                scratch.append(contentsOf: UnsafeBufferPointer(start: view.base + Int(view.starts[index]), count: Int(view.ends[last]) - Int(view.starts[index])))
                index = last + 1
                continue
            }
            let raw = view.raw(index)
            index += 1
            if raw.isEmpty { continue }
            if plain && raw[0] != UInt8(ascii: "'") && !view.isEscaped(index - 1) {
                append(raw, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch)
            } else if runs && view.isEscaped(index - 1) && isPlainStart(raw[0]) {
                // A quoted value with doubled quotes (`"Design ""Kōan"" - XL"`, in every row of some exports): it is
                // written quoted with its quotes doubled, which is how the buffer holds it, so it is copied as it
                // stands, with no `String` made of it.
                scratch.append(UInt8(ascii: "\""))
                scratch.append(contentsOf: raw)
                scratch.append(UInt8(ascii: "\""))
            } else {
                var value = reader.string(index - 1)
                value.withUTF8 { append($0, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch) }
            }
        }
    }

    /// The last field of the run of verbatim fields starting at `first`, or `nil` when field `first` is not one.
    /// A field is verbatim when the buffer holds it exactly as `append` would write it: unquoted (it starts one
    /// byte after the previous field ends, or at the record's start, so no quote opens it and none closed the
    /// field before), not starting with a guard or a formula trigger, and with no quote in it. Between two
    /// verbatim fields the buffer holds the delimiter, so a run is one slice of the buffer.
    static func verbatimRun(from first: Int, view: CSVFieldView, recordStart: Int) -> Int? {
        var last = -1
        var index = first
        var expectedStart = first == 0 ? recordStart : Int(view.ends[first - 1]) + 1
        while index < view.count {
            let start = Int(view.starts[index])
            let end = Int(view.ends[index])
            guard start == expectedStart, start == end || isPlainStart(view.base[start]) else { break }
            last = index
            expectedStart = end + 1
            index += 1
        }
        guard last >= first else { return nil }
        // A quote in an unquoted field (a lenient read) is written quoted: the run stops before that field.
        let runStart = view.base + Int(view.starts[first])
        guard let quote = memchr(runStart, Int32(UInt8(ascii: "\"")), Int(view.ends[last]) - Int(view.starts[first])) else { return last }
        let quoteOffset = Int(view.starts[first]) + (UnsafeRawPointer(quote) - UnsafeRawPointer(runStart))
        while last >= first, Int(view.ends[last]) > quoteOffset || Int(view.starts[last]) > quoteOffset { last -= 1 }
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
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(delimiter)
        var offset = 0
        let count = utf8.count
        while offset + 8 <= count {
            let x = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            let d = x ^ delimiters
            let q = x ^ (ones &* 0x22)
            let lf = x ^ (ones &* 0x0A)
            let cr = x ^ (ones &* 0x0D)
            let zero = ((d &- ones) & ~d) | ((q &- ones) & ~q) | ((lf &- ones) & ~lf) | ((cr &- ones) & ~cr)
            if zero & highs != 0 { return true }
            offset += 8
        }
        while offset < count {
            let byte = base[offset]
            if byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
            offset += 1
        }
        return false
    }

    @usableFromInline
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8, spreadsheetSafe: Bool, to scratch: inout [UInt8]) {
        guard let first = utf8.first else { return }
        let needsQuotes = needsQuotes(utf8, delimiter: delimiter)
        let guardCell = spreadsheetSafe && (first == UInt8(ascii: "'") || SpreadsheetGuard.isFormulaTrigger(first))
            && needsGuard(utf8)
        if needsQuotes { scratch.append(UInt8(ascii: "\"")) }
        if guardCell { scratch.append(UInt8(ascii: "'")) }
        if needsQuotes {
            // Quoted (a message with a comma): the text between quotes in one copy each, every quote doubled.
            var rest = utf8
            while let base = rest.baseAddress, let quote = memchr(base, Int32(UInt8(ascii: "\"")), rest.count) {
                let length = UnsafeRawPointer(quote) - UnsafeRawPointer(base) + 1
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: rest[..<length]))
                scratch.append(UInt8(ascii: "\""))
                rest = UnsafeBufferPointer(rebasing: rest[length...])
            }
            scratch.append(contentsOf: rest)
            scratch.append(UInt8(ascii: "\""))
        } else {
            scratch.append(contentsOf: utf8)
        }
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
