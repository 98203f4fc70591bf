extension CSVReader {
    /// Whether field `index` of the current record is empty (or missing: `index` past the last field).
    public func isEmpty(_ index: Int) -> Bool {
        index >= fields.count || fields.starts[index] == fields.ends[index]
    }

    /// Calls `body` with the raw bytes of field `index`: without its enclosing quotes, but with any doubled
    /// quotes (`""`) still doubled. A missing field is empty. Valid only inside `body`.
    public func withRawBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard index < fields.count else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: buffer + fields.starts[index], count: fields.ends[index] - fields.starts[index]))
    }

    /// Whether field `index` has doubled quotes that `string(_:)` turns into one.
    public func hasEscapedQuotes(_ index: Int) -> Bool {
        index < fields.count && fields.escaped[index]
    }

    /// The value of field `index` as a `String`: quotes unescaped, a spreadsheet guard (`'` before `= + - @`,
    /// tab or CR, possibly after more `'`) stripped when the options say so, invalid UTF-8 repaired with U+FFFD. A missing field is `""`.
    public func string(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        var start = fields.starts[index]
        let end = fields.ends[index]
        if options.stripFormulaGuard, start < end, buffer[start] == UInt8(ascii: "'") {
            // One guard comes off when the guards lead to a trigger: `'=x` is `=x`, and `''=x` is `'=x`, which
            // `CSVWriter` writes for a value that itself starts with `'=` (so both round-trip).
            var next = start + 1
            while next < end, buffer[next] == UInt8(ascii: "'") { next += 1 }
            if next < end, SpreadsheetGuard.isFormulaTrigger(buffer[next]) { start += 1 }
        }
        let bytes = UnsafeBufferPointer(start: buffer + start, count: end - start)
        guard fields.escaped[index] else { return String(decoding: bytes, as: UTF8.self) }
        var unescaped = [UInt8]()
        unescaped.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            unescaped.append(bytes[i])
            // A doubled quote stands for one.
            i += bytes[i] == UInt8(ascii: "\"") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
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

    /// The fields of a record kept with `recordBytes()`, read with the same delimiter.
    public static func cells(ofRecord bytes: [UInt8], delimiter: UInt8) -> [String] {
        // Limits sized to the record: the field table and buffer stay small (this runs once per rejected row).
        let options = CSVOptions(delimiter: delimiter, maxRecordBytes: bytes.count + 16, maxFields: bytes.count + 2, initialBufferBytes: 4096)
        guard let reader = try? CSVReader(source: MemoryByteSource(bytes), options: options),
            (try? reader.next()) == true
        else { return [] }
        return reader.strings()
    }
}
