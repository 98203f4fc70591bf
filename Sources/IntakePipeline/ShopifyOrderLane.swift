import CIntakeSystem
import Foundation
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeValidation

/// The fast lane of a Shopify orders export: reads rows as bytes, checks each order with `CleanOrderRules`, and
/// for a clean order copies what its job needs into a `JobRecord` (currency, address fields, and per line the
/// joined connection's JSON and the quantity), with no `String`, `Order` or `Issue` per row; the output thread, which
/// had time to spare, writes the job JSON from it. Every order goes to the output thread with its rows as read
/// (once, into the batch); any order the lane cannot vouch for (an issue, an unusual value), or whose deferred
/// address checks fail there, takes the full path that `InputProcessor` runs for every other kind, so issues,
/// rejects and fix files are exactly the full path's; the output thread also decides duplicates and the ledger, in
/// file order. The JSON is byte for byte `ProductionJob.write`'s (tested).
///
/// Shopify's export names no customer reference, so the store-customer check cannot fire here.
struct ShopifyOrderLane {
    private let reader: CSVReader
    private let worker: OutputWorker
    private let columns: ShopifyOrderAdapter
    /// `columns` as the lane reads them: a missing column is `Int.max`, past any row's last field, which reads as
    /// empty (as a missing field does): an optional index cost a tag test per field read.
    private let column: Columns

    private struct Columns {
        let name, currency, shippingMethod, quantity, lineName, lineSKU, shippingName, company, address1, address2, city,
            zip, province, country, email, phone: Int
        /// The highest of them (`Int.max` when one is missing): a row with more fields has them all.
        let highest: Int

        init(_ adapter: ShopifyOrderAdapter) {
            let missing = Int.max
            name = adapter.name
            currency = adapter.currency ?? missing
            shippingMethod = adapter.shippingMethod ?? missing
            quantity = adapter.quantity
            lineName = adapter.lineName ?? missing
            lineSKU = adapter.lineSKU ?? missing
            shippingName = adapter.shippingName ?? missing
            company = adapter.company ?? missing
            address1 = adapter.address1 ?? missing
            address2 = adapter.address2 ?? missing
            city = adapter.city ?? missing
            zip = adapter.zip ?? missing
            province = adapter.province ?? missing
            country = adapter.country ?? missing
            email = adapter.email ?? missing
            phone = adapter.phone ?? missing
            highest = [name, currency, shippingMethod, quantity, lineName, lineSKU, shippingName, company, address1, address2,
                       city, zip, province, country, email, phone].max() ?? missing
        }
    }
    private let rules: CleanOrderRules
    /// Connections by SKU and by line-item name. Each entry's payload is a byte saying whether a line joined to
    /// it is clean (its product is in the catalog and not discontinued), then its JSON from `"productUid"` to
    /// `"quantity":`: a join is one hash look-up, and the bytes it needs come with it.
    private let bySKU: ByteKeyTable
    private let byName: ByteKeyTable
    /// Whether job JSON is written (runs; `validate` only checks).
    private let writesJobs: Bool
    /// With `output.routes`: the stage's routes in raw memory (`LaneRoutes`); `nil` without routes, when nothing
    /// of routing costs more than a test of this pointer per order and line.
    private let routes: UnsafeMutablePointer<LaneRoutes>?
    /// The routes the order in hand still allows (its store, customer, country, and items so far).
    private var routeMask: UInt64 = 0

    /// The clean orders' job records (`JobRecord`), every order's rows as read (the full path reads them when the
    /// order is not published here) and the orders, not yet handed over.
    private var jobRecords = ByteBuffer(capacity: OutputWorker.recordBytes + (16 << 10))
    private var segments: [Segment] = []
    private var references = ByteBuffer(capacity: 16 << 10)
    private var heldRows: [HeldRow] = []
    private var heldBytes = ByteBuffer(capacity: 16 << 10)
    private var heldRejections: [(issue: Issue, reference: String)] = []
    /// Where the order in hand's rows start in `heldRows`.
    private var orderRowsStart = 0
    /// Where the order in hand's rows start that are not copied into `heldBytes` yet (see `keepRecord`): the
    /// reader keeps them buffered (`pendingSpan`), and their `start` and `end` say where they will land.
    private var pendingRowsStart = 0
    /// The lines of the order in hand when reading broke off.
    private var brokenLines = 0
    /// With job records, the address checks (`CleanOrderRules.isClean(_:)`: e-mail, postcode and the rest, 7% of
    /// this thread) can run on the output thread instead, on the fields the record holds (`JobRecord.address(of:)`);
    /// an order they fail takes the full path there, from its rows, which every order's segment carries. `nil` for
    /// `validate`, which writes no records: this thread checks them.
    let deferredAddressRules: CleanOrderRules?
    /// Whether the orders read now leave their address checks to the output thread. Decided at each hand-over from
    /// whether that thread has batches waiting: which thread is the busier one depends on the export (a run of
    /// 100,000 orders kept this one busy, the output thread idle a third of the time; at 1,000,000 the output
    /// thread's reference set and job writing missed the cache and made it the longer one). The outputs are the
    /// same either way (the same check, the same full path). `INTAKE_ADDRESS_CHECKS=lane` or `output` fixes it
    /// (tests).
    private var defersAddressChecks: Bool
    private static let addressChecks = ProcessInfo.processInfo.environment["INTAKE_ADDRESS_CHECKS"]

    /// The current row's separator entries when it was read from the structural index and has every column the
    /// lane reads (most rows): its fields are then read from them with no test of the entries or of the field count
    /// per field (`CSVFieldView.field(_:entries:origin:)`); `nil` reads through the reader's `fieldView` (the lane
    /// kept a copy of the view per row: nine words stored per row for the few rows that need it).
    private var rowEntries: (entries: UnsafePointer<UInt32>, origin: UnsafePointer<UInt8>)?
    /// The SKUs of the rows ahead, by record number modulo 4 (three are in use: this row's and the next two; a
    /// mask, where modulo 3 was a multiplication and six more instructions, three times a row): where they were
    /// read and their hash.
    private var ahead = (Hashed(), Hashed(), Hashed(), Hashed())

    private struct Hashed {
        var start: UnsafeRawPointer?
        var count = 0
        var hash: UInt64 = 0
    }

    /// `ahead`'s entry for a record (a tuple, not an array: no uniqueness or bounds checks per row).
    @inline(__always)
    private func hashed(_ record: Int) -> Hashed {
        switch record & 3 {
        case 0: ahead.0
        case 1: ahead.1
        case 2: ahead.2
        default: ahead.3
        }
    }

    @inline(__always)
    private mutating func setHashed(_ record: Int, _ value: Hashed) {
        switch record & 3 {
        case 0: ahead.0 = value
        case 1: ahead.1 = value
        case 2: ahead.2 = value
        default: ahead.3 = value
        }
    }

    // Per order.
    /// Raw memory, as `references`: with arrays, a retain and a release per order went into keeping it.
    private var reference = ByteBuffer(capacity: 256)
    private var clean = true
    private var lines = 0
    /// Where the current order's job record starts in the batch (it is dropped when the order turns out not clean).
    private var recordStart = 0
    private let file: String
    /// The input's size when known (`CSVInput.fileBytes`), for `expectedOrders` (see `handOver`).
    private let fileBytes: Int?
    /// The orders handed over so far, and whether the output thread was told how many to expect.
    private var ordersHandedOver = 0
    private var toldExpectedOrders = false
    /// Input bytes read before the orders to expect are estimated (~6,000 orders of the bench export).
    private static let estimateSample = 4 << 20
    /// Values that had to be read through `String` (quotes, guards), valid while a row is read.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 4096
    private var scratchUsed = 0

    init?(input: CSVInput, adapter: ShopifyOrderAdapter, validator: OrderValidator, worker: OutputWorker, writesJobs: Bool,
          router: Router? = nil) {
        guard let rules = CleanOrderRules(validator), let connections = validator.connections else { return nil }
        self.reader = input.reader
        self.worker = worker
        self.columns = adapter
        column = Columns(adapter)
        self.rules = rules
        self.writesJobs = writesJobs
        deferredAddressRules = writesJobs && Self.addressChecks != "lane" ? rules : nil
        defersAddressChecks = deferredAddressRules != nil
        if writesJobs, let router {
            let routes = UnsafeMutablePointer<LaneRoutes>.allocate(capacity: 1)
            routes.initialize(to: LaneRoutes(router, connections: connections.reachable))
            self.routes = routes
        } else {
            routes = nil
        }
        // Set up once per orders stage for every connection (10,000 for a big store): the payloads back to back (no
        // array per connection), and the product check, which depends on the Product UID alone, once per UID (a
        // catalog look-up hashes the whole UID). The run's one single-threaded step between the connect stage and
        // the first order (~25 M instructions for 8,168 connections): done in two halves at once, the payloads and
        // then the two tables, since the other core is idle until the first batch.
        let reachable = connections.reachable
        let half = reachable.count / 2
        // Each iteration of `concurrentPerform` writes only its own part, then only its own table; the parts are
        // read (both) once the first `concurrentPerform` has returned.
        let parts = UncheckedSendable(UnsafeMutableBufferPointer<(payloads: ByteBuffer, ranges: [Range<Int>])>.allocate(capacity: 2))
        defer {
            for part in parts.value { part.payloads.free() }
            parts.value.deinitialize()
            parts.value.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            parts.value.initializeElement(at: part, to: Self.payloads(of: part == 0 ? reachable[..<half] : reachable[half...], rules: rules))
        }
        // The tables' arenas sized up front: each key comes with its payload (the byName table's are rare
        // look-ups, but the same layout), so growing them would copy megabytes.
        let arenaBytes = parts.value[0].payloads.count + parts.value[1].payloads.count + connections.count * 64
        let tables = UncheckedSendable((ByteKeyTable(capacity: connections.count, arenaBytes: arenaBytes),
                                        ByteKeyTable(capacity: connections.count, arenaBytes: arenaBytes)))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let table = part == 0 ? tables.value.0 : tables.value.1
            connections.forEachKey(bySKU: part == 0) { key, index in
                let (side, offset) = index < half ? (0, index) : (1, index - half)
                let payloads = parts.value[side]
                table.insertIfAbsent(key, Int32(index), payload: UnsafeRawBufferPointer(rebasing: payloads.payloads.bytes[payloads.ranges[offset]]))
            }
        }
        let (bySKU, byName) = tables.value
        self.bySKU = bySKU
        self.byName = byName
        file = input.file
        fileBytes = input.fileBytes
        scratch = .allocate(capacity: scratchCapacity + CSVReader.readSlack)
    }

    /// The payloads of `connections` (see `bySKU`) back to back, and where each lies.
    private static func payloads(of connections: ArraySlice<Connection>, rules: CleanOrderRules) -> (payloads: ByteBuffer, ranges: [Range<Int>]) {
        var payloads = ByteBuffer(capacity: connections.count * 192)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(connections.count)
        // The product check per UID object (connections to a catalog product share it), then per UID's bytes. The
        // payload's start (check, UID) is the same for every connection sharing the object: copied from the first
        // one's, by its place in `uidParts`.
        var uidPartByObject = SharedUIDMemo()
        var uidParts: [Range<Int>] = []
        let cleanByUID = ByteKeyTable(capacity: 256)
        func appendString(_ text: String) {
            var text = text
            text.withUTF8 { payloads.appendJSONString($0) }
        }
        for connection in connections {
            let shared = connection.sharedProductUID
            let start = payloads.count
            if let part = uidPartByObject.value(for: shared) {
                payloads.appendCopy(of: uidParts[Int(part)])
            } else {
                let clean: Bool
                if let known = cleanByUID.value(for: shared.uid.rawValue) {
                    clean = known != 0
                } else {
                    clean = rules.isClean(joinedTo: connection)
                    cleanByUID.insertIfAbsent(shared.uid.rawValue, clean ? 1 : 0)
                }
                payloads.append(clean ? 1 : 0)
                payloads.append(",\"productUid\":")
                appendString(shared.uid.rawValue)
                uidPartByObject.set(Int32(uidParts.count), for: shared)
                uidParts.append(start..<payloads.count)
            }
            payloads.append(",\"files\":[")
            for (index, file) in connection.files.enumerated() {
                if index > 0 { payloads.append(UInt8(ascii: ",")) }
                payloads.append("{\"type\":")
                appendString(file.type)
                payloads.append(",\"url\":")
                appendString(file.url)
                payloads.append(UInt8(ascii: "}"))
            }
            payloads.append("],\"quantity\":")
            ranges.append(start..<payloads.count)
        }
        return (payloads, ranges)
    }

    /// The tables the job records point into (a connection's JSON): whoever renders the records keeps them alive.
    var tableOwners: [AnyObject] { [bySKU, byName] }

    /// The connection tables by key, each key's value its connection's place in `connections.reachable`: the full
    /// path joins its lines through them too (`OrderValidator.connectionKeys`).
    var connectionKeys: ConnectionKeyTables { ConnectionKeyTables(bySKU: bySKU, byName: byName) }

    /// Frees the scratch buffer (the lane is a struct so its hot fields stay in registers; it is run once).
    func release() {
        if let routes {
            routes.pointee.free()
            routes.deallocate()
        }
        scratch.deallocate()
        jobRecords.free()
        reference.free()
        references.free()
        heldBytes.free()
    }

    // MARK: - Rows

    /// Takes the reader's current row (a `.row` of `CSVInput.advance`).
    mutating func takeRow() throws {
        let line = reader.recordLine
        let record = reader.recordNumber
        // Connections are looked up by random SKUs in a table that megabytes of input keep pushing out of the
        // cache: each look-up would wait for memory twice (slot, then entry; measured: a fifth of this thread's
        // time). The rows ahead are already indexed, so their look-ups start now: each SKU is read and hashed once,
        // two rows ahead, where its slot is fetched; one row ahead its entry is, and on its own row the hash is
        // used again for the look-up.
        if let skuColumn = columns.lineSKU {
            if let sku = reader.peekField(skuColumn, ahead: 2), !sku.isEmpty {
                let hash = ByteHash.hash(sku)
                bySKU.prefetchSlot(hash: hash)
                setHashed(record &+ 2, Hashed(start: sku.baseAddress, count: sku.count, hash: hash))
            } else {
                setHashed(record &+ 2, Hashed())
            }
            let next = hashed(record &+ 1)
            if next.start != nil { bySKU.prefetchEntry(hash: next.hash) }
        }
        scratchUsed = 0
        let fields = reader.fieldView
        rowEntries = fields.count > column.highest ? fields.indexedEntries : nil
        // Wrapping: a record is at most `CSVOptions.maxRecordBytes` long.
        let recordCount = reader.recordBytesCount
        if scratchCapacity < recordCount &* 2 &+ 64 {
            scratch.deallocate()
            scratchCapacity = recordCount &* 2 &+ 64
            scratch = .allocate(capacity: scratchCapacity + CSVReader.readSlack)
        }
        let name = text(column.name)
        if !continues(name) {
            try finishOrder()
            start(name, line: line)
            recordStart = jobRecords.count
            if clean { readOrderFields() }
        }
        keepRecord(line: line, record: record, rejectionIndex: -1)
        if clean { readLine() }
    }

    /// Takes a row the reader rejected (it holds its order).
    mutating func take(rejected issue: Issue) throws {
        let position = issue.position
        let reference = reader.string(columns.name).trimmingSpaces
        // With `CSVReader.readSlack` bytes after it, as `continues` reads them (found by `fuzz-validate`: a
        // heap over-read of a rejected row's reference).
        let count = reference.utf8.count
        let bytes = Array(reference.utf8) + [UInt8](repeating: 0, count: CSVReader.readSlack)
        let continuing = bytes.withUnsafeBufferPointer { continues(UnsafeBufferPointer(rebasing: $0[..<count])) }
        if !continuing {
            try finishOrder()
            bytes.withUnsafeBufferPointer { start(UnsafeBufferPointer(rebasing: $0[..<count]), line: position.line) }
            recordStart = jobRecords.count
        }
        clean = false
        keepRecord(line: position.line, record: position.record, rejection: issue)
    }

    /// Ends the last order and hands everything over.
    mutating func finish() throws {
        try finishOrder()
        try handOver()
    }

    /// Hands over what was gathered before reading broke off; the order in hand is incomplete, so its record is
    /// dropped and its rows are not handled (no segment names them; the caller counts them held).
    mutating func handOverAfterBreak() throws {
        brokenLines = heldRows.count - orderRowsStart
        if jobRecords.count > recordStart { jobRecords.truncate(to: recordStart) }
        try handOver()
    }

    /// Hands the job records and orders gathered so far to the output thread, taking an empty batch's buffers in
    /// exchange (the lane fills arrays of its own: a class's would be checked for exclusive access per append).
    mutating func handOver() throws {
        guard !segments.isEmpty else { return }
        let batch = try worker.emptyBatch()
        ordersHandedOver += segments.count
        if !toldExpectedOrders, let fileBytes, case let read = reader.recordOffset, read >= Self.estimateSample {
            // Once, early: as many orders per byte for the rest of the file, and a sixth more for the slack (no more
            // than one order per 64 bytes, whatever the start looked like). The duplicate set grew by half some 14
            // times per shard on its way to 1,000,000 orders, rehashing each time: 2.5% of the output thread. Not
            // more: the set's memory is taken at once (the 1M-order run's peak memory is its own plus the set's).
            toldExpectedOrders = true
            let estimate = Int(Double(ordersHandedOver) * Double(fileBytes) / Double(read) * 7 / 6)
            batch.expectedOrders = min(estimate, fileBytes / 64)
        }
        swap(&batch.jobRecords, &jobRecords)
        swap(&batch.segments, &segments)
        swap(&batch.references, &references)
        swap(&batch.heldRows, &heldRows)
        swap(&batch.heldBytes, &heldBytes)
        swap(&batch.rejections, &heldRejections)
        batch.addressesChecked = !defersAddressChecks
        // Left to the output thread while it keeps up (nothing queued for it), done here while it lags.
        if deferredAddressRules != nil { defersAddressChecks = Self.addressChecks == "output" || !worker.hasBacklog }
        worker.submit(batch)
        recordStart = 0
        orderRowsStart = 0
        pendingRowsStart = 0
        reader.keepsBytes(from: nil)
    }

    /// The lines of the order in hand when reading broke off (it is held, not published).
    var pendingLines: Int { brokenLines }

    /// Whether the row with this order reference continues the order in hand; `name` must have
    /// `CSVReader.readSlack` readable bytes after it (a field of the reader's buffer, the scratch).
    ///
    /// `mutating` though it changes nothing: called from `takeRow`, a non-mutating method had the whole lane (640
    /// bytes) copied for it per row (~18 M instructions of the 100,000-order bench run).
    @inline(__always)
    private mutating func continues(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        // Two 16-byte loads for a short reference, not `elementsEqual` (a generic loop over an array: 2% of this
        // thread) nor a `memcmp` call (another 2%). The name lies in the reader's buffer or the scratch, the
        // reference in a `ByteBuffer`: both have 16 bytes of slack.
        heldRows.count > orderRowsStart && !name.isEmpty && name.count == reference.count
            && name.baseAddress.map { intake_equal_short(reference.base, $0, name.count) != 0 } == true
    }

    private mutating func start(_ name: UnsafeBufferPointer<UInt8>, line: Int) {
        reference.removeAll()
        // 16 bytes a step (`name` has `CSVReader.readSlack` readable bytes after it): a `memcpy` call per order.
        reference.append(padded: name)
        clean = !name.isEmpty
        lines = 0
    }

    /// Keeps the row's line and record numbers (and the issue of a row the reader rejected) in the batch, and the
    /// row as read once it may be needed: by the full path (an order not clean), or by the output thread's address
    /// checks (`defersAddressChecks`). Until then the reader keeps the order's rows buffered, and a clean order
    /// checked here never copies them (copying every row cost ~30 M instructions of the 100,000-order bench run).
    private mutating func keepRecord(line: Int, record: Int, rejection: Issue) {
        heldRejections.append((rejection, String(decoding: reference.bytes, as: UTF8.self)))
        keepRecord(line: line, record: record, rejectionIndex: heldRejections.count - 1)
    }

    /// `keepRecord(line:record:rejection:)` with the rejection's index in `heldRejections`, or -1 for a row the
    /// reader did not reject (`takeRow`: an optional `Issue`, seven words, cleared and passed per row cost ~2 M
    /// instructions at 100,000 orders).
    @inline(__always)
    private mutating func keepRecord(line: Int, record: Int, rejectionIndex: Int) {
        let offset = reader.recordOffset
        let end = offset + reader.recordBytesCount
        let pending = pendingRowsStart < heldRows.count
        if rejectionIndex >= 0 || !clean || defersAddressChecks || end - (pending ? pendingSpan.lowerBound : offset) > Self.pendingBytes {
            // Tested here first: a call per row that mostly finds nothing pending (~4 M instructions at 100,000 orders).
            if pending { copyPendingRows() }
            let start = heldBytes.count
            heldBytes.append(reader.recordBytesView)
            heldRows.append(HeldRow(line: line, record: record, start: start, end: heldBytes.count, rejection: rejectionIndex))
            pendingRowsStart = heldRows.count
            return
        }
        if !pending {
            pendingSpan = offset..<offset
            reader.keepsBytes(from: offset)
        }
        pendingSpan = pendingSpan.lowerBound..<end
        // Where the row lands in `heldBytes` when the pending rows are copied (nothing is added to it before).
        let at = heldBytes.count - pendingSpan.lowerBound
        heldRows.append(HeldRow(line: line, record: record, start: at + offset, end: at + end, rejection: rejectionIndex))
    }

    /// The input offsets of the pending rows (from the first one's start to the last one's end).
    private var pendingSpan = 0..<0

    /// The most bytes of an order's rows the reader keeps buffered: a bigger order's rows are copied as they come.
    /// Small next to the reader's buffer, which holds at least 64 KiB more than the longest record.
    private static let pendingBytes = 16 << 10

    /// Copies the pending rows into `heldBytes`, where their `start` and `end` already point (one copy: they lie
    /// back to back in the input).
    private mutating func copyPendingRows() {
        guard pendingRowsStart < heldRows.count else { return }
        heldBytes.append(reader.keptBytes(pendingSpan))
        pendingRowsStart = heldRows.count
        reader.keepsBytes(from: nil)
    }

    /// Ends the order in hand's rows: copied when the output thread may need them, else left out (their ranges
    /// made empty).
    private mutating func settleRows() {
        guard pendingRowsStart < heldRows.count else { return }
        if !clean || defersAddressChecks {
            copyPendingRows()
            return
        }
        let at = heldBytes.count
        let rows = pendingRowsStart..<heldRows.count
        heldRows.withUnsafeMutableBufferPointer { heldRows in
            for index in rows {
                heldRows[index].start = at
                heldRows[index].end = at
            }
        }
        pendingRowsStart = heldRows.count
        reader.keepsBytes(from: nil)
    }

    // MARK: - Checks and job records

    /// The order-level fields of the order's first row: checked, and the job's record started.
    ///
    /// Each field goes into the record as it is read (`JobRecord.begin`, `field`, `end`), and the address checks
    /// read them there (`JobRecord.address(of:)`, as the output thread's deferred checks do): gathering the twelve
    /// fields first kept them on the stack and summed their lengths with overflow checks before copying them
    /// (~160 instructions an order). `validate` writes no jobs: its record is dropped once checked.
    private mutating func readOrderFields() {
        let currency = text(column.currency)
        // The method matters to jobs only (`validate` takes any).
        let express: Bool
        if writesJobs {
            guard let mentions = Self.mentionsExpress(text(column.shippingMethod)) else {
                clean = false
                return
            }
            express = mentions
        } else {
            express = false
        }
        // Every field is a slice of the row, or its `String` reading in the scratch (at most three bytes per byte of
        // the row: U+FFFD for an invalid one).
        let record = jobRecords.reserve(JobRecord.maximumSize(fieldBytes: 3 &* reader.recordBytesCount))
        var at = JobRecord.begin(express: express, at: record)
        JobRecord.field(currency, &at)
        let fullName = text(column.shippingName)
        if let space = Self.firstSpace(fullName) {
            JobRecord.field(UnsafeBufferPointer(rebasing: fullName[..<space]), &at)
            JobRecord.field(Self.trimmed(UnsafeBufferPointer(rebasing: fullName[(space + 1)...])), &at)
        } else {
            JobRecord.field(fullName, &at)
            JobRecord.field(UnsafeBufferPointer(start: nil, count: 0), &at)
        }
        JobRecord.field(text(column.company), &at)
        JobRecord.field(text(column.address1), &at)
        JobRecord.field(text(column.address2), &at)
        JobRecord.field(text(column.city), &at)
        var zip = text(column.zip)
        // Shopify's ' before numeric ZIPs (the full path drops the first character: one byte unless a combining
        // mark follows, which the full path handles).
        if zip.first == UInt8(ascii: "'") {
            if zip.count > 1 && zip[1] >= 0x80 { clean = false }
            zip = UnsafeBufferPointer(rebasing: zip[1...])
        }
        JobRecord.field(zip, &at)
        JobRecord.field(text(column.province), &at)
        let country = text(column.country)
        JobRecord.field(country, &at)
        JobRecord.field(text(column.email), &at)
        JobRecord.field(text(column.phone), &at)
        jobRecords.commit(upTo: JobRecord.end(recordAt: record, fieldsEnd: at))
        guard clean, defersAddressChecks
            || rules.isClean(JobRecord.address(of: UnsafeRawBufferPointer(start: record, count: at - record))) else {
            clean = false
            return
        }
        guard writesJobs else {
            jobRecords.truncate(to: recordStart)
            return
        }
        if let routes { routeMask = routes.pointee.stageMask & routes.pointee.countryMask(country) }
    }

    /// The line of the current row: checked, joined, and its item recorded.
    private mutating func readLine() {
        guard let quantity = CleanOrderRules.quantity(text(column.quantity)) else {
            clean = false
            return
        }
        let sku = text(column.lineSKU)
        let join: (value: Int32, payload: UnsafeRawBufferPointer)?
        if sku.isEmpty {
            let name = text(column.lineName)
            guard CleanOrderRules.isClean(sku: sku, nameIsEmpty: name.isEmpty) else {
                clean = false
                return
            }
            join = byName.entry(for: UnsafeRawBufferPointer(name))
        } else {
            guard CleanOrderRules.isClean(sku: sku, nameIsEmpty: false) else {
                clean = false
                return
            }
            let key = UnsafeRawBufferPointer(sku)
            // The hash of two rows ago is this SKU's when it was read at the same bytes (else it is computed now).
            let known = hashed(reader.recordNumber)
            join = known.start != nil && known.start == key.baseAddress && known.count == key.count
                ? bySKU.entry(for: key, hash: known.hash) : bySKU.entry(for: key)
        }
        guard let payload = join?.payload, payload.first == 1 else {
            clean = false
            return
        }
        lines += 1
        guard writesJobs else { return }
        if let routes, let index = join?.value { routeMask &= routes.pointee.itemMask(Int(index)) }
        JobRecord.item(payload: UnsafeRawBufferPointer(rebasing: payload[1...]), quantity: quantity, record: recordStart, to: &jobRecords)
    }

    private mutating func finishOrder() throws {
        guard heldRows.count > orderRowsStart else { return }
        try settleOrder()
        orderRowsStart = heldRows.count
        if jobRecords.count >= OutputWorker.recordBytes || segments.count >= OutputWorker.batchOrders { try handOver() }
    }

    private mutating func settleOrder() throws {
        settleRows()
        let referenceStart = references.count
        // 16 bytes a step (both buffers have the slack): `append(_: ByteBuffer)` was a call and a `memcpy` per order.
        references.append(padded: UnsafeBufferPointer(start: reference.base, count: reference.count))
        let rows = orderRowsStart..<heldRows.count
        if clean {
            if let routes, jobRecords.count > recordStart {
                // The route, in the record's flag byte above the express bit (at most 64 routes: 6 bits).
                jobRecords.base[recordStart] |= UInt8(truncatingIfNeeded: routes.pointee.route(routeMask) << 1)
            }
            segments.append(.clean(record: recordStart..<jobRecords.count, reference: referenceStart..<references.count, rows: rows))
            return
        }
        // Not published here: drop any job record written for it; the full path takes its rows.
        if jobRecords.count > recordStart { jobRecords.truncate(to: recordStart) }
        segments.append(.held(rows: rows, reference: referenceStart..<references.count))
    }

    // MARK: - Fields

    /// Field `index` as the adapters read it (`reader.string(index).trimmingSpaces`), as bytes valid until the
    /// next row: a slice of the reader's buffer, or, for a value with doubled quotes or a leading `'` (a
    /// spreadsheet guard), its `String` reading copied into the scratch buffer.
    @inline(__always)
    private mutating func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let raw: UnsafeBufferPointer<UInt8>
        let escaped: Bool
        if let rowEntries {
            let field = CSVFieldView.field(index, entries: rowEntries.entries, origin: rowEntries.origin)
            raw = UnsafeBufferPointer(start: field.start, count: field.end - field.start)
            escaped = field.escaped
        } else {
            (raw, escaped) = reader.fieldView.field(index)
        }
        guard let first = raw.first else { return raw }
        // Most values: a first byte above the `'` (so no guard, nothing to trim before) and a last one above the
        // space, no doubled quotes: one test for what `trimmed` and the guard check below would each test again.
        if first > UInt8(ascii: "'") && raw[raw.count &- 1] > 0x20 && !escaped { return raw }
        if first == UInt8(ascii: "'") || escaped { return stringText(index) }
        return Self.trimmed(raw)
    }

    private mutating func stringText(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        var value = reader.string(index).trimmingSpaces
        return value.withUTF8 { bytes in
            guard scratchUsed + bytes.count <= scratchCapacity, let base = bytes.baseAddress else {
                if !bytes.isEmpty { clean = false }
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            let start = scratch + scratchUsed
            start.update(from: base, count: bytes.count)
            scratchUsed += bytes.count
            return UnsafeBufferPointer(start: start, count: bytes.count)
        }
    }

    /// `bytes` without leading and trailing spaces and tabs. Most values have nothing to trim: a first and a last byte above the space say so in two compares (the loops
    /// below took ~20 instructions a field for it, ~25 M at 100,000 orders).
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let first = bytes.first, let last = bytes.last else { return bytes }
        if first > 0x20 && last > 0x20 { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start == 0 && end == bytes.count ? bytes : UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// `bytes.firstIndex(of: " ")`, eight bytes a step (`bytes` has `CSVReader.readSlack` readable bytes after it:
    /// a field of the reader's buffer, or the scratch): byte by byte, ~5 instructions a byte of every order's first
    /// name (2.9 M at 100,000 orders).
    @inline(__always)
    static func firstSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = 0
        while offset < bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) ^ (ones &* 0x20)
            // The lowest byte that was a space has its high bit set here (bits above it may be wrong: a borrow).
            let spaces = (word &- ones) & ~word & (ones &* 0x80)
            if spaces != 0 {
                let index = offset &+ spaces.trailingZeroBitCount &>> 3
                return index < bytes.count ? index : nil
            }
            offset &+= 8
        }
        return nil
    }

    /// Whether a shipping method says express (`lowercased().contains("express")`), on ASCII; `nil` for other
    /// text, which the full path decides.
    static func mentionsExpress(_ method: UnsafeBufferPointer<UInt8>) -> Bool? {
        let word: StaticString = "express"
        var found = false
        if method.count >= 8, let base = method.baseAddress {
            // Eight bytes a step, the last step overlapping (every order's method is checked: byte by byte, ASCII
            // took 40 of this function's 76 instructions for "Standard").
            let raw = UnsafeRawPointer(base)
            var bits: UInt64 = 0
            var offset = 0
            while offset + 8 < method.count {
                bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            bits |= raw.loadUnaligned(fromByteOffset: method.count - 8, as: UInt64.self)
            if bits & 0x8080_8080_8080_8080 != 0 { return nil }
        } else {
            for byte in method where byte >= 0x80 { return nil }
        }
        guard method.count >= 7 else { return false }
        word.withUTF8Buffer { word in
            for start in 0...(method.count - 7) where !found {
                var match = true
                for offset in 0..<7 where method[start + offset] | 0x20 != word[offset] {
                    match = false
                    break
                }
                found = match
            }
        }
        return found
    }
}

/// A value handed to the two halves of the lane's set-up (`DispatchQueue.concurrentPerform`), which share it
/// without a lock: each half writes only its own part of it (see the comment where it is used).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
