import CIntakeSystem
import Dispatch
import Foundation
import IntakeCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sink of a run's `jobs.jsonl`, which grows to gigabytes on a nightly run (932 MB for a million orders).
///
/// Written through `write(2)`, such a file costs its writer a copy of every byte into the page cache and, past the
/// kernel's dirty limit, waits while the cache drains: measured here, a fifth of the orders' output thread. This
/// sink instead gathers the bytes in aligned 512 KiB blocks that a background thread writes with direct I/O
/// (`O_DIRECT`: the disk reads them from the block, and the page cache is not touched), so the output thread only
/// copies into a block. Where the file system refuses direct I/O (tmpfs) the same thread writes the blocks
/// through the page cache. Bytes land in the file in order; `flush()` writes the last partial block, `synchronize()`
/// also fsyncs the file, and any write failure (a full disk) comes back from the next `write`, `flush()` or
/// `synchronize()`.
final class BlockFileSink: ByteSink, @unchecked Sendable {
    // @unchecked: the fill state is this thread's; a block belongs to this thread while it is filled and to `queue`
    // from its hand-over until `free` is signalled. The work sent to `queue` holds the `BlockWriter`, never the sink:
    // were the sink released by the last of those closures, its `deinit` would run on `queue` and wait on itself.

    /// The path shown in errors.
    var path: String { writer.path }
    /// Bytes per block (a multiple of every disk's logical block size, as direct I/O requires).
    static let blockSize = 512 << 10
    private static let blockCount = 3
    private let blocks: [UnsafeMutableRawPointer]
    private var current = 0
    private var filled = 0
    /// Bytes handed to the background thread so far (the file offset of the block being filled).
    private var handedOver = 0
    private let queue = DispatchQueue(label: "intake.jobs-writer")
    /// Blocks free to fill, besides the current one.
    private let free = DispatchSemaphore(value: BlockFileSink.blockCount - 1)
    private let writer: BlockWriter

    /// Creates (or truncates) the file.
    /// - Throws: `FileWriteError` when the file cannot be created.
    init(path: String) throws {
        writer = try BlockWriter(path: path)
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<Self.blockCount {
            // Page-aligned, as `O_DIRECT` wants its buffers.
            blocks.append(UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: 4096))
        }
        self.blocks = blocks
    }

    deinit {
        // No write may outlive the blocks. Bytes not synchronized are dropped: the run that owns this file failed,
        // and its directory is never published. (The writer closes the descriptor when the last write lets it go.)
        queue.sync {}
        for block in blocks { block.deallocate() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = min(remaining, Self.blockSize - filled)
            (blocks[current] + filled).copyMemory(from: source, byteCount: count)
            filled += count
            source += count
            remaining -= count
            if filled == Self.blockSize { try handOver() }
        }
    }

    /// Lets `body` write up to `count` bytes straight into the block being filled (no copy through a buffer of
    /// the caller's), when the block has that much room left; `body` returns how many it wrote.
    /// - Returns: `false`, without calling `body`, when the block has less room (write through `write` then).
    /// - Throws: what `body` throws, or `FileWriteError` of an earlier write.
    func writeInPlace(upTo count: Int, _ body: (UnsafeMutableRawPointer) throws -> Int) throws -> Bool {
        guard let room = room(for: count) else { return false }
        try commit(min(max(try body(room), 0), count))
        return true
    }

    /// Where up to `count` bytes may be written straight into the block being filled (no copy through a buffer of
    /// the caller's), when the block has that much room left; `commit` then counts what was written there. `nil`
    /// when the block has less room (write through `write` then).
    ///
    /// `writeInPlace` without its closure, for the output thread's job lines: its call, the closure's context and
    /// the class reads in it cost ~80 instructions a job (100,000-order bench run).
    @inline(__always)
    func room(for count: Int) -> UnsafeMutableRawPointer? {
        count <= Self.blockSize - filled ? blocks[current] + filled : nil
    }

    /// Counts `written` bytes (at most the `count` given to `room(for:)`) as written at the place it returned.
    /// - Throws: `FileWriteError` of an earlier write.
    @inline(__always)
    func commit(_ written: Int) throws {
        filled = min(filled + max(written, 0), Self.blockSize)
        if filled == Self.blockSize { try handOver() }
    }

    /// Writes the last partial block and waits for every write, without an fsync (a run fsyncs its finished
    /// outputs together, each on a thread of its own).
    /// - Throws: `FileWriteError` of the first write that failed.
    func flush() throws {
        let block = Block(start: blocks[current])
        let length = filled
        let offset = handedOver
        handedOver += length
        filled = 0
        let writer = self.writer
        queue.sync {
            // The tail is no whole number of disk blocks, which direct I/O cannot write: the page cache takes it.
            if writer.direct, length % 4096 != 0 { writer.leaveDirectMode() }
            writer.write(block, length: length, at: offset)
        }
        try writer.throwFailure()
    }

    /// Writes the last partial block, waits for every write, and fsyncs the file.
    /// - Throws: `FileWriteError` of the first write that failed, or of the fsync.
    func synchronize() throws {
        try flush()
        let writer = self.writer
        queue.sync { writer.synchronize() }
        try writer.throwFailure()
    }

    private func handOver() throws {
        let block = Block(start: blocks[current])
        let offset = handedOver
        handedOver += Self.blockSize
        let writer = self.writer
        let free = self.free
        queue.async {
            writer.write(block, length: Self.blockSize, at: offset)
            free.signal()
        }
        current = (current + 1) % Self.blockCount
        filled = 0
        // The next block is free once the write of the one handed over `blockCount - 1` blocks ago is done.
        free.wait()
        try writer.throwFailure()
    }
}

/// A block's address, handed to the writing queue (which owns the block until it signals it free).
private struct Block: @unchecked Sendable {
    let start: UnsafeMutableRawPointer
}

/// The descriptor of a `BlockFileSink` and what its writes found; used on the sink's queue, but for `failure`.
private final class BlockWriter: @unchecked Sendable {
    // @unchecked: `failure` is guarded by `lock`; `direct` is touched on the sink's queue only, after `init`.
    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var failure: FileWriteError?
    /// Whether the descriptor is open with `O_DIRECT`.
    private(set) var direct: Bool

    init(path: String) throws {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        let directFlag = intake_o_direct()
        var opened: Int32 = -1
        if directFlag != 0 { opened = open(path, flags | directFlag, 0o644) }
        direct = opened >= 0
        // EINVAL: a file system without direct I/O; open it the ordinary way.
        if opened < 0 { opened = open(path, flags, 0o644) }
        guard opened >= 0 else { throw FileWriteError(path: path, errorNumber: errno) }
        fd = opened
    }

    deinit { close(fd) }

    func write(_ block: Block, length: Int, at offset: Int) {
        guard hasNotFailed else { return }
        var written = 0
        while written < length {
            let result = pwrite(fd, block.start + written, length - written, off_t(offset + written))
            if result < 0 {
                if errno == EINTR { continue }
                // A file system that opened the file with O_DIRECT but refuses this write: ordinary writes.
                if errno == EINVAL && direct {
                    leaveDirectMode()
                    continue
                }
                fail(errno)
                return
            }
            written += result
        }
    }

    func synchronize() {
        if fsync(fd) != 0 { fail(errno) }
    }

    /// Later writes go through the page cache.
    func leaveDirectMode() {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~intake_o_direct()) }
        direct = false
    }

    private var hasNotFailed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure == nil
    }

    private func fail(_ errorNumber: Int32) {
        lock.lock()
        if failure == nil { failure = FileWriteError(path: path, errorNumber: errorNumber) }
        lock.unlock()
    }

    func throwFailure() throws {
        lock.lock()
        let failure = self.failure
        lock.unlock()
        if let failure { throw failure }
    }
}
