import Foundation
import GRDB
import IntakeModel

/// The production status of published orders: a history per order, as imported from status files.
public protocol OrderStatusStore: AnyObject {
    /// Records `updates` in one transaction, leaving out those recorded already (the same order, status, time
    /// and tracking number: a status file imported twice adds nothing).
    /// - Returns: how many were new.
    func recordStatuses(_ updates: [StatusUpdate]) throws -> Int
    /// Each order's latest status of `store` (the last by time, then by import), oldest first; with `since`, only
    /// orders whose latest status happened at or after it (`2026-11-24T00:00:00Z`).
    func latestStatuses(store: String, since: String?) throws -> [StatusUpdate]
    /// An order's whole history, oldest first.
    func statusHistory(store: String, reference: String) throws -> [StatusUpdate]
    /// The run that published each of `references` of `store`; a reference never published is absent.
    func publishingRuns(store: String, references: Set<String>) throws -> [String: String]
}

extension SQLiteStore: OrderStatusStore {
    public func recordStatuses(_ updates: [StatusUpdate]) throws -> Int {
        guard !updates.isEmpty else { return 0 }
        let recordedAt = Self.now()
        return try write { db in
            let exists = try db.makeStatement(sql: """
                SELECT 1 FROM order_status WHERE store = ? AND order_reference = ? AND status = ? AND happened_at = ?
                AND tracking_number = ? LIMIT 1
                """)
            let insert = try db.makeStatement(sql: """
                INSERT INTO order_status (store, order_reference, status, carrier, tracking_number, tracking_url, happened_at,
                source_file, source_line, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var added = 0
            for update in updates {
                let key: StatementArguments = [update.store, update.reference, update.status.rawValue, update.time, update.trackingNumber]
                if try Int.fetchOne(exists, arguments: key) != nil { continue }
                try insert.execute(arguments: [
                    update.store, update.reference, update.status.rawValue, update.carrier, update.trackingNumber, update.trackingURL,
                    update.time, update.position.file, update.position.line, recordedAt,
                ])
                added += 1
            }
            return added
        }
    }

    public func latestStatuses(store: String, since: String?) throws -> [StatusUpdate] {
        try read { db in
            // The latest row per order: the greatest (time, id).
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.* FROM order_status s
                WHERE s.store = ? AND s.id = (
                    SELECT t.id FROM order_status t WHERE t.store = s.store AND t.order_reference = s.order_reference
                    ORDER BY t.happened_at DESC, t.id DESC LIMIT 1)
                AND (? IS NULL OR s.happened_at >= ?)
                ORDER BY s.happened_at, s.id
                """, arguments: [store, since, since])
            return rows.compactMap(Self.statusUpdate)
        }
    }

    public func statusHistory(store: String, reference: String) throws -> [StatusUpdate] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM order_status WHERE store = ? AND order_reference = ? ORDER BY happened_at, id",
                             arguments: [store, reference]).compactMap(Self.statusUpdate)
        }
    }

    public func publishingRuns(store: String, references: Set<String>) throws -> [String: String] {
        guard !references.isEmpty else { return [:] }
        // One pass over the store's ledger, whatever its size: the references are looked up by their bytes.
        let wanted = Set(references.map { Array($0.utf8) })
        return try read { db in
            var found: [String: String] = [:]
            try Self.forEachLedgerRow(store: store, in: db) { runID, batch in
                batch.forEach { bytes in
                    let key = Array(bytes)
                    if wanted.contains(key) { found[String(decoding: key, as: UTF8.self)] = runID }
                }
                return found.count < wanted.count
            }
            return found
        }
    }

    private static func statusUpdate(_ row: Row) -> StatusUpdate? {
        guard let status = OrderStatus(rawValue: row["status"]) else { return nil }
        return StatusUpdate(
            store: row["store"], reference: row["order_reference"], status: status, carrier: row["carrier"],
            trackingNumber: row["tracking_number"], trackingURL: row["tracking_url"], time: row["happened_at"],
            position: SourcePosition(file: row["source_file"], line: row["source_line"], record: 0))
    }
}
