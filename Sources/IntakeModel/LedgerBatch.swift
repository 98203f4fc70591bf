/// One store's order references of one run, packed into one byte array: the unit the ledger records.
///
/// Each reference is stored as its length (unsigned LEB128) followed by its bytes, so any bytes round-trip
/// exactly (empty references, non-UTF-8 bytes, embedded NULs) and a million references of ~8 bytes take
/// ~9 MB in one allocation instead of a million `String`s.
///
/// ```swift
/// var batch = LedgerBatch(store: "acme-shopify")
/// batch.append("#1001")
/// batch.forEach { bytes in print(bytes.count) }
/// ```
public struct LedgerBatch: Sendable, Hashable {
    /// A packed byte array that is not a sequence of length-prefixed references.
    public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The offset in the packed bytes where the problem is.
        public var offset: Int
        /// What is wrong there.
        public var reason: String

        /// Creates an error.
        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "malformed ledger batch at byte \(offset): \(reason)" }
    }

    /// The store the orders belong to.
    public var store: String
    /// The number of references.
    public private(set) var count: Int
    /// The packed references: for each, its length as unsigned LEB128, then its bytes.
    public private(set) var packed: [UInt8]

    /// Creates an empty batch for a store.
    /// - Parameters:
    ///   - store: the store's id.
    ///   - minimumCapacity: bytes to reserve for the packed references.
    public init(store: String, minimumCapacity: Int = 0) {
        self.store = store
        count = 0
        packed = []
        if minimumCapacity > 0 { packed.reserveCapacity(minimumCapacity) }
    }

    /// Creates a batch from packed bytes as `packed` gives them (read back from storage), checking their layout.
    /// - Parameters:
    ///   - store: the store's id.
    ///   - packed: length-prefixed references.
    /// - Throws: `FormatError` when a length is malformed or runs past the end.
    public init(store: String, packed: [UInt8]) throws(FormatError) {
        self.store = store
        // `withUnsafeBytes` rethrows untyped errors: carry the typed one out in a `Result`.
        let counted = packed.withUnsafeBytes { raw in Result { () throws(FormatError) in try Self.validate(raw) } }
        self.count = try counted.get()
        self.packed = packed
    }

    /// Whether the batch holds no reference.
    public var isEmpty: Bool { count == 0 }

    /// Appends a reference (its UTF-8 bytes).
    public mutating func append(_ reference: String) {
        var reference = reference
        reference.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends a reference given as raw bytes.
    public mutating func append(bytes: UnsafeRawBufferPointer) {
        Self.appendLength(bytes.count, to: &packed)
        if !bytes.isEmpty { packed.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self)) }
        count += 1
    }

    /// Appends every reference of another batch (whatever its store).
    public mutating func append(contentsOf other: LedgerBatch) {
        packed.append(contentsOf: other.packed)
        count += other.count
    }

    /// Calls `body` with each reference's bytes, in the order they were appended. The buffer is valid only
    /// during the call.
    public func forEach<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        let result = packed.withUnsafeBytes { raw in
            Result { () throws(E) in
                var offset = 0
                while offset < raw.count {
                    let (length, start) = Self.readLength(raw, at: offset)
                    try body(UnsafeRawBufferPointer(rebasing: raw[start..<start + length]))
                    offset = start + length
                }
            }
        }
        try result.get()
    }

    /// The references as strings (invalid UTF-8 repaired): for tests and tools, not for hot paths.
    public var references: [String] {
        var strings: [String] = []
        strings.reserveCapacity(count)
        forEach { bytes in strings.append(String(decoding: bytes, as: UTF8.self)) }
        return strings
    }

    /// Splits the batch into consecutive pieces of at most `maxCount` references and at most `maxBytes` packed
    /// bytes each (a single longer reference gets a piece of its own), so no stored row grows huge.
    /// - Parameters:
    ///   - maxCount: the most references per piece (at least 1).
    ///   - maxBytes: the most packed bytes per piece, unless one reference alone is larger.
    ///   - body: called with each piece's reference count and packed bytes (valid only during the call).
    public func forEachChunk<E: Error>(maxCount: Int, maxBytes: Int, _ body: (Int, UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        let maxCount = max(1, maxCount)
        let result = packed.withUnsafeBytes { raw in Result { () throws(E) in
            var chunkStart = 0
            var chunkCount = 0
            var offset = 0
            while offset < raw.count {
                let (length, start) = Self.readLength(raw, at: offset)
                let end = start + length
                if chunkCount > 0, chunkCount == maxCount || end - chunkStart > maxBytes {
                    try body(chunkCount, UnsafeRawBufferPointer(rebasing: raw[chunkStart..<offset]))
                    chunkStart = offset
                    chunkCount = 0
                }
                chunkCount += 1
                offset = end
            }
            if chunkCount > 0 { try body(chunkCount, UnsafeRawBufferPointer(rebasing: raw[chunkStart..<offset])) }
        } }
        try result.get()
    }

    /// Checks that `raw` is a sequence of length-prefixed references.
    /// - Returns: the number of references.
    /// - Throws: `FormatError` naming the first bad offset.
    public static func validate(_ raw: UnsafeRawBufferPointer) throws(FormatError) -> Int {
        var offset = 0
        var count = 0
        while offset < raw.count {
            var length = 0
            var shift = 0
            var position = offset
            while true {
                guard position < raw.count else { throw FormatError(offset: offset, reason: "the length runs past the end") }
                guard shift < 63 else { throw FormatError(offset: offset, reason: "the length is too long") }
                let byte = raw[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            guard length <= raw.count - position else {
                throw FormatError(offset: offset, reason: "a reference of \(length) bytes runs past the end")
            }
            offset = position + length
            count += 1
        }
        return count
    }

    /// Appends `length` as unsigned LEB128.
    static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var value = UInt(length)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads an unsigned LEB128 length at `offset` of bytes known to be well formed.
    /// - Returns: the length and the offset of the bytes it prefixes.
    @inline(__always)
    static func readLength(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (length: Int, start: Int) {
        var position = offset
        var byte = raw[position]
        position += 1
        if byte < 0x80 { return (Int(byte), position) }
        var length = Int(byte & 0x7F)
        var shift = 7
        repeat {
            byte = raw[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            shift += 7
        } while byte & 0x80 != 0
        return (length, position)
    }
}
