import IntakeModel
import Testing

@Suite struct LedgerBatchTests {
    @Test func referencesRoundTripInOrder() {
        var batch = LedgerBatch(store: "acme-shopify")
        let references = ["#1001", "", "Müller/1", String(repeating: "x", count: 300), "#1001"]
        for reference in references { batch.append(reference) }
        #expect(batch.store == "acme-shopify")
        #expect(batch.count == references.count)
        #expect(batch.references == references)
        // 300 needs a two-byte length.
        #expect(batch.packed.count == references.reduce(0) { $0 + $1.utf8.count + ($1.utf8.count < 128 ? 1 : 2) })
    }

    @Test func anyBytesAreKeptExactly() throws {
        var batch = LedgerBatch(store: "s")
        let raw: [[UInt8]] = [[0xFF, 0x00, 0x80], [], [0x0A], Array(repeating: 0xC3, count: 129)]
        for bytes in raw { bytes.withUnsafeBytes { batch.append(bytes: $0) } }
        var back: [[UInt8]] = []
        batch.forEach { back.append(Array($0)) }
        #expect(back == raw)
        let copy = try LedgerBatch(store: "s", packed: batch.packed)
        #expect(copy == batch)
    }

    @Test func packedBytesAreChecked() {
        #expect(throws: LedgerBatch.FormatError.self) { try LedgerBatch(store: "s", packed: [3, 0x41]) }
        #expect(throws: LedgerBatch.FormatError.self) { try LedgerBatch(store: "s", packed: [0x80]) }
        #expect(throws: LedgerBatch.FormatError.self) { try LedgerBatch(store: "s", packed: Array(repeating: 0xFF, count: 11)) }
        #expect((try? LedgerBatch(store: "s", packed: []))?.count == 0)
        #expect((try? LedgerBatch(store: "s", packed: [0, 1, 0x41]))?.references == ["", "A"])
    }

    @Test func chunksRespectBothLimits() {
        var batch = LedgerBatch(store: "s")
        for index in 0..<10 { batch.append("r\(index)") }  // 3 bytes each, packed
        batch.append(String(repeating: "L", count: 40))   // 41 bytes: longer than a chunk may be
        batch.append("r10")
        var chunks: [[String]] = []
        batch.forEachChunk(maxCount: 4, maxBytes: 10) { count, bytes in
            let piece = (try? LedgerBatch(store: "s", packed: Array(bytes)))?.references ?? []
            #expect(piece.count == count)
            chunks.append(piece)
        }
        #expect(chunks == [["r0", "r1", "r2"], ["r3", "r4", "r5"], ["r6", "r7", "r8"], ["r9"], [String(repeating: "L", count: 40)], ["r10"]])
        var countLimited: [Int] = []
        batch.forEachChunk(maxCount: 5, maxBytes: 1 << 20) { count, _ in countLimited.append(count) }
        #expect(countLimited == [5, 5, 2])
        var none = 0
        LedgerBatch(store: "s").forEachChunk(maxCount: 5, maxBytes: 10) { _, _ in none += 1 }
        #expect(none == 0)
    }

    @Test func batchesAppendBatches() {
        var a = LedgerBatch(store: "s")
        a.append("1")
        var b = LedgerBatch(store: "s")
        b.append("2")
        b.append("3")
        a.append(contentsOf: b)
        #expect(a.references == ["1", "2", "3"])
        #expect(a.count == 3)
    }
}
