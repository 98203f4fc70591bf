/// A problem with an input file or one of its archive entries: it was skipped and reported, the rest went on.
///
/// The kind's raw value is the stable issue code of the contract (`corrupt_archive`, ...).
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable issue code.
    public enum Kind: String, Sendable {
        /// The file could not be opened or read (missing, no permission, a directory, an I/O error).
        case unreadableFile = "unreadable_file"
        /// libarchive could not read the archive: damaged, truncated or not what its magic bytes claim.
        case corruptArchive = "corrupt_archive"
        /// An entry that could escape or alias on extraction (absolute, `..`, link, device, FIFO, socket).
        case unsafeEntry = "unsafe_archive_entry"
        /// The archive has too many entries, expands too far or compresses suspiciously well.
        case limitExceeded = "archive_limit_exceeded"
        /// An entry that is not a CSV, TSV or TXT file.
        case unrecognizedEntry = "unrecognized_format"
        /// An archive could not be written: libarchive failed, the destination cannot be created, the disk is full.
        case writeFailed = "write_failed"
    }

    /// What went wrong.
    public var kind: Kind
    /// The display path: `in/drops.zip`, or `in/drops.zip:orders/x.csv` for an entry.
    public var path: String
    /// Operator-facing text saying what happened and why.
    public var message: String
    /// libarchive's `archive_error_string` (or the I/O error under it), when there is one.
    public var underlying: String?

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - path: the display path of the file or entry.
    ///   - message: operator-facing text.
    ///   - underlying: the library's own message, if any.
    public init(kind: Kind, path: String, message: String, underlying: String? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    /// `path: code: message (underlying)`.
    public var description: String {
        var text = "\(path): \(kind.rawValue): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
