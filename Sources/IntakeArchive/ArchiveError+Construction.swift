import IntakeCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ArchiveError {
    /// Which step of reading an archive failed, for the message.
    enum Step {
        case open, header, data
    }

    /// The error for a libarchive failure at `step`.
    ///
    /// A failure of our own input (standard input, a pipe) is `.unreadableFile`; a file libarchive could not
    /// open is too; everything else libarchive rejects is `.corruptArchive`.
    init(reading failure: LibarchiveFailure, path: String, during step: Step, isCompressed: Bool = false) {
        if let clientFailure = failure.clientFailure {
            self.init(
                kind: .unreadableFile, path: path, message: "reading the input failed; the rest is skipped",
                underlying: clientFailure)
            return
        }
        if step == .open,
            [ENOENT, EACCES, EPERM, EISDIR, ENOTDIR, ELOOP, ENAMETOOLONG, EIO].contains(failure.systemErrno)
        {
            self.init(
                kind: .unreadableFile, path: path, message: "cannot open the file; skipped",
                underlying: failure.message)
            return
        }
        // libarchive says "Unrecognized archive format" both for a compressed stream that decodes to nothing and for
        // one that breaks before its first byte (the filter's own message is overwritten); say both.
        if step != .data, isCompressed, failure.message == "Unrecognized archive format" {
            self.init(
                kind: .corruptArchive, path: path,
                message: "the compressed data is empty or damaged; skipped", underlying: failure.message)
            return
        }
        let message =
            switch step {
            case .open: "cannot read the archive: it is damaged, truncated or not what its first bytes claim; skipped"
            case .header: "cannot read the next entry: the archive is damaged or truncated; the rest is skipped"
            case .data: "cannot read the entry's data: the archive is damaged or truncated; the rest is skipped"
            }
        self.init(kind: .corruptArchive, path: path, message: message, underlying: failure.message)
    }

    /// The `.unreadableFile` error for an I/O failure of a file.
    init(unreadable error: FileReadError, path: String, action: String) {
        let reason = String(cString: strerror(error.errorNumber))
        self.init(kind: .unreadableFile, path: path, message: "\(action) the file failed (\(reason)); skipped")
    }
}
