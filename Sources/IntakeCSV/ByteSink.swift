#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where writers put their bytes.
public protocol ByteSink {
    /// Appends `bytes`.
    /// - Throws: when the underlying medium fails (a full disk, a closed pipe).
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A byte sink collecting bytes in memory.
public struct MemoryByteSink: ByteSink, Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink.
    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A write failure of a file descriptor.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// The path written to.
    public var path: String
    /// `errno` of the failed call.
    public var errorNumber: Int32

    /// Creates an error for `path` from `errno`.
    public init(path: String, errorNumber: Int32) {
        self.path = path
        self.errorNumber = errorNumber
    }

    public var description: String { "cannot write \(path): \(String(cString: strerror(errorNumber)))" }
}

/// A buffered byte sink over a file descriptor; it owns the descriptor (unless it is standard output).
public final class FileByteSink: ByteSink {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// Bytes not yet written, `pendingCount` of them: raw memory, so that a small write (a CSV row) is one
    /// `memcpy`, where `Array.append(contentsOf:)` cost ~330 instructions a row.
    private let pending: UnsafeMutableRawPointer
    private var pendingCount = 0
    private let bufferSize = 256 * 1024
    /// The path shown in errors (`-` for standard output).
    public let path: String

    /// Creates (or truncates) the file at `path`; `-` writes to standard output.
    /// - Throws: `FileWriteError` when the file cannot be created.
    public init(path: String) throws {
        self.path = path
        pending = .allocate(byteCount: bufferSize, alignment: 16)
        if path == "-" {
            fd = 1
            ownsDescriptor = false
        } else {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                pending.deallocate()
                throw FileWriteError(path: path, errorNumber: errno)
            }
            fd = opened
            ownsDescriptor = true
        }
    }

    deinit {
        // Bytes still buffered would otherwise be lost without a word. An error here cannot be reported: callers
        // that need to know call `flush()` (or `synchronize()`) themselves.
        try? flush()
        if ownsDescriptor { close(fd) }
        pending.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count >= bufferSize {
            // Big chunks (the fast lane's job batches) go straight to the file, not through the buffer.
            try flush()
            try writeAll(bytes)
            return
        }
        guard let source = bytes.baseAddress else { return }
        if pendingCount + bytes.count > bufferSize { try flush() }
        (pending + pendingCount).copyMemory(from: source, byteCount: bytes.count)
        pendingCount += bytes.count
        if pendingCount == bufferSize { try flush() }
    }

    /// Writes out everything buffered.
    /// - Throws: `FileWriteError`.
    public func flush() throws {
        try writeAll(UnsafeRawBufferPointer(start: pending, count: pendingCount))
        pendingCount = 0
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(fd, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, errorNumber: errno)
            }
            offset += written
        }
    }

    /// Flushes and asks the file system to make the file durable.
    /// - Throws: `FileWriteError`.
    public func synchronize() throws {
        try flush()
        if ownsDescriptor, fsync(fd) != 0 { throw FileWriteError(path: path, errorNumber: errno) }
    }
}

/// `write(2)`, named by module because `FileByteSink.write(_:)` hides the global function.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
