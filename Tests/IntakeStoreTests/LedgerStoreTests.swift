import Foundation
import GRDB
import IntakeModel
import IntakeStore
import Testing

/// The ledger as batches: recording, streaming, exact lookups, roll-back, and the migration from one row per
/// order (schema v1).
@Suite struct LedgerStoreTests {
    static func run(_ id: String) -> RunRecord {
        RunRecord(id: id, pipeline: "p", command: "intake run p.yml", status: .running, startedAt: "2026-11-23T10:00:00Z",
                  outputDirectory: "/out/\(id)", temporaryDirectory: "/out/.\(id).partial")
    }

    static func batch(_ store: String, _ references: [String]) -> LedgerBatch {
        var batch = LedgerBatch(store: store)
        for reference in references { batch.append(reference) }
        return batch
    }

    static func published(_ store: SQLiteStore, _ id: String) throws -> [String] {
        var references: [String] = []
        try store.forEachPublishedReference(store: id) { references.append(String(decoding: $0, as: UTF8.self)) }
        return references
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite").path
    }

    @Test func referencesStreamBackPerStoreInOrder() throws {
        let store = try SQLiteStore()
        try store.beginRun(Self.run("r1"))
        try store.markPublishing(runID: "r1", ledger: [
            Self.batch("s", ["#1001", "", "Müller/7"]), Self.batch("t", ["#1001"]), LedgerBatch(store: "u"), Self.batch("s", ["#1002"]),
        ])
        try store.finishRun(id: "r1", status: .published, summaryJSON: nil)
        try store.beginRun(Self.run("r2"))
        try store.markPublishing(runID: "r2", ledger: [Self.batch("s", ["#2001"])])
        #expect(try Self.published(store, "s") == ["#1001", "", "Müller/7", "#1002", "#2001"])
        #expect(try Self.published(store, "t") == ["#1001"])
        #expect(try Self.published(store, "u").isEmpty)
        #expect(try store.publishedReferenceCount(store: "s") == (5, 5 * 1 + 5 + 0 + 9 + 5 + 5))
        #expect(try store.publishedReferenceCount(store: "u") == (0, 0))
        #expect(try store.publishingRun(store: "s", reference: "#1002") == "r1")
        #expect(try store.publishingRun(store: "s", reference: "#2001") == "r2")
        #expect(try store.isPublished(store: "s", reference: ""))
        #expect(try !store.isPublished(store: "t", reference: ""))
        #expect(try !store.isPublished(store: "s", reference: "#100"))
        #expect(try !store.isPublished(store: "s", reference: "#10010"))
        #expect(try !store.isPublished(store: "s", reference: "Mu\u{308}ller/7"), "bytes, not canonical equivalence")

        try store.rollBack(runID: "r2")
        #expect(try Self.published(store, "s") == ["#1001", "", "Müller/7", "#1002"])
        #expect(try store.run(id: "r2")?.status == .rolledBack)
        #expect(try store.run(id: "r1")?.status == .published)
    }

    @Test func bigBatchesAreStoredInBoundedRows() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 150_000
        var batch = LedgerBatch(store: "s")
        for index in 0..<count { batch.append("#\(index)") }
        do {
            let store = try SQLiteStore(path: path)
            try store.beginRun(Self.run("r1"))
            try store.markPublishing(runID: "r1", ledger: [batch, Self.batch("s", ["extra"])])
            var seen = Set<[UInt8]>()
            var streamed = 0
            try store.forEachPublishedReference(store: "s") { bytes in
                streamed += 1
                seen.insert(Array(bytes))
            }
            #expect(streamed == count + 1)
            #expect(seen.count == count + 1)
            #expect(seen.contains(Array("#149999".utf8)))
            #expect(try store.publishingRun(store: "s", reference: "extra") == "r1")
        }
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, count, length(refs) AS size FROM ledger_batches WHERE run_id = 'r1' AND store = 's' ORDER BY seq")
        }
        #expect(rows.map { $0["seq"] as Int } == [0, 1, 2, 3])
        #expect(rows.map { $0["count"] as Int } == [65_536, 65_536, count - 2 * 65_536, 1])
        #expect(rows.allSatisfy { ($0["size"] as Int) <= 1 << 20 })
    }

    /// A source that hands its references over piece by piece (as a run's spool does), stores interleaved.
    struct Pieces: LedgerSource {
        var pieces: [(String, [String])]
        var failAfter: Int?

        func forEachPiece(maxCount: Int, maxBytes: Int, _ body: (String, Int, UnsafeRawBufferPointer) throws -> Void) throws {
            for (index, (store, references)) in pieces.enumerated() {
                if let failAfter, index == failAfter { throw CancellationError() }
                let batch = LedgerStoreTests.batch(store, references)
                try batch.packed.withUnsafeBytes { try body(store, batch.count, $0) }
            }
        }
    }

    @Test func aStreamedSourceIsRecordedPieceByPieceNumberedPerStore() throws {
        let store = try SQLiteStore()
        try store.beginRun(Self.run("r1"))
        try store.markPublishing(runID: "r1", ledger: Pieces(pieces: [("s", ["#1", "#2"]), ("t", ["#1"]), ("s", ["#3"])]))
        #expect(try Self.published(store, "s") == ["#1", "#2", "#3"])
        #expect(try Self.published(store, "t") == ["#1"])
        #expect(try store.run(id: "r1")?.status == .publishing)

        // A source that fails half way records nothing, and the run stays as it was.
        try store.beginRun(Self.run("r2"))
        #expect(throws: (any Error).self) {
            try store.markPublishing(runID: "r2", ledger: Pieces(pieces: [("s", ["#4"]), ("s", ["#5"])], failAfter: 1))
        }
        #expect(try Self.published(store, "s") == ["#1", "#2", "#3"])
        #expect(try store.run(id: "r2")?.status == .running)
    }

    @Test func aDamagedBatchIsAnErrorNotASilentGap() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.beginRun(Self.run("r1"))
        try store.markPublishing(runID: "r1", ledger: [Self.batch("s", ["#1001", "#1002"])])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE ledger_batches SET refs = x'0523' WHERE run_id = 'r1'")
        }
        let error = #expect(throws: StoreError.self) { try store.forEachPublishedReference(store: "s") { _ in } }
        #expect(error?.message.contains("damaged") == true)
    }

    /// The v1 schema as it shipped, frozen here: a state file from before the ledger batches.
    static func makeVersion1State(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: catalog, customers, stores, products, connections, runs, ledger") { db in
            try db.execute(sql: """
                CREATE TABLE catalog (
                    uid TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, category TEXT NOT NULL,
                    status TEXT NOT NULL, attributes TEXT NOT NULL);
                CREATE TABLE catalog_imports (id INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, products INTEGER NOT NULL);
                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, reference_id TEXT NOT NULL, description TEXT NOT NULL,
                    admin_email TEXT NOT NULL, admin_first_name TEXT NOT NULL, admin_last_name TEXT NOT NULL);
                CREATE UNIQUE INDEX customers_reference ON customers(reference_id) WHERE reference_id <> '';
                CREATE TABLE stores (
                    id TEXT PRIMARY KEY NOT NULL, customer_reference TEXT NOT NULL, platform TEXT NOT NULL, name TEXT NOT NULL);
                CREATE TABLE store_exports (store TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, header TEXT NOT NULL);
                CREATE TABLE store_products (
                    store TEXT NOT NULL, position INTEGER NOT NULL, sku TEXT NOT NULL, line_item_name TEXT NOT NULL,
                    cells TEXT NOT NULL, PRIMARY KEY (store, position));
                CREATE TABLE connections (
                    store TEXT NOT NULL, key TEXT NOT NULL, sku TEXT NOT NULL, line_item_name TEXT NOT NULL,
                    product_uid TEXT NOT NULL, files TEXT NOT NULL, source_file TEXT NOT NULL, source_line INTEGER NOT NULL,
                    PRIMARY KEY (store, key));
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL, pipeline TEXT NOT NULL, command TEXT NOT NULL, status TEXT NOT NULL,
                    started_at TEXT NOT NULL, finished_at TEXT, output_directory TEXT NOT NULL,
                    temporary_directory TEXT NOT NULL, summary TEXT);
                CREATE TABLE ledger (
                    store TEXT NOT NULL, order_reference TEXT NOT NULL, run_id TEXT NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (store, order_reference));
                """)
        }
        try migrator.migrate(queue)
        try queue.write { db in
            for id in ["r1", "r2", "r3"] {
                try db.execute(sql: """
                    INSERT INTO runs (id, pipeline, command, status, started_at, output_directory, temporary_directory)
                    VALUES (?, 'p', 'intake run p.yml', ?, '2026-11-2\(id.dropFirst())T10:00:00Z', '/out', '/out/.tmp')
                    """, arguments: [id, id == "r3" ? "publishing" : "published"])
            }
            // Inserted out of key order: the batches keep each run's and store's insertion order.
            let ledger: [(String, String, String)] = [
                ("s", "#1003", "r1"), ("s", "#1001", "r1"), ("t", "#1001", "r1"), ("s", "#2001", "r2"), ("s", "Ünïcödé €", "r2"),
                ("s", "", "r2"), ("t", "#3001", "r3"),
            ]
            for (store, reference, run) in ledger {
                try db.execute(sql: "INSERT INTO ledger (store, order_reference, run_id) VALUES (?, ?, ?)", arguments: [store, reference, run])
            }
            // JSON as JSONEncoder with .sortedKeys wrote it (escaped slashes), plus spellings any JSON writer may use.
            try db.execute(sql: """
                INSERT INTO connections VALUES ('s', 'sku:A', 'A', 'Tee - M', 'u1',
                    '[{"type":"default","url":"https:\\/\\/x.example.com\\/a.pdf"},{"type":"back","url":"https:\\/\\/x.example.com\\/b \\"q\\".pdf"}]',
                    'c.csv', 2);
                INSERT INTO connections VALUES ('s', 'name:Mug', '', 'Mug', 'u2', '[ { "url" : "https://x.example.com/\\u00e9\\ud83d\\ude00.pdf", "type" : "default" } ]', 'c.csv', 3);
                INSERT INTO connections VALUES ('s', 'sku:B', 'B', 'Bag', 'u3', '[]', 'c.csv', 4);
                INSERT INTO catalog VALUES ('u1', 'Tee', 'apparel', 'active', '[{"name":"Size","value":"M"},{"name":"Color","value":"Black\\/White"}]');
                INSERT INTO catalog_imports (imported_at, products) VALUES ('2026-11-20T10:00:00Z', 1);
                INSERT INTO store_exports VALUES ('s', 'shopify-products', '["Handle","Title","Variant SKU"]');
                INSERT INTO store_products VALUES ('s', 0, 'A', 'Tee - M', '["tee","Tee \\"classic\\"\\nline 2","A"]');
                """)
        }
    }

    /// `validate --state` opens a state read-only and migrates nothing: an earlier version's connections still read.
    @Test func aVersion1StateOpenedReadOnlyReadsItsConnections() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.makeVersion1State(at: path)
        let store = try SQLiteStore(readOnlyPath: path)
        let connections = try store.connectionList(store: "s")
        #expect(connections.map(\.sku) == ["A", "", "B"])
        #expect(connections.map(\.lineItemName) == ["Tee - M", "Mug", "Bag"])
        #expect(connections.first?.files.count == 2)
        #expect(try store.connections(store: "s").connection(sku: "", name: "Mug")?.productUID == ProductUID("u2"))
    }

    @Test func aVersion1StateMigratesItsLedgerAndReadsItsJSON() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.makeVersion1State(at: path)

        let store = try SQLiteStore(path: path)
        #expect(try Self.published(store, "s") == ["#1003", "#1001", "#2001", "Ünïcödé €", ""])
        #expect(try Self.published(store, "t") == ["#1001", "#3001"])
        #expect(try store.publishingRun(store: "s", reference: "Ünïcödé €") == "r2")
        #expect(try store.publishingRun(store: "t", reference: "#1001") == "r1")
        #expect(try store.isPublished(store: "s", reference: ""))
        #expect(try !store.isPublished(store: "t", reference: ""))
        // A run left publishing before the upgrade still rolls back.
        try store.rollBack(runID: "r3")
        #expect(try Self.published(store, "t") == ["#1001"])

        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ledger%' ORDER BY name")
        }
        #expect(tables == ["ledger_batches"])

        let connectionTables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'connection%' ORDER BY name")
        }
        #expect(connectionTables == ["connection_batches"])
        let connections = try store.connectionList(store: "s")
        #expect(connections.map(\.sku) == ["A", "", "B"])
        #expect(connections.map(\.lineItemName) == ["Tee - M", "Mug", "Bag"])
        #expect(connections.map(\.position.line) == [2, 3, 4])
        #expect(connections.map(\.files) == [
            [DesignFile(type: "default", url: "https://x.example.com/a.pdf"), DesignFile(type: "back", url: "https://x.example.com/b \"q\".pdf")],
            [DesignFile(type: "default", url: "https://x.example.com/é😀.pdf")],
            [],
        ])
        #expect(try store.catalog()[ProductUID("u1")]?.attributes == [CatalogAttribute(name: "Size", value: "M"), CatalogAttribute(name: "Color", value: "Black/White")])
        let products = try #require(try store.storeProducts(store: "s"))
        #expect(products.header == ["Handle", "Title", "Variant SKU"])
        #expect(products.rows.map(\.cells) == [["tee", "Tee \"classic\"\nline 2", "A"]])
        // Opening again runs nothing more.
        #expect(try Self.published(try SQLiteStore(path: path), "s").count == 5)
    }

    @Test func textColumnsRoundTripAnyCharacters() throws {
        let store = try SQLiteStore()
        let tricky = "q\"uote\\back/slash\n\r\t\u{8}\u{c}\u{1}\u{1f} é 😀 \u{7f}"
        let position = SourcePosition(file: "c.csv", line: 2, record: 1)
        let connection = Connection(sku: "A", lineItemName: "Tee", productUID: ProductUID("u1"),
                                    files: [DesignFile(type: "front", url: tricky), DesignFile(type: tricky, url: "")], position: position)
        try store.upsertConnections(store: "s", [connection])
        #expect(try store.connectionList(store: "s").first?.files == connection.files)
        let product = CatalogProduct(uid: ProductUID("u1"), title: tricky, category: "c", status: .active,
                                     attributes: [CatalogAttribute(name: tricky, value: tricky), CatalogAttribute(name: "", value: "")])
        try store.replaceCatalog([product])
        #expect(try store.catalog()[ProductUID("u1")] == product)
        try store.replaceStoreProducts(store: "s", kind: .shopifyProducts, header: [tricky, ""], rows: [StoreProductRow(sku: "A", lineItemName: "Tee", cells: [tricky, "", "x"])])
        let products = try #require(try store.storeProducts(store: "s"))
        #expect(products.header == [tricky, ""])
        #expect(products.rows.first?.cells == [tricky, "", "x"])
    }

    /// A timing, not a test: `INTAKE_TIMING=1 swift test -c release -Xswiftc -enable-testing --filter recordingAMillion`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INTAKE_TIMING"] != nil))
    func recordingAMillionReferences() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.beginRun(Self.run("r1"))
        let clock = ContinuousClock()
        var batch = LedgerBatch(store: "s")
        let built = clock.measure {
            for index in 0..<1_000_000 { batch.append("#\(1_000_000 + index)") }
        }
        let recorded = try clock.measure { try store.markPublishing(runID: "r1", ledger: [batch]) }
        var streamed = 0
        let loaded = try clock.measure { try store.forEachPublishedReference(store: "s") { _ in streamed += 1 } }
        print("1M references: batch built in \(built), recorded in \(recorded), streamed back in \(loaded)")
        #expect(streamed == 1_000_000)
    }
}
