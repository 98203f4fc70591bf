import Foundation
import IntakeModel
@testable import IntakePipeline
import IntakeTestSupport
import Testing

/// The run's duplicate detection: an exact set whose bytes live in a scratch file. Hash collisions (forced here
/// by keeping few or no hash bits) must never make two references one.
@Suite struct ReferenceSetTests {
    static func insert(_ reference: String, _ set: ReferenceSet, origin: ReferenceSet.Origin = .input) throws -> ReferenceSet.Origin? {
        try set.insert(reference, origin: origin)
    }

    static func insert(bytes: [UInt8], _ set: ReferenceSet) throws -> ReferenceSet.Origin? {
        try bytes.withUnsafeBytes { try set.insert($0, origin: .input) }
    }

    @Test func insertSaysWhetherTheReferenceWasNewAndWhereItCameFrom() throws {
        let set = try ReferenceSet()
        #expect(set.isEmpty)
        #expect(try Self.insert("#1001", set, origin: .ledger) == nil)
        #expect(try Self.insert("#1002", set) == nil)
        #expect(try Self.insert("#1001", set) == .ledger)
        #expect(try Self.insert("#1002", set, origin: .ledger) == .input, "the first origin stays")
        #expect(try Self.insert("#100", set) == nil)
        #expect(try Self.insert("#10010", set) == nil)
        #expect(set.count == 4)
    }

    @Test func theEmptyReferenceAndOddBytesAreReferencesLikeAnyOther() throws {
        let set = try ReferenceSet()
        #expect(try Self.insert("", set) == nil)
        #expect(try Self.insert("", set) == .input)
        #expect(try Self.insert("\0", set) == nil)
        // The same text in NFC and NFD: equal as Swift strings, different as bytes.
        #expect(try Self.insert("Müller-1", set) == nil)
        #expect(try Self.insert("Mu\u{308}ller-1", set) == nil)
        #expect(try Self.insert(bytes: [0xFF, 0xFE, 0x00, 0x80], set) == nil)
        #expect(try Self.insert(bytes: [0xFF, 0xFE, 0x00], set) == nil)
        #expect(try Self.insert(bytes: [0xFF, 0xFE, 0x00, 0x80], set) == .input)
        #expect(set.count == 6)
    }

    /// With no hash bits at all every reference collides with every other: only the bytes in the scratch file
    /// tell them apart, prefixes and lengths included.
    @Test(arguments: [UInt64(0), 0xFF, 0xFF00_0000_0000_0001])
    func collidingHashesAreSettledByTheBytes(mask: UInt64) throws {
        let set = try ReferenceSet(hashMask: mask)
        let references = ["", "a", "aa", "ab", "b", "#1001", "#10010", "#100", String(repeating: "x", count: 300), String(repeating: "x", count: 301)]
        for reference in references { #expect(try Self.insert(reference, set) == nil, "\(reference)") }
        for reference in references { #expect(try Self.insert(reference, set) == .input, "\(reference)") }
        #expect(try Self.insert("c", set, origin: .ledger) == nil)
        #expect(try Self.insert("c", set) == .ledger)
        #expect(set.count == references.count + 1)
    }

    @Test func itGrowsAndKeepsEverything() throws {
        let set = try ReferenceSet()
        let count = 60_000
        for index in 0..<count { #expect(try Self.insert("#\(index)", set) == nil) }
        #expect(set.count == count)
        var missing = 0
        var extra = 0
        for index in 0..<count where try Self.insert("#\(index)", set) != .input { missing += 1 }
        #expect(missing == 0)
        for index in count..<(count + 1000) where try Self.insert("#\(index)", set) != nil { extra += 1 }
        #expect(extra == 0)
        #expect(set.count == count + 1000)
    }

    /// Collisions on a small hash while the shards grow and the scratch file is long past its buffer: every
    /// answer is checked against a plain `Set`.
    @Test func aSeededMixAgreesWithASetOfStrings() throws {
        let seed = UInt64(truncatingIfNeeded: Date().timeIntervalSince1970.bitPattern)
        print("ReferenceSetTests seed: \(seed)")
        var random = SplitMix64(seed: seed)
        let set = try ReferenceSet(hashMask: 0xFFFF_0000_0000_0FFF)  // 8 shard bits, 12 fingerprint bits
        var expected = Set<String>()
        for _ in 0..<20_000 {
            let reference = "#" + String(random.below(8_000)) + (random.chance(10) ? String(repeating: "z", count: random.below(200)) : "")
            let wasNew = expected.insert(reference).inserted
            let answer = try Self.insert(reference, set)
            #expect(answer == (wasNew ? nil : .input), "seed \(seed): \(reference)")
        }
        #expect(set.count == expected.count)
    }

    @Test func reservingCapacityKeepsWhatIsThere() throws {
        let set = try ReferenceSet()
        #expect(try Self.insert("a", set) == nil)
        #expect(try Self.insert("bb", set) == nil)
        set.reserveCapacity(100_000)
        #expect(try Self.insert("a", set) == .input)
        #expect(try Self.insert("bb", set) == .input)
        #expect(try Self.insert("b", set) == nil)
        #expect(set.count == 3)
    }

    @Test func theScratchFileReadsBackWhatWasAppendedWhereverItIs() throws {
        let file = try ScratchFile(bufferSize: 16)
        var expected: [UInt8] = []
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let piece = (0..<random.below(40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try piece.withUnsafeBytes { try file.append($0) }
            expected += piece
        }
        #expect(file.count == expected.count)
        for _ in 0..<500 {
            let offset = random.below(expected.count)
            let count = random.below(64)
            let back = Array(try file.read(at: offset, count: count))
            #expect(back == Array(expected[offset..<min(offset + count, expected.count)]))
        }
        #expect(try file.read(at: expected.count, count: 10).isEmpty)
    }

    /// An entry's length prefix: one byte under 128, LEB128 over more bytes past it; an entry cut off by the end
    /// of what was read back is none.
    @Test(arguments: [0, 1, 127, 128, 129, 300, 16_384])
    func anEntryIsFoundWhereverItsLengthTakesItsPrefix(length: Int) throws {
        var prefix: [UInt8] = []
        var rest = length
        repeat {
            prefix.append(UInt8(rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0))
            rest >>= 7
        } while rest > 0
        let bytes = [0xEE] + prefix + [UInt8](repeating: 0x41, count: length)
        bytes.withUnsafeBytes { all in
            let entry = ScratchFile.entry(in: all, at: 1)
            #expect(entry?.bytes == 1 + prefix.count)
            #expect(entry?.end == bytes.count)
            #expect(ScratchFile.entry(in: UnsafeRawBufferPointer(rebasing: all[..<(all.count - 1)]), at: 1) == nil)
            #expect(ScratchFile.entry(in: all, at: all.count) == nil)
        }
    }

    @Test func theScratchFileLeavesNoNameBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-scratch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try ScratchFile(directory: folder)
        try [UInt8](repeating: 1, count: 100_000).withUnsafeBytes { try file.append($0) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(Array(try file.read(at: 99_999, count: 5)) == [1])
    }
}

/// The accepted references of a run, spooled to a scratch file until the ledger records them.
@Suite struct LedgerSpoolTests {
    static func pieces(_ spool: LedgerSpool, maxCount: Int, maxBytes: Int) throws -> [(String, [String])] {
        var pieces: [(String, [String])] = []
        try spool.forEachPiece(maxCount: maxCount, maxBytes: maxBytes) { store, count, packed in
            let batch = try LedgerBatch(store: store, packed: Array(packed))
            #expect(batch.count == count)
            pieces.append((store, batch.references))
        }
        return pieces
    }

    @Test(arguments: [16, 64, 1 << 18])
    func piecesComeBackInOrderPerStageWithinTheLimits(window: Int) throws {
        let spool = try LedgerSpool(window: window)
        spool.beginStage(store: "s")
        let long = String(repeating: "L", count: 200)
        for reference in ["#1", "", "#3", long, "Müller/7"] { try spool.append(reference) }
        spool.beginStage(store: "t")
        spool.beginStage(store: "s")
        try spool.append("#9")
        #expect(spool.count == 6)

        let whole = try Self.pieces(spool, maxCount: 100, maxBytes: 1 << 20)
        #expect(whole.map(\.0) == ["s", "s"])
        #expect(whole.map(\.1) == [["#1", "", "#3", long, "Müller/7"], ["#9"]])

        let small = try Self.pieces(spool, maxCount: 2, maxBytes: 8)
        #expect(small.map(\.1) == [["#1", ""], ["#3"], [long], ["Müller/7"], ["#9"]])

        var seen: [String] = []
        try spool.forEachReference(store: "s") { seen.append(String(decoding: $0, as: UTF8.self)) }
        #expect(seen == ["#1", "", "#3", long, "Müller/7", "#9"])
        var none = 0
        try spool.forEachReference(store: "t") { _ in none += 1 }
        #expect(none == 0)
    }

    @Test func manyReferencesPastTheBuffersComeBackExactly() throws {
        let spool = try LedgerSpool(window: 1000)
        spool.beginStage(store: "s")
        let count = 100_000
        for index in 0..<count { try spool.append("#\(index)") }
        var index = 0
        var wrong = 0
        try spool.forEachPiece(maxCount: 65_536, maxBytes: 1 << 20) { store, pieceCount, packed in
            let batch = try LedgerBatch(store: store, packed: Array(packed))
            for reference in batch.references {
                if reference != "#\(index)" { wrong += 1 }
                index += 1
            }
            #expect(pieceCount <= 65_536)
        }
        #expect(index == count)
        #expect(wrong == 0)
    }
}
