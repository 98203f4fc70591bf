import Foundation
import IntakeModel

/// The counts of a run (contract §5, `summary.json`); `intake validate --json` prints the same object.
public struct RunSummary: Sendable, Codable, Equatable {
    /// One input file (or archive entry) and what it was read as.
    public struct FileEntry: Sendable, Codable, Equatable {
        /// The display path (`drops.zip:orders.csv` for an entry).
        public var path: String
        /// The detected (or forced) kind; `null` when it was not recognised.
        public var kind: String?
        /// Data rows read.
        public var rows: Int
        /// The encoding the file was decoded from.
        public var encoding: String?
        /// The delimiter in use (`,` `;` `tab` `|`).
        public var delimiter: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(kind, forKey: .kind)  // null, not absent, when unrecognised
            try container.encode(rows, forKey: .rows)
            try container.encodeIfPresent(encoding, forKey: .encoding)
            try container.encodeIfPresent(delimiter, forKey: .delimiter)
        }
    }

    /// One stage of a run.
    public struct Stage: Sendable, Codable, Equatable {
        /// The stage's name (`validate`, `connect`, `orders` ...).
        public var name: String
        /// Data rows read.
        public var rowsRead: Int
        /// Rows (or order lines) accepted.
        public var accepted: Int
        /// Errors by code.
        public var errorsByCode: [String: Int]

        enum CodingKeys: String, CodingKey {
            case name, accepted
            case rowsRead = "rows_read"
            case errorsByCode = "errors_by_code"
        }
    }

    /// Data rows read (for orders: line items read).
    public var rowsRead = 0
    /// Orders accepted (published, or publishable in `validate`).
    public var ordersAccepted = 0
    /// Orders held because a line failed.
    public var ordersHeld = 0
    /// Orders skipped as already published or repeated.
    public var ordersDuplicate = 0
    /// Line items in accepted orders.
    public var lineItemsAccepted = 0
    /// Line items held or rejected.
    public var lineItemsHeld = 0
    /// Line items of duplicate orders.
    public var lineItemsDuplicate = 0
    /// Errors by issue code.
    public var errorsByCode: [String: Int] = [:]
    /// Warnings by issue code.
    public var warningsByCode: [String: Int] = [:]
    /// Every input file or archive entry read.
    public var files: [FileEntry] = []
    /// Rows of reference files (catalog, connections) left out for errors.
    public var referenceRowsRejected = 0
    /// Per stage: rows read, accepted, errors.
    public var stages: [Stage] = []
    /// The run id; `null` for `validate`, which records no run.
    public var run: String?
    /// Wall-clock duration in milliseconds.
    public var durationMs = 0
    /// Notes an operator should read (a file decoded as Windows-1252, checks skipped for lack of reference data).
    public var warnings: [String] = []

    /// Creates an empty summary.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case rowsRead = "rows_read"
        case ordersAccepted = "orders_accepted"
        case ordersHeld = "orders_held"
        case ordersDuplicate = "orders_duplicate"
        case lineItemsAccepted = "line_items_accepted"
        case lineItemsHeld = "line_items_held"
        case lineItemsDuplicate = "line_items_duplicate"
        case errorsByCode = "errors_by_code"
        case warningsByCode = "warnings_by_code"
        case files
        case referenceRowsRejected = "reference_rows_rejected"
        case stages, run, warnings
        case durationMs = "duration_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rowsRead, forKey: .rowsRead)
        try container.encode(ordersAccepted, forKey: .ordersAccepted)
        try container.encode(ordersHeld, forKey: .ordersHeld)
        try container.encode(ordersDuplicate, forKey: .ordersDuplicate)
        try container.encode(lineItemsAccepted, forKey: .lineItemsAccepted)
        try container.encode(lineItemsHeld, forKey: .lineItemsHeld)
        try container.encode(lineItemsDuplicate, forKey: .lineItemsDuplicate)
        try container.encode(errorsByCode, forKey: .errorsByCode)
        try container.encode(warningsByCode, forKey: .warningsByCode)
        try container.encode(files, forKey: .files)
        try container.encode(referenceRowsRejected, forKey: .referenceRowsRejected)
        try container.encode(stages, forKey: .stages)
        try container.encode(run, forKey: .run)  // null for validate
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(warnings, forKey: .warnings)
    }

    /// The summary as deterministic JSON (sorted keys, pretty-printed, trailing newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// The total number of errors.
    public var errorCount: Int { errorsByCode.values.reduce(0, +) }
    /// The total number of warnings.
    public var warningCount: Int { warningsByCode.values.reduce(0, +) }
}
