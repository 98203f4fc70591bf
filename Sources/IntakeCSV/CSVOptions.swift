/// How a `CSVReader` reads: limits, dialect overrides and the spreadsheet-guard handling.
public struct CSVOptions: Sendable, Equatable {
    /// The field delimiter; `nil` sniffs it among `,` `;` tab `|` from the header line, outside quotes.
    public var delimiter: UInt8?
    /// The longest record (in decoded bytes, without its line break) the reader buffers; a longer one is
    /// `malformed_row`, whatever the chunks the bytes arrive in. A reader takes at most 2 GiB (its field offsets are
    /// 32-bit).
    public var maxRecordBytes: Int
    /// The most fields one record may have; more is `malformed_row`.
    public var maxFields: Int
    /// Strip the `'` that spreadsheet-safe writers (WooCommerce, ours) put before `= + - @`, tab and CR.
    public var stripFormulaGuard: Bool
    /// The buffer size the reader starts with; it grows up to `maxRecordBytes` for long records only.
    public var initialBufferBytes: Int
    /// How the reader finds field boundaries; every choice reads the same records (tests and benchmarks pick one).
    public var scanKernel: CSVScanKernel

    /// Creates options; the defaults suit every store export seen so far.
    public init(
        delimiter: UInt8? = nil,
        maxRecordBytes: Int = 16 << 20,
        maxFields: Int = 16_384,
        stripFormulaGuard: Bool = true,
        initialBufferBytes: Int = 1 << 20,
        scanKernel: CSVScanKernel = .automatic
    ) {
        self.delimiter = delimiter
        self.maxRecordBytes = max(maxRecordBytes, 64)
        self.maxFields = max(maxFields, 1)
        self.stripFormulaGuard = stripFormulaGuard
        self.initialBufferBytes = max(min(initialBufferBytes, self.maxRecordBytes), 64)
        self.scanKernel = scanKernel
    }
}

/// What the reader found out about a file: its encoding and delimiter.
public struct CSVDialect: Sendable, Equatable {
    /// The field delimiter in use.
    public var delimiter: UInt8
    /// The encoding the file was decoded from.
    public var encoding: TextEncoding
    /// Whether the file started with a byte-order mark.
    public var hadByteOrderMark: Bool
    /// Whether a leading `sep=X` line chose the delimiter.
    public var hadSepLine: Bool

    /// A printable name of the delimiter (`,` `;` `tab` `|`).
    public var delimiterName: String {
        delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
    }
}

/// Why a record could not be read as it stands. The record is still returned, so that the row can be reported
/// with its position and the reader can go on.
public enum CSVRecordProblem: Sendable, Equatable {
    /// A quoted field was never closed; the reader resumed on the line after the opening quote.
    case unterminatedQuote(field: Int)
    /// A quote appeared inside an unquoted field or after a closing quote; it was kept as a literal character.
    case strayQuote(field: Int)
    /// The record is longer than `maxRecordBytes`; its bytes were skipped up to the next line break.
    case recordTooLong(limit: Int)
    /// The record has more than `maxFields` fields.
    case tooManyFields(limit: Int)
    /// A field holds bytes that are not valid UTF-8 (in a file decided to be UTF-8 from its first bytes).
    case invalidUTF8(field: Int)

    /// The 0-based field the problem is in, when it is in one.
    public var field: Int? {
        switch self {
        case .unterminatedQuote(let field), .strayQuote(let field), .invalidUTF8(let field): field
        case .recordTooLong, .tooManyFields: nil
        }
    }

    /// An operator-facing description of the problem.
    public var message: String {
        switch self {
        case .unterminatedQuote: "a quoted value is never closed (an opening \" without its closing \")"
        case .strayQuote: "a \" appears inside a value that is not quoted (or after its closing quote)"
        case .recordTooLong(let limit): "the row is longer than \(limit) bytes; it was skipped"
        case .tooManyFields(let limit): "the row has more than \(limit) fields"
        case .invalidUTF8: "the value holds bytes that are not valid UTF-8"
        }
    }
}

/// How a `CSVReader` finds field boundaries. All of them read the same records, problems and lines; the choice
/// exists so that tests and benchmarks can compare them.
public enum CSVScanKernel: String, Sendable, Equatable, CaseIterable {
    /// The SIMD indexer where the CPU has it (x86-64 with AVX-512, else AVX2 and PCLMULQDQ), else the portable one.
    /// The environment variable `INTAKE_CSV_KERNEL` (`portable` or `reference`) overrides it for a whole process;
    /// `avx2` keeps the AVX2 indexer on a CPU with AVX-512.
    case automatic
    /// The portable indexer (plain C on 64-bit masks), as on CPUs without AVX2.
    case portable
    /// The byte-at-a-time scanner alone: the reference the indexers are tested against.
    case reference
}
