import Foundation
@testable import IntakePipeline
import Testing

/// The hand-over between the reading thread and the output thread: batches are processed in order, come back
/// for reuse, and a failure on the output thread reaches the reading thread instead of being lost.
struct OutputWorkerTests {
    /// What the output thread saw, guarded by a lock (it is written there and read here).
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [UInt8] = []
        func append(_ value: UInt8) { lock.withLock { values.append(value) } }
        var all: [UInt8] { lock.withLock { values } }
    }

    @Test func batchesAreProcessedInTheOrderTheyWereHandedOver() throws {
        let seen = Seen()
        let worker = OutputWorker(batches: 2) { batch in
            for byte in batch.jobRecords.bytes { seen.append(byte) }
        }
        for value in 0..<200 {
            let batch = try worker.emptyBatch()  // only two exist: this waits until the worker gives one back
            batch.jobRecords.append(UInt8(value))
            worker.submit(batch)
        }
        try worker.finish()
        #expect(seen.all == (0..<200).map { UInt8($0) })
    }

    struct DiskFull: Error {}

    @Test func aFailureOnTheOutputThreadReachesTheReadingThread() throws {
        let worker = OutputWorker(batches: 2) { batch in
            if batch.jobRecords.bytes.first == 3 { throw DiskFull() }
        }
        var handedOver = 0
        var failed = false
        do {
            for value in 0..<1_000 {
                let batch = try worker.emptyBatch()
                batch.jobRecords.append(UInt8(value % 256))
                worker.submit(batch)
                handedOver += 1
            }
        } catch is DiskFull {
            failed = true
        }
        #expect(failed, "the reading thread went on after the output thread failed")
        #expect(handedOver < 1_000)
        #expect(throws: DiskFull.self) { try worker.finish() }
    }
}
