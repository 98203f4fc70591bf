import CIntakeSystem
import Foundation
import IntakeCSV

/// A temporary file that a run spills to instead of memory (order references, the ledger's new entries), so
/// memory does not grow with the input.
///
/// The file is created in the temporary folder (`TMPDIR`) and unlinked at once: it has no name, nothing else can
/// open it, and the system reclaims it when it is closed, however the process ends (even SIGKILL). Its pages live
/// in the page cache, which the kernel can write out, not in the process's memory. Bytes are appended through a
/// small buffer; `read(at:count:)` sees them whether they are still buffered or already written.
///
/// ```swift
/// let file = try ScratchFile()
/// let offset = file.count
/// try file.append(bytes)
/// let back = try file.read(at: offset, count: bytes.count)   // the same bytes
/// ```
final class ScratchFile {
    private let fd: Int32
    /// Appended bytes not yet written to the file: they follow the file's `written` bytes.
    private let pending: UnsafeMutableRawPointer
    private var pendingCount = 0
    private let pendingCapacity: Int
    /// Bytes already in the file.
    private var written = 0
    /// Where `read(at:count:)` puts what it reads from the file (grown to the longest read).
    private var readBuffer: UnsafeMutableRawPointer
    private var readCapacity: Int
    /// The folder shown in errors (the file itself has no name).
    private let folder: String

    /// Creates an empty, nameless file.
    /// - Parameters:
    ///   - directory: the folder to create it in (the temporary folder by default).
    ///   - bufferSize: bytes appended before a write to the file.
    /// - Throws: `FileWriteError` when the file cannot be created.
    init(directory: String = NSTemporaryDirectory(), bufferSize: Int = 64 << 10) throws {
        folder = directory
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array("intake-scratch-XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else { throw FileWriteError(path: directory + " (a temporary file)", errorNumber: errno) }
        // Unlinked right away: a kill at any moment leaves nothing behind.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = opened
        pendingCapacity = max(bufferSize, 16)
        pending = .allocate(byteCount: pendingCapacity, alignment: 16)
        readCapacity = 4096
        readBuffer = .allocate(byteCount: readCapacity, alignment: 16)
    }

    deinit {
        close(fd)
        pending.deallocate()
        readBuffer.deallocate()
    }

    /// The number of bytes appended so far (the offset of the next one).
    var count: Int { written + pendingCount }

    /// Appends bytes.
    /// - Throws: `FileWriteError` when the file cannot be written (a full disk).
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if pendingCount + bytes.count > pendingCapacity {
            try flush()
            if bytes.count > pendingCapacity {
                try writeAll(bytes)
                return
            }
        }
        (pending + pendingCount).copyMemory(from: source, byteCount: bytes.count)
        pendingCount += bytes.count
    }

    /// Appends one byte.
    func append(_ byte: UInt8) throws {
        if pendingCount == pendingCapacity { try flush() }
        pending.storeBytes(of: byte, toByteOffset: pendingCount, as: UInt8.self)
        pendingCount += 1
    }

    /// Appends one entry: `tag` (when given), `bytes.count` as `appendLength` writes it, then `bytes`, with one
    /// check for room (the ledger spool and the reference set append an entry per order on the output thread, where
    /// a call per byte of the length and a `memmove` call per entry cost ~300 instructions an order).
    func appendEntry(tag: UInt8?, _ bytes: UnsafeRawBufferPointer) throws {
        let count = bytes.count
        let room = count + 11
        if pendingCount + room > pendingCapacity {
            try flush()
            guard room <= pendingCapacity else {
                if let tag { try append(tag) }
                try appendLength(count)
                try append(bytes)
                return
            }
        }
        var cursor = pending + pendingCount
        if let tag {
            cursor.storeBytes(of: tag, as: UInt8.self)
            cursor += 1
        }
        var value = UInt(count)
        while value >= 0x80 {
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
            cursor += 1
            value >>= 7
        }
        cursor.storeBytes(of: UInt8(value), as: UInt8.self)
        cursor += 1
        if let source = bytes.baseAddress {
            // References are short: two loads and two stores up to 32 bytes (a byte loop took ~5 instructions a
            // byte, a `memmove` call more than that for a 6-byte reference).
            intake_copy_exact(cursor.assumingMemoryBound(to: UInt8.self), source.assumingMemoryBound(to: UInt8.self), count)
            cursor += count
        }
        pendingCount = cursor - pending
    }

    /// Appends `length` as unsigned LEB128 (the length prefix of `LedgerBatch`'s packing).
    func appendLength(_ length: Int) throws {
        var value = UInt(length)
        while value >= 0x80 {
            try append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        try append(UInt8(value))
    }

    /// The entry (`appendEntry` without a tag) at `position` of bytes read back: where its bytes start and where it
    /// ends; `nil` when its length prefix or its bytes run past `chunk`, or the prefix is not LEB128.
    @inline(__always)
    static func entry(in chunk: UnsafeRawBufferPointer, at position: Int) -> (bytes: Int, end: Int)? {
        // A length under 128 (any order reference) is one byte: no loop. Publishing walks every spooled entry on
        // the run's single thread at its end, 1,000,000 of them in the nightly job (~40 instructions each through
        // the loop, not inlined).
        if position < chunk.count, case let first = chunk.load(fromByteOffset: position, as: UInt8.self), first < 0x80 {
            let end = position + 1 + Int(first)
            return end <= chunk.count ? (position + 1, end) : nil
        }
        return longEntry(in: chunk, at: position)
    }

    private static func longEntry(in chunk: UnsafeRawBufferPointer, at position: Int) -> (bytes: Int, end: Int)? {
        var length = 0
        var shift = 0
        var cursor = position
        while cursor < chunk.count, shift < 63 {
            let byte = chunk[cursor]
            cursor += 1
            length |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { return chunk.count - cursor >= length ? (cursor, cursor + length) : nil }
        }
        return nil
    }

    /// Reads bytes back.
    /// - Parameters:
    ///   - offset: where to start (`0..<count`).
    ///   - count: how many bytes at most; fewer come back at the end of the file.
    /// - Returns: the bytes, valid until the next call on this file.
    /// - Throws: `FileReadError` when the file cannot be read.
    func read(at offset: Int, count wanted: Int) throws -> UnsafeRawBufferPointer {
        let count = max(0, min(wanted, self.count - offset))
        guard count > 0 else { return UnsafeRawBufferPointer(start: readBuffer, count: 0) }
        if offset >= written {
            // Still in the buffer: no system call (the common case for references met a moment ago).
            return UnsafeRawBufferPointer(start: pending + (offset - written), count: count)
        }
        if offset + count > written { try flush() }
        if count > readCapacity {
            readBuffer.deallocate()
            readCapacity = max(count, readCapacity * 2)
            readBuffer = .allocate(byteCount: readCapacity, alignment: 16)
        }
        var done = 0
        while done < count {
            let got = pread(fd, readBuffer + done, count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: folder + " (a temporary file)", errorNumber: errno)
            }
            if got == 0 { break }
            done += got
        }
        return UnsafeRawBufferPointer(start: readBuffer, count: done)
    }

    /// Writes the buffered bytes to the file.
    private func flush() throws {
        guard pendingCount > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(start: pending, count: pendingCount))
        pendingCount = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let put = pwrite(fd, base + done, bytes.count - done, off_t(written))
            if put < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: folder + " (a temporary file)", errorNumber: errno)
            }
            done += put
            written += put
        }
    }
}
