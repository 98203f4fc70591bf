import Foundation
import IntakeModel
import IntakeStore
import Testing

/// The operators and the audit trail of a state (migration v5), in memory.
@Suite struct OperatorStoreTests {
    let store: SQLiteStore

    init() throws { store = try SQLiteStore() }

    @Test func theFirstOperatorIsAnAdminAndNamesAreUnique() throws {
        #expect(try store.operators().isEmpty)
        let refused = #expect(throws: StoreError.self) {
            try store.addOperator(Operator(name: "sam", role: .storeManager, createdAt: "2026-12-01T00:00:00Z"))
        }
        #expect(refused?.kind == .conflict)
        #expect(refused?.message.contains("first operator must be an admin") == true)
        try store.addOperator(Operator(name: "ada", role: .admin, createdAt: "2026-12-01T00:00:00Z"))
        try store.addOperator(Operator(name: "sam", role: .storeManager, stores: ["a", "b"], createdAt: "2026-12-01T00:00:01Z"))
        let taken = #expect(throws: StoreError.self) {
            try store.addOperator(Operator(name: "sam", role: .admin, createdAt: "2026-12-01T00:00:02Z"))
        }
        #expect(taken?.message.contains("exists already (store-manager)") == true)
        #expect(try store.operators() == [
            Operator(name: "ada", role: .admin, createdAt: "2026-12-01T00:00:00Z"),
            Operator(name: "sam", role: .storeManager, stores: ["a", "b"], createdAt: "2026-12-01T00:00:01Z"),
        ])
    }

    @Test func theAuditTrailIsNewestFirst() throws {
        let files = [AuditFile(path: "in/orders.csv", bytes: 12, sha256: String(repeating: "ab", count: 32))]
        for index in 1...3 {
            try store.recordAudit(AuditEntry(at: "2026-12-01T00:00:0\(index)Z", operatorName: "ada", command: "intake run \(index)",
                                             runID: index == 2 ? "run-2" : "", files: index == 2 ? files : [], counts: ["rows_read": index]))
        }
        let all = try store.auditEntries(limit: nil)
        #expect(all.map(\.command) == ["intake run 3", "intake run 2", "intake run 1"])
        #expect(all.map(\.id) == [3, 2, 1])
        #expect(try store.auditEntries(limit: 1).map(\.command) == ["intake run 3"])
        let entry = try #require(try store.auditEntry(runID: "run-2"))
        #expect(entry.files == files)
        #expect(entry.counts == ["rows_read": 2])
        #expect(try store.auditEntry(runID: "") == nil)
        #expect(try store.auditEntry(runID: "run-9") == nil)
    }

    /// An entry written with its change commits with it, or not at all.
    @Test func anEntryRollsBackWithItsChange() throws {
        try store.addCustomer(Customer(name: "Acme", referenceID: "ACME-001"))
        #expect(throws: StoreError.self) {
            try store.inOneTransaction {
                try store.recordAudit(AuditEntry(at: "2026-12-01T00:00:00Z", operatorName: "ada", command: "intake customers add Other --ref ACME-001"))
                try store.addCustomer(Customer(name: "Other", referenceID: "ACME-001"))
            }
        }
        #expect(try store.auditEntries(limit: nil).isEmpty)
    }
}
