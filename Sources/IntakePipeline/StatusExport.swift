import Foundation
import IntakeCSV
import IntakeModel
import IntakeStore

/// What the store side takes back: the latest status of each order, in the file its platform's import tools read,
/// or as postback bodies (JSON Lines) for anything else.
public enum StatusExportFormat: String, Sendable, CaseIterable {
    /// Shopify's bulk-fulfillment CSV (what bulk fulfillment and import apps read).
    case shopify
    /// Etsy's tracking upload: order, carrier, tracking number, ship date.
    case etsy
    /// WooCommerce's tracking import (the Advanced Shipment Tracking plugin's CSV columns).
    case woocommerce
    /// One postback body per status: order, status, items, tracking (GelatoConnect's postback shape).
    case jsonl

    /// The format a store's platform takes (manual and Pressero stores: postbacks).
    public static func of(_ platform: Platform) -> StatusExportFormat {
        switch platform {
        case .shopify: .shopify
        case .etsy: .etsy
        case .woocommerce: .woocommerce
        case .manual, .pressero: .jsonl
        }
    }

    /// The file name it is published under in a run's `status/` folder.
    public func fileName(store: String) -> String {
        let base = SafeName.make(store)
        return self == .jsonl ? "\(base)-postbacks.jsonl" : "\(base)-\(rawValue)-tracking.csv"
    }
}

/// An order's line as its job has it: for postback bodies.
struct JobItem: Equatable {
    var reference: String
    var productUID: String
    var quantity: Int
}

/// Status updates out of the state: the store side's files, postback bodies, an order's history.
public enum StatusExport {
    /// The latest of each order's updates (by time; of two at the same time, the later read), ordered by time,
    /// then as read.
    static func latest(_ updates: [StatusUpdate]) -> [StatusUpdate] {
        var latest: [String: Int] = [:]
        for (index, update) in updates.enumerated() {
            if let known = latest[update.reference], updates[known].time > update.time { continue }
            latest[update.reference] = index
        }
        return latest.values.sorted { (updates[$0].time, $0) < (updates[$1].time, $1) }.map { updates[$0] }
    }

    /// An order's history, oldest first.
    /// - Throws: `UsageError` for an unknown store.
    public static func history(store id: String, reference: String, state: any StateStore) throws -> [StatusUpdate] {
        guard try state.store(id: id) != nil else { throw UsageError("no store \(id) (intake stores list)") }
        guard let statuses = state as? any OrderStatusStore else { return [] }
        return try statuses.statusHistory(store: id, reference: reference)
    }

    /// A history as a JSON array (keys in a fixed order).
    public static func historyJSON(_ history: [StatusUpdate]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, update) in history.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendRaw("{\"time\":", to: &out)
            JSONText.append(update.time, to: &out)
            JSONText.appendRaw(",\"status\":", to: &out)
            JSONText.append(update.status.rawValue, to: &out)
            JSONText.appendRaw(",\"carrier\":", to: &out)
            JSONText.append(update.carrier, to: &out)
            JSONText.appendRaw(",\"tracking_number\":", to: &out)
            JSONText.append(update.trackingNumber, to: &out)
            JSONText.appendRaw(",\"tracking_url\":", to: &out)
            JSONText.append(update.trackingURL, to: &out)
            JSONText.appendRaw(",\"source\":", to: &out)
            JSONText.append("\(update.position.file):\(update.position.line)", to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the latest statuses of `store`'s orders from the state, in `format`, to `path`.
    /// - Parameter since: only orders whose latest status happened at or after this time (ISO 8601).
    /// - Returns: the rows or lines written.
    /// - Throws: `UsageError` for an unknown store or a `since` that is not a time.
    public static func export(store id: String, format: StatusExportFormat?, since: String?, state: any StateStore, to path: String) throws -> Int {
        guard let store = try state.store(id: id) else { throw UsageError("no store \(id) (intake stores list)") }
        guard let statuses = state as? any OrderStatusStore else { throw UsageError("this state keeps no order status") }
        var from: String?
        if let since {
            guard let time = StatusFile.utc(since) else { throw UsageError("--since: '\(since)' is not a time (2026-11-24 or 2026-11-24T09:15:00Z)") }
            from = time
        }
        let updates = try statuses.latestStatuses(store: id, since: from)
        let format = format ?? .of(store.platform)
        let items = format == .jsonl ? try Self.items(of: Set(updates.map(\.reference)), store: id, state: state) : [:]
        return try write(updates, format: format, store: id, customer: store.customerReference, items: items, to: path)
    }

    /// The CSV header of each store format (the platforms' import tools match these names).
    static func header(_ format: StatusExportFormat) -> [String] {
        switch format {
        case .shopify: ["Order Name", "Fulfillment Status", "Tracking Company", "Tracking Number", "Tracking URL"]
        case .etsy: ["Order ID", "Carrier", "Tracking Number", "Ship Date"]
        case .woocommerce: ["order_id", "tracking_provider", "tracking_number", "date_shipped", "status_shipped"]
        case .jsonl: []
        }
    }

    /// Writes `updates` (the latest status of each order) in `format` to `path` (`-`: standard output).
    /// - Parameters:
    ///   - customer: the store's customer reference ID, for postbacks.
    ///   - items: each order's lines, for postbacks (an order without is written without `items`).
    /// - Returns: the rows or lines written. The store CSVs carry only shipped and delivered orders: a store marks
    ///   an order fulfilled with its tracking, and has no place for the statuses before.
    @discardableResult
    static func write(_ updates: [StatusUpdate], format: StatusExportFormat, store: String, customer: String,
                      items: [String: [JobItem]], to path: String) throws -> Int {
        let sink = try FileByteSink(path: path)
        var written = 0
        if format == .jsonl {
            var line: [UInt8] = []
            for update in updates {
                line.removeAll(keepingCapacity: true)
                postback(update, store: store, customer: customer, items: items[update.reference], into: &line)
                try line.withUnsafeBytes { try sink.write($0) }
                written += 1
            }
        } else {
            var writer = CSVWriter(sink: sink, spreadsheetSafe: false)
            try writer.writeRow(header(format))
            for update in updates where update.status.isShipped {
                let day = String(update.time.prefix(10))
                switch format {
                case .shopify: try writer.writeRow([update.reference, "fulfilled", update.carrier, update.trackingNumber, update.trackingURL])
                case .etsy: try writer.writeRow([update.reference, update.carrier, update.trackingNumber, day])
                case .woocommerce: try writer.writeRow([update.reference, update.carrier, update.trackingNumber, day, "1"])
                case .jsonl: break
                }
                written += 1
            }
        }
        try sink.flush()
        if path != "-" { try sink.synchronize() }
        return written
    }

    /// One postback body and a line feed, keys always in this order (the bytes are stable).
    static func postback(_ update: StatusUpdate, store: String, customer: String, items: [JobItem]?, into out: inout [UInt8]) {
        JSONText.appendRaw("{\"event\":\"order_status_updated\",\"store\":", to: &out)
        JSONText.append(store, to: &out)
        JSONText.appendRaw(",\"customer\":{\"referenceId\":", to: &out)
        JSONText.append(customer, to: &out)
        JSONText.appendRaw("},\"order\":{\"referenceId\":", to: &out)
        JSONText.append(update.reference, to: &out)
        JSONText.appendRaw("},\"status\":", to: &out)
        JSONText.append(update.status.rawValue, to: &out)
        if let items {
            JSONText.appendRaw(",\"items\":[", to: &out)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendRaw("{\"itemReferenceId\":", to: &out)
                JSONText.append(item.reference, to: &out)
                JSONText.appendRaw(",\"productUid\":", to: &out)
                JSONText.append(item.productUID, to: &out)
                JSONText.appendRaw(",\"quantity\":", to: &out)
                out.append(contentsOf: String(item.quantity).utf8)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        JSONText.appendRaw(",\"shipment\":{\"carrier\":", to: &out)
        JSONText.append(update.carrier, to: &out)
        JSONText.appendRaw(",\"tracking\":{\"code\":", to: &out)
        JSONText.append(update.trackingNumber, to: &out)
        JSONText.appendRaw(",\"url\":", to: &out)
        JSONText.append(update.trackingURL, to: &out)
        JSONText.appendRaw("}},\"time\":", to: &out)
        JSONText.append(update.time, to: &out)
        JSONText.appendRaw("}\n", to: &out)
    }

    /// The lines of `references`, read from the `jobs.jsonl` of the runs that published them (a run's folder that
    /// is gone, or published as job files only, gives none: its orders' postbacks go without `items`).
    static func items(of references: Set<String>, store: String, state: any StateStore) throws -> [String: [JobItem]] {
        guard let statuses = state as? any OrderStatusStore else { return [:] }
        let runs = try statuses.publishingRuns(store: store, references: references)
        var byRun: [String: Set<String>] = [:]
        for (reference, run) in runs { byRun[run, default: []].insert(reference) }
        var found: [String: [JobItem]] = [:]
        for (runID, wanted) in byRun.sorted(by: { $0.key < $1.key }) {
            guard let run = try state.run(id: runID), !run.outputDirectory.isEmpty else { continue }
            let path = (run.outputDirectory as NSString).appendingPathComponent("jobs.jsonl")
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            var pending = Data()
            func take(_ line: Data) {
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                      let reference = object["orderReferenceId"] as? String, wanted.contains(reference),
                      (object["metadata"] as? [[String: Any]])?.contains(where: { $0["key"] as? String == "store" && $0["value"] as? String == store }) ?? true,
                      let lines = object["items"] as? [[String: Any]] else { return }
                found[reference] = lines.map {
                    JobItem(reference: $0["itemReferenceId"] as? String ?? "", productUID: $0["productUid"] as? String ?? "",
                            quantity: $0["quantity"] as? Int ?? 0)
                }
            }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                pending.append(chunk)
                var start = pending.startIndex
                while let newline = pending[start...].firstIndex(of: 0x0A) {
                    let line = pending[start..<newline]
                    // Only lines of the orders wanted are parsed: a job line starts with its reference.
                    if let reference = leadingReference(line) {
                        if wanted.contains(reference) { take(Data(line)) }
                    } else {
                        take(Data(line))
                    }
                    start = newline + 1
                }
                pending.removeSubrange(pending.startIndex..<start)
            }
        }
        return found
    }

    private static let jobPrefix = Array(#"{"orderType":"order","orderReferenceId":""#.utf8)

    /// The order reference a job line starts with, when it has no escape in it (else `nil`: parse the line).
    static func leadingReference(_ line: Data) -> String? {
        guard line.count > jobPrefix.count, line.starts(with: jobPrefix) else { return nil }
        let rest = line[(line.startIndex + jobPrefix.count)...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let bytes = rest[..<end]
        guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
