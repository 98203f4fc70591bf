/// The order references seen in a run, kept as 64-bit hashes so memory stays small (8 bytes per order) while the
/// run spots a reference that comes again after other orders.
struct ReferenceSet {
    private var hashes = Set<UInt64>()

    /// Inserts `reference`; returns `false` when it was already there.
    mutating func insert(_ reference: String) -> Bool {
        hashes.insert(Self.fnv1a(reference)).inserted
    }

    /// Whether `reference` may be in the set (a hash match; exact callers confirm a hit).
    func contains(_ reference: String) -> Bool {
        hashes.contains(Self.fnv1a(reference))
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
