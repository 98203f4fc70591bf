import IntakeCSV
import IntakeModel

/// Where a run's issues go: counted by code and severity, and (when asked) streamed to `rejects.csv`.
public final class IssueLog {
    /// The `rejects.csv` header (contract §5).
    public static let rejectsHeader = ["file", "line", "record", "order", "column", "value", "severity", "code", "message", "hint"]

    private var writer: RejectsWriter?
    private var counts = CodeCounts()
    /// Errors by code.
    public var errorsByCode: [String: Int] { counts.byCode(.error) }
    /// Warnings by code.
    public var warningsByCode: [String: Int] { counts.byCode(.warning) }
    /// Whether a file or archive entry was skipped (exit 3).
    public var hadFileLevelIssue: Bool { firstFileLevelIssue != nil }
    /// The first issue that made a file or archive entry be skipped.
    public private(set) var firstFileLevelIssue: Issue?
    /// The issues kept in memory for the caller (only the first `keepLimit`).
    public private(set) var kept: [Issue] = []
    private let keepLimit: Int
    /// The language of the messages and hints written (`rejects.csv`, fix files, the report).
    public let language: Language
    /// What the HTML report keeps, when one is asked for.
    public let report: ReportCollector?

    /// Creates a log; `rejectsPath` (`-` = stdout) receives every issue as a spreadsheet-safe CSV row.
    /// - Parameters:
    ///   - language: the language of the messages and hints written; codes and columns never change.
    ///   - report: collects the issues for the HTML report.
    /// - Throws: `UsageError` when the rejects file cannot be created.
    public init(rejectsPath: String? = nil, keepLimit: Int = 0, language: Language = .english, report: ReportCollector? = nil) throws {
        self.keepLimit = keepLimit
        self.language = language
        self.report = report
        if let rejectsPath {
            do {
                var csv = CSVWriter(sink: try FileByteSink(path: rejectsPath), spreadsheetSafe: true)
                try csv.writeRow(Self.rejectsHeader)
                writer = RejectsWriter(csv: csv)
            } catch {
                throw UsageError("cannot write the rejects file: \(error)")
            }
        }
    }

    /// Records an issue.
    /// - Throws: when writing `rejects.csv` fails.
    public func add(_ issue: Issue) throws {
        try withUnsafePointer(to: issue) { try add(at: $0) }
    }

    /// Records several issues.
    ///
    /// Each is read where it lies in the array's memory: handed on as a value (`add(issues[index])`), every issue
    /// was copied first, a retain of each of its strings and their releases after (~330 instructions an issue, 4.5M
    /// at the 13,500 issues of the held orders of the 100,000-order bench run).
    public func add(_ issues: [Issue]) throws {
        try issues.withUnsafeBufferPointer { issues in
            guard let base = issues.baseAddress else { return }
            for index in issues.indices { try add(at: base + index) }
        }
    }

    /// Records the issue at `issue`, reading its fields in place.
    private func add(at issue: UnsafePointer<Issue>) throws {
        counts.add(issue.pointee.code, issue.pointee.severity)
        if issue.pointee.isFileLevel && firstFileLevelIssue == nil { firstFileLevelIssue = issue.pointee }
        if keepLimit > 0 && kept.count < keepLimit { kept.append(issue.pointee) }
        if let report { report.add(issue.pointee, shown: issue.pointee.localized(language)) }
        // The row is written from the issue where it lies: in English it is shown as found (no copy of it made
        // by `localized`), in another language with its code's message and hint.
        if language == .english {
            try writer?.write(issue, message: issue.pointee.message, hint: issue.pointee.hint)
        } else if writer != nil {
            let text = IssueText.of(issue.pointee.code, in: language)
            try writer?.write(issue, message: text.message, hint: text.hint)
        }
    }

    /// Flushes `rejects.csv` and makes it durable (fsync).
    public func close() throws {
        try writer?.csv.sink.synchronize()
    }

    /// Flushes `rejects.csv` without waiting for the disk: a run's outputs make it durable with their other files.
    public func flush() throws {
        try writer?.csv.sink.flush()
    }
}

/// Issue counts by code and severity: a short list (a run meets a handful of codes) searched by comparing enum
/// cases. A dictionary keyed by the code's name hashed a `String` per issue (~480 instructions; an `IssueCode`
/// key would too, since a raw-value enum hashes its raw value).
private struct CodeCounts {
    private var entries: [(code: IssueCode, severity: Severity, count: Int)] = []

    mutating func add(_ code: IssueCode, _ severity: Severity) {
        for index in entries.indices where entries[index].code == code && entries[index].severity == severity {
            entries[index].count += 1
            return
        }
        entries.append((code, severity, 1))
    }

    /// The counts of one severity, by code name.
    func byCode(_ severity: Severity) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in entries where entry.severity == severity { counts[entry.code.rawValue, default: 0] += entry.count }
        return counts
    }
}

/// `rejects.csv`'s writer. The two long fields of a row that repeat row after row, the file's path and the hint
/// (one text per code, mostly), are encoded once and kept: they were ~125 of a row's ~190 bytes of text, each
/// scanned for quoting and copied per row.
private struct RejectsWriter {
    var csv: CSVWriter<FileByteSink>
    private var files = EncodedFields()
    private var hints = EncodedFields()
    private var kinds = EncodedKinds()

    init(csv: CSVWriter<FileByteSink>) {
        self.csv = csv
    }

    /// Writes an issue's row, field by field (no array of `String`s), with `message` and `hint` as shown.
    /// The issue is read where it lies (see `IssueLog.add(_:)`).
    mutating func write(_ issue: UnsafePointer<Issue>, message: String, hint: String) throws {
        csv.beginRow()
        files.append(issue.pointee.position.file, to: &csv)
        csv.appendField(issue.pointee.position.line == 0 ? nil : issue.pointee.position.line)
        csv.appendField(issue.pointee.position.record == 0 ? nil : issue.pointee.position.record)
        if let order = issue.pointee.order { csv.appendField(order) } else { csv.appendField("") }
        csv.appendField(issue.pointee.column)
        csv.appendField(issue.pointee.value)
        kinds.append(issue.pointee.severity, issue.pointee.code, to: &csv)
        csv.appendField(message)
        hints.append(hint, to: &csv)
        try csv.endRow()
    }
}

/// The `severity` and `code` fields of rows, encoded once per pair met (a run meets a handful): two fields
/// scanned and copied per row cost ~260 instructions more than one look-up by comparing enum cases.
private struct EncodedKinds {
    private var entries: [(severity: Severity, code: IssueCode, range: Range<Int>)] = []
    private var encodings: [UInt8] = []

    /// Adds `severity` and `code` to the row as two fields.
    mutating func append(_ severity: Severity, _ code: IssueCode, to csv: inout CSVWriter<FileByteSink>) {
        var found: Range<Int>?
        for index in entries.indices where entries[index].code == code && entries[index].severity == severity {
            found = entries[index].range
            break
        }
        if found == nil {
            let start = encodings.count
            encodings += csv.encodedField(severity.rawValue)
            encodings.append(csv.delimiter)
            encodings += csv.encodedField(code.rawValue)
            entries.append((severity, code, start..<encodings.count))
            found = start..<encodings.count
        }
        guard let range = found else { return }
        encodings.withUnsafeBufferPointer { csv.appendFields(encodedBytes: UnsafeBufferPointer(rebasing: $0[range]), count: 2) }
    }
}

/// Texts that come again and again in one column, each with its encoding as a field.
private struct EncodedFields {
    private var texts: [String] = []
    /// Each text's UTF-8 length: compared first, without reading (and retaining) the texts of other lengths.
    private var lengths: [Int] = []
    /// The encodings, one after another (no array, and no retain and release, per text).
    private var encodings: [UInt8] = []
    private var ranges: [Range<Int>] = []
    /// Enough for the hints of every code; past it, texts are encoded each time.
    private static let limit = 32

    /// Adds `text` to the row as a field, encoded once per distinct text.
    mutating func append(_ text: String, to csv: inout CSVWriter<FileByteSink>) {
        // Lengths first: texts of other lengths are passed over without comparing their bytes.
        let length = text.utf8.count
        var found: Range<Int>?
        for index in lengths.indices where lengths[index] == length && texts[index] == text {
            found = ranges[index]
            break
        }
        if found == nil {
            guard texts.count < Self.limit else { return csv.appendField(text) }
            let start = encodings.count
            encodings += csv.encodedField(text)
            texts.append(text)
            lengths.append(length)
            ranges.append(start..<encodings.count)
            found = start..<encodings.count
        }
        guard let range = found else { return }
        encodings.withUnsafeBufferPointer { csv.appendFields(encodedBytes: UnsafeBufferPointer(rebasing: $0[range]), count: 1) }
    }
}
