/// A byte source that turns UTF-16 (either byte order) into UTF-8 as it is read.
///
/// Unpaired surrogates become U+FFFD and are counted in `replacements`, so a caller can warn about them.
public struct UTF16ToUTF8Source<Base: ByteSource>: ByteSource {
    private var base: Base
    private let bigEndian: Bool
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var baseDone = false
    private var pendingHighSurrogate: UInt16?
    private var carry = UTF8Carry()
    /// How many invalid code units were replaced by U+FFFD so far.
    public private(set) var replacements = 0

    /// Creates a transcoder over `base`, whose byte-order mark has already been consumed.
    public init(base: Base, bigEndian: Bool) {
        self.base = base
        self.bigEndian = bigEndian
        self.input = [UInt8](repeating: 0, count: 64 * 1024)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Any buffer size works: a character that does not fit is carried over to the next call. Returning 0
        // for a small buffer would mean "end of stream" to the caller and silently cut the file.
        guard buffer.count > 0 else { return 0 }
        var written = carry.flush(into: buffer)
        while written < buffer.count && carry.isEmpty {
            if inputEnd - inputStart < 2 {
                if baseDone {
                    // The end of the input: a high surrogate still waiting for its pair, then an odd last byte.
                    if pendingHighSurrogate != nil {
                        pendingHighSurrogate = nil
                        replace(into: buffer, at: &written)
                    } else if inputEnd - inputStart == 1 {
                        inputStart = inputEnd
                        replace(into: buffer, at: &written)
                    } else {
                        break
                    }
                    continue
                }
                if written > 0 { break }
                try refill()
                continue
            }
            let a = UInt16(input[inputStart]), b = UInt16(input[inputStart + 1])
            inputStart += 2
            let unit = bigEndian ? (a << 8 | b) : (b << 8 | a)
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                    carry.put(scalar, into: buffer, at: &written)
                    continue
                }
                // The high surrogate was unpaired; this unit is looked at again on its own.
                replace(into: buffer, at: &written)
                inputStart -= 2
                continue
            }
            switch unit {
            case 0xD800...0xDBFF: pendingHighSurrogate = unit
            case 0xDC00...0xDFFF: replace(into: buffer, at: &written)
            default: carry.put(UInt32(unit), into: buffer, at: &written)
            }
        }
        return written
    }

    private mutating func replace(into buffer: UnsafeMutableRawBufferPointer, at written: inout Int) {
        replacements += 1
        carry.put(0xFFFD, into: buffer, at: &written)
    }

    private mutating func refill() throws {
        let leftover = inputEnd - inputStart
        if leftover > 0 { input[0] = input[inputStart] }
        inputStart = 0
        inputEnd = leftover
        let count = try input.withUnsafeMutableBytes { raw in
            try base.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[leftover...]))
        }
        if count == 0 { baseDone = true }
        inputEnd += count
    }
}

/// A byte source that turns Windows-1252 into UTF-8 as it is read.
public struct Windows1252ToUTF8Source<Base: ByteSource>: ByteSource {
    private var base: Base
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var carry = UTF8Carry()

    /// Creates a transcoder over `base`.
    public init(base: Base) {
        self.base = base
        self.input = [UInt8](repeating: 0, count: 64 * 1024)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Any buffer size works (see `UTF16ToUTF8Source`): a character that does not fit is carried over.
        guard buffer.count > 0 else { return 0 }
        var written = carry.flush(into: buffer)
        if !carry.isEmpty { return written }
        if inputStart == inputEnd {
            if written > 0 { return written }
            inputStart = 0
            inputEnd = try input.withUnsafeMutableBytes { try base.read(into: $0) }
            if inputEnd == 0 { return 0 }
        }
        while inputStart < inputEnd, written < buffer.count, carry.isEmpty {
            let byte = input[inputStart]
            inputStart += 1
            if byte < 0x80 {
                buffer[written] = byte
                written += 1
            } else {
                let scalar = byte < 0xA0 ? UInt32(UTF8Encoding.windows1252High[Int(byte - 0x80)]) : UInt32(byte)
                carry.put(scalar, into: buffer, at: &written)
            }
        }
        return written
    }
}

/// The UTF-8 bytes of one character that did not fit into a reader's buffer, handed out on the next read.
struct UTF8Carry {
    private var bytes: UInt32 = 0
    private var count = 0

    var isEmpty: Bool { count == 0 }

    /// Writes `scalar` at `written` and advances it; what does not fit is kept for `flush(into:)`.
    mutating func put(_ scalar: UInt32, into buffer: UnsafeMutableRawBufferPointer, at written: inout Int) {
        if written + 4 <= buffer.count {
            written += UTF8Encoding.put(scalar, into: buffer, at: written)
            return
        }
        var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let length = withUnsafeMutableBytes(of: &encoded) { UTF8Encoding.put(scalar, into: $0, at: 0) }
        bytes = UInt32(encoded.0) | UInt32(encoded.1) << 8 | UInt32(encoded.2) << 16 | UInt32(encoded.3) << 24
        count = length
        written += flush(into: UnsafeMutableRawBufferPointer(rebasing: buffer[written...]))
    }

    /// Writes as much of the carried bytes as fits at the start of `buffer`; returns how many.
    mutating func flush(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var written = 0
        while count > 0 && written < buffer.count {
            buffer[written] = UInt8(truncatingIfNeeded: bytes)
            bytes >>= 8
            count -= 1
            written += 1
        }
        return written
    }
}

/// Small helpers shared by the transcoders.
enum UTF8Encoding {
    /// Code points of 0x80...0x9F in Windows-1252; the five unassigned bytes map to the C1 control of the same
    /// value, as the WHATWG encoding standard does, so no byte is ever lost.
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func put(_ scalar: UInt32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[offset] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(0xC0 | scalar >> 6)
            buffer[offset + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(0xE0 | scalar >> 12)
            buffer[offset + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            buffer[offset] = UInt8(0xF0 | scalar >> 18)
            buffer[offset + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            buffer[offset + 3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
