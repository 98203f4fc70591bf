import IntakeCSV

/// The data of one archive entry as a byte source, with the archive's limits enforced on every read.
///
/// It reads straight into the caller's buffer (no entry is ever held whole) and checks the archive-wide
/// totals after each read, so a bomb is stopped within one buffer of the limit. Once the reader has moved on to
/// another entry, this source is over and reads `0`.
struct ArchiveEntrySource: ByteSource {
    private let reader: ArchiveReader
    private let entryIndex: Int
    private let limits: ArchiveLimits
    private let displayPath: String

    init(reader: ArchiveReader, limits: ArchiveLimits, displayPath: String) {
        self.reader = reader
        self.entryIndex = reader.entryIndex
        self.limits = limits
        self.displayPath = displayPath
    }

    /// Reads the next bytes of the entry.
    /// - Returns: the number of bytes read; `0` at the end of the entry.
    /// - Throws: `ArchiveError` `.corruptArchive` when libarchive fails, `.limitExceeded` past a limit.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        guard reader.entryIndex == entryIndex else { return 0 }
        return try Self.read(from: reader, into: buffer, limits: limits, displayPath: displayPath)
    }

    /// Reads entry data with the limits checked; shared with the skipping of unread data between entries.
    static func read(
        from reader: ArchiveReader, into buffer: UnsafeMutableRawBufferPointer, limits: ArchiveLimits,
        displayPath: String
    ) throws(ArchiveError) -> Int {
        let count: Int
        do {
            count = try reader.readData(into: buffer)
        } catch {
            throw ArchiveError(reading: error, path: displayPath, during: .data)
        }
        if let violation = limits.violation(
            expanded: reader.dataBytesRead, compressed: reader.compressedBytesRead, displayPath: displayPath)
        {
            throw violation
        }
        return count
    }
}

/// A plain file's bytes (the sniffed prefix, then the rest of the descriptor), with I/O errors reported as
/// `.unreadableFile` so that they stop this input, not the run.
struct PlainFileSource<Base: ByteSource>: ByteSource {
    private var base: PrefixedByteSource<Base>
    private let displayPath: String

    init(prefix: [UInt8], base: Base, displayPath: String) {
        self.base = PrefixedByteSource(prefix: prefix, base: base)
        self.displayPath = displayPath
    }

    /// Reads the next bytes of the file.
    /// - Throws: `ArchiveError` `.unreadableFile` for an I/O error; other errors of `Base` unchanged.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try base.read(into: buffer)
        } catch let error as FileReadError {
            throw ArchiveError(unreadable: error, path: displayPath, action: "reading")
        }
    }
}
