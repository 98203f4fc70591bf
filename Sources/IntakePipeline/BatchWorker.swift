import Foundation

/// A second thread that takes items in batches, in order: the reading thread parses rows and hands them over, the
/// worker checks and records them. At most `maxQueued` batches wait, so memory stays flat; the worker's first
/// error reaches the reading thread at its next hand-over (or at `finish`), and the worker skips what is left.
final class BatchWorker<Item>: @unchecked Sendable {
    // @unchecked: `queue`, `closed`, `finished` and `failure` are guarded by `condition`; a batch belongs to one
    // thread at a time (it changes hands under the lock); `process` runs only on the worker thread.
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var closed = false
    private var finished = false
    private var failure: (any Error)?
    private let maxQueued: Int
    private let process: ([Item]) throws -> Void

    /// Starts the worker thread; `process` runs there, once per batch, in order.
    init(name: String, maxQueued: Int = 4, process: @escaping ([Item]) throws -> Void) {
        self.maxQueued = max(1, maxQueued)
        self.process = process
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Hands a batch over (waits while `maxQueued` are waiting). Throws the worker's error, if it failed.
    func submit(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueued && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
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
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            let failed = failure != nil
            condition.broadcast()  // room for the next batch
            condition.unlock()
            guard !failed else { continue }
            do {
                try process(batch)
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
