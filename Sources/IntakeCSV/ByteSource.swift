#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes that a reader pulls from in chunks: a file, an archive entry, standard input, memory.
///
/// Implementations fill as much of `buffer` as they can and return how many bytes they wrote; they return `0`
/// only at the end of the stream. They may throw when the underlying medium fails (an I/O error, a corrupt
/// archive); readers pass such errors on unchanged.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`.
    /// - Returns: the number of bytes written; `0` means the end of the stream.
    /// - Throws: when the underlying medium fails.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A byte source over bytes held in memory (tests, small inputs, a peeked prefix).
public struct MemoryByteSource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    /// Creates a source that yields `bytes`, then ends.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Creates a source that yields the UTF-8 bytes of `text`, then ends.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// A byte source that first yields a prefix already read from `base` (for content sniffing), then the rest.
public struct PrefixedByteSource<Base: ByteSource>: ByteSource {
    private var prefix: MemoryByteSource
    private var prefixDone: Bool
    private var base: Base

    /// Creates a source yielding `prefix`, then everything `base` still has.
    public init(prefix: [UInt8], base: Base) {
        self.prefix = MemoryByteSource(prefix)
        self.prefixDone = prefix.isEmpty
        self.base = base
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !prefixDone {
            let count = try prefix.read(into: buffer)
            if count > 0 { return count }
            prefixDone = true
        }
        return try base.read(into: buffer)
    }
}

/// An I/O failure of a file descriptor, with the operating system's error number.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
    /// The file's path as the user gave it.
    public var path: String
    /// `errno` of the failed call.
    public var errorNumber: Int32

    /// Creates an error for `path` from `errno`.
    public init(path: String, errorNumber: Int32) {
        self.path = path
        self.errorNumber = errorNumber
    }

    public var description: String {
        "\(path): \(String(cString: strerror(errorNumber)))"
    }
}

/// A byte source reading a file descriptor with `read(2)`; it owns the descriptor and closes it.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The path shown in errors (`-` for standard input).
    public let path: String

    /// Opens `path` for reading; `-` is standard input.
    /// - Throws: `FileReadError` when the file cannot be opened or is a directory.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw FileReadError(path: path, errorNumber: errno) }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw FileReadError(path: path, errorNumber: EISDIR)
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileReadError(path: path, errorNumber: errno)
        }
    }
}

/// `read(2)`, named by module because `FileByteSource.read(into:)` hides the global function.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
