/// An exact set of byte strings (order references), compact enough to hold a store's whole ledger in memory.
///
/// Each reference's bytes are stored once in an arena (`[UInt8]`: the length as unsigned LEB128, then the
/// bytes); an open-addressing table with linear probing holds one 8-byte slot per entry: a 32-bit hash tag and
/// the entry's 32-bit arena offset. A lookup compares bytes only when the tag matches, so it is exact, unlike a
/// set of hashes. The table grows (doubles) past a load of 0.75.
///
/// Memory: 8 bytes per slot, with between 1.33 and 2.67 slots per reference, plus the arena (the bytes and
/// ~1 length byte per reference). At 1,000,000 references of ~8 bytes that is ~16 MB of slots (2^21) and
/// ~9 MB of arena. The arena is limited to 4 GiB of references (32-bit offsets).
///
/// ```swift
/// var seen = ReferenceTable()
/// seen.insert("#1001")   // true: new
/// seen.insert("#1001")   // false: already there
/// ```
public struct ReferenceTable: Sendable {
    /// Entries: for each, its length as unsigned LEB128, then its bytes.
    private var arena: [UInt8] = []
    /// Slots: 0 = empty; otherwise `tag << 32 | offset`, with a tag that is never 0.
    private var slots: [UInt64]
    /// `slots.count - 1` (the slot count is a power of two).
    private var mask: Int
    /// The number of references held.
    public private(set) var count = 0

    /// Creates an empty table.
    /// - Parameter minimumCapacity: references to make room for without growing.
    public init(minimumCapacity: Int = 0) {
        let size = Self.slotCount(for: minimumCapacity)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Whether the table holds no reference.
    public var isEmpty: Bool { count == 0 }

    /// Makes room for `capacity` references without growing, and `bytes` bytes of arena.
    public mutating func reserveCapacity(_ capacity: Int, bytes: Int = 0) {
        if bytes > 0 { arena.reserveCapacity(bytes) }
        let size = Self.slotCount(for: capacity)
        if size > slots.count { rehash(to: size) }
    }

    /// Inserts a reference given as raw bytes.
    /// - Returns: `true` when it was new, `false` when it was already there.
    @discardableResult
    public mutating func insert(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let hash = Self.hash(bytes)
        let tag = Self.tag(hash)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { break }
            if UInt32(truncatingIfNeeded: slot >> 32) == tag, entryEquals(offset: Int(UInt32(truncatingIfNeeded: slot)), bytes) {
                return false
            }
            index = (index + 1) & mask
        }
        let offset = arena.count
        precondition(offset <= Int(UInt32.max), "ReferenceTable: more than 4 GiB of references")
        LedgerBatch.appendLength(bytes.count, to: &arena)
        if !bytes.isEmpty { arena.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self)) }
        slots[index] = UInt64(tag) << 32 | UInt64(offset)
        count += 1
        if count > slots.count / 4 * 3 { rehash(to: slots.count * 2) }
        return true
    }

    /// Inserts a reference (its UTF-8 bytes).
    /// - Returns: `true` when it was new, `false` when it was already there.
    @discardableResult
    public mutating func insert(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    /// Whether the table holds a reference given as raw bytes.
    public func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let hash = Self.hash(bytes)
        let tag = Self.tag(hash)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return false }
            if UInt32(truncatingIfNeeded: slot >> 32) == tag, entryEquals(offset: Int(UInt32(truncatingIfNeeded: slot)), bytes) {
                return true
            }
            index = (index + 1) & mask
        }
    }

    /// Whether the table holds a reference (its UTF-8 bytes).
    public func contains(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { contains(UnsafeRawBufferPointer($0)) }
    }

    /// Inserts every reference of a ledger batch.
    public mutating func insert(contentsOf batch: LedgerBatch) {
        batch.forEach { insert($0) }
    }

    /// The hash of a byte string: a 64-bit multiply-mix over 8-byte little-endian words, then a final avalanche
    /// (deterministic across processes, unlike `Hasher`).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count) &* multiplier
        var offset = 0
        let count = bytes.count
        while count - offset >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 32
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 32
        }
        // murmur3's fmix64: every input bit reaches both the index (low bits) and the tag (high bits).
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }

    /// The slot tag of a hash: its high 32 bits, never 0 (0 marks an empty slot).
    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt32 {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        return tag == 0 ? 1 : tag
    }

    /// The smallest power-of-two slot count that holds `capacity` references at a load of at most 0.75.
    private static func slotCount(for capacity: Int) -> Int {
        var size = 16
        while capacity > size / 4 * 3 { size *= 2 }
        return size
    }

    @inline(__always)
    private func entryEquals(offset: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { raw in
            let (length, start) = LedgerBatch.readLength(raw, at: offset)
            guard length == bytes.count else { return false }
            return Self.equal(UnsafeRawBufferPointer(rebasing: raw[start..<start + length]), bytes)
        }
    }

    /// Whether two buffers of the same length hold the same bytes (8 bytes at a time).
    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        var offset = 0
        while count - offset >= 8 {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Rebuilds the slots at a new size, rehashing the entries from the arena (they lie one after another).
    private mutating func rehash(to size: Int) {
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let (length, start) = LedgerBatch.readLength(raw, at: offset)
                let hash = Self.hash(UnsafeRawBufferPointer(rebasing: raw[start..<start + length]))
                var index = Int(truncatingIfNeeded: hash) & newMask
                while newSlots[index] != 0 { index = (index + 1) & newMask }
                newSlots[index] = UInt64(Self.tag(hash)) << 32 | UInt64(offset)
                offset = start + length
            }
        }
        slots = newSlots
        mask = newMask
    }
}
