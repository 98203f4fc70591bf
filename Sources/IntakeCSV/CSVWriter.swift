/// Writes RFC 4180 CSV, optionally spreadsheet-safe.
///
/// In spreadsheet-safe mode a cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
/// tab or CR, OWASP's list) gets a leading `'`, unless it is a plain number such as `-42` (as WooCommerce's
/// exporter does). A cell that already starts with `'` followed by such a character gets a second `'`, so that
/// `CSVReader`, which strips one guard, gives back exactly what was written: fix files round-trip.
public struct CSVWriter<Sink: ByteSink> {
    /// The sink the bytes go to.
    public private(set) var sink: Sink
    /// The field delimiter.
    public let delimiter: UInt8
    /// Whether cells are neutralised for spreadsheets.
    public let spreadsheetSafe: Bool
    /// The record terminator (`"\r\n"` per RFC 4180 unless set otherwise).
    public let lineEnding: [UInt8]
    private var scratch: [UInt8] = []

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
        scratch.removeAll(keepingCapacity: true)
        var first = true
        for field in fields {
            if !first { scratch.append(delimiter) }
            first = false
            appendField(field)
        }
        scratch.append(contentsOf: lineEnding)
        try scratch.withUnsafeBytes { try sink.write($0) }
    }

    private mutating func appendField<S: StringProtocol>(_ field: S) {
        let utf8 = field.utf8
        var needsQuotes = false
        for byte in utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let guardCell = spreadsheetSafe && Self.needsGuard(utf8)
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
            // Keep a literal leading guard through a round trip.
            let rest = utf8.dropFirst()
            guard let second = rest.first else { return false }
            return SpreadsheetGuard.isFormulaTrigger(second)
        }
        guard SpreadsheetGuard.isFormulaTrigger(first) else { return false }
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

extension CSVWriter where Sink == FileByteSink {
    /// Flushes buffered bytes to the file.
    /// - Throws: `FileWriteError`.
    public func flush() throws { try sink.flush() }
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
