import IntakeModel
import Testing

/// The byte-keyed table the orders hot path joins SKUs and line-item names with.
struct ByteKeyTableTests {
    @Test func findsWhatWasInsertedAndNothingElse() {
        let table = ByteKeyTable(capacity: 2)  // grows many times
        for number in 0..<5_000 { #expect(table.insertIfAbsent("SKU-\(number)", Int32(number))) }
        #expect(table.count == 5_000)
        for number in stride(from: 0, to: 5_000, by: 7) { #expect(table.value(for: "SKU-\(number)") == Int32(number)) }
        #expect(table.value(for: "SKU-5000") == nil)
        #expect(table.value(for: "SKU-1 ") == nil)
        #expect(table.value(for: "sku-1") == nil)
    }

    @Test func theFirstValueOfAKeyStays() {
        let table = ByteKeyTable()
        #expect(table.insertIfAbsent("DESIGN-001", 1))
        #expect(!table.insertIfAbsent("DESIGN-001", 2))
        #expect(table.value(for: "DESIGN-001") == 1)
    }

    @Test func emptyAndNonASCIIKeysAreKeys() {
        let table = ByteKeyTable()
        #expect(table.insertIfAbsent("", 7))
        #expect(table.insertIfAbsent("Design #332 \"Kōan\" - XL / black", 8))
        #expect(table.insertIfAbsent("Design #332 \"Ko\u{304}an\" - XL / black", 9))  // another spelling, another key
        #expect(table.value(for: "") == 7)
        #expect(table.value(for: "Design #332 \"Kōan\" - XL / black") == 8)
        #expect(table.value(for: "Design #332 \"Ko\u{304}an\" - XL / black") == 9)
        #expect(table.value(for: "Design #332 \"Koan\" - XL / black") == nil)
    }

    @Test func keysThatDifferPastTheFirstWordsDiffer() {
        let table = ByteKeyTable()
        let base = String(repeating: "x", count: 40)
        for suffix in ["a", "b", "ab", "ba", ""] { #expect(table.insertIfAbsent(base + suffix, Int32(suffix.count))) }
        #expect(table.value(for: base + "ab") == 2)
        #expect(table.value(for: base + "c") == nil)
    }

    /// Payloads of every length (none, under and over a word, long) come back with their keys after the slots and
    /// the arena grew many times.
    @Test func payloadsComeBackWithTheirKeys() {
        let table = ByteKeyTable(capacity: 2)
        func payload(_ number: Int) -> [UInt8] { (0..<(number % 97)).map { UInt8(truncatingIfNeeded: number &+ $0) } }
        for number in 0..<3_000 {
            let bytes = payload(number)
            #expect(bytes.withUnsafeBytes { table.insertIfAbsent("KEY-\(number)", Int32(number), payload: $0) })
        }
        for number in 0..<3_000 {
            var key = "KEY-\(number)"
            let entry = key.withUTF8 { table.entry(for: UnsafeRawBufferPointer($0)) }
            #expect(entry?.value == Int32(number))
            #expect(entry.map { Array($0.payload) } == payload(number))
        }
        var missing = "KEY-3000"
        #expect(missing.withUTF8 { table.entry(for: UnsafeRawBufferPointer($0)) } == nil)
    }
}
