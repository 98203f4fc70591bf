/// The character encoding a CSV file was written in, as the reader decided it from its first bytes.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// UTF-16 little-endian, announced by a byte-order mark; transcoded to UTF-8 while reading.
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian, announced by a byte-order mark; transcoded to UTF-8 while reading.
    case utf16BE = "utf-16be"
    /// Windows-1252 ("ANSI" from Excel's "CSV (Comma delimited)"), chosen when the first bytes are not valid
    /// UTF-8; transcoded to UTF-8 while reading.
    case windows1252 = "windows-1252"
}

/// UTF-8 validation over raw bytes, written by hand because it runs on every record that has a non-ASCII byte.
public enum UTF8Validation {
    /// Returns the offset of the first invalid UTF-8 sequence in `bytes`, or `nil` when all of it is valid.
    /// - Parameters:
    ///   - bytes: the bytes to check.
    ///   - allowTruncatedEnd: accept a sequence cut off by the end of `bytes` (a sample of a longer stream).
    /// - Returns: the offset of the first byte of the first invalid sequence, or `nil`.
    public static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer, allowTruncatedEnd: Bool = false) -> Int? {
        let count = bytes.count
        var i = 0
        while i < count {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= count, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > count {
                // A cut-off sequence is fine at the end of a sample if what is there is a valid prefix.
                guard allowTruncatedEnd else { return i }
                for k in 1..<(count - i) {
                    let byte = bytes[i + k]
                    let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                    if byte < lo || byte > hi { return i }
                }
                return nil
            }
            let second = bytes[i + 1]
            if second < lower || second > upper { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
                return i
            }
            i += length
        }
        return nil
    }
}
