import Foundation
import GRDB
import IntakeModel

/// The state in one SQLite file (GRDB), the default: `./intake.sqlite`, `--state PATH` or `INTAKE_STATE`.
///
/// It opens in WAL mode with a busy timeout, so a second process on the same file waits for the first one's
/// write to end (or fails with a clear message past the timeout) and never corrupts it. Migrations are named
/// and append-only: never edit one that shipped, add the next.
public final class SQLiteStore: StateStore {
    private let writer: any DatabaseWriter
    /// The connection of the transaction `inOneTransaction` holds open, if any: writes inside it join it.
    private var transactionDatabase: Database?
    /// The file's path (`:memory:` for an in-memory store).
    public let path: String

    /// Opens (creating if needed) the state at `path` and runs pending migrations.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - busyTimeout: how long to wait for another process's write before failing.
    /// - Throws: `StoreError(.unavailable)` when the file cannot be opened or migrated.
    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // 16 KiB pages for a new state (an existing one keeps its own: SQLite fixes the size at creation): the state
        // is mostly the ledger's and the connections' packed batches, blobs of up to 1 MiB, which 4 KiB pages split
        // into chains of overflow pages, each a WAL frame of its own (two `pwrite`s), then a read and a write again
        // when the WAL is checkpointed. Publishing the 941,501 references of the 1M-order bench run wrote ~2,100
        // pages that way; with 16 KiB pages, ~530: the run's single-threaded commit went from ~58 to ~45 ms (64 KiB
        // pages gained no more, and cost 2.5 MB of memory: each connection's page cache starts with 20 pages).
        // `prepareDatabase` runs before GRDB turns WAL on, which is when the size of a new file is settled.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
            // Durability over speed: the ledger is what prevents producing an order twice, so a commit is on disk
            // before the run goes on (publishing renames its folder right after the ledger's commit). Set here,
            // after the pool is open: GRDB's WAL set-up sets NORMAL on the writer after `prepareDatabase` runs,
            // which leaves a commit in the page cache until the next checkpoint (lost in a power cut).
            // Migrations run before: a migration lost in a power cut runs again on the next start.
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError(.unavailable, "cannot open the state \(path): \(Self.describe(error))")
        }
    }

    /// Opens an existing state read-only (what `validate` does: it changes nothing, not even the file's bytes).
    /// - Throws: `StoreError(.unavailable)` when the file cannot be opened.
    public init(readOnlyPath path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError(.unavailable, "cannot open the state \(path): \(Self.describe(error))")
        }
    }

    /// Opens an in-memory state (tests).
    public init() throws {
        path = ":memory:"
        writer = try DatabaseQueue()
        try Self.migrator.migrate(writer)
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL), for the tests that keep it durable.
    /// The page size of a state this type creates (see `init(path:busyTimeout:)`).
    static let pageSize = 16_384

    /// The state file's page size (tests).
    func pageSizeSetting() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? -1 }
    }

    func writerSynchronousSetting() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return "it is busy: another intake process is writing to it; try again when it has finished"
            }
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }

    /// Runs `body` in a write transaction, or in the one `inOneTransaction` holds open (its slices in other files too).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let database = transactionDatabase { return try body(database) }
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.writeFailed, "the state \(path) could not be written: \(Self.describe(error))")
        }
    }

    public func inOneTransaction(_ body: () throws -> Void) throws {
        guard transactionDatabase == nil else { return try body() }
        try write { database in
            transactionDatabase = database
            defer { transactionDatabase = nil }
            try body()
        }
    }

    public func close() throws {
        do {
            // GRDB closes the writer before the readers, and a read-only connection cannot checkpoint: without
            // this the log would stay for the next run to fold in (what dropping the store does is close the
            // readers first, and SQLite checkpoints when the writer, the last connection, closes).
            // RESTART, not TRUNCATE: the log is folded in and fsynced all the same, and the next writer starts it
            // over from its first byte, but the file keeps its size instead of being cut to zero, which cost ~8 ms
            // of file-system journaling at the end of every run (and its blocks allocated again by the next run).
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.restart) }
            try writer.close()
        } catch {
            throw StoreError(.unavailable, "the state \(path) could not be closed: \(Self.describe(error))")
        }
    }

    /// Runs `body` on a reader (its slices in other files too).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "the state \(path) could not be read: \(Self.describe(error))")
        }
    }

    static var migrator: DatabaseMigrator {
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
        // One row per order cost 2.3 s of SQLite for a million orders; a row per chunk of up to 65,536
        // references of one run and store (packed as `LedgerBatch`) costs milliseconds.
        migrator.registerMigration("v2: ledger in batches") { db in
            try db.execute(sql: """
                CREATE TABLE ledger_batches (
                    run_id TEXT NOT NULL REFERENCES runs(id), store TEXT NOT NULL, seq INTEGER NOT NULL,
                    count INTEGER NOT NULL, refs BLOB NOT NULL, PRIMARY KEY (run_id, store, seq));
                CREATE INDEX ledger_batches_store ON ledger_batches(store);
                """)
            let rows = try Row.fetchCursor(db, sql: "SELECT run_id, store, order_reference FROM ledger ORDER BY run_id, store, rowid")
            var runID = ""
            var batch = LedgerBatch(store: "")
            while let row = try rows.next() {
                let rowRun: String = row[0]
                let rowStore: String = row[1]
                if rowRun != runID || rowStore != batch.store {
                    try insertLedger([batch], runID: runID, into: db)
                    runID = rowRun
                    batch = LedgerBatch(store: rowStore)
                }
                batch.append(row[2] as String)
            }
            try insertLedger([batch], runID: runID, into: db)
            try db.execute(sql: "DROP TABLE ledger")
        }
        // A row per connection cost ~27,000 instructions each (60 ms for a 10,000-variant store, every connect
        // stage); a row per chunk of packed connections (`ConnectionPacking`) costs a copy.
        migrator.registerMigration("v3: connections in batches") { db in
            try db.execute(sql: """
                CREATE TABLE connection_batches (
                    store TEXT NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL,
                    PRIMARY KEY (store, seq));
                """)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT store, sku, line_item_name, product_uid, files, source_file, source_line FROM connections ORDER BY store, rowid")
            var store = ""
            var connections: [Connection] = []
            while let row = try rows.next() {
                let rowStore: String = row[0]
                if rowStore != store {
                    try writeConnections(connections, store: store, into: db)
                    store = rowStore
                    connections.removeAll()
                }
                connections.append(Connection(sku: row[1], lineItemName: row[2], productUID: ProductUID(row[3]), files: designFiles(row[4]),
                                              position: SourcePosition(file: row[5], line: row[6], record: 0)))
            }
            try writeConnections(connections, store: store, into: db)
            try db.execute(sql: "DROP TABLE connections")
        }
        // Production's status of published orders, as imported from the PSP's status files, oldest first.
        migrator.registerMigration("v4: order status history") { db in
            try db.execute(sql: """
                CREATE TABLE order_status (
                    id INTEGER PRIMARY KEY, store TEXT NOT NULL, order_reference TEXT NOT NULL, status TEXT NOT NULL,
                    carrier TEXT NOT NULL, tracking_number TEXT NOT NULL, tracking_url TEXT NOT NULL, happened_at TEXT NOT NULL,
                    source_file TEXT NOT NULL, source_line INTEGER NOT NULL, recorded_at TEXT NOT NULL);
                CREATE INDEX order_status_order ON order_status(store, order_reference);
                """)
        }
        // Who may do what, and what everyone did.
        migrator.registerMigration("v5: operators and audit") { db in
            try db.execute(sql: """
                CREATE TABLE operators (
                    name TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL, stores TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY, at TEXT NOT NULL, operator TEXT NOT NULL, command TEXT NOT NULL,
                    run_id TEXT NOT NULL, files TEXT NOT NULL, counts TEXT NOT NULL);
                """)
        }
        // Regularly ordered items: a Product UID with its design files, named, for manual order lines.
        migrator.registerMigration("v6: templates") { db in
            try db.execute(sql: """
                CREATE TABLE templates (
                    name TEXT PRIMARY KEY NOT NULL, product_uid TEXT NOT NULL, files TEXT NOT NULL, created_at TEXT NOT NULL);
                """)
        }
        return migrator
    }

    /// The most connections in one `connection_batches` row.
    static let maxConnectionsPerRow = 65_536
    /// About the most packed bytes in one `connection_batches` row.
    static let maxConnectionBytesPerRow = 1 << 20

    /// Replaces a store's stored connections with `connections`, in chunks numbered from 0.
    static func writeConnections(_ connections: [Connection], store: String, into db: Database) throws {
        try db.execute(sql: "DELETE FROM connection_batches WHERE store = ?", arguments: [store])
        guard !connections.isEmpty else { return }
        let insert = try db.makeStatement(sql: "INSERT INTO connection_batches (store, seq, count, data) VALUES (?, ?, ?, ?)")
        var seq = 0
        try ConnectionPacking.forEachChunk(of: connections, maxCount: maxConnectionsPerRow, maxBytes: maxConnectionBytesPerRow) { count, bytes in
            insert.setUncheckedArguments([store, seq, count, Data(bytes)])
            try insert.execute()
            seq += 1
        }
    }

    /// A store's stored connections, in the order they were recorded.
    static func readConnections(store: String, in db: Database) throws -> [Connection] {
        var connections: [Connection] = []
        // A state of an earlier version opened read-only (`validate --state`) is not migrated: its connections are
        // still rows of `connections`.
        guard try db.tableExists("connection_batches") else {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT sku, line_item_name, product_uid, files, source_file, source_line FROM connections WHERE store = ? ORDER BY rowid",
                arguments: [store])
            while let row = try rows.next() {
                connections.append(Connection(sku: row[0], lineItemName: row[1], productUID: ProductUID(row[2]), files: designFiles(row[3]),
                                              position: SourcePosition(file: row[4], line: row[5], record: 0)))
            }
            return connections
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, count, data FROM connection_batches WHERE store = ? ORDER BY seq", arguments: [store])
        while let row = try rows.next() {
            let seq: Int = row[0]
            let count: Int = row[1]
            let unpacked = try row.withUnsafeData(atIndex: 2) { data in
                (data ?? Data()).withUnsafeBytes { raw in
                    Result { () throws(ConnectionPacking.FormatError) in try ConnectionPacking.unpack(raw, into: &connections) }
                }
            }
            switch unpacked {
            case .success(let found) where found == count:
                continue
            case .success(let found):
                throw StoreError(.unavailable, "the connections of store \(store) are damaged: \(found) in batch \(seq) where \(count) were recorded")
            case .failure(let error):
                throw StoreError(.unavailable, "the connections of store \(store) are damaged: batch \(seq): \(error)")
            }
        }
        return connections
    }

    /// The most references in one `ledger_batches` row.
    static let maxReferencesPerRow = 65_536
    /// The most packed bytes in one `ledger_batches` row (unless a single reference is longer).
    static let maxBytesPerRow = 1 << 20

    /// Inserts the ledger entries of a run, in rows of bounded size (as the source hands them over, one piece
    /// in memory at a time), numbered after the run's earlier rows of the same store.
    static func insertLedger(_ source: any LedgerSource, runID: String, into db: Database) throws {
        var insert: Statement?
        var lastSeq: Statement?
        var nextSeq: [String: Int] = [:]
        try source.forEachPiece(maxCount: maxReferencesPerRow, maxBytes: maxBytesPerRow) { store, count, bytes in
            guard count > 0 else { return }
            let statement = try insert ?? db.makeStatement(sql: "INSERT INTO ledger_batches (run_id, store, seq, count, refs) VALUES (?, ?, ?, ?, ?)")
            insert = statement
            let seq: Int
            if let next = nextSeq[store] {
                seq = next
            } else {
                let query = try lastSeq ?? db.makeStatement(sql: "SELECT max(seq) FROM ledger_batches WHERE run_id = ? AND store = ?")
                lastSeq = query
                seq = try Int.fetchOne(query, arguments: [runID, store]).map { $0 + 1 } ?? 0
            }
            statement.setUncheckedArguments([runID, store, seq, count, Data(bytes)])
            try statement.execute()
            nextSeq[store] = seq + 1
        }
    }

    /// Calls `body` with each ledger row of a store (its run and its references), in the order they were
    /// recorded; stops when `body` returns `false`.
    static func forEachLedgerRow(store: String, in db: Database, _ body: (String, LedgerBatch) throws -> Bool) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT run_id, count, refs FROM ledger_batches WHERE store = ? ORDER BY rowid", arguments: [store])
        while let row = try rows.next() {
            let runID: String = row[0]
            let count: Int = row[1]
            let packed = try row.withUnsafeData(atIndex: 2) { data in data.map { [UInt8]($0) } ?? [] }
            let batch: LedgerBatch
            do {
                batch = try LedgerBatch(store: store, packed: packed)
            } catch {
                throw StoreError(.unavailable, "the ledger of run \(runID), store \(store) is damaged: \(error)")
            }
            guard batch.count == count else {
                throw StoreError(.unavailable, "the ledger of run \(runID), store \(store) is damaged: \(batch.count) references where \(count) were recorded")
            }
            guard try body(runID, batch) else { return }
        }
    }

    // MARK: - Catalog

    public func replaceCatalog(_ products: [CatalogProduct]) throws {
        var json = StateJSON()
        try write { db in
            try db.execute(sql: "DELETE FROM catalog")
            let insert = try RowWriter(db, sql: "INSERT INTO catalog (uid, title, category, status, attributes) VALUES (?, ?, ?, ?, ?)")
            for product in products {
                let attributes = json.encode(objects: product.attributes, keys: ("name", "value")) { ($0.name, $0.value) }
                try insert.insert { row in
                    try row.bind(1, product.uid.rawValue)
                    try row.bind(2, product.title)
                    try row.bind(3, product.category)
                    try row.bind(4, product.status.rawValue)
                    try row.bind(5, attributes)
                }
            }
            try db.execute(sql: "INSERT INTO catalog_imports (imported_at, products) VALUES (?, ?)", arguments: [Self.now(), products.count])
        }
    }

    public func catalog() throws -> Catalog {
        try read { db in
            var catalog = Catalog()
            let rows = try Row.fetchCursor(db, sql: "SELECT uid, title, category, status, attributes FROM catalog")
            while let row = try rows.next() {
                let attributes = Self.attributes(row[4])
                catalog.insert(CatalogProduct(
                    uid: ProductUID(row[0]), title: row[1], category: row[2],
                    status: CatalogStatus(rawValue: row[3]) ?? .active, attributes: attributes))
            }
            return catalog
        }
    }

    public func hasCatalog() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM catalog_imports") ?? 0 } > 0
    }

    // MARK: - Customers and stores

    public func addCustomer(_ customer: Customer) throws {
        try write { db in
            if !customer.referenceID.isEmpty,
                let existing = try String.fetchOne(db, sql: "SELECT name FROM customers WHERE reference_id = ?", arguments: [customer.referenceID])
            {
                throw StoreError(.conflict, "the customer reference ID \(customer.referenceID) is already used by '\(existing)'")
            }
            try db.execute(
                sql: "INSERT INTO customers (name, reference_id, description, admin_email, admin_first_name, admin_last_name) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [customer.name, customer.referenceID, customer.description, customer.adminEmail, customer.adminFirstName, customer.adminLastName])
        }
    }

    private static func customer(_ row: Row) -> Customer {
        Customer(name: row["name"], referenceID: row["reference_id"], description: row["description"],
                 adminEmail: row["admin_email"], adminFirstName: row["admin_first_name"], adminLastName: row["admin_last_name"])
    }

    public func customers() throws -> [Customer] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM customers ORDER BY name, id").map(Self.customer) }
    }

    public func customer(reference: String) throws -> Customer? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE reference_id = ?", arguments: [reference]).map(Self.customer)
        }
    }

    public func addStore(_ store: Store, replace: Bool, requireCustomer: Bool = true) throws {
        try write { db in
            let customers = try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE reference_id = ?", arguments: [store.customerReference]) ?? 0
            guard !requireCustomer || customers > 0 else {
                throw StoreError(.notFound, "no customer has the reference ID \(store.customerReference); add it first (intake customers add NAME --ref \(store.customerReference))")
            }
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM stores WHERE id = ?", arguments: [store.id]) {
                guard replace else {
                    throw StoreError(.conflict, "the store \(store.id) already exists (\(existing["platform"] as String), customer \(existing["customer_reference"] as String))")
                }
                try db.execute(sql: "UPDATE stores SET customer_reference = ?, platform = ?, name = ? WHERE id = ?",
                               arguments: [store.customerReference, store.platform.rawValue, store.name, store.id])
            } else {
                try db.execute(sql: "INSERT INTO stores (id, customer_reference, platform, name) VALUES (?, ?, ?, ?)",
                               arguments: [store.id, store.customerReference, store.platform.rawValue, store.name])
            }
        }
    }

    private static func store(_ row: Row) -> Store {
        Store(id: row["id"], customerReference: row["customer_reference"], platform: Platform(rawValue: row["platform"]) ?? .manual, name: row["name"])
    }

    public func stores() throws -> [Store] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM stores ORDER BY id").map(Self.store) }
    }

    public func store(id: String) throws -> Store? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM stores WHERE id = ?", arguments: [id]).map(Self.store) }
    }

    // MARK: - Products and connections

    public func replaceStoreProducts(store: String, kind: FileKind, header: [String], rows: [StoreProductRow]) throws {
        var json = StateJSON()
        try write { db in
            try db.execute(sql: "DELETE FROM store_products WHERE store = ?", arguments: [store])
            try db.execute(sql: "INSERT OR REPLACE INTO store_exports (store, kind, header) VALUES (?, ?, ?)",
                           arguments: [store, kind.rawValue, json.encode(strings: header)])
            let insert = try RowWriter(db, sql: "INSERT INTO store_products (store, position, sku, line_item_name, cells) VALUES (?, ?, ?, ?, ?)")
            for (position, product) in rows.enumerated() {
                let cells = json.encode(strings: product.cells)
                try insert.insert { row in
                    try row.bind(1, store)
                    try row.bind(2, position)
                    try row.bind(3, product.sku)
                    try row.bind(4, product.lineItemName)
                    try row.bind(5, cells)
                }
            }
        }
    }

    public func storeProducts(store: String) throws -> (kind: FileKind, header: [String], rows: [StoreProductRow])? {
        try read { db in
            guard let export = try Row.fetchOne(db, sql: "SELECT kind, header FROM store_exports WHERE store = ?", arguments: [store]) else { return nil }
            var rows: [StoreProductRow] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT sku, line_item_name, cells FROM store_products WHERE store = ? ORDER BY position", arguments: [store])
            while let row = try cursor.next() {
                rows.append(StoreProductRow(sku: row[0], lineItemName: row[1], cells: Self.strings(row[2])))
            }
            return (FileKind(rawValue: export["kind"]) ?? .shopifyProducts, Self.strings(export["header"]), rows)
        }
    }

    public func upsertConnections(store: String, _ connections: [Connection]) throws {
        guard !connections.isEmpty else { return }
        try write { db in
            let stored = try Self.readConnections(store: store, in: db)
            let merged = Self.merge(stored, with: connections)
            // A connect stage that reads the file it read last night changes nothing: nothing is written.
            guard !Self.sameAsStored(merged, stored) else { return }
            try Self.writeConnections(merged, store: store, into: db)
        }
    }

    /// `stored` with `connections` added as `INSERT OR REPLACE` into a table keyed by SKU (or by line-item name
    /// when the SKU is empty) would add them, row by row: a connection whose key is there already removes the
    /// earlier one, and every added connection goes to the end, in its order. So each key keeps its last
    /// occurrence, in the order of those: found walking back from the end. Keys compare byte for byte, as
    /// SQLite compares text.
    static func merge(_ stored: [Connection], with connections: [Connection]) -> [Connection] {
        let total = stored.count + connections.count
        func connection(_ position: Int) -> Connection {
            position < stored.count ? stored[position] : connections[position - stored.count]
        }
        // SKUs and names in tables of their own, each key hashed straight from its string (a key array built per
        // connection, a tag byte and the text appended, cost ~250 instructions more a connection).
        let skus = ByteKeyTable(capacity: total)
        let names = ByteKeyTable(capacity: 16)
        var kept: [Int] = []
        kept.reserveCapacity(total)
        for position in stride(from: total - 1, through: 0, by: -1) {
            let connection = connection(position)
            let sku = connection.sku
            if sku.isEmpty ? names.insertIfAbsent(connection.lineItemName, 0) : skus.insertIfAbsent(sku, 0) { kept.append(position) }
        }
        if kept.count == connections.count && stored.isEmpty { return connections }
        return kept.reversed().map(connection)
    }

    /// Whether `connections` are what `stored` holds, one by one; the state keeps a connection's file and line,
    /// not its record number, so that is not compared.
    static func sameAsStored(_ connections: [Connection], _ stored: [Connection]) -> Bool {
        guard connections.count == stored.count else { return false }
        for (connection, kept) in zip(connections, stored) {
            guard connection.sku == kept.sku, connection.lineItemName == kept.lineItemName, connection.productUID == kept.productUID,
                connection.files == kept.files, connection.position.file == kept.position.file, connection.position.line == kept.position.line
            else { return false }
        }
        return true
    }

    public func connectionList(store: String) throws -> [Connection] {
        try read { db in try Self.readConnections(store: store, in: db) }
    }

    public func connections(store: String) throws -> ConnectionIndex {
        let connections = try connectionList(store: store)
        var index = ConnectionIndex()
        index.reserveCapacity(connections.count)
        for connection in connections { index.insert(connection) }
        return index
    }

    // MARK: - Runs and ledger

    public func beginRun(_ run: RunRecord) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, pipeline, command, status, started_at, finished_at, output_directory, temporary_directory, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [run.id, run.pipeline, run.command, run.status.rawValue, run.startedAt, run.finishedAt, run.outputDirectory,
                            run.temporaryDirectory, run.summaryJSON])
        }
    }

    public func finishRun(id: String, status: RunRecord.Status, summaryJSON: String?) throws {
        // The one commit that need not be on disk when it returns: a run's end is found again by the next start's
        // recovery if a power cut loses it (published when its folder is there, aborted when it was running), and
        // the checkpoint at close syncs it a moment later. Saves a sync of the log at the end of every run.
        try writeWithoutSync { db in
            try db.execute(sql: "UPDATE runs SET status = ?, finished_at = ?, summary = coalesce(?, summary) WHERE id = ?",
                           arguments: [status.rawValue, Self.now(), summaryJSON, id])
        }
    }

    /// `write` whose commit is not synced (`synchronous = NORMAL` for that commit only); inside `inOneTransaction`
    /// the outer commit decides.
    private func writeWithoutSync(_ body: (Database) throws -> Void) throws {
        guard transactionDatabase == nil else { return try write(body) }
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                let written = Result {
                    try db.inTransaction {
                        try body(db)
                        return .commit
                    }
                }
                // Back to durable commits before anything else is written, whether or not this one went through.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try written.get()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.writeFailed, "the state \(path) could not be written: \(Self.describe(error))")
        }
    }

    public func markPublishing(runID: String, ledger: any LedgerSource) throws {
        try write { db in
            try Self.insertLedger(ledger, runID: runID, into: db)
            try db.execute(sql: "UPDATE runs SET status = ? WHERE id = ?", arguments: [RunRecord.Status.publishing.rawValue, runID])
        }
    }

    public func rollBack(runID: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM ledger_batches WHERE run_id = ?", arguments: [runID])
            try db.execute(sql: "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                           arguments: [RunRecord.Status.rolledBack.rawValue, Self.now(), runID])
        }
    }

    private static func run(_ row: Row) -> RunRecord {
        RunRecord(id: row["id"], pipeline: row["pipeline"], command: row["command"],
                  status: RunRecord.Status(rawValue: row["status"]) ?? .aborted, startedAt: row["started_at"],
                  finishedAt: row["finished_at"], outputDirectory: row["output_directory"],
                  temporaryDirectory: row["temporary_directory"], summaryJSON: row["summary"])
    }

    public func runs() throws -> [RunRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at DESC, id DESC").map(Self.run) }
    }

    public func run(id: String) throws -> RunRecord? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.run) }
    }

    public func forEachPublishedReference(store: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try read { db in
            try Self.forEachLedgerRow(store: store, in: db) { _, batch in
                try batch.forEach(body)
                return true
            }
        }
    }

    public func publishedReferenceCount(store: String) throws -> (references: Int, packedBytes: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT coalesce(sum(count), 0), coalesce(sum(length(refs)), 0) FROM ledger_batches WHERE store = ?", arguments: [store])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    public func isPublished(store: String, reference: String) throws -> Bool {
        try publishingRun(store: store, reference: reference) != nil
    }

    public func publishingRun(store: String, reference: String) throws -> String? {
        let target = Array(reference.utf8)
        return try read { db in
            var found: String?
            try Self.forEachLedgerRow(store: store, in: db) { runID, batch in
                batch.forEach { bytes in
                    if found == nil, bytes.elementsEqual(target) { found = runID }
                }
                return found == nil
            }
            return found
        }
    }

    // MARK: - Helpers

    static func now() -> String {
        UTCTime.now.iso8601
    }

    /// The strings of a JSON array column (`[]` when it is not one).
    static func strings(_ json: String) -> [String] {
        StateJSON.decodeStrings(json) ?? (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    /// The design files of a connection's JSON column (`[]` when it is not one).
    static func designFiles(_ json: String) -> [DesignFile] {
        if let pairs = StateJSON.decodeObjects(json, keys: ("type", "url")) { return pairs.map { DesignFile(type: $0.0, url: $0.1) } }
        return (try? JSONDecoder().decode([DesignFile].self, from: Data(json.utf8))) ?? []
    }

    /// The attributes of a catalog product's JSON column (`[]` when it is not one).
    static func attributes(_ json: String) -> [CatalogAttribute] {
        if let pairs = StateJSON.decodeObjects(json, keys: ("name", "value")) { return pairs.map { CatalogAttribute(name: $0.0, value: $0.1) } }
        return (try? JSONDecoder().decode([CatalogAttribute].self, from: Data(json.utf8))) ?? []
    }
}
