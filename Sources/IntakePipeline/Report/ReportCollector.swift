import IntakeModel

/// What the HTML report keeps of a run's issues while they stream past: every count, but only the first
/// `limit` issues themselves, so memory stays bounded however many rows are rejected (`rejects.csv` has them all).
public final class ReportCollector {
    /// One row of the report's issues table, as the operator reads it.
    struct Row {
        /// The issue in the report's language.
        var issue: Issue
        /// The precise English message, when the language replaced it with the code's.
        var original: String?
    }

    /// Counts of one file (by its display path), in the order files first had an issue.
    struct FileCounts {
        var path: String
        var errors: [IssueCode: Int] = [:]
        var warnings: [IssueCode: Int] = [:]
    }

    /// The report's default cap on listed issues.
    public static let defaultLimit = 10_000

    /// The most issues listed.
    let limit: Int
    private(set) var rows: [Row] = []
    /// Every issue seen, listed or not.
    private(set) var total = 0
    private(set) var files: [FileCounts] = []
    /// Every issue by code and severity, of every stage (a run's summary counts only its orders stages' at the top).
    private(set) var errors: [IssueCode: Int] = [:]
    private(set) var warnings: [IssueCode: Int] = [:]
    private var fileIndex: [String: Int] = [:]

    /// Creates a collector that lists at most `limit` issues.
    public init(limit: Int = ReportCollector.defaultLimit) {
        self.limit = limit
    }

    /// Counts an issue, and keeps it while fewer than `limit` are kept.
    /// - Parameters:
    ///   - issue: the issue as found (its English message).
    ///   - shown: the same issue in the report's language.
    func add(_ issue: Issue, shown: Issue) {
        total += 1
        if rows.count < limit {
            rows.append(Row(issue: shown, original: shown.message == issue.message ? nil : issue.message))
        }
        let index: Int
        if let known = fileIndex[issue.position.file] {
            index = known
        } else {
            index = files.count
            fileIndex[issue.position.file] = index
            files.append(FileCounts(path: issue.position.file))
        }
        switch issue.severity {
        case .error:
            files[index].errors[issue.code, default: 0] += 1
            errors[issue.code, default: 0] += 1
        case .warning:
            files[index].warnings[issue.code, default: 0] += 1
            warnings[issue.code, default: 0] += 1
        }
    }

    /// The counts of the file `path`, if it had any issue.
    func counts(of path: String) -> FileCounts? {
        fileIndex[path].map { files[$0] }
    }
}
