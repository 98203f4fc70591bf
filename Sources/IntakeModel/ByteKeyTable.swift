/// A hash table keyed by byte strings, built once and then only read: for look-ups on the orders hot path,
/// where a field is a slice of the reader's buffer and building a `String` key per row would cost an allocation
/// and a copy.
///
/// Keys are copied once into one arena with their values and payloads; slots hold a hash tag and the entry's
/// place (open addressing, linear probing, load ≤ 0.5). Exact: a look-up compares bytes, not only hashes. Storage
/// is raw memory owned by the table (a class), so a look-up is a hash, a probe and a `memcmp`, with no reference
/// counting or uniqueness checks. A payload (the orders lane keeps a connection's job JSON there) sits right after
/// its key, so a hit touches two places in memory, the slot and the entry: with thousands of connections and
/// SKUs in random order, each is a cache miss. Memory: the keys' and payloads' bytes rounded up to 8, 16 bytes
/// per entry and 16 per key in slots.
public final class ByteKeyTable {
    /// Entries, back to back: value (4 bytes), key length (4 bytes), payload length (4 bytes, then 4 unused), key
    /// bytes (padded to 8), payload bytes (padded to 8).
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// Per slot: the hash's high 32 bits (a tag, so most misses never touch the arena) and the entry's arena
    /// offset + 1 (0 = empty). One cache line holds eight slots; a hit costs a slot and an entry.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    /// The number of keys.
    public private(set) var count = 0

    /// Creates an empty table sized for about `capacity` keys, with `arenaBytes` for keys and payloads (by default
    /// 32 bytes a key; it grows when needed).
    public init(capacity: Int = 16, arenaBytes: Int? = nil) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        arenaCapacity = max(arenaBytes ?? capacity * 32, 256)
        arena = .allocate(capacity: arenaCapacity + Self.payloadSlack)
    }

    /// Readable bytes after the arena's last entry: a payload may be copied 32 bytes a step
    /// (`intake_copy_padded`), reading past its end.
    public static let payloadSlack = 32

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// The value of `key`, or `nil`.
    @inline(__always)
    public func value(for key: UnsafeRawBufferPointer) -> Int32? {
        entry(for: key)?.value
    }

    /// The value and the payload of `key`, or `nil`; the payload's bytes stay valid as long as the table.
    @inline(__always)
    public func entry(for key: UnsafeRawBufferPointer) -> (value: Int32, payload: UnsafeRawBufferPointer)? {
        entry(for: key, hash: ByteHash.hash(key))
    }

    /// `entry(for:)` with the key's `ByteHash.hash` computed already (a caller that prefetched keeps it).
    @inline(__always)
    public func entry(for key: UnsafeRawBufferPointer, hash: UInt64) -> (value: Int32, payload: UnsafeRawBufferPointer)? {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == tag {
                let offset = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let stored = UnsafeRawPointer(arena + offset)
                let length = Int(stored.load(fromByteOffset: 4, as: UInt32.self))
                if length == key.count, let base = key.baseAddress ?? (key.count == 0 ? stored : nil),
                   Self.equal(stored + Self.header, base, key.count) {
                    let payloadLength = Int(stored.load(fromByteOffset: 8, as: UInt32.self))
                    let payload = stored + Self.header + (length + 7) & ~7
                    return (stored.load(as: Int32.self), UnsafeRawBufferPointer(start: payload, count: payloadLength))
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal. A key of 8 to 16 bytes (the bench's SKUs have 15) is two
    /// overlapping 8-byte loads from each, within its bytes: a `memcmp` call per look-up was ~20 instructions
    /// (~4 M at 100,000 orders).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 && count <= 16 {
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        return count == 0 || memcmp(a, b, count) == 0
    }

    /// Starts bringing in the slot that a look-up of the key whose `ByteHash.hash` is `hash` reads first (a hint;
    /// see `prefetchEntry(hash:)`).
    @inline(__always)
    public func prefetchSlot(hash: UInt64) {
        intake_prefetch(slots + (Int(truncatingIfNeeded: hash) & mask))
    }

    /// Starts bringing in the entry (its first four cache lines: key and payload) that a look-up of the key whose
    /// `ByteHash.hash` is `hash` would find, reading the slots, without waiting for the entry. On tables far bigger
    /// than the cache (random SKUs while megabytes of input stream past), a look-up is two misses in a row, slot
    /// then entry: a caller that knows its keys a little ahead calls `prefetchSlot` two keys ahead and this one key
    /// ahead, then `entry(for:hash:)`, and finds both in the cache.
    @inline(__always)
    public func prefetchEntry(hash: UInt64) {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<4 {
            let entry = slots[slot]
            if entry == 0 { return }
            if entry >> 32 == tag {
                let stored = UnsafeRawPointer(arena + (Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1))
                intake_prefetch(stored)
                intake_prefetch(stored + 64)
                intake_prefetch(stored + 128)
                intake_prefetch(stored + 192)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Bytes before an entry's key.
    private static let header = 16

    /// The value of `key`, or `nil`.
    public func value(for key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(for: UnsafeRawBufferPointer($0)) }
    }

    /// Adds `key` with `value` and a copy of `payload` unless the key is there already (the first value stays,
    /// as in files).
    /// - Returns: `true` when the key was added.
    @discardableResult
    public func insertIfAbsent(_ key: UnsafeRawBufferPointer, _ value: Int32, payload: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> Bool {
        let hash = ByteHash.hash(key)  // once, for the look-up and the slot
        if entry(for: key, hash: hash) != nil { return false }
        if (count + 1) * 2 > mask + 1 { growSlots() }
        let size = Self.header + (key.count + 7) & ~7 + (payload.count + 7) & ~7
        if arenaCount + size > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaCount + size)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.payloadSlack)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity = capacity
        }
        let offset = arenaCount
        let entry = UnsafeMutableRawPointer(arena + offset)
        entry.storeBytes(of: value, as: Int32.self)
        entry.storeBytes(of: UInt32(key.count), toByteOffset: 4, as: UInt32.self)
        entry.storeBytes(of: UInt32(payload.count), toByteOffset: 8, as: UInt32.self)
        entry.storeBytes(of: UInt32(0), toByteOffset: 12, as: UInt32.self)
        if let base = key.baseAddress { (entry + Self.header).copyMemory(from: base, byteCount: key.count) }
        if let base = payload.baseAddress { (entry + Self.header + (key.count + 7) & ~7).copyMemory(from: base, byteCount: payload.count) }
        arenaCount += size
        place(offset: offset, hash: hash)
        count += 1
        return true
    }

    /// Adds `key` with `value` and a copy of `payload` unless the key is there already.
    @discardableResult
    public func insertIfAbsent(_ key: String, _ value: Int32, payload: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> Bool {
        var key = key
        return key.withUTF8 { insertIfAbsent(UnsafeRawBufferPointer($0), value, payload: payload) }
    }

    private func place(offset: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(offset + 1)
    }

    private func growSlots() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        var offset = 0
        while offset < arenaCount {
            let entry = UnsafeRawPointer(arena + offset)
            let length = Int(entry.load(fromByteOffset: 4, as: UInt32.self))
            let payloadLength = Int(entry.load(fromByteOffset: 8, as: UInt32.self))
            place(offset: offset, hash: ByteHash.hash(UnsafeRawBufferPointer(start: entry + Self.header, count: length)))
            offset += Self.header + (length + 7) & ~7 + (payloadLength + 7) & ~7
        }
    }
}

/// A fast, deterministic 64-bit hash of bytes (8 bytes at a time, multiply-xorshift mixing). Look-ups stay
/// exact whatever it gives; it only has to spread keys well.
public enum ByteHash {
    /// The hash of `bytes`.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            h = mix(h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < count {
            h = mix(h ^ base.loadLittleEndianTail(fromByteOffset: offset, count: count &- offset))
        }
        return h
    }

    /// The finalizer of SplitMix64.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        x = x &* 0x94D0_49BB_1331_11EB
        x ^= x >> 29
        return x
    }
}

import CIntakeSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeRawPointer {
    /// The `count` (0 to 7) bytes at `offset` as a little-endian number, in at most three loads (4, 2 and 1 bytes)
    /// instead of a shift and an or per byte: the last bytes of a key that the hashes of the hot paths read (a SKU
    /// on the reading thread, an order reference on the output thread), ~55-60 instructions less per hash.
    @inlinable @inline(__always)
    public func loadLittleEndianTail(fromByteOffset offset: Int, count: Int) -> UInt64 {
        var offset = offset
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        if count & 4 != 0 {
            tail = UInt64(UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            shift = 32
            offset &+= 4
        }
        if count & 2 != 0 {
            tail |= UInt64(UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << shift
            shift &+= 16
            offset &+= 2
        }
        if count & 1 != 0 {
            tail |= UInt64(load(fromByteOffset: offset, as: UInt8.self)) << shift
        }
        return tail
    }
}
