import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel

/// One CSV input opened for reading: its header checked, its kind known. Rows are pulled with `nextRow`.
final class CSVInput {
    let reader: CSVReader
    let header: HeaderIndex
    let kind: FileKind
    let file: String
    /// The size of the file read, when it is a plain file (not standard input, a pipe or an archive's entry): a
    /// hint to size tables by, never a check.
    let fileBytes: Int?
    private(set) var rows = 0
    /// Where rows read are counted for a progress display (every 4,096 rows: one mask test per row).
    var progress: ProgressCounters?
    /// The rows already counted in `progress`.
    private var rowsReported = 0

    private init(reader: CSVReader, header: HeaderIndex, kind: FileKind, file: String, fileBytes: Int?) {
        self.reader = reader
        self.fileBytes = fileBytes
        self.header = header
        self.kind = kind
        self.file = file
    }

    /// Opens an entry: decodes, reads the header, detects (or takes) the kind, checks required and duplicate
    /// columns. File-level problems go to `log` and return `nil`: the entry is skipped.
    static func open(
        entry: InputEntry, source: any ByteSource, forcedKind: FileKind?, options: CSVOptions = CSVOptions(),
        mapping: [String: String] = [:], log: IssueLog, summary: inout RunSummary
    ) throws -> CSVInput? {
        let file = entry.displayPath
        func skip(_ code: IssueCode, column: String = "", line: Int = 0, _ message: String, _ hint: String) throws -> CSVInput? {
            try skipFile(file, code, column: column, line: line, message, hint, log: log, summary: &summary)
            return nil
        }
        guard let (reader, header, headerLine) = try openHeader(file: file, source: source, options: options, log: log, summary: &summary) else {
            return nil
        }
        // A store's `columns:` mapping names its plugin's headers: when they are all there, the file is that
        // store's WooCommerce order export, whatever else its header resembles.
        let mapped = !mapping.isEmpty && WooCommerceMappedOrderAdapter.matches(header, mapping: mapping)
        let detected = mapped ? .woocommerceOrders : FormatDetector.detect(header) ?? (mapping.isEmpty ? nil : .woocommerceOrders)
        guard let kind = forcedKind ?? detected else {
            return try skip(.unrecognizedFormat, line: headerLine,
                FormatDetector.explain(header),
                "expected a catalog, a Shopify product or order export; give --as KIND to force one (\(FileKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let connection = kind.isProducts && FormatDetector.isConnectionFile(header)
        let missing = kind == .woocommerceOrders
            ? WooCommerceOrders.missingColumns(in: header, mapping: mapping)
            : RequiredColumns.missing(in: header, kind: kind, connection: connection)
        if !missing.isEmpty {
            for name in missing {
                try log.add(Issue(.missingColumn, at: SourcePosition(file: file, line: headerLine, record: 0), column: name,
                                  message: "the \(kind.rawValue) file has no '\(name)' column",
                                  hint: "add the column (names are matched case-insensitively), or export the file again"))
            }
            summary.files.append(RunSummary.FileEntry(path: file, kind: kind.rawValue, rows: 0))
            return nil
        }
        let fileBytes = entry.container == .plain ? ProgressCounters.size(of: entry.inputPath).map { Int($0) } : nil
        return CSVInput(reader: reader, header: header, kind: kind, file: file, fileBytes: fileBytes)
    }

    /// Decodes a CSV entry and reads its header, any kind of CSV (the status files' too). An encoding that cannot
    /// be read, a file without a header and a header with a column twice are logged, and the file skipped (`nil`).
    /// - Returns: the reader past the header, the header, and the header's line.
    static func openHeader(
        file: String, source: some ByteSource, options: CSVOptions, log: IssueLog, summary: inout RunSummary
    ) throws -> (reader: CSVReader, header: HeaderIndex, line: Int)? {
        let reader: CSVReader
        do {
            reader = try CSVReader(source: source, options: options)
        } catch let error as CSVError {
            try skipFile(file, .encodingError, error.message, "save the file as UTF-8 (Excel: \"CSV UTF-8\") and import it again",
                         log: log, summary: &summary)
            return nil
        }
        guard try reader.next() else {
            try skipFile(file, .emptyFile, "the file is empty", "export the file again; it should start with a header row", log: log, summary: &summary)
            return nil
        }
        let headerLine = reader.recordLine
        let header = HeaderIndex(reader.strings())
        if let duplicate = header.duplicates.first {
            try skipFile(file, .duplicateColumn, column: duplicate.name, line: headerLine,
                "the column '\(duplicate.name)' appears twice (columns \(duplicate.first + 1) and \(duplicate.second + 1))",
                "delete or rename one of them; values would otherwise be ambiguous", log: log, summary: &summary)
            return nil
        }
        return (reader, header, headerLine)
    }

    /// Logs a file-level problem and records the file as read as nothing.
    static func skipFile(_ file: String, _ code: IssueCode, column: String = "", line: Int = 0, _ message: String, _ hint: String,
                         log: IssueLog, summary: inout RunSummary) throws {
        try log.add(Issue(code, at: SourcePosition(file: file, line: line, record: 0), column: column, message: message, hint: hint))
        summary.files.append(RunSummary.FileEntry(path: file, kind: nil, rows: 0))
    }

    /// Counts the extra line items of a row that holds several (a one-row-per-order layout), so that for orders
    /// `rows_read` is the number of line items read and the contract's equation holds.
    func countExtraLineItems(_ count: Int) {
        rows += max(0, count)
    }

    /// The summary entry of this input (call after reading it).
    var fileEntry: RunSummary.FileEntry {
        RunSummary.FileEntry(path: file, kind: kind.rawValue, rows: rows, encoding: reader.dialect.encoding.rawValue, delimiter: reader.dialect.delimiterName)
    }

    /// What `nextRow` found.
    enum Row {
        /// A well-formed row at this position; its fields are in `reader`.
        case row(SourcePosition)
        /// A row the reader could not read as it stands, or with another number of fields than the header; its
        /// fields (as far as they could be read) are in `reader`.
        case rejected(SourcePosition, Issue)
    }

    /// What `advance()` found; a trivial value, so that a row costs no reference counting (the fast lane reads
    /// millions: `Row`, which carries a position with the file name, cost it a retain and a release per row, on a
    /// string the output thread retains too).
    enum Step {
        /// A well-formed row; its fields are in `reader`, its place in `reader.recordLine` and `recordNumber`.
        case row
        /// A row the reader could not read as it stands, or with another number of fields than the header; the
        /// issue is in `rejection`, its fields (as far as they could be read) in `reader`.
        case rejected
        /// The end of the input.
        case end
    }

    /// The issue of the row `advance()` last found `.rejected`.
    private(set) var rejection = Issue(.malformedRow, at: SourcePosition(file: "", line: 0, record: 0), message: "", hint: "")

    /// Advances to the next data row; an all-empty row is skipped silently.
    func advance() throws -> Step {
        while try reader.next() {
            if let problem = reader.problem {
                rows += 1
                if rows & 4095 == 0 { reportProgress() }
                let position = SourcePosition(file: file, line: reader.recordLine, record: reader.recordNumber)
                let column = problem.field.map(columnName) ?? ""
                let value = problem.field.map { String(reader.string($0).prefix(200)) } ?? ""
                switch problem {
                case .invalidUTF8:
                    rejection = Issue(.encodingError, at: position, column: column, value: value, message: problem.message,
                                      hint: "re-save the file as UTF-8; the rest of the file was read")
                default:
                    rejection = Issue(.malformedRow, at: position, column: column, value: value, message: problem.message,
                                      hint: "fix the quotes of this row (a \" inside a value must be written as \"\")")
                }
                return .rejected
            }
            if isBlank() { continue }
            rows += 1
            if rows & 4095 == 0 { reportProgress() }
            if reader.fieldCount != header.count && !onlyEmptyExtraFields() {
                let position = SourcePosition(file: file, line: reader.recordLine, record: reader.recordNumber)
                rejection = Issue(.wrongFieldCount, at: position, value: String(reader.fieldCount),
                                  message: "the row has \(reader.fieldCount) fields, the header has \(header.count)",
                                  hint: "a value probably contains an unquoted delimiter or a line break; quote it or remove it")
                return .rejected
            }
            return .row
        }
        return .end
    }

    /// Advances to the next data row (`advance()`, with the row's position and issue in the value).
    /// - Returns: the row, or `nil` at the end.
    func nextRow() throws -> Row? {
        switch try advance() {
        case .end: return nil
        case .row: return .row(SourcePosition(file: file, line: reader.recordLine, record: reader.recordNumber))
        case .rejected: return .rejected(rejection.position, rejection)
        }
    }

    /// Counts the rows read since the last report in `progress` (every 4,096 rows, and once at the end).
    func reportProgress() {
        guard let progress, rows != rowsReported else { return }
        progress.addRows(rows &- rowsReported)
        rowsReported = rows
    }

    private func columnName(_ index: Int) -> String {
        index < header.count ? header.names[index] : "column \(index + 1)"
    }

    /// Through the field view, inlined: per row, `reader.isEmpty(0)` was a call that built the view for one field.
    private func isBlank() -> Bool {
        let fields = reader.fieldView
        for index in 0..<fields.count where !fields.raw(index).isEmpty { return false }
        return true
    }

    /// Extra trailing fields that are all empty lose nothing (spreadsheets pad rows so).
    private func onlyEmptyExtraFields() -> Bool {
        guard reader.fieldCount > header.count else { return false }
        for index in header.count..<reader.fieldCount where !reader.isEmpty(index) { return false }
        return true
    }
}
