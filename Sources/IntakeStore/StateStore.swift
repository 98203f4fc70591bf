import IntakeModel

/// A run as the state records it.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The run's lifecycle (the publish protocol of architecture.md).
    public enum Status: String, Sendable, Codable {
        /// Reading and writing into its temporary directory.
        case running
        /// Ledger entries recorded; the output directory is being renamed into place.
        case publishing
        /// Outputs in place, ledger final.
        case published
        /// Finished without publishing (dry run, or nothing to publish).
        case finished
        /// Stopped by policy or an error; nothing published, nothing recorded.
        case aborted
        /// Left publishing by a killed process and rolled back on a later start (its directory never appeared).
        case rolledBack = "rolled_back"
    }

    /// The run id (`20261123T101500Z-1a2b3c`).
    public var id: String
    /// The pipeline (or command) that ran.
    public var pipeline: String
    /// The command line's words, for the audit trail.
    public var command: String
    /// Its status.
    public var status: Status
    /// When it started (ISO 8601, UTC).
    public var startedAt: String
    /// When it ended (ISO 8601, UTC), if it did.
    public var finishedAt: String?
    /// The final output directory.
    public var outputDirectory: String
    /// The temporary directory it writes into before publishing.
    public var temporaryDirectory: String
    /// The summary JSON, once finished.
    public var summaryJSON: String?

    /// Creates a record.
    public init(id: String, pipeline: String, command: String, status: Status, startedAt: String, finishedAt: String? = nil,
                outputDirectory: String, temporaryDirectory: String, summaryJSON: String? = nil) {
        self.id = id
        self.pipeline = pipeline
        self.command = command
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outputDirectory = outputDirectory
        self.temporaryDirectory = temporaryDirectory
        self.summaryJSON = summaryJSON
    }
}

/// A store product as synced from the store's export: the export's header and the row's cells, kept so that
/// `products export` can write the file back with the connection columns filled in.
public struct StoreProductRow: Sendable, Hashable {
    /// The variant's SKU.
    public var sku: String
    /// The variant's line-item name.
    public var lineItemName: String
    /// The row's cells, as in the export.
    public var cells: [String]

    /// Creates a row.
    public init(sku: String, lineItemName: String, cells: [String]) {
        self.sku = sku
        self.lineItemName = lineItemName
        self.cells = cells
    }
}

/// The state: catalog, customers, stores, synced products, connections, runs and the ledger of published
/// orders. Behind a protocol so a PostgreSQL implementation can slot in for several machines.
public protocol StateStore: AnyObject {
    /// Replaces the catalog.
    func replaceCatalog(_ products: [CatalogProduct]) throws
    /// The catalog (empty when none was imported).
    func catalog() throws -> Catalog
    /// Whether a catalog was ever imported.
    func hasCatalog() throws -> Bool

    /// Adds a customer; a duplicate reference ID is a `StoreError.conflict` naming the existing customer.
    func addCustomer(_ customer: Customer) throws
    /// All customers, by name.
    func customers() throws -> [Customer]
    /// The customer with a reference ID.
    func customer(reference: String) throws -> Customer?

    /// Adds a store or updates it when `replace` is set; the customer must exist when `requireCustomer` is set
    /// (a pipeline registers its stores anyway, and their orders get `unknown_customer`).
    func addStore(_ store: Store, replace: Bool, requireCustomer: Bool) throws
    /// All stores, by id.
    func stores() throws -> [Store]
    /// The store with an id.
    func store(id: String) throws -> Store?

    /// Replaces a store's synced products (the export's header and rows).
    func replaceStoreProducts(store: String, kind: FileKind, header: [String], rows: [StoreProductRow]) throws
    /// A store's synced products: the export's kind, header and rows.
    func storeProducts(store: String) throws -> (kind: FileKind, header: [String], rows: [StoreProductRow])?

    /// Adds or replaces connections of a store (by SKU, or by line-item name when the SKU is empty).
    func upsertConnections(store: String, _ connections: [Connection]) throws
    /// The connections of a store.
    func connections(store: String) throws -> ConnectionIndex
    /// The connections of a store as a list, for export.
    func connectionList(store: String) throws -> [Connection]

    /// Runs `body`, whose writes all join one transaction (one commit, one fsync): all of them or none.
    func inOneTransaction(_ body: () throws -> Void) throws

    /// Closes the state (SQLite folds its write-ahead log back into the file then); it cannot be used after.
    /// Dropping the last reference closes it too: this says when, so the cost shows up where it belongs.
    func close() throws

    /// Records a new run.
    func beginRun(_ run: RunRecord) throws
    /// Updates a run's status, end time and summary. Need not be durable when it returns (the next start's
    /// recovery finds a run's end again), unlike the other writes.
    func finishRun(id: String, status: RunRecord.Status, summaryJSON: String?) throws
    /// Records the ledger entries of a run (its accepted orders, per store and orders stage, streamed from the
    /// source piece by piece) and marks it publishing, in one transaction.
    ///
    /// The ledger keeps no per-order index: the caller, holding the state lock, has checked every reference
    /// against `forEachPublishedReference(store:_:)` and against the run's own earlier orders.
    /// - Parameters:
    ///   - runID: the run, already recorded by `beginRun(_:)`.
    ///   - ledger: the references to record, read piece by piece inside the transaction.
    /// - Throws: `StoreError(.writeFailed)` when the state cannot be written (nothing is then recorded).
    func markPublishing(runID: String, ledger: any LedgerSource) throws
    /// Rolls back a run left publishing whose directory never appeared: removes its ledger entries.
    func rollBack(runID: String) throws
    /// All runs, newest first.
    func runs() throws -> [RunRecord]
    /// One run.
    func run(id: String) throws -> RunRecord?

    /// Calls `body` with the bytes of every order reference of a store in the ledger, streamed one stored batch
    /// at a time (no `String` per reference). The buffer is valid only during the call.
    /// - Throws: `StoreError(.unavailable)` when the state cannot be read or its ledger is damaged, or what
    ///   `body` throws.
    func forEachPublishedReference(store: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
    /// How many references the ledger holds for a store and how many packed bytes they take (each reference's
    /// bytes plus its length prefix): what a run's set of references reserves before
    /// `forEachPublishedReference`, so it does not grow while loading.
    func publishedReferenceCount(store: String) throws -> (references: Int, packedBytes: Int)
    /// Whether an order was already published (by any run), compared byte for byte. It scans the store's
    /// ledger: for tools and tests; a run loads the ledger once into a set of its own instead.
    func isPublished(store: String, reference: String) throws -> Bool
    /// The run that published an order, if any (a scan of the store's ledger, as `isPublished`).
    func publishingRun(store: String, reference: String) throws -> String?
}

/// A state operation that cannot be done as asked.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable {
        /// The state file cannot be opened, or is locked by another process past the timeout.
        case unavailable
        /// A change could not be written (the disk is full, the file read-only): nothing of it was recorded.
        case writeFailed = "write_failed"
        /// The operation conflicts with what is there (a duplicate reference ID).
        case conflict
        /// Something named does not exist (a store's customer).
        case notFound = "not_found"
    }

    /// What kind of failure.
    public var kind: Kind
    /// An operator-facing message.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
