import CIntakeSystem
import Crypto
import Foundation
import IntakeArchive
import IntakeCSV
import IntakeModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The size and SHA-256 of each input file of a run, for its audit entry, computed on a thread of its own.
///
/// SHA-256 costs about 0.7 ns a byte here even with the CPU's SHA extensions: on the reading thread, the critical
/// path of a run, the nightly job's 660 MB export took a third longer (README: "Operators, roles and the audit
/// trail"). So a file is hashed by a second read of it (through the page cache, where the run's own read puts it),
/// on a thread of lowered priority that takes the files in the order the run queues them (all of them when it
/// starts) and runs while the run reads and writes; the run waits for it only inside its publishing transaction. Standard input cannot be read twice:
/// its bytes are hashed as the run reads them (and the rest, when the run stops early).
final class InputDigests: @unchecked Sendable {
    // @unchecked: `pending`, `results`, `order`, `queued`, `closed` and `finished` are only touched under `condition`.
    private let condition = NSCondition()
    private var pending: [String] = []
    private var results: [String: AuditFile] = [:]
    private var order: [String] = []
    private var queued: Set<String> = []
    private var closed = false
    private var finished = false

    /// Starts the hashing thread.
    init() {
        let thread = Thread { [self] in work() }
        thread.name = "intake-digests"
        thread.start()
    }

    /// Queues `path` (an input the run is about to read) for hashing; a path already queued is hashed once.
    /// - Parameter path: the input path; its display form is what the audit records.
    func add(_ path: String) {
        condition.lock()
        defer { condition.unlock() }
        guard queued.insert(path).inserted else { return }
        order.append(path)
        pending.append(path)
        condition.broadcast()
    }

    /// Waits for every queued file and returns them in the order they were queued; the thread ends.
    /// - Returns: one record per input path (an unreadable one with size 0 and an empty hash).
    func finish() -> [AuditFile] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        return order.compactMap { results[$0] }
    }

    /// Stops the thread without hashing what is still queued (a run that fails); nothing after `finish()`.
    func cancel() {
        condition.lock()
        pending.removeAll()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func record(_ file: AuditFile, for path: String) {
        condition.lock()
        if queued.insert(path).inserted { order.append(path) }
        results[path] = file
        condition.unlock()
    }

    private func work() {
        Self.lowerThreadPriority()
        condition.lock()
        while true {
            while pending.isEmpty && !closed { condition.wait() }
            guard !pending.isEmpty else { break }
            let path = pending.removeFirst()
            condition.unlock()
            let file = Self.hash(path: path)
            condition.lock()
            results[path] = file
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The run's threads come first: this one uses what they leave of the CPU, and the rest at the end.
    private static func lowerThreadPriority() {
        #if os(Linux)
            // On Linux a nice value is per thread: `who` 0 with PRIO_PROCESS is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    /// The file's size and SHA-256; an unreadable file gets size 0 and an empty hash (the run reports it as
    /// `unreadable_file`). Read, not mapped: a file that shrinks meanwhile cannot crash the run (as with the reader
    /// itself).
    ///
    /// Read with direct I/O (`O_DIRECT`) where the file system takes it: the disk copies the bytes into the
    /// buffers, where a read through the page cache (which the run's own read fills) has the kernel copy them,
    /// 0.07 s of CPU for the nightly job's 660 MB export, on a machine whose two cores are both busy all run long.
    /// Direct reads wait for the disk, so a thread of their own reads ahead of the hashing (`ReadAhead`): hashing
    /// after each read in turn left the digest the last thing a 1M-order run waited for. Direct reads see what
    /// was written, as page-cache reads do (the kernel writes dirty pages back first).
    static func hash(path: String) -> AuditFile {
        let display = DisplayPath.relative(path)
        let unreadable = AuditFile(path: display, bytes: 0, sha256: "")
        guard let file = ReadAhead(path: path) else { return unreadable }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = file.next() {
            guard let bytes = chunk else { return unreadable }
            hasher.update(bufferPointer: bytes)
            size += Int64(bytes.count)
        }
        return AuditFile(path: display, bytes: size, sha256: hex(hasher.finalize()))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `InputReader.forEachEntry(inPath:...)`, with the input's digest taken when `digests` is given: a file is
    /// queued for the hashing thread; standard input is hashed as it is read.
    static func forEachEntry(
        inPath path: String, digests: InputDigests?, limits: ArchiveLimits, report: (ArchiveError) -> Void,
        body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws {
        guard let digests, path == "-" else {
            digests?.add(path)
            return try InputReader.forEachEntry(inPath: path, limits: limits, report: report, body: body)
        }
        let stdin = HashingByteSource(try FileByteSource(path: path))
        try InputReader.forEachEntry(from: stdin, inputPath: path, limits: limits, report: report, body: body)
        digests.record(stdin.finish(path: path), for: path)
    }
}

/// Standard input, hashed as it is read (it cannot be read a second time).
private final class HashingByteSource: ByteSource {
    private let base: FileByteSource
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var failed = false

    init(_ base: FileByteSource) { self.base = base }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count: Int
        do {
            count = try base.read(into: buffer)
        } catch {
            failed = true
            throw error
        }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        size += Int64(count)
        return count
    }

    /// Reads what the run left unread (a file it skipped), then gives the record.
    func finish(path: String) -> AuditFile {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while !failed, let count = try? read(into: buffer), count > 0 {}
        guard !failed else { return AuditFile(path: path, bytes: 0, sha256: "") }
        return AuditFile(path: path, bytes: size, sha256: InputDigests.hex(hasher.finalize()))
    }
}

/// A file read ahead of its consumer on a thread of its own, into a few page-aligned buffers, with direct I/O
/// where the file system takes it (see `InputDigests.hash(path:)`); a file system that refuses it, at the open
/// or at a read, gets ordinary reads from where they stopped.
///
/// ```swift
/// guard let file = ReadAhead(path: path) else { return }  // cannot be opened
/// while let chunk = file.next() { guard let bytes = chunk else { break /* a read failed */ }; use(bytes) }
/// ```
private final class ReadAhead: @unchecked Sendable {
    // @unchecked: `filled`, `free` and `done` are only touched under `condition`; a buffer is written by the
    // reading thread only while it is neither in `filled` nor handed out, read by the consumer only while handed
    // out.
    /// 1 MiB in all (each buffer counts in the run's peak memory: direct reads fill them, not the page cache).
    private static let bufferSize = 256 << 10
    private static let bufferCount = 4
    private let condition = NSCondition()
    private let memory: UnsafeMutableRawPointer
    /// Buffers read, in file order: index and byte count (0: the end; -1: a read failed).
    private var filled: [(buffer: Int, count: Int)] = []
    private var free = Array(0..<ReadAhead.bufferCount)
    /// The buffer handed out by `next()`, given back at the next call.
    private var lent: Int?
    /// The reading thread has ended.
    private var done = false
    /// The consumer stopped early: the reading thread ends.
    private var abandoned = false
    private let descriptor: Int32
    private var direct: Bool

    /// Opens `path` and starts reading it; `nil` when it cannot be opened.
    init?(path: String) {
        let flag = intake_o_direct()
        var descriptor: Int32 = flag != 0 ? open(path, O_RDONLY | O_CLOEXEC | flag) : -1
        direct = descriptor >= 0
        if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        // Page-aligned, in whole pages, as direct I/O wants its buffers.
        memory = .allocate(byteCount: Self.bufferSize * Self.bufferCount, alignment: 4096)
        let thread = Thread { [self] in readAll(path: path) }
        thread.name = "intake-digests-read"
        thread.start()
    }

    deinit {
        condition.lock()
        abandoned = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        close(descriptor)
        memory.deallocate()
    }

    /// The next bytes of the file, valid until the next call; `.some(nil)` when a read failed, `nil` at the end.
    func next() -> UnsafeRawBufferPointer?? {
        condition.lock()
        defer { condition.unlock() }
        if let lent {
            free.append(lent)
            self.lent = nil
            condition.broadcast()
        }
        while filled.isEmpty && !done { condition.wait() }
        guard !filled.isEmpty else { return nil }
        let (buffer, count) = filled.removeFirst()
        if count == 0 { return nil }
        if count < 0 { return .some(nil) }
        lent = buffer
        return UnsafeRawBufferPointer(start: memory + buffer * Self.bufferSize, count: count)
    }

    private func readAll(path: String) {
        var offset: Int64 = 0
        while true {
            condition.lock()
            while free.isEmpty && !abandoned { condition.wait() }
            if abandoned {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let buffer = free.removeFirst()
            condition.unlock()
            let count = readChunk(into: memory + buffer * Self.bufferSize, path: path, offset: offset)
            condition.lock()
            filled.append((buffer, count))
            let last = count <= 0
            if last { done = true }
            condition.broadcast()
            condition.unlock()
            if last { return }
            offset += Int64(count)
        }
    }

    /// One read into `target` at the file's offset `offset`: bytes read, 0 at the end, -1 on failure.
    private func readChunk(into target: UnsafeMutableRawPointer, path: String, offset: Int64) -> Int {
        while true {
            let count = read(descriptor, target, Self.bufferSize)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            guard errno == EINVAL && direct else { return -1 }
            // Direct I/O refused at this read: the rest through the page cache, from the same offset.
            let reopened = open(path, O_RDONLY | O_CLOEXEC)
            guard reopened >= 0 else { return -1 }
            defer { close(reopened) }
            guard lseek(reopened, off_t(offset), SEEK_SET) == off_t(offset), dup2(reopened, descriptor) >= 0 else { return -1 }
            direct = false
        }
    }
}
