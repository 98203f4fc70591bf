/// What an input file is, decided by its content (magic bytes), never by its name.
public enum ContainerFormat: String, Sendable {
    /// No archive magic: the file itself is the CSV.
    case plain
    /// One gzip stream holding one file.
    case gzip
    /// One zstd stream holding one file.
    case zstd
    /// One bzip2 stream holding one file.
    case bzip2
    /// One xz stream holding one file.
    case xz
    /// A zip archive.
    case zip
    /// An uncompressed tar archive.
    case tar
    /// A gzip-compressed tar archive (`.tar.gz`, `.tgz`).
    case tarGzip = "tar.gz"
    /// A zstd-compressed tar archive.
    case tarZstd = "tar.zst"
    /// A bzip2-compressed tar archive.
    case tarBzip2 = "tar.bz2"
    /// An xz-compressed tar archive.
    case tarXz = "tar.xz"

    /// How many leading bytes `detect(prefix:)` needs to see to recognise every format (tar's magic is at 257).
    public static let sniffLength = 512

    /// Recognises a format from the first bytes of a file.
    ///
    /// A compressed stream is reported as its compression alone (`.gzip`, ...): whether it holds a tar is only
    /// known once it is decompressed.
    /// - Parameter prefix: the file's first bytes, ideally `sniffLength` of them (fewer at the end of a file).
    /// - Returns: the format, or `.plain` when no archive magic matches.
    public static func detect(prefix: some Collection<UInt8>) -> ContainerFormat {
        let bytes = Array(prefix.prefix(sniffLength))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && bytes[offset..<(offset + magic.count)].elementsEqual(magic)
        }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        // "BZh" alone could open a CSV; the block size digit and the first block's (or the empty stream's)
        // magic make a false match on text practically impossible.
        if starts(Array("BZh".utf8)), bytes.count >= 4, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[3]),
            starts([0x31, 0x41, 0x59, 0x26, 0x53, 0x59], at: 4) || starts([0x17, 0x72, 0x45, 0x38, 0x50, 0x90], at: 4)
        {
            return .bzip2
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        // POSIX ustar ("ustar\0") and GNU tar ("ustar  \0") both have "ustar" here.
        if starts(Array("ustar".utf8), at: 257) { return .tar }
        return .plain
    }
}

extension ContainerFormat {
    /// The single-stream compression this format was recognised by, or `nil` for plain, zip and tar.
    var compression: Compression? {
        switch self {
        case .gzip, .tarGzip: .gzip
        case .zstd, .tarZstd: .zstd
        case .bzip2, .tarBzip2: .bzip2
        case .xz, .tarXz: .xz
        case .plain, .zip, .tar: nil
        }
    }

    /// A stream-compressed tar is also a stream-compressed file; which one is known after the first header.
    func refined(holdsTar: Bool) -> ContainerFormat {
        guard holdsTar, let compression else { return self }
        switch compression {
        case .gzip: return .tarGzip
        case .zstd: return .tarZstd
        case .bzip2: return .tarBzip2
        case .xz: return .tarXz
        }
    }
}

/// A whole-stream compression libarchive undoes as a filter.
enum Compression: CaseIterable {
    case gzip, zstd, bzip2, xz

    /// File name suffixes this compression adds, lowercased; stripped to name a single compressed file.
    var suffixes: [String] {
        switch self {
        case .gzip: [".gz", ".gzip"]
        case .zstd: [".zst", ".zstd"]
        case .bzip2: [".bz2", ".bzip2"]
        case .xz: [".xz"]
        }
    }
}
