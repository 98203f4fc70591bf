import CIntakeSystem
import Foundation
import IntakeCSV
import IntakeModel

/// The order references an orders stage has met, for `duplicate_order`: an exact set of byte strings whose bytes
/// live in a `ScratchFile`, not in memory.
///
/// Memory holds one 8-byte slot per reference (the low 32 bits of its hash and its offset in the file) in 256
/// open-addressing shards chosen by the hash's top 8 bits. A lookup reads the file only when a slot's 32 bits
/// match, so ~40 bits of hash must agree by chance before a byte comparison is needed: a lookup is exact, unlike
/// a set of hashes, and costs a read of the file only for a real repeat. Each shard grows by half past a load of
/// 7/8 on its own, so growing never holds two copies of the whole table. About 11 bytes of memory per reference
/// (9 to 14), where an in-memory table with the bytes takes ~25; the file takes each reference's bytes plus 2.
///
/// Each reference keeps the `Origin` it went in with, so one set answers both questions of a stage: published by
/// an earlier run (the ledger), or met earlier in this run.
///
/// ```swift
/// let set = try ReferenceSet()
/// try set.insert(bytes, origin: .input)   // nil: new
/// try set.insert(bytes, origin: .input)   // .input: met before
/// ```
final class ReferenceSet {
    /// Where a reference came from when it went in.
    enum Origin: UInt8 {
        /// The ledger: published by an earlier run.
        case ledger = 1
        /// This run's input.
        case input = 2
    }

    /// One open-addressing table: `capacity` slots, each 0 (empty) or `fingerprint << 32 | offset`.
    private struct Shard {
        var slots: UnsafeMutablePointer<UInt64>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: 0, count: capacity)
        }

        /// The first slot to probe for a fingerprint: its position scaled to the capacity (no power of two
        /// needed, so a shard can grow by half).
        @inline(__always)
        func home(of fingerprint: UInt32) -> Int {
            Int(truncatingIfNeeded: (UInt64(fingerprint) &* UInt64(capacity)) >> 32)
        }
    }

    private static let shardBits = 8
    private static let shardCount = 1 << shardBits
    /// `shardCount` shards, in memory of the set's own: an array of them cost a uniqueness check (a call) and bounds
    /// checks per insert.
    private let shards: UnsafeMutablePointer<Shard>
    private let file: ScratchFile
    /// Bits of the hash kept (all by default); tests keep fewer to force collisions.
    private let hashMask: UInt64
    /// The number of references held.
    private(set) var count = 0

    /// Creates an empty set.
    /// - Parameters:
    ///   - directory: where its scratch file goes (the temporary folder by default).
    ///   - hashMask: the hash bits used (tests: fewer bits, more collisions).
    /// - Throws: `FileWriteError` when the scratch file cannot be created.
    init(directory: String? = nil, hashMask: UInt64 = ~0) throws {
        file = try directory.map { try ScratchFile(directory: $0) } ?? ScratchFile()
        self.hashMask = hashMask
        shards = .allocate(capacity: Self.shardCount)
        for index in 0..<Self.shardCount { (shards + index).initialize(to: Shard(capacity: 16)) }
    }

    deinit {
        for index in 0..<Self.shardCount { shards[index].slots.deallocate() }
        shards.deinitialize(count: Self.shardCount)
        shards.deallocate()
    }

    /// Whether the set holds no reference.
    var isEmpty: Bool { count == 0 }

    /// Makes room for `capacity` references in all, so that loading them grows nothing.
    func reserveCapacity(_ capacity: Int) {
        let perShard = capacity >> Self.shardBits + 1
        for index in 0..<Self.shardCount where shards[index].capacity * 7 / 8 < perShard {
            grow(index, to: perShard * 8 / 7 + 1)
        }
    }

    /// Inserts a reference unless it is already there.
    /// - Returns: `nil` when it was new (it is now in, with `origin`); the origin it went in with when it was
    ///   already there.
    /// - Throws: `FileWriteError` or `FileReadError` when the scratch file fails (a full disk).
    func insert(_ bytes: UnsafeRawBufferPointer, origin: Origin) throws -> Origin? {
        try insert(bytes, hash: Self.hash(bytes), origin: origin)
    }

    /// Inserts a reference whose `hash(_:)` the caller has (it hashed it to `prefetch(hash:)` it).
    /// - Returns: `nil` when it was new (it is now in, with `origin`); the origin it went in with when it was
    ///   already there.
    /// - Throws: `FileWriteError` or `FileReadError` when the scratch file fails (a full disk).
    func insert(_ bytes: UnsafeRawBufferPointer, hash fullHash: UInt64, origin: Origin) throws -> Origin? {
        let hash = fullHash & hashMask
        let shardIndex = Int(truncatingIfNeeded: hash >> (64 - Self.shardBits))
        let fingerprint = Self.fingerprint(hash)
        let shard = shards[shardIndex]
        var index = shard.home(of: fingerprint)
        while true {
            let slot = shard.slots[index]
            if slot == 0 { break }
            if UInt32(truncatingIfNeeded: slot >> 32) == fingerprint,
                let found = try entry(at: Int(UInt32(truncatingIfNeeded: slot)), equalTo: bytes)
            {
                return found
            }
            index += 1
            if index == shard.capacity { index = 0 }
        }
        let offset = file.count
        guard offset <= Int(UInt32.max) else {
            // 4 GiB of references in one stage: far past any export; refuse rather than mix offsets up.
            throw FileWriteError(path: "the order references of this stage (over 4 GiB)", errorNumber: EFBIG)
        }
        try file.appendEntry(tag: origin.rawValue, bytes)
        shard.slots[index] = UInt64(fingerprint) << 32 | UInt64(offset)
        shards[shardIndex].count += 1
        count += 1
        if shards[shardIndex].count > shard.capacity / 8 * 7 { grow(shardIndex, to: shard.capacity + shard.capacity / 2) }
        return nil
    }

    /// Starts bringing in the slot where `insert` of a reference with this `hash(_:)` begins probing, without
    /// waiting for it (a hint). A million references make slots a cache miss each; a caller that holds a batch of
    /// references prefetches them all before inserting them, and the misses overlap instead of following one
    /// another.
    @inline(__always)
    func prefetch(hash fullHash: UInt64) {
        let hash = fullHash & hashMask
        let shard = shards[Int(truncatingIfNeeded: hash >> (64 - Self.shardBits))]
        intake_prefetch(shard.slots + shard.home(of: Self.fingerprint(hash)))
    }

    /// Inserts a reference given as text (its UTF-8 bytes).
    func insert(_ string: String, origin: Origin) throws -> Origin? {
        var string = string
        return try string.withUTF8 { try insert(UnsafeRawBufferPointer($0), origin: origin) }
    }

    /// The origin of the entry at `offset` when it holds exactly `bytes`; `nil` otherwise.
    private func entry(at offset: Int, equalTo bytes: UnsafeRawBufferPointer) throws -> Origin? {
        // origin byte + LEB128 length (at most 10 bytes) + the bytes
        let stored = try file.read(at: offset, count: 1 + 10 + bytes.count)
        guard stored.count >= 2, let origin = Origin(rawValue: stored[0]),
            let entry = ScratchFile.entry(in: stored, at: 1), entry.end - entry.bytes == bytes.count
        else { return nil }
        let position = entry.bytes, length = bytes.count
        if length == 0 { return origin }
        guard let a = stored.baseAddress, let b = bytes.baseAddress else { return nil }
        return memcmp(a + position, b, length) == 0 ? origin : nil
    }

    /// Moves a shard into `capacity` slots (the slots hold all a new position needs: no file reads).
    private func grow(_ shardIndex: Int, to capacity: Int) {
        let old = shards[shardIndex]
        var new = Shard(capacity: capacity)
        new.count = old.count
        for oldIndex in 0..<old.capacity {
            let slot = old.slots[oldIndex]
            if slot == 0 { continue }
            var index = new.home(of: UInt32(truncatingIfNeeded: slot >> 32))
            while new.slots[index] != 0 {
                index += 1
                if index == new.capacity { index = 0 }
            }
            new.slots[index] = slot
        }
        old.slots.deallocate()
        shards[shardIndex] = new
    }

    /// The 32 bits of a hash a slot keeps, never 0 (0 marks an empty slot).
    @inline(__always)
    private static func fingerprint(_ hash: UInt64) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: hash)
        return low == 0 ? 1 : low
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
        if offset < count, let base = bytes.baseAddress {
            let word = base.loadLittleEndianTail(fromByteOffset: offset, count: count &- offset)
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 32
        }
        // murmur3's fmix64: every input bit reaches both the shard (high bits) and the fingerprint (low bits).
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
