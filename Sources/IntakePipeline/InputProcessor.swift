import Foundation
import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeStore
import IntakeValidation
import Logging

/// Where the orders a run accepts or holds go (the run's outputs); `validate` has none.
protocol OrderSink: AnyObject {
    /// An accepted order: its job is published. `keep` says which lines are in it (all, unless dropped by policy).
    func accept(_ order: Order, check: OrderCheck, keep: [Bool]) throws
    /// Rows of a held order (or lines dropped by policy), with their issues: they go to the fix file.
    func reject(lines: [OrderLine], issues: [[Issue]], header: HeaderIndex, file: String) throws
    /// Job lines (JSON and a line feed each) of accepted orders, written by the fast lane: one order's when
    /// `reference` is given, any number otherwise.
    func writeJobs(_ lines: UnsafeRawBufferPointer, reference: String?) throws
    /// Whether each job also gets a file of its own (the fast lane then hands jobs over one by one).
    var wantsJobFiles: Bool { get }
    /// Whether jobs are routed (`output.routes`): the fast lane then hands jobs over one by one, with their route.
    var routesJobs: Bool { get }
    /// One accepted order's job line, written by the fast lane: its reference's UTF-8 bytes, and the index of the
    /// route it goes to.
    func writeRoutedJob(_ line: UnsafeRawBufferPointer, reference: UnsafeRawBufferPointer, route: Int) throws
}

/// Reads input entries of any kind and validates their rows against the reference data, sending every issue
/// to the log. In reference mode it also builds the catalog and the connection index from what it reads; in a
/// run it hands orders to a sink and collects connections and synced products for the state.
final class InputProcessor {
    enum Mode {
        /// Check the inputs; change nothing.
        case validate
        /// Build reference data (catalog, connections) from the inputs; only `expected` kinds are allowed.
        case reference(expected: Set<FileKind>, option: String)
    }

    var catalog: Catalog?
    var connections: ConnectionIndex?
    private let log: IssueLog
    private let forcedKind: FileKind?
    private let options: CSVOptions
    private let mode: Mode
    /// The order references met so far (a repeat is a duplicate); in a run, the runner fills it first with the
    /// store's ledger and its earlier stages' orders. Made on first use when the runner gives none.
    var references: ReferenceSet?
    private var pending: [Issue] = []
    private(set) var rowsAccepted = 0
    private(set) var rowsRejected = 0
    private(set) var sawOrders = false
    private(set) var sawConnections = false

    /// The kinds this processor takes, with the reason shown when another comes (a store's platform).
    var allowedKinds: (kinds: Set<FileKind>, why: String)?
    /// Where orders go in a run.
    weak var orderSink: (any OrderSink)?
    /// Hold whole orders (default), or drop failing lines and publish the rest.
    var holdWholeOrder = true
    /// A store's `columns:` mapping (our field name → their header) for order layouts no preset knows.
    var columnMapping: [String: String] = [:]
    /// A Pressero store's integration ID, for orders whose file names none.
    var storeIntegrationID: String?
    /// The e-mail given to orders whose export has none (Etsy): the store customer's admin e-mail.
    var fallbackEmail: String?
    /// The store's customer reference ID: orders naming another customer get `unknown_customer`.
    var storeCustomer: String?
    /// Report a customer mismatch on every row of the order (Pressero's integration ID).
    var customerMismatchOnEveryLine = false
    /// The store's customer reference when that customer does not exist (orders get `unknown_customer`).
    var unknownCustomer: String?
    /// Keep each order row's cells (for fix files) and each product row's cells (for sync).
    var keepCells = false
    /// The templates order lines may name (`Template`), as connections by name; `nil` when there is no state.
    var templates: [String: Connection]?
    /// Connections that validated, in file order (for `connections import` and connect stages).
    private(set) var collectedConnections: [Connection] = []
    /// Product rows with their export header (for `products sync`).
    private(set) var collectedProducts: (kind: FileKind, header: [String], rows: [StoreProductRow])?
    /// Catalog products read without error, in file order (for `catalog import`).
    private(set) var collectedCatalog: [CatalogProduct] = []
    /// Customers read, in file order (for `customers import`).
    private(set) var collectedCustomers: [Customer] = []
    /// Where the references of accepted orders go, for the ledger (runs only: the runner sets it).
    var ledger: LedgerSpool?
    /// Where bytes and rows read are counted for a progress display, when there is one.
    var progress: ProgressCounters?

    init(catalog: Catalog?, connections: ConnectionIndex?, log: IssueLog, forcedKind: FileKind?, options: CSVOptions, mode: Mode = .validate) {
        self.catalog = catalog
        self.connections = connections
        self.log = log
        self.forcedKind = forcedKind
        self.options = options
        self.mode = mode
    }

    /// Takes an archive problem reported between entries; it reaches the log with the next entry.
    func report(_ error: ArchiveError) {
        pending.append(Self.issue(for: error))
    }

    /// The issue an archive or input problem is reported as.
    static func issue(for error: ArchiveError) -> Issue {
        let code = IssueCode(rawValue: error.kind.rawValue) ?? .unreadableFile
        let hint: String
        switch error.kind {
        case .unreadableFile: hint = "check the path and the file's permissions"
        case .corruptArchive: hint = "the archive is damaged or cut off; download or export it again"
        case .unsafeEntry: hint = "the entry was not read; archives must hold plain files with relative paths"
        case .limitExceeded: hint = "the archive expands beyond the safety limits; unpack it and give the files directly if it is genuine"
        case .unrecognizedEntry: hint = "only .csv, .tsv and .txt entries are read"
        default: hint = ""
        }
        var message = error.message
        if let underlying = error.underlying, !underlying.isEmpty { message += " (\(underlying))" }
        return Issue(code, at: SourcePosition(file: error.path, line: 0, record: 0), message: message, hint: hint)
    }

    /// Sends reported archive problems to the log.
    func flushReported() throws {
        let issues = pending
        pending.removeAll()
        try log.add(issues)
    }

    /// Reads one entry to its end.
    func process(entry: InputEntry, source: any ByteSource, summary: inout RunSummary) throws {
        try flushReported()
        var source = source
        if let progress {
            progress.setInputName(entry.displayPath)
            // A plain file's bytes are counted as read; an archive's (decompressed) are not: it counts as its file
            // size once finished (`ProgressCounters.endInput`).
            if entry.container == .plain { source = CountingByteSource(source, counters: progress) }
        }
        guard let input = try CSVInput.open(entry: entry, source: source, forcedKind: forcedKind, options: options, mapping: columnMapping,
                                            log: log, summary: &summary) else {
            PipelineLog.logger.info("skipped \(entry.displayPath)")
            return
        }
        input.progress = progress
        if case .reference(let expected, let option) = mode, !expected.contains(input.kind) {
            throw UsageError("\(entry.displayPath) is a \(input.kind.rawValue) file, but \(option) takes \(expected.map(\.rawValue).sorted().joined(separator: " or ")) files")
        }
        if let allowed = allowedKinds, !allowed.kinds.contains(input.kind) {
            throw UsageError("\(entry.displayPath) is a \(input.kind.rawValue) file, but \(allowed.why)")
        }
        defer {
            input.reportProgress()
            let entry = input.fileEntry
            PipelineLog.logger.info("read \(entry.path): \(entry.kind ?? "?"), \(entry.rows) rows, \(entry.encoding ?? "?")")
            summary.files.append(entry)
            summary.rowsRead += input.rows
            if input.reader.dialect.encoding == .windows1252 {
                summary.warnings.append("\(input.file): not valid UTF-8, read as Windows-1252; check that names with accents look right")
            }
        }
        switch input.kind {
        case .catalog: try readCatalog(input)
        case .customers: try readCustomers(input)
        case _ where input.kind.isProducts:
            if var adapter = FormatRegistry.productAdapter(for: input.kind, header: input.header) { try readProducts(input, adapter: &adapter) }
        case _ where input.kind.isOrders:
            if var adapter = FormatRegistry.orderAdapter(for: input.kind, header: input.header, mapping: columnMapping,
                                                         countryCode: { Countries.alpha2(forName: $0) }) {
                try readOrders(input, adapter: &adapter, summary: &summary)
            } else {
                try log.add(Issue(.unrecognizedFormat, at: SourcePosition(file: input.file, line: 1, record: 0),
                                  message: "\(input.kind.rawValue) files are not supported yet", hint: "convert the file to a supported kind"))
            }
        default:
            try log.add(Issue(.unrecognizedFormat, at: SourcePosition(file: input.file, line: 1, record: 0),
                              message: "\(input.kind.rawValue) files are not supported yet", hint: "convert the file to a supported kind"))
        }
    }

    private func reject(_ issue: Issue) throws {
        rowsRejected += 1
        try log.add(issue)
    }

    // MARK: - Catalog

    private func readCatalog(_ input: CSVInput) throws {
        guard let adapter = CatalogAdapter(header: input.header) else { return }
        var seenUIDs: [ProductUID: Int] = [:]
        while let row = try input.nextRow() {
            guard case .row(let position) = row else {
                if case .rejected(_, let issue) = row { try reject(issue) }
                continue
            }
            var issues: [Issue] = []
            if let product = adapter.product(from: input.reader, at: position, issues: &issues) {
                if let firstLine = seenUIDs[product.uid] {
                    let column = input.header.index(ofAny: ColumnAliases.productUID).map { input.header.names[$0] } ?? "Product UID"
                    issues.append(Issue(.invalidValue, at: position, column: column, value: product.uid.rawValue,
                                        message: "the Product UID appears again (first at line \(firstLine))",
                                        hint: "keep one row per Product UID"))
                } else {
                    seenUIDs[product.uid] = position.line
                    collectedCatalog.append(product)
                }
            }
            try log.add(issues)
            if issues.hasError { rowsRejected += 1 } else { rowsAccepted += 1 }
        }
        if case .reference = mode {
            var merged = catalog ?? Catalog()
            for product in collectedCatalog { merged.insert(product) }
            catalog = merged
        }
    }

    // MARK: - Customers

    private func readCustomers(_ input: CSVInput) throws {
        guard let adapter = CustomersAdapter(header: input.header) else { return }
        var references: [String: Int] = [:]
        while let row = try input.nextRow() {
            guard case .row(let position) = row else {
                if case .rejected(_, let issue) = row { try reject(issue) }
                continue
            }
            var issues: [Issue] = []
            if let customer = adapter.customer(from: input.reader, at: position, issues: &issues) {
                if !customer.referenceID.isEmpty, let first = references[customer.referenceID] {
                    issues.append(Issue(.invalidValue, at: position, column: "Customer Reference ID", value: customer.referenceID,
                                        message: "the reference ID appears again (first at line \(first))", hint: "reference IDs are unique"))
                } else {
                    if !customer.referenceID.isEmpty { references[customer.referenceID] = position.line }
                    collectedCustomers.append(customer)
                }
            }
            try log.add(issues)
            if issues.hasError { rowsRejected += 1 } else { rowsAccepted += 1 }
        }
    }

    // MARK: - Products and connections

    /// A product row as the reading thread adapts it, for the thread that checks it.
    private enum ProductItem {
        /// A row the reader rejected.
        case rejected(Issue)
        /// A row with its position, its format-level issues, its variants and (for `products sync`) its cells.
        case row(position: SourcePosition, issues: [Issue], variants: [StoreVariant], cells: [String])
    }

    /// Reads product rows on two threads: this one parses and adapts them (the adapter carries product fields
    /// from row to row), a `BatchWorker` validates the variants and records connections and issues, in file order.
    private func readProducts(_ input: CSVInput, adapter: inout some ProductRowAdapter) throws {
        let validator = ConnectionValidator(catalog: catalog)
        let names = adapter.connectionColumnNames
        let skuColumn = adapter.skuColumn
        if adapter.isConnectionFile { sawConnections = true }
        var index = connections ?? ConnectionIndex()
        defer { if case .reference = mode { connections = index } }
        if keepCells { collectedProducts = (input.kind, input.header.names, collectedProducts?.rows ?? []) }
        let keepCells = self.keepCells
        let worker = BatchWorker<ProductItem>(name: "intake-products") { [self] batch in
            for item in batch {
                guard case .row(let position, var issues, let variants, let cells) = item else {
                    if case .rejected(let issue) = item { try reject(issue) }
                    continue
                }
                if variants.isEmpty, keepCells {
                    // Not a variant (an image row, a variable parent): kept so the exported file is the store's own.
                    collectedProducts?.rows.append(StoreProductRow(sku: "", lineItemName: "", cells: cells))
                }
                // Through the array's memory: each variant is lent to the checks, not copied out of the array (a
                // retain and a release of each of its dozen fields, 3.6M instructions for the 8,215 variants of the
                // 100,000-order bench; `for variant in variants` and `variants[index]` both copied).
                variants.withUnsafeBufferPointer { variants in
                    for at in variants.indices {
                        let checked = validator.validate(variants[at], uidColumn: names.uid, designColumn: names.design, skuColumn: skuColumn)
                        if !checked.issues.isEmpty { issues.append(contentsOf: checked.issues) }  // an empty append still makes `issues` unique
                        if let connection = checked.connection { collectedConnections.append(connection) }
                        if keepCells {
                            collectedProducts?.rows.append(StoreProductRow(sku: variants[at].sku, lineItemName: variants[at].lineItemName, cells: cells))
                        }
                        if case .reference = mode {
                            if let connection = checked.connection {
                                index.insert(connection)
                            } else if let code = checked.issues.first(where: { $0.severity == .error })?.code {
                                index.noteRejected(sku: variants[at].sku, lineItemName: variants[at].lineItemName, position: position, code: code)
                            }
                        }
                    }
                }
                try log.add(issues)
                if issues.hasError { rowsRejected += 1 } else { rowsAccepted += 1 }
            }
        }
        let batchSize = 256
        var batch: [ProductItem] = []
        batch.reserveCapacity(batchSize)
        var readError: (any Error)?
        do {
            while let row = try input.nextRow() {
                switch row {
                case .rejected(_, let issue):
                    batch.append(.rejected(issue))
                case .row(let position):
                    var issues: [Issue] = []
                    let adapted = adapter.row(from: input.reader, at: position, issues: &issues)
                    if let inactive = adapted.inactive {
                        issues.append(Issue(.productNotActive, at: position, column: inactive.column, value: inactive.value,
                                            message: inactive.message,
                                            hint: "orders cannot come for it until it is active and published; ignore this if that is intended"))
                    }
                    batch.append(.row(position: position, issues: issues, variants: adapted.variants, cells: keepCells ? input.reader.strings() : []))
                }
                if batch.count == batchSize {
                    try worker.submit(batch)
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
            }
        } catch {
            readError = error
        }
        // The rows read before a read error are recorded, as when each row was recorded as it was read. A worker
        // that failed refuses the batch; its error comes first.
        do {
            try worker.submit(batch)
        } catch {
            readError = nil
        }
        try worker.finish()
        if let readError { throw readError }
    }

    // MARK: - Orders

    private func readOrders(_ input: CSVInput, adapter: inout some OrderRowAdapter, summary: inout RunSummary) throws {
        adapter.keepCells = keepCells
        sawOrders = true
        var validator = OrderValidator(catalog: catalog, connections: connections)
        validator.unknownCustomer = unknownCustomer
        validator.storeCustomer = storeCustomer
        validator.emailRequired = input.kind != .etsyOrders || fallbackEmail != nil
        validator.customerMismatchOnEveryLine = customerMismatchOnEveryLine
        validator.templates = templates
        if !Self.slowOnly, let shopify = adapter as? ShopifyOrderAdapter, CleanOrderRules(validator) != nil {
            try readShopifyOrders(input, adapter: shopify, validator: validator, summary: &summary)
            return
        }
        let referenceName = adapter.columns[.reference]
        let referenceColumn = referenceName.isEmpty ? nil : input.header.names.firstIndex(of: referenceName)
        var assembler = OrderAssembler(columns: adapter.columns)
        do {
            while let row = try input.nextRow() {
                var orderRows: [OrderRow] = []
                switch row {
                case .row(let position):
                    var issues: [Issue] = []
                    orderRows = adapter.rows(from: input.reader, at: position, issues: &issues)
                    if orderRows.isEmpty {
                        // A row the adapter could not turn into any line: rejected as it stands.
                        let issue = issues.first ?? Issue(.malformedRow, at: position, message: "the row holds no line item", hint: "check the row")
                        let reference = referenceColumn.map { input.reader.string($0).trimmingSpaces } ?? ""
                        orderRows = [OrderRow(reference: reference, address: Address(),
                                              line: OrderLine(position: position, quantityText: "", sku: "", name: "",
                                                              record: keepCells ? (input.reader.recordBytes(), input.reader.dialect.delimiter) : nil, rejection: issue))]
                    } else if !issues.isEmpty {
                        try log.add(issues)
                    }
                    input.countExtraLineItems(orderRows.count - 1)
                case .rejected(let position, let issue):
                    // Keep the rejected row in its order (by the reference it still shows) so the order is held.
                    let reference = referenceColumn.map { input.reader.string($0).trimmingSpaces } ?? ""
                    orderRows = [OrderRow(reference: reference, address: Address(),
                                          line: OrderLine(position: position, quantityText: "", sku: "", name: "",
                                                          record: keepCells ? (input.reader.recordBytes(), input.reader.dialect.delimiter) : nil, rejection: issue))]
                }
                for orderRow in orderRows {
                    if let order = assembler.add(orderRow) { try handle(order, validator: validator, header: input.header, summary: &summary) }
                }
            }
        } catch {
            // The input broke off (a corrupt archive, a read error): the order in hand is incomplete, so held.
            if let order = assembler.finish() {
                summary.ordersHeld += 1
                summary.lineItemsHeld += order.lines.count
            }
            throw error
        }
        if let order = assembler.finish() { try handle(order, validator: validator, header: input.header, summary: &summary) }
    }

    private func handle(_ order: Order, validator: OrderValidator, header: HeaderIndex, summary: inout RunSummary) throws {
        var tally = OrderTally()
        let duplicate = order.reference.isEmpty ? nil : try duplicateVerdict(order.reference)
        try handle(order, duplicate: duplicate, validator: validator, header: header, tally: &tally)
        tally.add(to: &summary)
        merge(tally)
    }

    /// Whether an order reference was seen before: `nil` when not (it is now), `true` when an earlier run
    /// published it, `false` when it came earlier in this run.
    /// - Throws: `FileWriteError` or `FileReadError` when the references' scratch file fails.
    func duplicateVerdict(_ reference: String) throws -> Bool? {
        var reference = reference
        return try reference.withUTF8 { try duplicateVerdict(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `duplicateVerdict(_:)` of a reference's UTF-8 bytes.
    func duplicateVerdict(bytes reference: UnsafeRawBufferPointer) throws -> Bool? {
        Self.verdict(try referenceSet().insert(reference, origin: .input))
    }

    /// The stage's set of order references, made at its first use.
    /// - Throws: `FileWriteError` when its scratch file cannot be created.
    func referenceSet() throws -> ReferenceSet {
        if let references { return references }
        let set = try ReferenceSet()
        references = set
        return set
    }

    /// `duplicateVerdict`'s answer for what inserting a reference found.
    static func verdict(_ found: ReferenceSet.Origin?) -> Bool? {
        switch found {
        case nil: nil
        case .ledger: true
        case .input: false
        }
    }

    /// Adds what a worker counted to this processor's totals.
    func merge(_ tally: OrderTally) {
        rowsAccepted += tally.rowsAccepted
        rowsRejected += tally.rowsRejected
    }

    /// Validates an order whose duplicate verdict is known and sends it to the sink: accepted, held or skipped as a
    /// duplicate, with its issues logged. Touches no state of the processor but the log, the sink and the ledger
    /// spool (the fast lane runs it on its output thread).
    func handle(_ order: consuming Order, duplicate: Bool?, validator: OrderValidator, header: HeaderIndex, tally: inout OrderTally) throws {
        // Changed in place, not as `var order = order`: that was a copy of the whole order handed over (~450
        // instructions an order of the full path, with its release).
        if order.customerReference.isEmpty, let storeIntegrationID {
            order.customerReference = storeIntegrationID
        }
        if order.address.email.isEmpty, let fallbackEmail, !fallbackEmail.isEmpty {
            order.address.email = fallbackEmail
        }
        if let earlierRun = duplicate {
            tally.ordersDuplicate += 1
            tally.lineItemsDuplicate += order.lines.count
            let why = earlierRun ? "was already published by an earlier run" : "comes again after other orders"
            for index in order.lines.indices {
                try log.add(Issue(.duplicateOrder, at: order.lines[index].position, order: order.reference, column: order.columns[.reference],
                                  value: order.reference, message: "order \(order.reference) \(why); this one is skipped",
                                  hint: earlierRun ? "nothing to do: an order is produced once" : "keep each order's rows together, once; the first occurrence is the one processed"))
            }
            return
        }
        let holdWholeOrder = self.holdWholeOrder || unknownCustomer != nil
        let check = validator.validate(order, holdWholeOrder: holdWholeOrder)
        for index in check.issues.indices { try log.add(check.issues[index]) }
        // Which lines are kept, once a held order is ruled out (no arrays for one that is held).
        var keep: [Bool] = []
        var kept = 0
        let held = check.isHeld
        if !(holdWholeOrder && held) {
            keep.reserveCapacity(check.issues.count)
            for index in check.issues.indices {
                let ok = !check.issues[index].hasError
                keep.append(ok)
                if ok { kept += 1 }
            }
        }
        if holdWholeOrder ? held : kept == 0 {
            tally.ordersHeld += 1
            tally.lineItemsHeld += order.lines.count
            tally.rowsRejected += order.lines.count
            try orderSink?.reject(lines: order.lines, issues: check.issues, header: header, file: order.headerPosition.file)
            return
        }
        tally.ordersAccepted += 1
        tally.lineItemsAccepted += kept
        tally.lineItemsHeld += order.lines.count - kept
        tally.rowsAccepted += kept
        tally.rowsRejected += order.lines.count - kept
        try ledger?.append(order.reference)
        try orderSink?.accept(order, check: check, keep: keep)
        if kept < order.lines.count {
            let dropped = order.lines.indices.filter { !keep[$0] }
            try orderSink?.reject(lines: dropped.map { order.lines[$0] }, issues: dropped.map { check.issues[$0] }, header: header, file: order.headerPosition.file)
        }
    }
}

extension InputProcessor {
    /// `INTAKE_SLOW_PATH=1` runs every order through the full path (to compare outputs with the fast lane's).
    static let slowOnly = ProcessInfo.processInfo.environment["INTAKE_SLOW_PATH"] == "1"

    /// Reads a Shopify orders export on two threads: this one parses rows and publishes clean orders through
    /// `ShopifyOrderLane`; an `OutputWorker` writes their JSON and takes every other order through the full path.
    private func readShopifyOrders(_ input: CSVInput, adapter: ShopifyOrderAdapter, validator: OrderValidator, summary: inout RunSummary) throws {
        let outputs = orderSink as? RunOutputs
        let slowPath = try SlowPath(processor: self, adapter: adapter, validator: validator, header: input.header,
                                delimiter: input.reader.dialect.delimiter, options: options, file: input.file,
                                jobRecord: JobRecord(store: outputs?.store ?? "", customerReference: outputs?.customerReference ?? "",
                                                 file: input.file))
        let worker = OutputWorker(process: slowPath.process)
        guard var lane = ShopifyOrderLane(input: input, adapter: adapter, validator: validator, worker: worker,
                                          writesJobs: orderSink != nil, router: outputs?.routing?.router)
        else {
            try worker.finish()
            return
        }
        defer { lane.release() }
        PhaseTrace.mark("fast lane ready")
        // The job records point into the lane's tables: the output thread keeps them as long as it renders.
        slowPath.tableOwners = lane.tableOwners
        // The full path's lines are joined through the lane's byte-keyed connection tables, not through the
        // index's `[String: Int]`s.
        slowPath.validator.connectionKeys = lane.connectionKeys
        slowPath.addressRules = lane.deferredAddressRules
        var readError: (any Error)?
        do {
            loop: while true {
                switch try input.advance() {
                case .row: try lane.takeRow()
                case .rejected: try lane.take(rejected: input.rejection)
                case .end: break loop
                }
            }
            try lane.finish()
        } catch {
            // The input broke off (a corrupt archive, a read error): the order in hand is incomplete, so held.
            readError = error
            try? lane.handOverAfterBreak()
        }
        try worker.finish()
        var tally = OrderTally()
        if readError != nil, lane.pendingLines > 0 {
            tally.ordersHeld += 1
            tally.lineItemsHeld += lane.pendingLines
        }
        tally.add(to: &summary)
        merge(tally)
        slowPath.tally.add(to: &summary)
        merge(slowPath.tally)
        if let readError { throw readError }
    }
}

/// The output thread's side of `readShopifyOrders`: orders the fast lane did not publish, rebuilt from their
/// rows as read and handled exactly as `readOrders` handles every order.
private final class SlowPath {
    let processor: InputProcessor
    /// A `let`: read where it lies (each read of a `var` copied the adapter, a retain and a release of its columns).
    let adapter: ShopifyOrderAdapter
    /// Its `connectionKeys` set before the first batch comes, with `tableOwners`. Read once a batch and handed
    /// down: a class's `var` read per order was a copy of the validator (~60,000 retains at 100k orders).
    var validator: OrderValidator
    let header: HeaderIndex
    let delimiter: UInt8
    let options: CSVOptions
    let file: String
    var tally = OrderTally()
    /// Reads the rows of held orders again (one reader for all of them).
    let rereader: CSVReader
    /// Encodes fix-file rows as the run's fix writers do (`,`, spreadsheet-safe).
    var fixEncoder = CSVWriter(sink: MemoryByteSink(), spreadsheetSafe: true)
    /// Writes the clean orders' jobs from their records.
    let jobRecord: JobRecord
    /// What the records point into (set before the first batch comes).
    var tableOwners: [AnyObject] = []
    /// The address checks the lane left to this thread (`ShopifyOrderLane.deferredAddressRules`), set with
    /// `tableOwners`.
    var addressRules: CleanOrderRules?
    /// Whole job lines on their way to the sink.
    private var jobs = ByteBuffer(capacity: OutputWorker.batchBytes + (16 << 10))
    private static let prefetchDistance = 8

    init(processor: InputProcessor, adapter: ShopifyOrderAdapter, validator: OrderValidator, header: HeaderIndex, delimiter: UInt8,
         options: CSVOptions, file: String, jobRecord: JobRecord) throws {
        self.processor = processor
        self.adapter = adapter
        self.validator = validator
        self.header = header
        self.delimiter = delimiter
        self.options = options
        self.file = file
        self.jobRecord = jobRecord
        // Held rows are records the input's reader read without a problem (a row with one comes as a rejection, not
        // read again), so their UTF-8 was checked then.
        rereader = try CSVReader.rereader(delimiter: delimiter, options: options, validUTF8: true)
    }

    deinit { jobs.free() }

    /// Writes the batch's jobs and takes its other orders through the full path, in file order. Duplicates are
    /// decided here, for every order, so that the first occurrence wins whichever path it takes.
    func process(_ batch: OutputWorker.Batch) throws {
        let validator = self.validator
        let sink = processor.orderSink
        let jobFiles = sink?.wantsJobFiles ?? false
        let routed = sink?.routesJobs ?? false
        // With `jobs: jsonl`, a routed job is written as any other, in place, and its bytes go to its route from there.
        let lineRouting = jobFiles ? nil : (sink as? RunOutputs)?.routing
        let jobRecords = batch.jobRecords.bytes
        let direct = (sink as? RunOutputs)?.jobLinesSink
        // Used in the loop below without retaining it (`sink` holds it for the whole call): each job's use of the
        // optional reference was a retain and a release, and so was each use of `ledger` (~60 instructions a job).
        let unretainedDirect = direct.map { Unmanaged.passUnretained($0) }
        // Published jobs are gathered in `jobs` and written with one call per 256 KiB (and before anything else
        // is written: an order of the full path, a duplicate).
        func flush() throws {
            if !jobs.isEmpty { try sink?.writeJobs(jobs.bytes, reference: nil) }
            jobs.removeAll()
        }
        do {
            let references = batch.references.bytes
            // A batch's references are known up front: each duplicate check starts the cache misses of the one
            // `prefetchDistance` clean orders later (all at once would overrun what the CPU keeps in flight). Their
            // hashes are kept for the checks themselves (hashing each twice cost ~90 instructions an order).
            let segments = batch.segments
            let ahead = [UInt64](unsafeUninitializedCapacity: segments.count) { hashes, count in
                for segment in segments {
                    if case .clean(_, let referenceRange, _) = segment {
                        hashes[count] = ReferenceSet.hash(UnsafeRawBufferPointer(rebasing: references[referenceRange]))
                        count += 1
                    }
                }
            }
            let set = try processor.referenceSet()
            if let expected = batch.expectedOrders { set.reserveCapacity(set.count + expected) }
            // Read once, not per order (each read of a class's property is a retain and a release); used unretained
            // as `direct` (the processor holds it).
            let ledger = processor.ledger.map { Unmanaged.passUnretained($0) }
            let rows = batch.heldRows
            let jobRecord = self.jobRecord
            // Unretained in the loop as well (this object holds them): the reading thread's lane checks addresses with
            // the same rules object, and a retain and a release of it per order here bounced its cache line between
            // the cores (0.5% of a 1M-order run's samples, with the checks deferred to this thread).
            let addressRules = batch.addressesChecked ? nil : self.addressRules.map { Unmanaged.passUnretained($0) }
            for hash in ahead.prefix(Self.prefetchDistance) { set.prefetch(hash: hash) }
            var cleanSeen = 0
            for segment in segments {
                switch segment {
                case .clean(let recordRange, let referenceRange, let rowRange):
                    if cleanSeen + Self.prefetchDistance < ahead.count { set.prefetch(hash: ahead[cleanSeen + Self.prefetchDistance]) }
                    let hash = ahead[cleanSeen]
                    cleanSeen += 1
                    let reference = UnsafeRawBufferPointer(rebasing: references[referenceRange])
                    let record = UnsafeRawBufferPointer(rebasing: jobRecords[recordRange])
                    if let addressRules, !recordRange.isEmpty,
                        !addressRules._withUnsafeGuaranteedRef({ $0.isClean(JobRecord.address(of: record)) })
                    {
                        // The address checks the lane deferred: an order they fail is not published here.
                        try flush()
                        try handle(rows: rowRange, reference: reference, of: batch, validator: validator)
                        continue
                    }
                    if let earlierRun = InputProcessor.verdict(try set.insert(reference, hash: hash, origin: .input)) {
                        try flush()
                        let text = String(decoding: reference, as: UTF8.self)
                        let lines = rows[rowRange].map {
                            OrderLine(position: SourcePosition(file: file, line: $0.line, record: $0.record), quantityText: "", sku: "", name: "")
                        }
                        let order = Order(reference: text, headerPosition: lines[0].position, columns: adapter.columns, lines: lines)
                        try processor.handle(order, duplicate: earlierRun, validator: validator, header: header, tally: &tally)
                        continue
                    }
                    tally.ordersAccepted += 1
                    tally.lineItemsAccepted += rowRange.count
                    tally.rowsAccepted += rowRange.count
                    try ledger?._withUnsafeGuaranteedRef { try $0.append(reference) }
                    guard !recordRange.isEmpty, !rowRange.isEmpty else { continue }
                    let first = rows[rowRange.lowerBound].line, last = rows[rowRange.upperBound - 1].line
                    if let lineRouting {
                        // The lane put the order's route in its record's first byte (`ShopifyOrderLane.settleOrder`).
                        let route = Int(record.load(as: UInt8.self) >> 1)
                        if jobs.isEmpty, let direct {
                            let bound = jobRecord.maximumLength(reference: reference, record: record)
                            let wrote = try direct.writeInPlace(upTo: bound) { start in
                                let at = start.assumingMemoryBound(to: UInt8.self)
                                let count = jobRecord.write(reference: reference, record: record, firstLine: first, lastLine: last, at: at) - at
                                try lineRouting.add(UnsafeRawBufferPointer(start: start, count: count), route: route, jobFile: nil)
                                return count
                            }
                            if wrote { continue }
                        }
                        try flush()
                        jobRecord.render(reference: reference, record: record, firstLine: first, lastLine: last, to: &jobs)
                        try sink?.writeJobs(jobs.bytes, reference: nil)
                        try lineRouting.add(jobs.bytes, route: route, jobFile: nil)
                        jobs.removeAll()
                    } else if routed {
                        // The lane put the order's route in its record's first byte (`ShopifyOrderLane.settleOrder`).
                        try flush()
                        jobRecord.render(reference: reference, record: record, firstLine: first, lastLine: last, to: &jobs)
                        try sink?.writeRoutedJob(jobs.bytes, reference: reference, route: Int(record.load(as: UInt8.self) >> 1))
                        jobs.removeAll()
                    } else if jobFiles {
                        try flush()
                        jobRecord.render(reference: reference, record: record, firstLine: first, lastLine: last, to: &jobs)
                        try sink?.writeJobs(jobs.bytes, reference: String(decoding: reference, as: UTF8.self))
                        jobs.removeAll()
                    } else {
                        // Straight into the block `jobs.jsonl` is written from, when it has room (a copy less).
                        if jobs.isEmpty, let direct = unretainedDirect,
                            try direct._withUnsafeGuaranteedRef({ direct in
                                guard let room = direct.room(for: jobRecord.maximumLength(reference: reference, record: record)) else { return false }
                                let at = room.assumingMemoryBound(to: UInt8.self)
                                try direct.commit(jobRecord.write(reference: reference, record: record, firstLine: first, lastLine: last, at: at) - at)
                                return true
                            })
                        {
                            continue
                        }
                        jobRecord.render(reference: reference, record: record, firstLine: first, lastLine: last, to: &jobs)
                        if jobs.count >= OutputWorker.batchBytes || direct != nil { try flush() }
                    }
                case .held(let rows, let referenceRange):
                    try flush()
                    try handle(rows: rows, reference: UnsafeRawBufferPointer(rebasing: references[referenceRange]), of: batch, validator: validator)
                }
            }
        }
        try flush()
    }

    private func handle(rows: Range<Int>, reference: UnsafeRawBufferPointer, of batch: OutputWorker.Batch, validator: OrderValidator) throws {
        if try handleDirectly(rows: rows, reference: reference, of: batch, validator: validator) { return }
        var assembler = OrderAssembler(columns: adapter.columns, linesPerOrder: rows.count)
        var orders: [Order] = []
        let bytes = batch.heldBytes.bytes.assumingMemoryBound(to: UInt8.self)
        for index in rows {
            let row = batch.heldRows[index]
            let record = UnsafeBufferPointer(rebasing: bytes[row.start..<row.end])
            let position = SourcePosition(file: file, line: row.line, record: row.record)
            if row.rejection >= 0 {
                let rejected = batch.rejections[row.rejection]
                let line = OrderRow(reference: rejected.reference, address: Address(),
                                    line: OrderLine(position: position, quantityText: "", sku: "", name: "",
                                                    record: adapter.keepCells ? (Array(record), delimiter) : nil, rejection: rejected.issue))
                if let order = assembler.add(line) { orders.append(order) }
            } else if try rereader.reread(record: record) {
                let reader = rereader
                // The rows are one order's (the lane grouped them): only the first one's order fields are read, and
                // the others' references are compared as bytes, not made into strings. No line keeps its record:
                // its fix-file row is encoded now.
                // Whether the row continues the order in hand (decided on its reference's bytes): its line is all it adds.
                let continuing = adapter.continues(assembler, reader: reader)
                // Its fix-file row, while the record is read (the fix writer would otherwise read it again); given to
                // the adapter, so that the row is a `let` handed on as it is (a `var` was copied, ~12M instructions
                // for the 13,500 held rows of the 100,000-order bench run).
                let encoded = adapter.keepCells ? fixEncoder.encodeFields(of: reader, paddedTo: header.count) : nil
                if continuing {
                    assembler.append(line: adapter.line(from: reader, at: position, keepRecord: false, encodedCells: encoded))
                    continue
                }
                let line = adapter.row(from: reader, at: position, orderFields: orders.isEmpty && assembler.isEmpty, keepRecord: false,
                                       encodedCells: encoded)
                // Consumed, not copied: the compiler copied the row (and destroyed it after), ~900 instructions a row.
                if let order = assembler.add(consume line) { orders.append(order) }
            }
        }
        if let order = assembler.finish() { orders.append(order) }
        // The lane groups rows as the assembler does, so this is one order.
        let duplicate = reference.isEmpty ? nil : try processor.duplicateVerdict(bytes: reference)
        // Moved out one by one (file order), not copied: an order holds some twenty strings.
        orders.reverse()
        while let order = orders.popLast() {
            try processor.handle(order, duplicate: duplicate, validator: validator, header: header, tally: &tally)
        }
    }
}

extension SlowPath {
    /// Handles the order of `rows` built straight from them, as `handle(rows:reference:of:)`'s assembler would build
    /// it: the first row's order and line (`ShopifyOrderAdapter.order(from:at:lineCapacity:)`), then each other row's
    /// line. `false` (nothing handled) when a row is not one the assembler simply adds to the order (the reader
    /// rejected it, it cannot be read again, its reference is not the first row's bytes, or those are empty): the
    /// caller then takes the rows through the assembler. Each row's fix-file row is encoded as there.
    ///
    /// The order is handed on from here, consumed, not returned: an optional order returned, or one handed over
    /// without `consume`, was copied and the copy destroyed (~800 instructions an order).
    fileprivate func handleDirectly(rows: Range<Int>, reference: UnsafeRawBufferPointer, of batch: OutputWorker.Batch,
                                    validator: OrderValidator) throws -> Bool {
        guard let first = rows.first else { return false }
        let bytes = batch.heldBytes.bytes.assumingMemoryBound(to: UInt8.self)
        // Reads row `index` again; `nil` when that is not possible.
        func reread(_ index: Int) throws -> SourcePosition? {
            let row = batch.heldRows[index]
            guard row.rejection < 0, try rereader.reread(record: UnsafeBufferPointer(rebasing: bytes[row.start..<row.end])) else { return nil }
            return SourcePosition(file: file, line: row.line, record: row.record)
        }
        let reader = rereader
        guard let position = try reread(first) else { return false }
        var order = adapter.order(from: reader, at: position, lineCapacity: rows.count, keepRecord: false,
                                  encodedCells: adapter.keepCells ? fixEncoder.encodeFields(of: reader, paddedTo: header.count) : nil)
        guard !order.reference.isEmpty else { return false }
        for index in rows.dropFirst() {
            guard let position = try reread(index), let name = reader.plainTrimmedBytes(adapter.name),
                order.reference.utf8.withContiguousStorageIfAvailable({ reference in
                    guard reference.count == name.count, let a = reference.baseAddress, let b = name.baseAddress else { return false }
                    return memcmp(a, b, name.count) == 0
                }) == true
            else { return false }
            let encoded = adapter.keepCells ? fixEncoder.encodeFields(of: reader, paddedTo: header.count) : nil
            order.lines.append(adapter.line(from: reader, at: position, keepRecord: false, encodedCells: encoded))
        }
        // The lane groups rows as the assembler does, so this is one order.
        let duplicate = reference.isEmpty ? nil : try processor.duplicateVerdict(bytes: reference)
        try processor.handle(consume order, duplicate: duplicate, validator: validator, header: header, tally: &tally)
        return true
    }
}

/// What handling orders counted, kept apart from the processor so that a worker thread can count on its own;
/// added to the run's summary and the processor's totals when the worker is done.
struct OrderTally {
    var ordersAccepted = 0
    var ordersHeld = 0
    var ordersDuplicate = 0
    var lineItemsAccepted = 0
    var lineItemsHeld = 0
    var lineItemsDuplicate = 0
    var rowsAccepted = 0
    var rowsRejected = 0

    /// Adds the order counts to a summary.
    func add(to summary: inout RunSummary) {
        summary.ordersAccepted += ordersAccepted
        summary.ordersHeld += ordersHeld
        summary.ordersDuplicate += ordersDuplicate
        summary.lineItemsAccepted += lineItemsAccepted
        summary.lineItemsHeld += lineItemsHeld
        summary.lineItemsDuplicate += lineItemsDuplicate
    }
}
