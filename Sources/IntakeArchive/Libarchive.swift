import CArchive

/// How a libarchive function reports its result, which decides how its return value is read.
enum LibarchiveReturn {
    /// An `int` status: `ARCHIVE_OK`, `ARCHIVE_EOF`, `ARCHIVE_WARN`, `ARCHIVE_RETRY`, `ARCHIVE_FAILED`,
    /// `ARCHIVE_FATAL` (`archive_read_next_header`, `archive_read_open*`, `archive_read_support_*`, ...).
    case status
    /// A byte count, or a negative status on failure (`archive_read_data`, `archive_write_data`).
    case byteCount
    /// An `int` status where `ARCHIVE_WARN` is a failure too (`archive_write_header`): a writer's warning means
    /// the entry went out with something lost, such as a name that could not be converted, and a bundle must
    /// hold exactly what it was given.
    case strictStatus
}

/// A libarchive call that succeeded, as judged by `Libarchive.judge`.
enum LibarchiveStatus: Equatable {
    /// `ARCHIVE_OK`.
    case ok
    /// `ARCHIVE_WARN` from a status call: the operation succeeded, with a message worth keeping.
    case warning(String?)
    /// `ARCHIVE_EOF`: no more entries.
    case endOfArchive
    /// The bytes a `.byteCount` call produced; `0` is the end of the entry's data.
    case bytes(Int)
}

/// A libarchive call that failed: its return code and what libarchive said about it.
struct LibarchiveFailure: Error, Equatable {
    /// The negative return code (`ARCHIVE_RETRY`, `ARCHIVE_WARN` from a data or strict status call,
    /// `ARCHIVE_FAILED`, `ARCHIVE_FATAL`).
    var code: Int
    /// `archive_error_string`, when libarchive set one.
    var message: String?
    /// `archive_errno`: a system `errno` when the failure came from the operating system.
    var systemErrno: Int32
    /// Why a stream callback failed (our own source threw), when that is the cause; libarchive only saw `-1`.
    var clientFailure: String?

    /// The most precise text available, for `ArchiveError.underlying`.
    var underlying: String? { clientFailure ?? message }
}

/// The only place where libarchive return codes become Swift values.
///
/// Every call into libarchive that can fail passes its return value through `judge`, so the meaning of
/// `ARCHIVE_WARN`/`RETRY`/`FATAL` and the reading of `archive_error_string` are decided once, for the reader
/// and for the bundle writer.
enum Libarchive {
    /// Judges the return value of one libarchive call on `archive`.
    /// - Parameters:
    ///   - returned: what the function returned.
    ///   - kind: whether `returned` is a status or a byte count.
    ///   - archive: the handle the call was made on, for `archive_error_string` and `archive_errno`.
    ///   - clientFailure: why our stream callback failed, if it did; libarchive cannot carry a Swift error.
    /// - Returns: the success, or the failure with libarchive's message.
    static func judge(
        _ returned: Int, as kind: LibarchiveReturn, on archive: OpaquePointer, clientFailure: String? = nil
    ) -> Result<LibarchiveStatus, LibarchiveFailure> {
        switch kind {
        case .byteCount:
            if returned >= 0 { return .success(.bytes(returned)) }
            // A data call returns ARCHIVE_WARN with no bytes for a bad CRC or a short entry: nothing usable
            // came back, so for data every negative value is a failure.
            return .failure(failure(returned, on: archive, clientFailure: clientFailure))
        case .status, .strictStatus:
            switch Int32(truncatingIfNeeded: returned) {
            case ARCHIVE_OK: return .success(.ok)
            case ARCHIVE_EOF: return .success(.endOfArchive)
            case ARCHIVE_WARN where kind == .status: return .success(.warning(errorString(of: archive)))
            // ARCHIVE_RETRY is a failure too: retrying a hostile archive's header could loop, and the entry
            // it concerns cannot be trusted.
            default: return .failure(failure(returned, on: archive, clientFailure: clientFailure))
            }
        }
    }

    private static func failure(_ code: Int, on archive: OpaquePointer, clientFailure: String?) -> LibarchiveFailure {
        LibarchiveFailure(
            code: code, message: errorString(of: archive), systemErrno: archive_errno(archive),
            clientFailure: clientFailure)
    }

    private static func errorString(of archive: OpaquePointer) -> String? {
        guard let text = archive_error_string(archive) else { return nil }
        return String(cString: text)
    }
}
