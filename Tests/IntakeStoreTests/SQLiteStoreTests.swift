import Foundation
import GRDB
import IntakeModel
@testable import IntakeStore
import Testing

@Suite struct SQLiteStoreTests {
    let store: SQLiteStore

    init() throws { store = try SQLiteStore() }

    @Test func customersHaveUniqueReferenceIDs() throws {
        try store.addCustomer(Customer(name: "Acme Prints", referenceID: "ACME-001", adminEmail: "ops@acme.example.com"))
        try store.addCustomer(Customer(name: "No Ref Ltd"))
        try store.addCustomer(Customer(name: "No Ref Either"))
        let error = #expect(throws: StoreError.self) {
            try store.addCustomer(Customer(name: "Other", referenceID: "ACME-001"))
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("Acme Prints") == true)
        #expect(try store.customers().map(\.name) == ["Acme Prints", "No Ref Either", "No Ref Ltd"])
        #expect(try store.customer(reference: "ACME-001")?.adminEmail == "ops@acme.example.com")
    }

    @Test func aStoreNeedsItsCustomer() throws {
        let error = #expect(throws: StoreError.self) {
            try store.addStore(Store(id: "acme-shopify", customerReference: "ACME-001", platform: .shopify), replace: false, requireCustomer: true)
        }
        #expect(error?.kind == .notFound)
        try store.addCustomer(Customer(name: "Acme", referenceID: "ACME-001"))
        try store.addStore(Store(id: "acme-shopify", customerReference: "ACME-001", platform: .shopify, name: "Acme"), replace: false, requireCustomer: true)
        #expect(try store.store(id: "acme-shopify")?.platform == .shopify)
        #expect(throws: StoreError.self) {
            try store.addStore(Store(id: "acme-shopify", customerReference: "ACME-001", platform: .etsy), replace: false, requireCustomer: true)
        }
        try store.addStore(Store(id: "acme-shopify", customerReference: "ACME-001", platform: .shopify, name: "Renamed"), replace: true, requireCustomer: true)
        #expect(try store.stores().map(\.name) == ["Renamed"])
    }

    @Test func catalogRoundTrips() throws {
        #expect(try !store.hasCatalog())
        let product = CatalogProduct(uid: ProductUID("flat_product_pf_a4"), title: "Poster", category: "wall-art", status: .discontinued,
                                     attributes: [CatalogAttribute(name: "Format", value: "A4")])
        try store.replaceCatalog([product])
        #expect(try store.hasCatalog())
        #expect(try store.catalog()[ProductUID("flat_product_pf_a4")] == product)
    }

    @Test func connectionsAreKeyedBySKUOrName() throws {
        let position = SourcePosition(file: "c.csv", line: 2, record: 1)
        let a = Connection(sku: "A", lineItemName: "Tee - M", productUID: ProductUID("u1"), files: [DesignFile(type: "default", url: "https://x.example.com/a.pdf")], position: position)
        let b = Connection(sku: "", lineItemName: "Mug", productUID: ProductUID("u2"), files: [], position: position)
        try store.upsertConnections(store: "s", [a, b])
        try store.upsertConnections(store: "s", [Connection(sku: "A", lineItemName: "Tee - M", productUID: ProductUID("u3"), files: [], position: position)])
        let index = try store.connections(store: "s")
        #expect(index.connection(sku: "A", name: "")?.productUID == ProductUID("u3"))
        #expect(index.connection(sku: "", name: "Mug")?.productUID == ProductUID("u2"))
        #expect(try store.connections(store: "other").count == 0)
    }

    @Test func theLedgerRecordsAndRollsBack() throws {
        let run = RunRecord(id: "r1", pipeline: "p", command: "intake run p.yml", status: .running, startedAt: "2026-11-23T10:00:00Z",
                            outputDirectory: "/out/r1", temporaryDirectory: "/out/.r1.tmp")
        try store.beginRun(run)
        var batch = LedgerBatch(store: "s")
        batch.append("#1001")
        batch.append("#1002")
        try store.markPublishing(runID: "r1", ledger: [batch])
        #expect(try store.run(id: "r1")?.status == .publishing)
        #expect(try store.publishingRun(store: "s", reference: "#1001") == "r1")
        #expect(try !store.isPublished(store: "t", reference: "#1001"))
        try store.rollBack(runID: "r1")
        #expect(try !store.isPublished(store: "s", reference: "#1001"))
        #expect(try store.run(id: "r1")?.status == .rolledBack)
    }

    /// GRDB's WAL set-up turns the writer to NORMAL after `prepareDatabase`: a commit must still be on disk when
    /// it returns (FULL), since publishing renames the outputs into place right after the ledger's commit.
    @Test func commitsOfAFileStateAreDurable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(try SQLiteStore(path: path).writerSynchronousSetting() == 2)
        let store = try SQLiteStore(path: path)  // an existing state too
        #expect(try store.writerSynchronousSetting() == 2)
        // The end of a run is committed without a sync; the writes after it are durable again.
        try store.beginRun(RunRecord(id: "r1", pipeline: "p", command: "intake run p.yml", status: .running, startedAt: "2026-11-23T10:00:00Z",
                                     outputDirectory: "/out/r1", temporaryDirectory: "/out/.r1.tmp"))
        try store.finishRun(id: "r1", status: .published, summaryJSON: "{}")
        #expect(try store.writerSynchronousSetting() == 2)
        #expect(try store.run(id: "r1")?.status == .published)
    }

    @Test func aNewStateHasLargePagesAndAnOldOneKeepsItsOwn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(try SQLiteStore(path: path).pageSizeSetting() == SQLiteStore.pageSize)
        #expect(try SQLiteStore(path: path).pageSizeSetting() == SQLiteStore.pageSize)  // reopened

        // A state made with SQLite's default pages (by an earlier version) is opened as it is.
        let old = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: old + suffix) } }
        try DatabaseQueue(path: old).write { db in try db.execute(sql: "CREATE TABLE earlier (id INTEGER)") }
        let store = try SQLiteStore(path: old)
        #expect(try store.pageSizeSetting() == 4096)
        try store.addCustomer(Customer(name: "Acme", referenceID: "A"))
        #expect(try SQLiteStore(path: old).customer(reference: "A")?.name == "Acme")
    }

    @Test func aFileStateIsSharedBetweenOpenings() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SQLiteStore(path: path).addCustomer(Customer(name: "Acme", referenceID: "A"))
        #expect(try SQLiteStore(path: path).customer(reference: "A")?.name == "Acme")
    }
}
