import CArchive
import IntakeCSV

/// Which libarchive readers to enable for an input, from what its magic bytes said.
///
/// Enabling only these (never `archive_read_support_format_all`) keeps formats we do not accept out of reach of
/// hostile input; mtree, for one, would read files named inside the archive from the local disk.
enum ArchiveLayout: Equatable {
    case zip
    case tar
    /// One compressed stream: a tar inside, or a single file (libarchive's raw format).
    case compressed(Compression)

    init?(_ format: ContainerFormat) {
        switch format {
        case .zip: self = .zip
        case .tar: self = .tar
        case .plain: return nil
        default:
            guard let compression = format.compression else { return nil }
            self = .compressed(compression)
        }
    }
}

/// Owns one libarchive read handle (`struct archive *`) and frees it in `deinit`.
///
/// It only wraps libarchive: entry policy and size limits live in `InputReader` and `ArchiveEntrySource`. The
/// handle never leaves this class; callers get `ArchiveEntryHeader` values and bytes copied into their buffers.
final class ArchiveReader {
    private let archive: OpaquePointer
    /// Feeds libarchive when the input is a stream; held here so it lives exactly as long as the handle.
    private let stream: ArchiveStreamContext?
    let layout: ArchiveLayout
    /// Entry data bytes produced so far, over all entries: the expanded size the limits are checked against.
    private(set) var dataBytesRead: Int64 = 0
    /// How many headers have been read; identifies the current entry, so a stale entry source reads nothing.
    private(set) var entryIndex = 0
    /// Whether the current entry's data has been read to its end.
    private(set) var entryDataFinished = true

    private init(archive: OpaquePointer, stream: ArchiveStreamContext?, layout: ArchiveLayout) {
        self.archive = archive
        self.stream = stream
        self.layout = layout
    }

    deinit {
        archive_read_free(archive)
    }

    /// Opens a file by path; libarchive reopens it itself so that it can seek (zip's central directory).
    /// - Throws: `LibarchiveFailure` when libarchive cannot be set up or the file cannot be opened.
    static func open(file path: String, layout: ArchiveLayout) throws(LibarchiveFailure) -> ArchiveReader {
        let reader = try make(stream: nil, layout: layout)
        try reader.check(archive_read_open_filename(reader.archive, path, ArchiveStreamContext.blockSize))
        try reader.requireFilter()
        return reader
    }

    /// Opens a stream (standard input, a pipe, memory): libarchive pulls from `source` through C callbacks.
    /// - Throws: `LibarchiveFailure` when libarchive cannot be set up or the first read fails.
    static func open(stream source: some ByteSource, layout: ArchiveLayout) throws(LibarchiveFailure)
        -> ArchiveReader
    {
        let context = ArchiveStreamContext(source: source)
        let reader = try make(stream: context, layout: layout)
        try reader.check(context.open(reader.archive))
        try reader.requireFilter()
        return reader
    }

    /// Creates the handle, owned at once by a reader so that every later failure still frees it.
    private static func make(stream: ArchiveStreamContext?, layout: ArchiveLayout) throws(LibarchiveFailure)
        -> ArchiveReader
    {
        guard let archive = archive_read_new() else {
            throw LibarchiveFailure(
                code: Int(ARCHIVE_FATAL), message: "archive_read_new failed (out of memory)", systemErrno: 0)
        }
        let reader = ArchiveReader(archive: archive, stream: stream, layout: layout)
        switch layout {
        case .zip:
            try reader.check(archive_read_support_format_zip(archive))
        case .tar:
            try reader.check(archive_read_support_format_tar(archive))
        case .compressed(let compression):
            switch compression {
            case .gzip: try reader.check(archive_read_support_filter_gzip(archive))
            case .zstd: try reader.check(archive_read_support_filter_zstd(archive))
            case .bzip2: try reader.check(archive_read_support_filter_bzip2(archive))
            case .xz: try reader.check(archive_read_support_filter_xz(archive))
            }
            try reader.check(archive_read_support_format_tar(archive))
            // Raw bids lowest, so it only answers when the decompressed data is not a tar: a single file.
            try reader.check(archive_read_support_format_raw(archive))
        }
        return reader
    }

    /// Fails when the magic promised compression but libarchive's filter did not take the data; raw would
    /// otherwise hand the undecoded bytes on as if they were the file.
    private func requireFilter() throws(LibarchiveFailure) {
        guard case .compressed = layout, archive_filter_count(archive) < 2 else { return }
        throw LibarchiveFailure(
            code: Int(ARCHIVE_FATAL), message: "the data starts like a compressed stream but cannot be decoded",
            systemErrno: 0)
    }

    /// Reads the next entry's header; the rest of the current entry is skipped by libarchive.
    /// - Returns: the header, or `nil` at the end of the archive.
    /// - Throws: `LibarchiveFailure` when the header cannot be read.
    func nextHeader() throws(LibarchiveFailure) -> ArchiveEntryHeader? {
        var entry: OpaquePointer?
        // Names are converted while the header is read and again when they are asked for: both in UTF-8.
        let status = try UTF8Locale.run { () throws(LibarchiveFailure) in try check(archive_read_next_header(archive, &entry)) }
        guard status != .endOfArchive, let entry else { return nil }
        entryIndex += 1
        entryDataFinished = false
        return UTF8Locale.run { ArchiveEntryHeader(entry) }
    }

    /// Reads the current entry's data into `buffer`.
    /// - Returns: the number of bytes read; `0` at the end of the entry.
    /// - Throws: `LibarchiveFailure` when the data cannot be read or decoded.
    func readData(into buffer: UnsafeMutableRawBufferPointer) throws(LibarchiveFailure) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !entryDataFinished else { return 0 }
        let returned = archive_read_data(archive, base, buffer.count)
        let status = try Libarchive.judge(returned, as: .byteCount, on: archive, clientFailure: stream?.failure).get()
        guard case .bytes(let count) = status else { return 0 }
        if count == 0 { entryDataFinished = true }
        dataBytesRead += Int64(count)
        return count
    }

    /// Bytes libarchive has pulled from the input so far: the compressed side of the ratio.
    var compressedBytesRead: Int64 { archive_filter_bytes(archive, -1) }

    /// Whether the entries come from a tar reader (valid after the first header).
    var holdsTar: Bool { archive_format(archive) & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR }

    /// Whether libarchive's raw format answered: the input is one compressed file, not an archive.
    var isSingleFile: Bool { archive_format(archive) & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_RAW }

    @discardableResult
    private func check(_ code: Int32) throws(LibarchiveFailure) -> LibarchiveStatus {
        try Libarchive.judge(Int(code), as: .status, on: archive, clientFailure: stream?.failure).get()
    }
}
