import CArchive

/// Owns one libarchive write handle (`struct archive *`) and frees it in `deinit`.
///
/// It only wraps libarchive: which files go in and how errors read lives in `ArchiveWriter`. The handle never
/// leaves this class; every return code goes through `Libarchive.judge`.
final class ArchiveWriteHandle {
    private let archive: OpaquePointer

    private init(archive: OpaquePointer) {
        self.archive = archive
    }

    deinit {
        // Closes first when `close()` was not reached (a failure): the partial file is then removed by the caller.
        archive_write_free(archive)
    }

    /// Creates the handle for `format` and opens `destination` for writing (created, or truncated).
    /// - Throws: `LibarchiveFailure` when libarchive cannot be set up or the destination cannot be opened.
    static func create(format: BundleFormat, destination: String) throws(LibarchiveFailure) -> ArchiveWriteHandle {
        guard let archive = archive_write_new() else {
            throw LibarchiveFailure(
                code: Int(ARCHIVE_FATAL), message: "archive_write_new failed (out of memory)", systemErrno: 0)
        }
        // Owned at once, so that every later failure still frees it.
        let handle = ArchiveWriteHandle(archive: archive)
        switch format {
        case .tarGzip:
            // pax restricted writes plain ustar headers and adds a pax extended header only for what ustar cannot
            // hold (a long or non-ASCII name, a size over 8 GiB), so any tar reads it.
            try handle.check(archive_write_set_format_pax_restricted(archive))
            try handle.check(archive_write_add_filter_gzip(archive))
            // Without this the gzip header holds the time of writing, and no two bundles would be equal. Refused
            // (not skipped) where unsupported, as the bytes would no longer be deterministic; every libarchive
            // 3.x has it, with zlib and with the external gzip program (`-n`) alike.
            try handle.check(archive_write_set_filter_option(archive, "gzip", "timestamp", nil))
        case .zip:
            try handle.check(archive_write_set_format_zip(archive))
            try handle.check(archive_write_zip_set_compression_deflate(archive))
            // Names as UTF-8 with the zip's UTF-8 flag (bit 11) whatever the locale is called; without the flag,
            // unzip tools read a non-ASCII name as CP437.
            try handle.check(archive_write_set_format_option(archive, "zip", "hdrcharset", "UTF-8"))
        }
        // No padding of the last block: the archive ends where its data ends, whatever the destination is.
        try handle.check(archive_write_set_bytes_in_last_block(archive, 1))
        try handle.check(archive_write_open_filename(archive, destination))
        return handle
    }

    /// Starts a regular-file entry with the fixed metadata that keeps bundles deterministic.
    /// - Parameters:
    ///   - pathname: the entry's name (UTF-8).
    ///   - size: the data bytes that will follow, exactly.
    ///   - modificationTime: the entry's mtime, seconds since 1970.
    /// - Throws: `LibarchiveFailure` when libarchive fails or warns (the header would not say what was asked).
    func writeHeader(pathname: String, size: Int64, modificationTime: Int) throws(LibarchiveFailure) {
        guard let entry = archive_entry_new() else {
            throw LibarchiveFailure(
                code: Int(ARCHIVE_FATAL), message: "archive_entry_new failed (out of memory)", systemErrno: 0)
        }
        defer { archive_entry_free(entry) }
        // UTF-8 explicitly: the process runs in the C locale, where a plain `set_pathname` would be taken as
        // ASCII and a non-ASCII store name could not be converted.
        archive_entry_set_pathname_utf8(entry, pathname)
        archive_entry_set_filetype(entry, Self.regularFileType)
        archive_entry_set_perm(entry, 0o644)
        archive_entry_set_size(entry, size)
        archive_entry_set_mtime(entry, time_t(modificationTime), 0)
        // Set rather than left unset, so that zip's Unix extra field and tar's fields say 0 on every machine;
        // user and group names stay unset, so none is written.
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        try check(archive_write_header(archive, entry), as: .strictStatus)
    }

    /// Writes all of `bytes` as data of the current entry.
    /// - Throws: `LibarchiveFailure` when libarchive or the destination fails, or takes nothing.
    func writeData(_ bytes: UnsafeRawBufferPointer) throws(LibarchiveFailure) {
        var rest = bytes
        while let base = rest.baseAddress, !rest.isEmpty {
            let returned = archive_write_data(archive, base, rest.count)
            let status = try Libarchive.judge(returned, as: .byteCount, on: archive).get()
            guard case .bytes(let count) = status, count > 0, count <= rest.count else {
                // libarchive takes less only past the entry's declared size, which `ArchiveWriter` never passes;
                // stop rather than loop.
                throw LibarchiveFailure(
                    code: Int(ARCHIVE_FATAL), message: "libarchive took no more data for the entry", systemErrno: 0)
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
    }

    /// Ends the current entry (tar pads it to its 512-byte block; zip writes its data descriptor).
    func finishEntry() throws(LibarchiveFailure) {
        try check(archive_write_finish_entry(archive))
    }

    /// Writes the end of the archive and flushes the compressor and the file; the handle is spent afterwards.
    func close() throws(LibarchiveFailure) {
        try check(archive_write_close(archive))
    }

    /// libarchive's `AE_IFREG`, which Swift does not import (it is a cast macro); fixed on every platform.
    private static let regularFileType: UInt32 = 0o100000

    private func check(_ code: Int32, as kind: LibarchiveReturn = .status) throws(LibarchiveFailure) {
        _ = try Libarchive.judge(Int(code), as: kind, on: archive).get()
    }
}
