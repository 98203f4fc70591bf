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
    private var rowFields = 0

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

    /// Starts a row built field by field (`appendField`, then `endRow`): no array of `String`s per row.
    public mutating func beginRow() {
        scratch.removeAll(keepingCapacity: true)
        rowFields = 0
    }

    /// Adds a field to the row begun with `beginRow()`.
    public mutating func appendField(_ text: String) {
        if rowFields > 0 { scratch.append(delimiter) }
        rowFields += 1
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendField($0) }) { return done }
        var copy = text
        copy.withUTF8 { appendField($0) }
    }

    /// Adds a number to the row begun with `beginRow()`, or an empty field for `nil`.
    public mutating func appendField(_ number: Int?) {
        if rowFields > 0 { scratch.append(delimiter) }
        rowFields += 1
        guard let number else { return }
        scratch.append(contentsOf: String(number).utf8)
    }

    /// Ends the row begun with `beginRow()` and writes it.
    /// - Throws: errors of the sink.
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
        for index in 0..<fields {
            if index > 0 { scratch.append(delimiter) }
            let raw = view.raw(index)
            if raw.isEmpty { continue }
            if plain && raw[0] != UInt8(ascii: "'") && !view.isEscaped(index) {
                append(raw, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch)
            } else {
                var value = reader.string(index)
                value.withUTF8 { append($0, delimiter: delimiter, spreadsheetSafe: spreadsheetSafe, to: &scratch) }
            }
        }
    }

    @usableFromInline
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8, spreadsheetSafe: Bool, to scratch: inout [UInt8]) {
        guard let first = utf8.first else { return }
        var needsQuotes = false
        for byte in utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let guardCell = spreadsheetSafe && (first == UInt8(ascii: "'") || SpreadsheetGuard.isFormulaTrigger(first))
            && needsGuard(utf8)
        if needsQuotes { scratch.append(UInt8(ascii: "\"")) }
        if guardCell { scratch.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { scratch.append(byte) }
                scratch.append(byte)
            }
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
