import Foundation
import IntakeCSV
import IntakeModel

/// The second thread of the orders hot path. The reading thread parses rows, records clean orders as job records
/// and hands them and everything else (orders it cannot vouch for) over in batches; this thread writes the jobs'
/// JSON to the run's outputs and takes the other orders through the full path (adapter, validator, issues, fix
/// files).
/// Batches go through a bounded queue in file order and come back empty for reuse, so the outputs are the same
/// bytes as a one-thread run, memory stays at a few batches, and each thread owns what it touches: while the
/// worker runs, only it uses the issue log and the sink.
final class OutputWorker: @unchecked Sendable {
    // @unchecked: `full`, `free`, `closed` and `failure` are guarded by `condition`; a batch belongs to one
    // thread at a time (it changes hands under the lock); `process` runs only on the worker thread.

    /// One hand-over: the job records of clean orders, interleaved with orders for the full path.
    final class Batch {
        /// The clean orders' job records (`JobRecord`), from which this thread writes their job JSON.
        var jobRecords = ByteBuffer(capacity: OutputWorker.recordBytes + (16 << 10))
        /// The orders, in file order.
        var segments: [Segment] = []
        /// The references of the orders, back to back.
        var references = ByteBuffer(capacity: 16 << 10)
        /// Every order's rows (line and record numbers, and the record as read: a clean order whose address fails
        /// the checks made here takes the full path from them), their records back to back in `heldBytes`, and the
        /// issues of the rows the reader rejected: flat, so that handing an order over allocates nothing per order
        /// (the reading thread allocated and this one freed five blocks per held order, across threads).
        var heldRows: [HeldRow] = []
        var heldBytes = ByteBuffer(capacity: 16 << 10)
        var rejections: [(issue: Issue, reference: String)] = []
        /// Whether the lane checked its clean orders' addresses (`ShopifyOrderLane.defersAddressChecks`); if not,
        /// this thread does, before publishing them.
        var addressesChecked = true
        /// How many orders the stage's input holds in all, as the lane estimated it from what it has read (in one
        /// batch, early on): the output thread sizes its duplicate set for them at once.
        var expectedOrders: Int?

        func reset() {
            jobRecords.removeAll()
            segments.removeAll(keepingCapacity: true)
            references.removeAll()
            heldRows.removeAll(keepingCapacity: true)
            heldBytes.removeAll()
            rejections.removeAll(keepingCapacity: true)
            addressesChecked = true
            expectedOrders = nil
        }

        deinit {
            jobRecords.free()
            references.free()
            heldBytes.free()
        }
    }

    /// Bytes of job records at which a batch is handed over: five buffers of this size exist (the lane's and four
    /// in flight), and a hand-over per ~300 orders costs nothing measurable.
    static let recordBytes = 64 << 10
    /// Bytes of job JSON the output thread gathers before writing them (when it cannot write into the sink's block).
    static let batchBytes = 256 << 10
    /// Orders for the full path at which a batch is handed over.
    static let batchOrders = 512

    private let condition = NSCondition()
    private var full: [Batch] = []
    private var free: [Batch]
    private var closed = false
    private var finished = false
    private var failure: (any Error)?
    private let process: (Batch) throws -> Void

    /// Starts the worker thread; `process` runs there, once per batch, in order.
    init(batches: Int = 4, process: @escaping (Batch) throws -> Void) {
        free = (0..<batches).map { _ in Batch() }
        self.process = process
        let thread = Thread { [self] in run() }
        thread.name = "intake-output"
        thread.start()
    }

    /// An empty batch to fill (waits while all are in flight). Throws the worker's error, if it failed.
    func emptyBatch() throws -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        return free.removeLast()
    }

    /// Hands a filled batch over.
    /// Whether batches are waiting for the worker (it is behind the reading thread).
    var hasBacklog: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !full.isEmpty
    }

    func submit(_ batch: Batch) {
        condition.lock()
        full.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Says no more batches come, waits until every batch is processed, and throws the worker's error, if any.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }

    private func run() {
        while true {
            condition.lock()
            while full.isEmpty && !closed { condition.wait() }
            if full.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = full.removeFirst()
            let failed = failure != nil
            condition.unlock()
            if !failed {
                do {
                    try process(batch)
                } catch {
                    condition.lock()
                    failure = error
                    condition.unlock()
                }
            }
            batch.reset()
            condition.lock()
            free.append(batch)
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// One order of a batch.
enum Segment {
    /// An order the lane found clean: its job record is `jobRecords[record]` (empty when no jobs are written), its
    /// reference `references[reference]`, its rows `heldRows[rows]`. It is published unless the output thread finds
    /// it a duplicate, or its address fails the checks deferred to that thread (then it takes the full path).
    case clean(record: Range<Int>, reference: Range<Int>, rows: Range<Int>)
    /// An order for the full path: its rows `heldRows[rows]`, its reference as the lane read it
    /// `references[reference]` (duplicates are decided on the output thread, in file order).
    case held(rows: Range<Int>, reference: Range<Int>)
}

/// A row of an order, as the full path reads it.
struct HeldRow {
    /// Its line and record numbers.
    var line: Int
    var record: Int
    /// Its record as read (UTF-8, line break included): `heldBytes[start..<end]`.
    var start: Int
    var end: Int
    /// Why the reader rejected it, if it did: an index into `rejections` (`malformed_row`, `wrong_field_count`
    /// ...), else -1.
    var rejection: Int
}
