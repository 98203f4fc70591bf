import Foundation
import GRDB
import IntakeModel

/// The operators of a state and its audit trail (migration v5): who may do what, and what everyone did.
///
/// A state with no operators allows everything (a single-user install); the first operator added must be an
/// admin, so that nobody is locked out. Audit entries are written through the same connection as the state's
/// other writes: inside `inOneTransaction` they commit, or roll back, with the change they record.
public protocol OperatorStore: StateStore {
    /// Adds an operator.
    /// - Parameter newOperator: the operator; `createdAt` is kept as given.
    /// - Throws: `StoreError(.conflict)` when the name is taken, or when the state has no operators yet and
    ///   `newOperator` is not an admin; `StoreError(.writeFailed)` when the state cannot be written.
    func addOperator(_ newOperator: Operator) throws
    /// All operators, by name (none for a state of a version before operators, opened read-only).
    func operators() throws -> [Operator]
    /// Appends an entry to the audit trail (its `id` is given by the state).
    /// - Throws: `StoreError(.writeFailed)` when the state cannot be written.
    func recordAudit(_ entry: AuditEntry) throws
    /// The audit trail, newest first.
    /// - Parameter limit: at most this many entries; `nil` for all.
    func auditEntries(limit: Int?) throws -> [AuditEntry]
    /// The audit entry of a run, if it recorded one.
    func auditEntry(runID: String) throws -> AuditEntry?
}

extension SQLiteStore: OperatorStore {
    public func addOperator(_ newOperator: Operator) throws {
        let stores = try Self.encodeJSON(newOperator.stores)
        try write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT role FROM operators WHERE name = ?", arguments: [newOperator.name]) {
                throw StoreError(.conflict, "the operator \(newOperator.name) exists already (\(existing))")
            }
            // Checked in the transaction that adds it: two first operators added at once cannot both pass.
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM operators") ?? 0
            if count == 0 && newOperator.role != .admin {
                throw StoreError(
                    .conflict,
                    "the first operator must be an admin, or nobody could add the others: intake operators add NAME --role admin")
            }
            try db.execute(sql: "INSERT INTO operators (name, role, stores, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [newOperator.name, newOperator.role.rawValue, stores, newOperator.createdAt])
        }
    }

    public func operators() throws -> [Operator] {
        try read { db in
            // A state of an earlier version opened read-only (`validate`) has no table yet: no operators.
            guard try db.tableExists("operators") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT name, role, stores, created_at FROM operators ORDER BY name").map { row in
                let role: String = row[1]
                // An unknown role (written by a later version) allows the least.
                return Operator(name: row[0], role: Role(rawValue: role) ?? .readOnly, stores: Self.strings(row[2]), createdAt: row[3])
            }
        }
    }

    public func recordAudit(_ entry: AuditEntry) throws {
        let files = try Self.encodeJSON(entry.files)
        let counts = try Self.encodeJSON(entry.counts)
        try write { db in
            try db.execute(sql: "INSERT INTO audit (at, operator, command, run_id, files, counts) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [entry.at, entry.operatorName, entry.command, entry.runID, files, counts])
        }
    }

    public func auditEntries(limit: Int?) throws -> [AuditEntry] {
        try read { db in
            guard try db.tableExists("audit") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit ?? -1]).map(Self.auditEntry)
        }
    }

    public func auditEntry(runID: String) throws -> AuditEntry? {
        guard !runID.isEmpty else { return nil }
        return try read { db in
            guard try db.tableExists("audit") else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE run_id = ? ORDER BY id DESC LIMIT 1", arguments: [runID])
                .map(Self.auditEntry)
        }
    }

    private static func auditEntry(_ row: Row) -> AuditEntry {
        let files: String = row["files"]
        let counts: String = row["counts"]
        let decoder = JSONDecoder()
        return AuditEntry(
            id: row["id"], at: row["at"], operatorName: row["operator"], command: row["command"], runID: row["run_id"],
            files: (try? decoder.decode([AuditFile].self, from: Data(files.utf8))) ?? [],
            counts: (try? decoder.decode([String: Int].self, from: Data(counts.utf8))) ?? [:])
    }

    /// JSON with sorted keys and unescaped slashes: the same value always gives the same text.
    private static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.writeFailed, "cannot encode \(T.self) for the state: \(error)")
        }
    }
}
