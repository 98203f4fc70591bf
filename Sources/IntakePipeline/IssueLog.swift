import IntakeCSV
import IntakeModel

/// Where a run's issues go: counted by code and severity, and (when asked) streamed to `rejects.csv`.
public final class IssueLog {
    /// The `rejects.csv` header (contract §5).
    public static let rejectsHeader = ["file", "line", "record", "order", "column", "value", "severity", "code", "message", "hint"]

    private var writer: CSVWriter<FileByteSink>?
    /// Errors by code.
    public private(set) var errorsByCode: [String: Int] = [:]
    /// Warnings by code.
    public private(set) var warningsByCode: [String: Int] = [:]
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
                var writer = CSVWriter(sink: try FileByteSink(path: rejectsPath), spreadsheetSafe: true)
                try writer.writeRow(Self.rejectsHeader)
                self.writer = writer
            } catch {
                throw UsageError("cannot write the rejects file: \(error)")
            }
        }
    }

    /// Records an issue.
    /// - Throws: when writing `rejects.csv` fails.
    public func add(_ issue: Issue) throws {
        switch issue.severity {
        case .error: errorsByCode[issue.code.rawValue, default: 0] += 1
        case .warning: warningsByCode[issue.code.rawValue, default: 0] += 1
        }
        if issue.isFileLevel && firstFileLevelIssue == nil { firstFileLevelIssue = issue }
        if kept.count < keepLimit { kept.append(issue) }
        guard writer != nil || report != nil else { return }
        let shown = issue.localized(language)
        report?.add(issue, shown: shown)
        try writer?.writeRow(of: shown)
    }

    /// Records several issues.
    public func add(_ issues: [Issue]) throws {
        for index in issues.indices { try add(issues[index]) }
    }

    /// Flushes `rejects.csv` and makes it durable (fsync).
    public func close() throws {
        try writer?.sink.synchronize()
    }

    /// Flushes `rejects.csv` without waiting for the disk: a run's outputs make it durable with their other files.
    public func flush() throws {
        try writer?.sink.flush()
    }
}

extension CSVWriter {
    /// Writes an issue's `rejects.csv` row, field by field (one access to the writer per row, no array of
    /// `String`s).
    fileprivate mutating func writeRow(of issue: Issue) throws {
        let position = issue.position
        beginRow()
        appendField(position.file)
        appendField(position.line == 0 ? nil : position.line)
        appendField(position.record == 0 ? nil : position.record)
        appendField(issue.order ?? "")
        appendField(issue.column)
        appendField(issue.value)
        appendField(issue.severity.rawValue)
        appendField(issue.code.rawValue)
        appendField(issue.message)
        appendField(issue.hint)
        try endRow()
    }
}
