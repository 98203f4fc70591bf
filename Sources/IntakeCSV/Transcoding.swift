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
    /// How many invalid code units were replaced by U+FFFD so far.
    public private(set) var replacements = 0

    /// Creates a transcoder over `base`, whose byte-order mark has already been consumed.
    public init(base: Base, bigEndian: Bool) {
        self.base = base
        self.bigEndian = bigEndian
        self.input = [UInt8](repeating: 0, count: 64 * 1024)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Each code unit yields at most 3 bytes here (a surrogate pair yields 4 for 2 units).
        guard buffer.count >= 4 else { return 0 }
        var written = 0
        while written + 4 <= buffer.count {
            if inputEnd - inputStart < 2 {
                if baseDone {
                    if inputEnd - inputStart == 1 {
                        // An odd trailing byte: not a whole code unit.
                        inputStart = inputEnd
                        replacements += 1
                        written += UTF8Encoding.put(0xFFFD, into: buffer, at: written)
                    }
                    if pendingHighSurrogate != nil {
                        pendingHighSurrogate = nil
                        replacements += 1
                        written += UTF8Encoding.put(0xFFFD, into: buffer, at: written)
                    }
                    return written
                }
                if written > 0 { return written }
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
                    written += UTF8Encoding.put(scalar, into: buffer, at: written)
                    continue
                }
                replacements += 1
                written += UTF8Encoding.put(0xFFFD, into: buffer, at: written)
                if written + 4 > buffer.count {
                    inputStart -= 2  // handle this unit on the next call
                    return written
                }
            }
            switch unit {
            case 0xD800...0xDBFF: pendingHighSurrogate = unit
            case 0xDC00...0xDFFF:
                replacements += 1
                written += UTF8Encoding.put(0xFFFD, into: buffer, at: written)
            default: written += UTF8Encoding.put(UInt32(unit), into: buffer, at: written)
            }
        }
        return written
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

    /// Creates a transcoder over `base`.
    public init(base: Base) {
        self.base = base
        self.input = [UInt8](repeating: 0, count: 64 * 1024)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 3 else { return 0 }
        if inputStart == inputEnd {
            inputStart = 0
            inputEnd = try input.withUnsafeMutableBytes { try base.read(into: $0) }
            if inputEnd == 0 { return 0 }
        }
        var written = 0
        while inputStart < inputEnd, written + 3 <= buffer.count {
            let byte = input[inputStart]
            inputStart += 1
            if byte < 0x80 {
                buffer[written] = byte
                written += 1
            } else {
                let scalar = byte < 0xA0 ? UInt32(UTF8Encoding.windows1252High[Int(byte - 0x80)]) : UInt32(byte)
                written += UTF8Encoding.put(scalar, into: buffer, at: written)
            }
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
