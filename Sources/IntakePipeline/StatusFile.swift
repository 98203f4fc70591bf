import Foundation
import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel

/// Reads production status files: what the PSP's systems report for published orders, one status per row.
///
/// A CSV (any of the dialects the reader knows, columns found by name) or JSON Lines (one object per line); both
/// carry the order reference, the store (optional when the stage names it), the status, the carrier, the
/// tracking number and URL, and the time. Every row is checked and handed on, in file order, as an update or as
/// its issues (the stage checks the updates' orders against the ledger, then logs everything in order).
struct StatusFile {
    /// A row as read.
    enum Result {
        case update(StatusUpdate)
        case rejected([Issue])
    }

    /// The column names each field is found by (normalised: lower case, single spaces).
    static let columns: [(field: Field, aliases: [String])] = [
        (.reference, ["order reference", "order reference id", "orderreferenceid", "order", "order name", "order id", "order number", "name", "reference"]),
        (.store, ["store", "store id", "storeid"]),
        (.status, ["status", "fulfillment status", "fulfillmentstatus", "order status"]),
        (.carrier, ["carrier", "tracking company", "shipping carrier", "carrier name"]),
        (.trackingNumber, ["tracking number", "tracking code", "trackingcode", "trackingnumber", "tracking"]),
        (.trackingURL, ["tracking url", "trackingurl", "tracking link"]),
        (.time, ["time", "timestamp", "date", "updated at", "updatedat", "created", "event time"]),
    ]

    /// A field of a status row.
    enum Field: String, CaseIterable {
        case reference, store, status, carrier, trackingNumber, trackingURL, time

        /// The JSON keys it is read from in JSON Lines (GelatoConnect's postback names first).
        var jsonKeys: [String] {
            switch self {
            case .reference: ["orderReferenceId", "order_reference", "reference", "order"]
            case .store: ["store", "storeId"]
            case .status: ["status", "fulfillmentStatus", "fulfillment_status"]
            case .carrier: ["carrier", "trackingCompany", "tracking_company"]
            case .trackingNumber: ["trackingCode", "trackingNumber", "tracking_number"]
            case .trackingURL: ["trackingUrl", "trackingURL", "tracking_url"]
            case .time: ["time", "timestamp", "updatedAt", "created"]
            }
        }

        /// The column name shown in issues when the file has none of its own.
        var displayName: String { StatusFile.columns.first { $0.field == self }?.aliases.first ?? rawValue }
    }

    /// The store the stage imports for.
    let store: String
    /// Issues go here.
    let log: IssueLog

    /// One row as read: its fields' text and the column names they came from.
    struct Row {
        var values: [Field: String] = [:]
        var names: [Field: String] = [:]
        var position: SourcePosition
    }

    /// Reads one entry, handing each well-formed row to `body`; file-level problems and row problems go to the log.
    /// - Returns: the rows read (counted as `rows_read`), and the rows that named another store (left out).
    func read(entry: InputEntry, source: some ByteSource, options: CSVOptions, summary: inout RunSummary,
              body: (Result) throws -> Void) throws -> (rows: Int, otherStores: Int) {
        var source = source
        // JSON Lines start with `{`; everything else is read as CSV.
        var first = [UInt8](repeating: 0, count: 64 * 1024)
        let count = try first.withUnsafeMutableBytes { try source.read(into: $0) }
        let prefix = Array(first.prefix(count))
        let isJSON = prefix.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }.first == UInt8(ascii: "{")
        let whole = PrefixedByteSource(prefix: prefix, base: source)
        var rows = 0, otherStores = 0
        func handle(_ row: Row) throws {
            rows += 1
            if let named = row.values[.store], !named.isEmpty, named != store {
                otherStores += 1
                return
            }
            try body(check(row))
        }
        let file = entry.displayPath
        if isJSON {
            try readJSONLines(whole, file: file, handle, rejected: { rows += 1; try body(.rejected([$0])) })
            summary.files.append(RunSummary.FileEntry(path: file, kind: "status-jsonl", rows: rows))
        } else {
            guard let (reader, header, names) = try openCSV(whole, file: file, options: options, summary: &summary) else { return (0, 0) }
            while try reader.next() {
                let position = SourcePosition(file: file, line: reader.recordLine, record: reader.recordNumber)
                if let problem = reader.problem {
                    rows += 1
                    try body(.rejected([Issue(.malformedRow, at: position, message: problem.message, hint: "fix the quotes of this row")]))
                    continue
                }
                var row = Row(position: position)
                for (field, column) in header {
                    row.values[field] = column < reader.fieldCount ? reader.trimmedString(column) : ""
                    row.names[field] = names[column]
                }
                try handle(row)
            }
            summary.files.append(RunSummary.FileEntry(path: file, kind: "status-csv", rows: rows, encoding: reader.dialect.encoding.rawValue,
                                                      delimiter: reader.dialect.delimiterName))
        }
        return (rows, otherStores)
    }

    /// A CSV status file opened: its reader past the header, the fields' columns, the header's names.
    private typealias OpenedCSV = (reader: CSVReader, fields: [(Field, Int)], names: [String])

    private func openCSV(_ source: some ByteSource, file: String, options: CSVOptions,
                         summary: inout RunSummary) throws -> OpenedCSV? {
        guard let (reader, header, headerLine) = try CSVInput.openHeader(file: file, source: source, options: options, log: log,
                                                                         summary: &summary) else { return nil }
        func skip(_ code: IssueCode, column: String = "", _ message: String, _ hint: String) throws -> OpenedCSV? {
            try CSVInput.skipFile(file, code, column: column, line: headerLine, message, hint, log: log, summary: &summary)
            return nil
        }
        let names = header.names
        var found: [(Field, Int)] = []
        for (field, aliases) in Self.columns {
            if let index = header.index(ofAny: aliases) { found.append((field, index)) }
        }
        let present = Set(found.map(\.0))
        guard present.contains(.reference) || present.contains(.status) else {
            return try skip(.unrecognizedFormat, "the header has no order reference and no status column: not a status file",
                            "a status file has the columns Order reference, Status, Carrier, Tracking number, Tracking URL and Time")
        }
        for field in [Field.reference, .status, .time] where !present.contains(field) {
            return try skip(.missingColumn, column: field.displayName, "the status file has no '\(field.displayName)' column",
                            "add the column (names are matched case-insensitively)")
        }
        return (reader, found, names)
    }

    private func readJSONLines(_ source: some ByteSource, file: String, _ handle: (Row) throws -> Void,
                               rejected: (Issue) throws -> Void) throws {
        var source = source
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var line = 0
        func take(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            guard !trimmed.isEmpty, !(trimmed.count == 1 && trimmed.first == 0x0D) else { return }
            let position = SourcePosition(file: file, line: line, record: line)
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any] else {
                try rejected(Issue(.malformedRow, at: position, message: "the line is not a JSON object",
                                  hint: "write one JSON object per line, such as {\"orderReferenceId\":\"#1001\",\"status\":\"shipped\",...}"))
                return
            }
            var row = Row(position: position)
            for field in Field.allCases {
                for key in field.jsonKeys {
                    if let value = Self.text(object[key]) ?? Self.nested(object, field) {
                        row.values[field] = value.trimmingCharacters(in: .whitespaces)
                        row.names[field] = key
                        break
                    }
                }
            }
            try handle(row)
        }
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            pending.append(contentsOf: buffer.prefix(count))
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try take(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(..<start)
            if pending.count > 16 * 1024 * 1024 {
                try rejected(Issue(.malformedRow, at: SourcePosition(file: file, line: line + 1, record: line + 1),
                                  message: "a line longer than 16777216 bytes", hint: "write one JSON object per line"))
                return
            }
        }
        if !pending.isEmpty { try take(pending[...]) }
    }

    /// A JSON value as text: strings as they are, numbers as written.
    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// GelatoConnect's postback shape: `order.referenceId`, `shipment.tracking.{code,url}`, `shipment.method.name`.
    private static func nested(_ object: [String: Any], _ field: Field) -> String? {
        let order = object["order"] as? [String: Any]
        let shipment = object["shipment"] as? [String: Any]
        switch field {
        case .reference: return text(order?["referenceId"])
        case .store: return text(order?["store"])
        case .carrier: return text((shipment?["method"] as? [String: Any])?["name"])
        case .trackingNumber: return text((shipment?["tracking"] as? [String: Any])?["code"])
        case .trackingURL: return text((shipment?["tracking"] as? [String: Any])?["url"])
        case .status: return text((object["package"] as? [String: Any])?["status"])
        case .time: return nil
        }
    }

    /// The row as an update, or what is wrong with it.
    private func check(_ row: Row) -> Result {
        var issues: [Issue] = []
        func problem(_ code: IssueCode, _ field: Field, _ message: String, _ hint: String) {
            issues.append(Issue(code, at: row.position, order: row.values[.reference].flatMap { $0.isEmpty ? nil : $0 },
                                column: row.names[field] ?? field.displayName, value: row.values[field] ?? "", message: message, hint: hint))
        }
        let reference = row.values[.reference] ?? ""
        if reference.isEmpty { problem(.missingValue, .reference, "the row names no order", "write the order's reference as it was published (orderReferenceId)") }
        let statusText = row.values[.status] ?? ""
        let status = OrderStatus(spelling: statusText)
        if statusText.isEmpty {
            problem(.missingValue, .status, "the row has no status", "write one of: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        } else if status == nil {
            problem(.invalidValue, .status, "'\(statusText)' is not a status", "write one of: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let timeText = row.values[.time] ?? ""
        let time = Self.utc(timeText)
        if timeText.isEmpty {
            problem(.missingValue, .time, "the row has no time", "write when it happened, as 2026-11-24T09:15:00Z")
        } else if time == nil {
            problem(.invalidValue, .time, "'\(timeText)' is not a time", "write it as 2026-11-24T09:15:00Z (ISO 8601; a UTC offset is fine)")
        }
        let url = row.values[.trackingURL] ?? ""
        if !url.isEmpty, !(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")) || url.contains(" ") {
            problem(.invalidValue, .trackingURL, "'\(url)' is not a tracking URL", "write the carrier's full https:// tracking link, or leave it empty")
        }
        guard issues.isEmpty, let status, let time else { return .rejected(issues) }
        return .update(StatusUpdate(store: store, reference: reference, status: status, carrier: row.values[.carrier] ?? "",
                            trackingNumber: row.values[.trackingNumber] ?? "", trackingURL: url, time: time, position: row.position))
    }

    /// `text` as `2026-11-24T09:15:00Z`: ISO 8601 with `Z` or an offset, with or without seconds or fraction, a
    /// space for the `T`; a date alone is midnight UTC.
    static func utc(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.count == 10 { value += "T00:00:00Z" }
        if value.count > 10, value[value.index(value.startIndex, offsetBy: 10)] == " " {
            value.replaceSubrange(value.index(value.startIndex, offsetBy: 10)...value.index(value.startIndex, offsetBy: 10), with: "T")
        }
        if value.count == 16 || value.count == 19 { value += "Z" }  // no zone: UTC
        if value.count == 16 + 1, value.hasSuffix("Z") { value = String(value.dropLast()) + ":00Z" }
        // Format styles are values: made once, not a formatter per row.
        guard let date = (try? Self.seconds.parse(value)) ?? (try? Self.fractions.parse(value)) else { return nil }
        return Self.seconds.format(date)
    }

    private static let seconds = Date.ISO8601FormatStyle()
    private static let fractions = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
