@testable import IntakeCSV
import Testing

/// `peekField` is a prefetching hint: where it gives a field, it is the field the reader then reads in that
/// record; where the index cannot tell (quotes, the end of what is indexed), it gives nothing.
struct PeekFieldTests {
    static func rows(_ count: Int, lineBreak: String) -> String {
        var text = "Name,SKU,Qty" + lineBreak
        for row in 0..<count {
            // Every seventh SKU quoted, every eleventh empty: peeks there give nil or an empty field.
            let sku = row % 7 == 3 ? "\"Q-\(row)\"" : row % 11 == 5 ? "" : "SKU-\(row)"
            text += "#\(1000 + row),\(sku),\(row % 4 + 1)" + lineBreak
        }
        return text
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func aPeekedFieldIsTheFieldThatRecordHolds(lineBreak: String) throws {
        let reader = try CSVReader(source: MemoryByteSource(Self.rows(400, lineBreak: lineBreak)))
        #expect(try reader.next())  // the header
        var peeked: [Int: [UInt8]] = [:]
        var hits = 0
        var record = 0
        while try reader.next() {
            if let expected = peeked.removeValue(forKey: record) {
                #expect(expected == Array(reader.string(1).utf8), "record \(record)")
                hits += 1
            }
            for ahead in 1...2 {
                if let field = reader.peekField(1, ahead: ahead) {
                    let bytes = Array(field)
                    if let earlier = peeked[record + ahead] { #expect(earlier == bytes) }
                    peeked[record + ahead] = bytes
                }
            }
            record += 1
        }
        #expect(record == 400)
        // Most rows were peeked before they were read (not the quoted ones, nor across index chunks).
        #expect(hits > 300)
    }

    @Test func aQuotedFieldOrAColumnPastTheRecordIsNoHint() throws {
        let reader = try CSVReader(source: MemoryByteSource("a,b\n1,2\n\"x\",\"y\"\n3,4\n"))
        #expect(try reader.next())
        #expect(try reader.next())
        #expect(reader.peekField(1, ahead: 1) == nil)  // "y" is quoted
        #expect(reader.peekField(2, ahead: 1) == nil)  // no third field
        #expect(reader.peekField(0, ahead: 1) == nil)  // the first field is never peeked
        #expect(reader.peekField(1, ahead: 2).map(Array.init) == Array("4".utf8))
        #expect(reader.peekField(1, ahead: 9) == nil)  // past the end
    }
}
