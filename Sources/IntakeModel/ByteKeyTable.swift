/// A hash table keyed by byte strings, built once and then only read: for look-ups on the orders hot path,
/// where a field is a slice of the reader's buffer and building a `String` key per row would cost an allocation
/// and a copy.
///
/// Keys are copied once into one arena; slots hold entry numbers (open addressing, linear probing, load ≤ 0.5).
/// Exact: a look-up compares bytes, not only hashes. Storage is raw memory owned by the table (a class), so a
/// look-up is a hash, a probe and a `memcmp`, with no reference counting or uniqueness checks. Memory: the keys'
/// bytes, 16 bytes per entry and 8 per slot.
public final class ByteKeyTable {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// Per entry: offset in the arena, length, hash (low 32 bits), value.
    private var entries: UnsafeMutablePointer<(offset: Int32, length: Int32, hash: UInt32, value: Int32)>
    private var entryCapacity: Int
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    /// The number of keys.
    public private(set) var count = 0

    /// Creates an empty table sized for about `capacity` keys.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        mask = size - 1
        entryCapacity = max(capacity, 8)
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = max(capacity * 16, 256)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    /// The value of `key`, or `nil`.
    @inline(__always)
    public func value(for key: UnsafeRawBufferPointer) -> Int32? {
        let hash = ByteHash.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = UInt32(truncatingIfNeeded: hash)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            let entry = entries[index]
            if entry.hash == tag, Int(entry.length) == key.count,
                key.count == 0 || memcmp(arena + Int(entry.offset), key.baseAddress!, key.count) == 0
            {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
    }

    /// The value of `key`, or `nil`.
    public func value(for key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(for: UnsafeRawBufferPointer($0)) }
    }

    /// Adds `key` with `value` unless the key is there already (the first value stays, as in files).
    /// - Returns: `true` when the key was added.
    @discardableResult
    public func insertIfAbsent(_ key: UnsafeRawBufferPointer, _ value: Int32) -> Bool {
        if self.value(for: key) != nil { return false }
        if (count + 1) * 2 > mask + 1 { growSlots() }
        if count == entryCapacity {
            let bigger = UnsafeMutablePointer<(offset: Int32, length: Int32, hash: UInt32, value: Int32)>.allocate(capacity: entryCapacity * 2)
            bigger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = bigger
            entryCapacity *= 2
        }
        if arenaCount + key.count > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaCount + key.count)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity = capacity
        }
        if let base = key.baseAddress { (arena + arenaCount).update(from: base.assumingMemoryBound(to: UInt8.self), count: key.count) }
        let hash = ByteHash.hash(key)
        (entries + count).initialize(to: (Int32(arenaCount), Int32(key.count), UInt32(truncatingIfNeeded: hash), value))
        arenaCount += key.count
        place(Int32(count), hash: hash)
        count += 1
        return true
    }

    /// Adds `key` with `value` unless the key is there already.
    @discardableResult
    public func insertIfAbsent(_ key: String, _ value: Int32) -> Bool {
        var key = key
        return key.withUTF8 { insertIfAbsent(UnsafeRawBufferPointer($0), value) }
    }

    private func place(_ index: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private func growSlots() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        mask = size - 1
        for index in 0..<count {
            let entry = entries[index]
            let key = UnsafeRawBufferPointer(start: arena + Int(entry.offset), count: Int(entry.length))
            place(Int32(index), hash: ByteHash.hash(key))
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
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            h = mix(h ^ tail)
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
