/// The stable issue codes of the contract (§6). Scripts match on the raw values; never rename one.
public enum IssueCode: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    // File level: the file or archive entry is skipped.
    case unreadableFile = "unreadable_file"
    case emptyFile = "empty_file"
    case unrecognizedFormat = "unrecognized_format"
    case missingColumn = "missing_column"
    case duplicateColumn = "duplicate_column"
    case encodingError = "encoding_error"
    case corruptArchive = "corrupt_archive"
    case unsafeArchiveEntry = "unsafe_archive_entry"
    case archiveLimitExceeded = "archive_limit_exceeded"
    // Row level.
    case malformedRow = "malformed_row"
    case wrongFieldCount = "wrong_field_count"
    case missingValue = "missing_value"
    case invalidValue = "invalid_value"
    case invalidQuantity = "invalid_quantity"
    case invalidCountry = "invalid_country"
    case invalidEmail = "invalid_email"
    case invalidPostcode = "invalid_postcode"
    case excelMangledValue = "excel_mangled_value"
    case unknownProduct = "unknown_product"
    case unknownProductUID = "unknown_product_uid"
    case discontinuedProductUID = "discontinued_product_uid"
    case invalidDesignURL = "invalid_design_url"
    case unsupportedDesignFormat = "unsupported_design_format"
    case specMismatch = "spec_mismatch"
    case productNotActive = "product_not_active"
    case valueTooLong = "value_too_long"
    case unknownCustomer = "unknown_customer"
    case duplicateOrder = "duplicate_order"
    case orderHeld = "order_held"

    /// Whether the code concerns a whole file or archive entry (exit 3) rather than a row.
    public var isFileLevel: Bool {
        switch self {
        case .unreadableFile, .emptyFile, .unrecognizedFormat, .missingColumn, .duplicateColumn, .corruptArchive,
            .unsafeArchiveEntry, .archiveLimitExceeded:
            true
        case .encodingError:
            true  // also raised on a single row; see `Issue.isFileLevel`
        default:
            false
        }
    }

    /// The severity the code has unless a rule says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .productNotActive, .valueTooLong, .duplicateOrder: .warning
        default: .error
        }
    }

    public static func < (lhs: IssueCode, rhs: IssueCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether an issue rejects its row.
public enum Severity: String, Sendable, Hashable, Codable {
    /// The row (and, by policy, its order) is rejected.
    case error
    /// Reported, but the row goes on.
    case warning
}

/// Where a record came from: the file (or `archive:entry`), its physical start line (1 = header) and its data
/// record number (1 = first row after the header; 0 for the header itself or the file as a whole).
public struct SourcePosition: Sendable, Hashable, Codable {
    /// The file's display path (`drops.zip:orders.csv` for an archive entry).
    public var file: String
    /// The physical line where the record starts; 0 when the issue concerns the whole file.
    public var line: Int
    /// The data record number; 0 for the header or the whole file.
    public var record: Int

    /// Creates a position.
    public init(file: String, line: Int, record: Int) {
        self.file = file
        self.line = line
        self.record = record
    }
}

/// A problem found in a row or a file: data that flows to the reports, never an error that is thrown.
public struct Issue: Sendable, Hashable {
    /// The stable code.
    public var code: IssueCode
    /// Whether it rejects the row.
    public var severity: Severity
    /// Where it was found.
    public var position: SourcePosition
    /// The order reference the row belongs to, when it is an order row.
    public var order: String?
    /// The column's name as the file spells it (empty when the issue concerns no single column).
    public var column: String
    /// The offending value, as read.
    public var value: String
    /// What is wrong, for an operator.
    public var message: String
    /// What to do about it.
    public var hint: String

    /// Creates an issue; the severity defaults to the code's.
    ///
    /// Inlinable: the validator makes one per held line at least, and as a call into this module the issue (120
    /// bytes) was built here and copied out.
    @inlinable
    public init(
        _ code: IssueCode, at position: SourcePosition, order: String? = nil, column: String = "", value: String = "",
        message: String, hint: String = "", severity: Severity? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.position = position
        self.order = order
        self.column = column
        self.value = value
        self.message = message
        self.hint = hint
    }

    /// Whether the issue made the reader skip a whole file or archive entry.
    public var isFileLevel: Bool { code.isFileLevel && position.record == 0 }
}

extension Array where Element == Issue {
    /// Whether any of the issues is an error (it rejects its row). By index, reading each issue's severity where it
    /// lies: `contains(where:)` hands every issue to its closure as a copy (a retain and a release per string).
    public var hasError: Bool {
        for index in indices where self[index].severity == .error { return true }
        return false
    }
}
