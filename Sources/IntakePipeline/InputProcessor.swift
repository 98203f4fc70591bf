import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeValidation

/// Reads input entries of any kind and validates their rows against the reference data, sending every issue
/// to the log. In reference mode it also builds the catalog and the connection index from what it reads.
final class InputProcessor {
    enum Mode {
        /// Check the inputs; change nothing.
        case validate
        /// Build reference data (catalog, connections) from the inputs; only `expected` kinds are allowed.
        case reference(expected: Set<FileKind>, option: String)
    }

    private(set) var catalog: Catalog?
    private(set) var connections: ConnectionIndex?
    private let log: IssueLog
    private let forcedKind: FileKind?
    private let options: CSVOptions
    private let mode: Mode
    private var seen = ReferenceSet()
    private var pending: [Issue] = []
    private(set) var rowsAccepted = 0
    private(set) var rowsRejected = 0
    private(set) var sawOrders = false
    private(set) var sawConnections = false

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
        let code = IssueCode(rawValue: error.kind.rawValue) ?? .unreadableFile
        let hint: String
        switch error.kind {
        case .unreadableFile: hint = "check the path and the file's permissions"
        case .corruptArchive: hint = "the archive is damaged or cut off; download or export it again"
        case .unsafeEntry: hint = "the entry was not read; archives must hold plain files with relative paths"
        case .limitExceeded: hint = "the archive expands beyond the safety limits; unpack it and give the files directly if it is genuine"
        case .unrecognizedEntry: hint = "only .csv, .tsv and .txt entries are read"
        }
        var message = error.message
        if let underlying = error.underlying, !underlying.isEmpty { message += " (\(underlying))" }
        pending.append(Issue(code, at: SourcePosition(file: error.path, line: 0, record: 0), message: message, hint: hint))
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
        guard let input = try CSVInput.open(entry: entry, source: source, forcedKind: forcedKind, options: options, log: log, summary: &summary) else {
            return
        }
        if case .reference(let expected, let option) = mode, !expected.contains(input.kind) {
            throw UsageError("\(entry.displayPath) is a \(input.kind.rawValue) file, but \(option) takes \(expected.map(\.rawValue).sorted().joined(separator: " or ")) files")
        }
        defer {
            summary.files.append(input.fileEntry)
            summary.rowsRead += input.rows
            if input.reader.dialect.encoding == .windows1252 {
                summary.warnings.append("\(input.file): not valid UTF-8, read as Windows-1252; check that names with accents look right")
            }
        }
        switch input.kind {
        case .catalog: try readCatalog(input)
        case .shopifyProducts:
            if var adapter = ShopifyProductAdapter(header: input.header) { try readProducts(input, adapter: &adapter) }
        case .woocommerceProducts:
            if var adapter = WooCommerceProductAdapter(header: input.header) { try readProducts(input, adapter: &adapter) }
        case .shopifyOrders: try readOrders(input, summary: &summary)
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
        var building = Catalog()
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
                    building.insert(product)
                }
            }
            try log.add(issues)
            if issues.contains(where: { $0.severity == .error }) { rowsRejected += 1 } else { rowsAccepted += 1 }
        }
        if case .reference = mode {
            var merged = catalog ?? Catalog()
            for product in building.products.values { merged.insert(product) }
            catalog = merged
        }
    }

    // MARK: - Products and connections

    private func readProducts(_ input: CSVInput, adapter: inout some ProductRowAdapter) throws {
        let validator = ConnectionValidator(catalog: catalog)
        let names = adapter.connectionColumnNames
        if adapter.isConnectionFile { sawConnections = true }
        var index = connections ?? ConnectionIndex()
        defer { if case .reference = mode { connections = index } }
        while let row = try input.nextRow() {
            guard case .row(let position) = row else {
                if case .rejected(_, let issue) = row { try reject(issue) }
                continue
            }
            var issues: [Issue] = []
            let adapted = adapter.row(from: input.reader, at: position, issues: &issues)
            if let inactive = adapted.inactive {
                issues.append(Issue(.productNotActive, at: position, column: inactive.column, value: inactive.value,
                                    message: inactive.message,
                                    hint: "orders cannot come for it until it is active and published; ignore this if that is intended"))
            }
            if let variant = adapted.variant {
                let checked = validator.validate(variant, uidColumn: names.uid, designColumn: names.design, skuColumn: adapter.skuColumn)
                issues.append(contentsOf: checked.issues)
                if case .reference = mode {
                    if let connection = checked.connection {
                        index.insert(connection)
                    } else if let code = checked.issues.first(where: { $0.severity == .error })?.code {
                        index.noteRejected(sku: variant.sku, lineItemName: variant.lineItemName, position: position, code: code)
                    }
                }
            }
            try log.add(issues)
            if issues.contains(where: { $0.severity == .error }) { rowsRejected += 1 } else { rowsAccepted += 1 }
        }
    }

    // MARK: - Orders

    private func readOrders(_ input: CSVInput, summary: inout RunSummary) throws {
        guard let adapter = ShopifyOrderAdapter(header: input.header) else { return }
        sawOrders = true
        let validator = OrderValidator(catalog: catalog, connections: connections)
        let referenceColumn = input.header.index(ofAny: ColumnAliases.shopifyOrderName)
        var assembler = OrderAssembler(columns: adapter.columns)
        do {
            while let row = try input.nextRow() {
                let orderRow: OrderRow
                switch row {
                case .row(let position):
                    orderRow = adapter.row(from: input.reader, at: position)
                case .rejected(let position, let issue):
                    // Keep the rejected row in its order (by the reference it still shows) so the order is held.
                    let reference = referenceColumn.map { input.reader.string($0).trimmingSpaces } ?? ""
                    orderRow = OrderRow(reference: reference, address: Address(),
                                        line: OrderLine(position: position, quantityText: "", sku: "", name: "", rejection: issue))
                }
                if let order = assembler.add(orderRow) { try handle(order, validator: validator, summary: &summary) }
            }
        } catch {
            // The input broke off (a corrupt archive, a read error): the order in hand is incomplete, so held.
            if let order = assembler.finish() {
                summary.ordersHeld += 1
                summary.lineItemsHeld += order.lines.count
            }
            throw error
        }
        if let order = assembler.finish() { try handle(order, validator: validator, summary: &summary) }
    }

    private func handle(_ order: Order, validator: OrderValidator, summary: inout RunSummary) throws {
        if !order.reference.isEmpty, !seen.insert(order.reference) {
            summary.ordersDuplicate += 1
            summary.lineItemsDuplicate += order.lines.count
            for line in order.lines {
                try log.add(Issue(.duplicateOrder, at: line.position, order: order.reference, column: order.columns[.reference],
                                  value: order.reference,
                                  message: "order \(order.reference) comes again after other orders; this repeat is skipped",
                                  hint: "keep each order's rows together, once; the first occurrence is the one processed"))
            }
            return
        }
        let check = validator.validate(order)
        for issues in check.issues { try log.add(issues) }
        if check.isHeld {
            summary.ordersHeld += 1
            summary.lineItemsHeld += order.lines.count
            rowsRejected += order.lines.count
        } else {
            summary.ordersAccepted += 1
            summary.lineItemsAccepted += order.lines.count
            rowsAccepted += order.lines.count
        }
    }
}
