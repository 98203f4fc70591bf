#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The archive a run's outputs are packed into.
public enum BundleFormat: String, Sendable {
    /// A POSIX (pax restricted) tar archive compressed with gzip: `bundle.tar.gz`.
    case tarGzip = "tar.gz"
    /// A zip archive with deflate compression: `bundle.zip`.
    case zip
}

/// Packs a run's output files into one archive (`bundle.tar.gz` or `bundle.zip`) with libarchive.
///
/// The archive depends only on the names, order and bytes of the files (and `modificationTime`): never on the
/// files' own times, owners or permissions, nor on when or by whom it was written. Two runs with the same
/// outputs give byte-identical bundles, so a bundle can be compared or checksummed.
public enum ArchiveWriter {
    /// How much of a file is read and handed to libarchive at once; files are never held whole.
    static let bufferSize = 64 * 1024

    /// Writes `files` (paths relative to `directory`, in the given order) from `directory` into a new archive at
    /// `destination`.
    ///
    /// Deterministic bytes: entries in the given order, mtime fixed (0 or a given `modificationTime`), uid/gid 0,
    /// no user/group names, mode 0644, regular files only, gzip without a name/timestamp in its header (libarchive
    /// option "gzip:!timestamp"); the same inputs give byte-identical archives. A zip's DOS time field is local
    /// time (libarchive converts it with `localtime`), so a non-zero `modificationTime` is byte-identical only in
    /// the same time zone; `0` is clamped to 1980-01-01 everywhere.
    ///
    /// Streams each file through a fixed-size buffer (never whole files in memory); writes to `destination`
    /// directly (the caller writes into a temporary directory and renames it, so no extra temp file is needed).
    /// When the write fails, a `destination` this call created is removed, so no truncated archive is left under
    /// the final name; one that existed before is left as the failure left it (it was truncated on open).
    ///
    /// ```swift
    /// try ArchiveWriter.write(
    ///     files: ["jobs.jsonl", "jobs/acme-shopify/#1001.json", "summary.json", "manifest.json"],
    ///     from: runDirectory, to: runDirectory + "/bundle.tar.gz", format: .tarGzip)
    /// ```
    /// - Parameters:
    ///   - files: the entries, as paths relative to `directory`; each becomes an entry of that name. They must be
    ///     relative, without `.`, `..` or empty components, and distinct.
    ///   - directory: the folder the paths are relative to.
    ///   - destination: the archive to create (replaced if it exists).
    ///   - format: tar.gz or zip.
    ///   - modificationTime: the mtime of every entry, in seconds since 1970; `0` unless told.
    /// - Throws: `ArchiveError` with kind `.unreadableFile` for a source file that cannot be opened or read, is
    ///   not a regular file or changes size while it is packed; `.writeFailed` when libarchive or the
    ///   destination fails (no such folder, no permission, a full disk); `.unsafeEntry` for a name that is
    ///   absolute, has `.`, `..` or empty components, or repeats an earlier one (nothing is written then).
    public static func write(
        files: [String], from directory: String, to destination: String, format: BundleFormat,
        modificationTime: Int = 0
    ) throws(ArchiveError) {
        try checkNames(files, destination: destination)
        // Only a file this call creates may be removed after a failure: never something that was already there
        // (a previous bundle, or a device like /dev/full when testing a full disk).
        let createdHere = !pathExists(destination)
        do {
            try withUTF8CharacterType(names: files, destination: destination) { () throws(ArchiveError) in
                try writeEntries(
                    files: files, from: directory, to: destination, format: format, modificationTime: modificationTime)
            }
        } catch {
            // The handle was freed when `writeEntries` returned, so libarchive no longer writes to the file.
            if createdHere && isRegularFile(destination) { unlink(destination) }
            throw error
        }
    }

    /// Opens the archive, adds every file and closes it; the handle is freed when this returns.
    private static func writeEntries(
        files: [String], from directory: String, to destination: String, format: BundleFormat,
        modificationTime: Int
    ) throws(ArchiveError) {
        let archive: ArchiveWriteHandle
        do {
            archive = try ArchiveWriteHandle.create(format: format, destination: destination)
        } catch {
            throw ArchiveError(writing: error, path: destination, message: "cannot create the archive")
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        for name in files {
            let sourcePath = join(directory, name)
            let source = try BundleSourceFile(path: sourcePath)
            let entryPath = "\(destination):\(name)"
            do {
                try archive.writeHeader(pathname: name, size: source.size, modificationTime: modificationTime)
            } catch {
                throw ArchiveError(writing: error, path: entryPath, message: "cannot write the entry's header")
            }
            try copy(source, into: archive, through: buffer, entryPath: entryPath)
            do {
                try archive.finishEntry()
            } catch {
                throw ArchiveError(writing: error, path: entryPath, message: "cannot finish the entry")
            }
        }
        do {
            // Closing flushes the compressor and the last block: a full disk often only shows here.
            try archive.close()
        } catch {
            throw ArchiveError(writing: error, path: destination, message: "cannot finish the archive")
        }
    }

    /// Streams one file's bytes into the current entry, buffer by buffer.
    private static func copy(
        _ source: BundleSourceFile, into archive: ArchiveWriteHandle, through buffer: UnsafeMutableRawBufferPointer,
        entryPath: String
    ) throws(ArchiveError) {
        var copied: Int64 = 0
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { break }
            copied += Int64(count)
            // The header already promised `size` bytes: more would be cut off by libarchive without a word.
            guard copied <= source.size else { throw source.changedSize(expected: source.size, read: copied) }
            do {
                try archive.writeData(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            } catch {
                throw ArchiveError(writing: error, path: entryPath, message: "cannot write the entry's data")
            }
        }
        // Fewer bytes than promised would be padded with zeros by libarchive: a silently wrong entry.
        guard copied == source.size else { throw source.changedSize(expected: source.size, read: copied) }
    }

    /// Rejects names that would escape or alias on extraction, before anything is written: the bundle is read
    /// by other tools (and by our own reader, which skips such entries as unsafe).
    private static func checkNames(_ files: [String], destination: String) throws(ArchiveError) {
        var seen: Set<String> = []
        for name in files {
            let components = name.split(separator: "/", omittingEmptySubsequences: false)
            let problem: String? =
                if name.isEmpty {
                    "an entry name is empty"
                } else if name.hasPrefix("/") {
                    "entry name '\(name)' is absolute; bundle entries are relative to the run folder"
                } else if components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                    "entry name '\(name)' has an empty, '.' or '..' component"
                } else if !seen.insert(name).inserted {
                    "entry name '\(name)' is given twice; extracting would overwrite the first"
                } else {
                    nil
                }
            if let problem {
                throw ArchiveError(
                    kind: .unsafeEntry, path: destination, message: "\(problem); the archive was not written")
            }
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func pathExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

extension ArchiveError {
    /// The `.writeFailed` error for a libarchive failure while writing, with the system's reason when there is
    /// one (libarchive's own text for a failed `write(2)` is only "Write error").
    init(writing failure: LibarchiveFailure, path: String, message: String) {
        var text = message
        if failure.systemErrno > 0 { text += " (\(String(cString: strerror(failure.systemErrno))))" }
        self.init(kind: .writeFailed, path: path, message: text, underlying: failure.underlying)
    }
}
