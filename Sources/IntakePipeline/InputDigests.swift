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

    /// The file's size and SHA-256, read in 1 MiB chunks (through the page cache, where the run's own read puts
    /// it); an unreadable file gets size 0 and an empty hash (the run reports it as `unreadable_file`). Read, not
    /// mapped: a file that shrinks meanwhile cannot crash the run (as with the reader itself).
    static func hash(path: String) -> AuditFile {
        let display = DisplayPath.relative(path)
        let unreadable = AuditFile(path: display, bytes: 0, sha256: "")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadable }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return unreadable }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
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
