#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file going into a bundle: an open descriptor, checked to be a regular file, and its size at open.
///
/// It owns the descriptor and closes it in `deinit`. The size is taken from the open descriptor (not the path),
/// so the header written from it describes the very file whose bytes follow.
final class BundleSourceFile {
    /// The path as it will appear in errors.
    let path: String
    /// The size when the file was opened: what the entry's header promises.
    let size: Int64
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: `ArchiveError` `.unreadableFile` when it cannot be opened or is not a regular file.
    init(path: String) throws(ArchiveError) {
        self.path = path
        // O_NONBLOCK so that a FIFO put where a file was expected fails the check below instead of waiting for a
        // writer forever; it changes nothing for a regular file.
        let opened = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else {
            throw Self.unreadable(path, "opening the file failed (\(Self.reason(errno)))")
        }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            let error = errno
            close(opened)
            throw Self.unreadable(path, "reading the file's status failed (\(Self.reason(error)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(opened)
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
            throw Self.unreadable(path, "the path is \(what); only regular files are packed")
        }
        descriptor = opened
        size = Int64(info.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Reads the next bytes into `buffer`.
    /// - Returns: the number of bytes read; `0` at the end of the file.
    /// - Throws: `ArchiveError` `.unreadableFile` for an I/O error.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw Self.unreadable(path, "reading the file failed (\(Self.reason(errno)))")
        }
    }

    /// The error for a file that grew or shrank between its header and the end of its data.
    func changedSize(expected: Int64, read: Int64) -> ArchiveError {
        let comparison = read > expected ? "more than" : "only"
        return Self.unreadable(
            path, "the file changed while it was packed: \(comparison) \(read) of the \(expected) bytes it had")
    }

    private static func unreadable(_ path: String, _ what: String) -> ArchiveError {
        ArchiveError(kind: .unreadableFile, path: path, message: "\(what); the archive was not written")
    }

    private static func reason(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}

/// `read(2)`, named apart from `BundleSourceFile.read(into:)`, which would hide it inside the class.
private func systemRead(_ descriptor: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, base, count)
    #elseif canImport(Darwin)
        Darwin.read(descriptor, base, count)
    #endif
}
