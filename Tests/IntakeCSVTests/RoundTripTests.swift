import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// Random tables written by `CSVWriter` and read back by `CSVReader` must come back unchanged.
///
/// The seed is printed; set `CSV_ROUNDTRIP_SEED` to replay a run.
@Suite struct RoundTripTests {
    static let seed: UInt64 = {
        let seed = ProcessInfo.processInfo.environment["CSV_ROUNDTRIP_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
        print("seed: \(seed)")
        return seed
    }()

    /// Single characters and short pieces that stress quoting, guarding and line counting.
    static let alphabet: [String] = [
        ",", ";", "\"", "\r", "\n", "\r\n", "\t", "'", "=", "+", "-", "@", "|", " ", "ü", "×", "東", "😀",
        "a", "b", "Z", "0", "7", ".",
    ]

    static func randomField(_ random: inout SplitMix64) -> String {
        switch random.below(10) {
        case 0: return ""
        case 1: return random.pick(["-42", "+3.5", "-0,5", "=SUM(A1)", "'=x", "''@y", "'", "@", "-", "\r", "\t"])
        default:
            var value = ""
            for _ in 0..<random.int(in: 1...8) { value += random.pick(alphabet) }
            return value
        }
    }

    static func randomTable(_ random: inout SplitMix64, maxRows: Int) -> [[String]] {
        let columns = random.int(in: 1...6)
        return (0..<random.int(in: 0...maxRows)).map { _ in
            // Ragged rows too: the reader does not care about a fixed width.
            let count = random.chance(10) ? random.int(in: 1...7) : columns
            return (0..<count).map { _ in randomField(&random) }
        }
    }

    struct Mode: CustomTestStringConvertible, Sendable {
        var delimiter: UInt8
        var spreadsheetSafe: Bool
        var lineEnding: String
        var testDescription: String {
            "\(delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))) \(spreadsheetSafe ? "safe" : "plain") \(lineEnding == "\n" ? "LF" : "CRLF")"
        }
    }

    static let modes: [Mode] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")].flatMap { delimiter in
        [false, true].flatMap { safe in ["\r\n", "\n"].map { Mode(delimiter: delimiter, spreadsheetSafe: safe, lineEnding: $0) } }
    }

    /// What the reader must return for `rows`: the writer writes a row without fields as an empty line, which is no record.
    static func expectedRecords(_ rows: [[String]]) -> [[String]] {
        rows.filter { !$0.isEmpty }
    }

    @Test(arguments: modes)
    func randomTablesRoundTrip(mode: Mode) throws {
        var random = SplitMix64(seed: Self.seed ^ UInt64(mode.delimiter) << 8 ^ (mode.spreadsheetSafe ? 1 : 0) ^ UInt64(mode.lineEnding.utf8.count) << 16)
        // The guard is stripped only when it was written: a plain writer leaves `'=x` as it is.
        let options = CSVOptions(delimiter: mode.delimiter, stripFormulaGuard: mode.spreadsheetSafe)
        for round in 0..<30 {
            let rows = Self.randomTable(&random, maxRows: 12)
            let bytes = try written(rows, delimiter: mode.delimiter, spreadsheetSafe: mode.spreadsheetSafe, lineEnding: mode.lineEnding)
            let result = try readBothWays(bytes, options: options, seeds: [UInt64(round)], padded: round % 5 == 0)
            #expect(result.records.map(\.fields) == Self.expectedRecords(rows), "seed \(Self.seed) round \(round)")
            #expect(result.records.allSatisfy { $0.problem == nil }, "seed \(Self.seed) round \(round)")
            #expect(result.records.map(\.number) == Array(0..<result.records.count))
            // Physical lines: each record starts after all line breaks of the records before it.
            var line = 1
            var expectedLines: [Int] = []
            for row in rows {
                if !row.isEmpty { expectedLines.append(line) }
                line += 1 + row.reduce(0) { $0 + lineBreakCount($1) }
            }
            #expect(result.records.map(\.line) == expectedLines, "seed \(Self.seed) round \(round)")
        }
    }

    /// With a plain header the delimiter is sniffed, not forced.
    @Test(arguments: modes)
    func sniffedRoundTrip(mode: Mode) throws {
        var random = SplitMix64(seed: Self.seed &+ UInt64(mode.delimiter) &* 31 &+ (mode.spreadsheetSafe ? 7 : 0) &+ UInt64(mode.lineEnding.utf8.count))
        let options = CSVOptions(stripFormulaGuard: mode.spreadsheetSafe)
        for round in 0..<10 {
            let columns = random.int(in: 2...6)
            var rows: [[String]] = [(0..<columns).map { "Column \($0)" }]
            for _ in 0..<random.int(in: 0...10) { rows.append((0..<columns).map { _ in Self.randomField(&random) }) }
            let bytes = try written(rows, delimiter: mode.delimiter, spreadsheetSafe: mode.spreadsheetSafe, lineEnding: mode.lineEnding)
            let result = try readBothWays(bytes, options: options, seeds: [UInt64(round)], padded: round % 4 == 0)
            #expect(result.dialect.delimiter == mode.delimiter, "seed \(Self.seed) round \(round)")
            #expect(result.records.map(\.fields) == rows, "seed \(Self.seed) round \(round)")
        }
    }

    /// A table of about 200 KiB: after the 64 KiB sample the trickling reads split records everywhere.
    @Test(arguments: [Mode(delimiter: UInt8(ascii: ","), spreadsheetSafe: true, lineEnding: "\r\n"), Mode(delimiter: 0x09, spreadsheetSafe: false, lineEnding: "\n")])
    func largeTableRoundTrip(mode: Mode) throws {
        var random = SplitMix64(seed: Self.seed &+ 1_000 &+ UInt64(mode.delimiter))
        var rows: [[String]] = []
        var size = 0
        while size < 200 * 1024 {
            let row = (0..<random.int(in: 1...8)).map { _ in Self.randomField(&random) }
            size += row.reduce(row.count) { $0 + $1.utf8.count }
            rows.append(row)
        }
        let bytes = try written(rows, delimiter: mode.delimiter, spreadsheetSafe: mode.spreadsheetSafe, lineEnding: mode.lineEnding)
        let options = CSVOptions(delimiter: mode.delimiter, stripFormulaGuard: mode.spreadsheetSafe)
        let result = try readBothWays(bytes, options: options, seeds: [Self.seed])
        #expect(result.records.map(\.fields) == rows, "seed \(Self.seed)")
    }

    /// The guard always comes off when the reader strips it, and stays when it does not.
    @Test func spreadsheetSafeOutputReadWithoutStripping() throws {
        let rows = [["=1+1", "'=x", "-42", "@a"]]
        let bytes = try written(rows, spreadsheetSafe: true)
        let raw = try readAll(MemoryByteSource(bytes), options: CSVOptions(stripFormulaGuard: false)).records
        #expect(raw.map(\.fields) == [["'=1+1", "''=x", "-42", "'@a"]])
    }
}
