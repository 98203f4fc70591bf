import CArchive

/// What an archive entry's header says, copied out of libarchive's `archive_entry` (which the next header
/// overwrites).
struct ArchiveEntryHeader: Equatable {
    /// The kind of file the entry describes.
    enum FileType: Equatable {
        case regular, directory, symbolicLink, characterDevice, blockDevice, fifo, socket
        /// A mode libarchive did not map to a known type.
        case other(UInt32)
    }

    /// The path inside the archive; `nil` when libarchive could not decode it.
    var pathname: String?
    var fileType: FileType
    /// Set for a tar hard link (or a zip/cpio equivalent): the entry's data is another entry's.
    var hardlinkTarget: String?
    var symlinkTarget: String?

    init(pathname: String?, fileType: FileType, hardlinkTarget: String? = nil, symlinkTarget: String? = nil) {
        self.pathname = pathname
        self.fileType = fileType
        self.hardlinkTarget = hardlinkTarget
        self.symlinkTarget = symlinkTarget
    }

    init(_ entry: OpaquePointer) {
        // The UTF-8 accessor first: the process runs in the C locale, where the plain one fails on non-ASCII.
        pathname = Self.string(archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry))
        hardlinkTarget = Self.string(archive_entry_hardlink_utf8(entry) ?? archive_entry_hardlink(entry))
        symlinkTarget = Self.string(archive_entry_symlink_utf8(entry) ?? archive_entry_symlink(entry))
        let mode = UInt32(archive_entry_filetype(entry))
        switch mode {
        case LibarchiveFileType.regular: fileType = .regular
        case LibarchiveFileType.directory: fileType = .directory
        case LibarchiveFileType.symbolicLink: fileType = .symbolicLink
        case LibarchiveFileType.characterDevice: fileType = .characterDevice
        case LibarchiveFileType.blockDevice: fileType = .blockDevice
        case LibarchiveFileType.fifo: fileType = .fifo
        case LibarchiveFileType.socket: fileType = .socket
        default: fileType = .other(mode)
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        // String(cString:) repairs invalid UTF-8, so a hostile name cannot fail decoding.
        pointer.map { String(cString: $0) }
    }
}

/// libarchive's `AE_IF*` file types (archive_entry.h). Swift does not import those macros because they are
/// casts (`((__LA_MODE_T)0100000)`); libarchive fixes these values on every platform, whatever the local
/// `S_IF*` are.
private enum LibarchiveFileType {
    static let regular: UInt32 = 0o100000
    static let directory: UInt32 = 0o040000
    static let symbolicLink: UInt32 = 0o120000
    static let characterDevice: UInt32 = 0o020000
    static let blockDevice: UInt32 = 0o060000
    static let fifo: UInt32 = 0o010000
    static let socket: UInt32 = 0o140000
}

/// What to do with an archive entry.
enum EntryDisposition: Equatable {
    /// A CSV/TSV/TXT file: hand its data to the pipeline.
    case read
    /// A directory, macOS metadata or a hidden file: skip without a word, nobody meant it as input.
    case skip
    /// Could escape or alias if extracted: report, skip, never read its data.
    case unsafe(String)
    /// Some other file: report that only CSV/TSV/TXT entries are read.
    case unrecognized(String)
}

extension ArchiveEntryHeader {
    /// Decides what to do with the entry, from its header alone (the data is never looked at first).
    var disposition: EntryDisposition {
        guard let name = pathname, !name.isEmpty else { return .unsafe("entry has no readable name; skipped") }
        if let target = hardlinkTarget {
            return .unsafe("entry '\(name)' is a hard link to '\(target)'; links are never followed; skipped")
        }
        switch fileType {
        case .symbolicLink:
            return .unsafe(
                "entry '\(name)' is a symbolic link to '\(symlinkTarget ?? "?")'; links are never followed; skipped")
        case .characterDevice, .blockDevice, .fifo, .socket:
            return .unsafe("entry '\(name)' is a \(fileType.noun); only regular files are read; skipped")
        case .regular, .directory, .other:
            break
        }
        let components = Self.components(of: name)
        if Self.isAbsolute(name) {
            return .unsafe("entry '\(name)' has an absolute path and would escape the archive; skipped")
        }
        if components.contains("..") {
            return .unsafe("entry '\(name)' escapes the archive (contains '..'); skipped")
        }
        if fileType == .directory { return .skip }
        if components.first == "__MACOSX" || components.last?.hasPrefix(".") == true { return .skip }
        if case .other(let mode) = fileType {
            return .unsafe(
                "entry '\(name)' is not a regular file (mode 0o\(String(mode, radix: 8))); only regular files "
                    + "are read; skipped")
        }
        let lowered = name.lowercased()
        if [".csv", ".tsv", ".txt"].contains(where: { lowered.hasSuffix($0) }) { return .read }
        return .unrecognized("entry '\(name)' is not a CSV file; only .csv, .tsv and .txt entries are read; skipped")
    }

    /// Path components; zip entries written on Windows may use `\`, which an extractor there would honour.
    private static func components(of name: String) -> [Substring] {
        name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
    }

    /// `/x`, `\x` and `C:x` all leave the extraction directory.
    private static func isAbsolute(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return true }
        let scalars = Array(name.unicodeScalars.prefix(2))
        return scalars.count == 2 && scalars[1] == ":" && scalars[0].isASCII && scalars[0].properties.isAlphabetic
    }
}

extension ArchiveEntryHeader.FileType {
    /// The type as a noun for messages.
    var noun: String {
        switch self {
        case .regular: "regular file"
        case .directory: "directory"
        case .symbolicLink: "symbolic link"
        case .characterDevice: "character device"
        case .blockDevice: "block device"
        case .fifo: "FIFO (named pipe)"
        case .socket: "socket"
        case .other: "file of unknown type"
        }
    }
}
