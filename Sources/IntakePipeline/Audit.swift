import Foundation
import IntakeModel
import IntakeStore

/// The audit trail: one entry for every command that changes a state, written in the transaction of the change
/// (README: "Operators, roles and the audit trail"). Dry runs, aborted runs and commands that only read record
/// nothing.
///
/// ```swift
/// let acting = try Access.require(.customersAdd, state: store, operator: name)
/// try Audit.record(command: commandLine, by: acting, counts: ["customers_added": 1], in: store) {
///     try store.addCustomer(customer)
/// }
/// ```
public enum Audit {
    /// Appends an entry to the state's audit trail, stamped with the time now (UTC), in one transaction with
    /// `change` (the state change it records): both are committed, or neither. Inside `inOneTransaction` (a run's
    /// publishing transaction) it joins that transaction.
    /// - Parameters:
    ///   - command: the command line as typed (`CommandLineText.current` in `intake`).
    ///   - acting: who ran it (what `Access.require` returned).
    ///   - runID: the run it recorded; empty for a command that is not a run.
    ///   - files: the input files read, with their sizes and SHA-256 (``file(atPath:)`` makes one).
    ///   - counts: what the command counted (`["customers_added": 1]`; a run's summary counts).
    ///   - state: the state.
    ///   - change: the change to make with it (nothing when the caller holds the transaction already).
    /// - Throws: what `change` throws (nothing is recorded then), `StoreError(.writeFailed)` when the state cannot
    ///   be written.
    public static func record(
        command: String, by acting: ActingOperator, runID: String = "", files: [AuditFile] = [], counts: [String: Int],
        in state: any OperatorStore, change: () throws -> Void = {}
    ) throws {
        let entry = AuditEntry(at: UTCTime.now.iso8601, operatorName: acting.name, command: command, runID: runID, files: files, counts: counts)
        try state.inOneTransaction {
            try change()
            try state.recordAudit(entry)
        }
    }

    /// An input file's record for an audit entry: its path as given, its size and its SHA-256 (read once more,
    /// whole). A file that cannot be read gets size 0 and an empty hash.
    /// - Parameter path: the file.
    /// - Returns: the record.
    public static func file(atPath path: String) -> AuditFile {
        InputDigests.hash(path: path)
    }

    /// A run's counts for its audit entry: the orders counts of `summary.json` (`rows_read`, `orders_accepted`
    /// ...), `<stage>_rows_read` and `<stage>_accepted` of its other stages (catalog, customers, sync, connect),
    /// `errors` (of all its stages) and `warnings` (of its orders stages, as `warnings_by_code`).
    static func counts(of summary: RunSummary) -> [String: Int] {
        var counts: [String: Int] = [
            "rows_read": summary.rowsRead, "orders_accepted": summary.ordersAccepted, "orders_held": summary.ordersHeld,
            "orders_duplicate": summary.ordersDuplicate, "line_items_accepted": summary.lineItemsAccepted,
            "line_items_held": summary.lineItemsHeld, "line_items_duplicate": summary.lineItemsDuplicate,
            "warnings": summary.warningsByCode.values.reduce(0, +),
        ]
        var errors = 0
        for stage in summary.stages {
            errors += stage.errorsByCode.values.reduce(0, +)
            guard stage.name != "orders" else { continue }
            counts["\(stage.name)_rows_read", default: 0] += stage.rowsRead
            counts["\(stage.name)_accepted", default: 0] += stage.accepted
        }
        counts["errors"] = errors
        return counts
    }
}
