@testable import IntakeModel
import Testing

@Suite struct ReferenceTableTests {
    /// `table.insert(reference)`, callable inside `#expect` (which cannot mutate what it captures).
    static func insert(_ reference: String, into table: inout ReferenceTable) -> Bool {
        table.insert(reference)
    }

    @Test func insertSaysWhetherTheReferenceWasNew() {
        var table = ReferenceTable()
        #expect(table.isEmpty)
        #expect(Self.insert("#1001", into: &table))
        #expect(Self.insert("#1002", into: &table))
        #expect(!Self.insert("#1001", into: &table))
        #expect(table.count == 2)
        #expect(table.contains("#1001"))
        #expect(!table.contains("#100"))
        #expect(!table.contains("#10010"))
    }

    @Test func theEmptyReferenceIsAReferenceLikeAnyOther() {
        var table = ReferenceTable()
        #expect(!table.contains(""))
        #expect(Self.insert("", into: &table))
        #expect(!Self.insert("", into: &table))
        #expect(table.contains(""))
        #expect(!table.contains("\0"))
        #expect(Self.insert("\0", into: &table))
        #expect(table.count == 2)
    }

    @Test func bytesAreComparedExactly() {
        var table = ReferenceTable()
        // The same text in NFC and NFD: equal as Swift strings, different as bytes.
        #expect(Self.insert("Müller-1", into: &table))
        #expect(Self.insert("Mu\u{308}ller-1", into: &table))
        #expect(table.count == 2)
        let invalid: [UInt8] = [0xFF, 0xFE, 0x00, 0x80]
        let inserted = invalid.withUnsafeBytes { table.insert($0) }
        #expect(inserted)
        #expect(invalid.withUnsafeBytes { table.contains($0) })
        #expect(![UInt8]([0xFF, 0xFE, 0x00]).withUnsafeBytes { table.contains($0) })
        #expect(!table.contains("\u{FFFD}\u{FFFD}"))
    }

    @Test func referencesWhoseTagsCollideStayApart() {
        // Found by search: the same 32-bit tag and the same low 8 bits of the hash, so in a table of up to
        // 256 slots they start probing at the same slot and only the byte comparison tells them apart.
        let (a, b) = ("c347443", "c568861")
        func hash(_ string: String) -> UInt64 {
            var string = string
            return string.withUTF8 { ReferenceTable.hash(UnsafeRawBufferPointer($0)) }
        }
        #expect(hash(a) >> 32 == hash(b) >> 32)
        #expect(hash(a) & 0xFF == hash(b) & 0xFF)
        #expect(hash(a) != hash(b))

        var table = ReferenceTable()
        #expect(Self.insert(a, into: &table))
        #expect(!table.contains(b))
        #expect(Self.insert(b, into: &table))
        #expect(!Self.insert(a, into: &table))
        #expect(!Self.insert(b, into: &table))
        #expect(table.count == 2)
    }

    @Test func aFullSmallTableProbesPastCollisions() {
        // 12 references in the 16 slots of a new table (load 0.75): every probe chain is long, and the 13th
        // reference makes it grow.
        var table = ReferenceTable()
        let references = (0..<12).map { "R\($0)" }
        for reference in references { #expect(Self.insert(reference, into: &table)) }
        for reference in references { #expect(table.contains(reference)) }
        #expect(!table.contains("R12"))
        #expect(Self.insert("R12", into: &table))
        for reference in references + ["R12"] { #expect(!Self.insert(reference, into: &table)) }
        #expect(table.count == 13)
    }

    @Test func itGrowsAndKeepsEverything() {
        var table = ReferenceTable()
        let count = 50_000
        for index in 0..<count { #expect(Self.insert("#\(index)", into: &table), "\(index)") }
        #expect(table.count == count)
        var missing = 0
        var found = 0
        for index in 0..<count where !table.contains("#\(index)") { missing += 1 }
        for index in count..<(2 * count) where table.contains("#\(index)") { found += 1 }
        #expect(missing == 0)
        #expect(found == 0)
        for index in stride(from: 0, to: count, by: 7) { #expect(!Self.insert("#\(index)", into: &table)) }
        #expect(table.count == count)
    }

    @Test func reservingCapacityKeepsWhatIsThere() {
        var table = ReferenceTable(minimumCapacity: 3)
        table.insert("a")
        table.insert("bb")
        table.reserveCapacity(10_000, bytes: 40_000)
        #expect(table.contains("a"))
        #expect(table.contains("bb"))
        #expect(!table.contains("b"))
        #expect(table.count == 2)
    }

    @Test func longReferencesHashAllTheirBytes() {
        var table = ReferenceTable()
        let base = String(repeating: "x", count: 200)
        #expect(Self.insert(base + "1", into: &table))
        #expect(Self.insert(base + "2", into: &table))
        #expect(Self.insert("1" + base, into: &table))
        #expect(!table.contains(base))
        #expect(Self.insert(String(repeating: "é", count: 300), into: &table))
        #expect(table.count == 4)
    }

    @Test func aLedgerBatchGoesInWhole() {
        var batch = LedgerBatch(store: "s")
        for reference in ["#1", "#2", "", "#1"] { batch.append(reference) }
        var table = ReferenceTable()
        table.insert(contentsOf: batch)
        #expect(table.count == 3)
        #expect(table.contains(""))
    }
}
