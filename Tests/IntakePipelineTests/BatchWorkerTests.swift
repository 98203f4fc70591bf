import Foundation
@testable import IntakePipeline
import Testing

/// The hand-over of the connect stage's rows: batches are processed in order, at most a few wait, and a failure
/// on the worker thread reaches the reading thread, which stops handing over.
struct BatchWorkerTests {
    /// What the worker saw, guarded by a lock (written there, read here).
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func append(_ batch: [Int]) { lock.withLock { values += batch } }
        var all: [Int] { lock.withLock { values } }
    }

    @Test func batchesAreProcessedInTheOrderTheyWereHandedOver() throws {
        let seen = Seen()
        let worker = BatchWorker<Int>(name: "test", maxQueued: 2) { batch in
            if batch.first == 0 { Thread.sleep(forTimeInterval: 0.01) }  // the reading thread gets ahead, then waits
            seen.append(batch)
        }
        for start in stride(from: 0, to: 1_000, by: 10) {
            try worker.submit(Array(start..<start + 10))
        }
        try worker.submit([])
        try worker.finish()
        #expect(seen.all == Array(0..<1_000))
    }

    struct DiskFull: Error {}

    @Test func aFailureOnTheWorkerReachesTheReadingThread() throws {
        let seen = Seen()
        let worker = BatchWorker<Int>(name: "test", maxQueued: 2) { batch in
            if batch.first == 30 { throw DiskFull() }
            seen.append(batch)
        }
        var handedOver = 0
        var failed = false
        do {
            for start in stride(from: 0, to: 100_000, by: 10) {
                try worker.submit(Array(start..<start + 10))
                handedOver += 1
            }
        } catch is DiskFull {
            failed = true
        }
        #expect(failed, "the reading thread went on after the worker failed")
        #expect(handedOver < 10_000)
        #expect(throws: DiskFull.self) { try worker.finish() }
        #expect(seen.all == Array(0..<30), "batches after the failure are skipped")
    }
}
