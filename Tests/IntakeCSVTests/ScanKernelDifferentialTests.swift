import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// The fast path (the structural index of the SIMD kernel, and of the portable one) against the byte-at-a-time
/// reference scanner: on generated inputs full of the cases the fast path hands back, and on every fixture and
/// real-world export, both must read exactly the same records (fields, raw bytes, escaped flags, lines, record
/// numbers, problems) and decide the same dialect.
@Suite struct ScanKernelDifferentialTests {
    static let fastKernels: [CSVScanKernel] = [.automatic, .portable]

    @Test(arguments: fastKernels)
    func generatedInputs(kernel: CSVScanKernel) throws {
        var random = SplitMix64(seed: 0x5EED_C5F0)
        for round in 0..<400 {
            let style = GeneratedCSV.Style(random: &random)
            let bytes = GeneratedCSV.make(style: style, records: random.int(in: 1...40), random: &random)
            for options in optionVariants(style: style, inputSize: bytes.count, random: &random) {
                try expectSameRecords(bytes, options: options, kernel: kernel, label: "round \(round), \(style)")
            }
        }
    }

    /// Inputs larger than the reader's 64 KiB sample and its buffer, so that indexes are rebuilt across refills,
    /// chunk ends and fallbacks.
    @Test(arguments: fastKernels)
    func largeGeneratedInputs(kernel: CSVScanKernel) throws {
        var random = SplitMix64(seed: 0xB16_C5F0)
        for round in 0..<12 {
            var style = GeneratedCSV.Style(random: &random)
            // Mostly well-formed, so that the fast path does read most records.
            style.oddity = round % 3 == 0 ? 0 : random.int(in: 0...3)
            let bytes = GeneratedCSV.make(style: style, records: random.int(in: 800...3000), random: &random)
            var options = CSVOptions(initialBufferBytes: [4096, 70_000, 1 << 20][round % 3])
            if round % 4 == 1 { options.maxRecordBytes = 2048 }
            try expectSameRecords(bytes, options: options, kernel: kernel, label: "large round \(round), \(style)")
            try expectSameRecords(bytes, options: options, kernel: kernel, trickle: UInt64(round + 1), label: "large round \(round) trickled")
        }
    }

    /// Hand-picked inputs at the edges of the fast path's rules.
    @Test(arguments: fastKernels)
    func edgeCases(kernel: CSVScanKernel) throws {
        let cases: [String] = [
            "a,b\n1,2", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\r\n\r\n\n1,2\r", "\"a\",\"b\"\n\"1\",\"2\"",
            "a,b\n\"x\"\"y\",\"\"\"\"\n", "a,b\n\"x\ny\",z\n", "a,b\n\"x\r\ny\",\"p\rq\"\n", "a,b\n\"\",\"\"\n",
            "a,b\n1\"2,3\n4,5\n", "a,b\n\"x\"y,3\n4,5\n", "a,b\n\"open,3\n4,5\n", "a,b\n\"open\nmore\n4,5\n",
            "a,b\n\"x\" ,3\n", "a,b\n\"x\"\n", "a,b\n\"x\"", "a,b\n\"x", "a,b\n\"", "a,b\n,\n,,\n", "\n\n\r\na,b\n",
            "sep=;\na;b\n1;2\n", "\"sep=|\"\r\na|b\r\n", "a,b\n\u{FEFF}1,2\n", "a,b\nZoë,Kōan 😀\n",
            "a,b\n\"\n\",\"\r\"\n", "a,b\n\"a\"\"\",b\n", "a,b\n\"\"\"\",\"\"\"\"\"\"\"\"\"\n", "a,b\n\"a\"\"b\n\"x\",y\n",
        ]
        for text in cases {
            for options in [CSVOptions(), CSVOptions(maxRecordBytes: 64, maxFields: 2, initialBufferBytes: 64)] {
                try expectSameRecords(Array(text.utf8), options: options, kernel: kernel, label: String(reflecting: text))
                try expectSameRecords(Array(text.utf8), options: options, kernel: kernel, trickle: 5, label: String(reflecting: text))
            }
        }
        // Invalid UTF-8 after the sample (the file was decided to be UTF-8): in the middle of a record, at the end of
        // one, cut off at the end of the input, and in a record after a doubled quote.
        let header = Array("a,b\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 70_000) + Array(",y\n".utf8)
        let tails: [[UInt8]] = [
            [0x31, 0xFF, 0x2C, 0x32, 0x0A], [0x31, 0x2C, 0xC3, 0x0A, 0x33, 0x2C, 0x34, 0x0A], [0x31, 0x2C, 0xE2, 0x82],
            [0x22, 0x61, 0x22, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x2C, 0x62, 0x0A], [0x31, 0x2C, 0xF0, 0x9F, 0x98, 0x80, 0x0A],
        ]
        for tail in tails {
            for repeats in [1, 3, 200] {
                var bytes = header
                for _ in 0..<repeats { bytes += tail + Array("z,\u{E9}\n".utf8) }
                try expectSameRecords(bytes, options: CSVOptions(), kernel: kernel, label: "invalid UTF-8 \(tail)")
                try expectSameRecords(bytes, options: CSVOptions(initialBufferBytes: 64), kernel: kernel, trickle: 9, label: "invalid UTF-8 \(tail) trickled")
            }
        }
    }

    /// Valid and invalid UTF-8 of every length and boundary, at every offset of the 64-byte blocks, after a
    /// first 64 KiB of ASCII (so that the file is read as UTF-8 and checked record by record).
    @Test(arguments: fastKernels)
    func utf8AcrossBlocks(kernel: CSVScanKernel) throws {
        let sequences: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xC3, 0xA9], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xE1, 0x80, 0x80],
            [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF1, 0x80, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0x80], [0xBF], [0xFF],
            [0xC3], [0xE6, 0x9D], [0xF0, 0x9F, 0x98], [0xC3, 0xC3, 0xA9], [0xE6, 0x9D, 0xB1, 0xB1],
        ]
        var random = SplitMix64(seed: 0x07F8)
        let header = Array("a,b\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 66_000) + Array(",y\n".utf8)
        for round in 0..<60 {
            var bytes = header
            for _ in 0..<random.int(in: 20...200) {
                for column in 0..<2 {
                    if column == 1 { bytes.append(UInt8(ascii: ",")) }
                    let quoted = random.chance(30)
                    if quoted { bytes.append(0x22) }
                    for _ in 0..<random.int(in: 0...6) {
                        bytes += [UInt8](repeating: UInt8(ascii: "k"), count: random.int(in: 0...70))
                        // Mostly valid sequences, so that one record holds several and the blocks around them pass.
                        let valid = sequences.filter { String(validating: $0, as: UTF8.self) != nil }
                        bytes += random.chance(90) ? random.pick(valid) : random.pick(sequences)
                    }
                    if quoted { bytes.append(0x22) }
                }
                bytes.append(0x0A)
            }
            try expectSameRecords(bytes, options: CSVOptions(), kernel: kernel, label: "UTF-8 round \(round)")
        }
    }

    /// Every CSV fixture of the package and every real-world export, whole and through small reads.
    @Test(arguments: fastKernels)
    func fixtureFiles(kernel: CSVScanKernel) throws {
        var files: [URL] = []
        for root in [TestPaths.fixtures, TestPaths.realworld] {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["csv", "txt", "tsv"].contains(url.pathExtension.lowercased()) {
                files.append(url)
            }
        }
        #expect(files.count >= 20, "fixtures found: \(files.count)")
        for file in files.sorted(by: { $0.path < $1.path }) {
            let bytes = try [UInt8](Data(contentsOf: file))
            let label = file.lastPathComponent
            try expectSameRecords(bytes, options: CSVOptions(), kernel: kernel, label: label)
            try expectSameRecords(bytes, options: CSVOptions(initialBufferBytes: 64), kernel: kernel, trickle: 3, label: "\(label) trickled")
            try expectSameRecords(bytes, options: CSVOptions(maxRecordBytes: 200, maxFields: 12), kernel: kernel, label: "\(label) small limits")
        }
    }

    /// On well-formed input the fast path really reads the records (the reference reads only the header, which
    /// comes before the delimiter is final), so the tests above compare two different scanners.
    @Test(arguments: fastKernels)
    func fastPathReadsWellFormedRecords(kernel: CSVScanKernel) throws {
        // `INTAKE_CSV_KERNEL=reference` makes `automatic` the reference scanner on purpose.
        if kernel == .automatic && ProcessInfo.processInfo.environment["INTAKE_CSV_KERNEL"] == "reference" { return }
        var random = SplitMix64(seed: 7)
        var style = GeneratedCSV.Style(random: &random)
        style.oddity = 0
        let bytes = GeneratedCSV.make(style: style, records: 2000, random: &random)
        let reader = try CSVReader(source: MemoryByteSource(bytes), options: CSVOptions(scanKernel: kernel))
        var records = 0
        while try reader.next() { records += 1 }
        #expect(records > 1000)
        #expect(reader.recordsReadFromIndex >= records - 20, "\(reader.recordsReadFromIndex) of \(records)")
        var reference = CSVOptions()
        reference.scanKernel = .reference
        let scalar = try CSVReader(source: MemoryByteSource(bytes), options: reference)
        while try scalar.next() {}
        #expect(scalar.recordsReadFromIndex == 0)
    }

    // MARK: - Helpers

    private func optionVariants(style: GeneratedCSV.Style, inputSize: Int, random: inout SplitMix64) -> [CSVOptions] {
        var variants = [CSVOptions(), CSVOptions(initialBufferBytes: 64)]
        // Limits near the records' sizes: too long records and too many fields, at and around the window's edge.
        variants.append(CSVOptions(maxRecordBytes: random.int(in: 64...400), maxFields: random.int(in: 1...12), initialBufferBytes: 64))
        if style.forceDelimiter { variants.append(CSVOptions(delimiter: style.delimiter, initialBufferBytes: random.int(in: 64...300))) }
        return variants
    }

    private func expectSameRecords(
        _ bytes: [UInt8], options: CSVOptions, kernel: CSVScanKernel, trickle: UInt64? = nil, label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var reference = options
        reference.scanKernel = .reference
        var fast = options
        fast.scanKernel = kernel
        let expected = try snapshot(bytes, options: reference, trickle: trickle)
        let actual = try snapshot(bytes, options: fast, trickle: trickle)
        #expect(actual.dialect == expected.dialect, "\(label)", sourceLocation: sourceLocation)
        #expect(actual.records.count == expected.records.count, "\(label)", sourceLocation: sourceLocation)
        if let index = firstDifference(actual.records, expected.records) {
            Issue.record("\(label) [\(kernel)]: record \(index) differs:\n  fast:      \(actual.records[index])\n  reference: \(expected.records[index])", sourceLocation: sourceLocation)
        }
    }

    /// Everything the reader says about every record.
    private struct Snapshot: Equatable, CustomStringConvertible {
        var line: Int
        var number: Int
        var problem: CSVRecordProblem?
        var fields: [[UInt8]]
        var escaped: [Bool]
        var empty: [Bool]
        var strings: [String]
        var recordBytes: [UInt8]

        var description: String {
            "#\(number)@\(line) \(problem.map { "[\($0)] " } ?? "")\(strings.map { String(reflecting: $0) }.joined(separator: "|")) escaped \(escaped) bytes \(String(reflecting: String(decoding: recordBytes, as: UTF8.self)))"
        }
    }

    private func snapshot(_ bytes: [UInt8], options: CSVOptions, trickle: UInt64?) throws -> (records: [Snapshot], dialect: CSVDialect?) {
        let reader: CSVReader
        do {
            if let trickle {
                reader = try CSVReader(source: TrickleSource(bytes, seed: trickle, maxChunk: 97), options: options)
            } else {
                reader = try CSVReader(source: MemoryByteSource(bytes), options: options)
            }
        } catch {
            return ([], nil)
        }
        var records: [Snapshot] = []
        while try reader.next() {
            let count = reader.fieldCount
            records.append(Snapshot(
                line: reader.recordLine, number: reader.recordNumber, problem: reader.problem,
                fields: (0..<count).map { index in reader.withRawBytes(index) { Array($0) } },
                escaped: (0...count).map(reader.hasEscapedQuotes), empty: (0...count).map(reader.isEmpty),
                strings: reader.strings(), recordBytes: reader.recordBytes()
            ))
        }
        #expect(try reader.next() == false)
        return (records, reader.dialect)
    }
}

/// Random CSV text with the cases the fast path must hand to the reference scanner mixed in.
enum GeneratedCSV {
    struct Style: CustomStringConvertible {
        var delimiter: UInt8
        var forceDelimiter: Bool
        /// 0: LF, 1: CRLF, 2: CR, 3: mixed.
        var lineBreaks: Int
        /// 0: well-formed only; higher: more stray and unterminated quotes and invalid UTF-8.
        var oddity: Int
        var quoting: Int
        var columns: Int

        init(random: inout SplitMix64) {
            delimiter = random.pick([UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")])
            forceDelimiter = random.chance(30)
            lineBreaks = random.below(4)
            oddity = random.pick([0, 0, 1, 2, 3])
            quoting = random.below(100)
            columns = random.int(in: 1...9)
        }

        var description: String {
            "delimiter \(delimiter), line breaks \(lineBreaks), oddity \(oddity), quoting \(quoting), columns \(columns)"
        }
    }

    static func make(style: Style, records: Int, random: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        let others = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        func lineBreak(_ random: inout SplitMix64) -> [UInt8] {
            switch style.lineBreaks == 3 ? random.below(3) : style.lineBreaks {
            case 0: [0x0A]
            case 1: [0x0D, 0x0A]
            default: [0x0D]
            }
        }
        func text(_ random: inout SplitMix64, long: Bool) -> [UInt8] {
            var bytes: [UInt8] = []
            let length = long ? random.int(in: 50...900) : random.int(in: 0...12)
            for _ in 0..<length {
                switch random.below(40) {
                case 0: bytes += Array("é".utf8)
                case 1: bytes += Array("ō".utf8)
                case 2: bytes += Array("😀".utf8)
                case 3: bytes.append(random.pick(others))
                case 4: bytes.append(UInt8(ascii: " "))
                default: bytes.append(UInt8(ascii: "a") + UInt8(random.below(26)))
                }
            }
            return bytes
        }
        func invalidUTF8(_ random: inout SplitMix64) -> [UInt8] {
            random.pick([[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]])
        }
        for record in 0..<records {
            if random.chance(5) { out += lineBreak(&random) }  // a blank line
            let columns = random.chance(10) ? random.int(in: 1...(style.columns + 3)) : style.columns
            for column in 0..<columns {
                if column > 0 { out.append(style.delimiter) }
                let long = random.chance(3)
                let odd = style.oddity > 0 && random.chance(style.oddity * 2)
                if odd {
                    switch random.below(6) {
                    case 0: out += text(&random, long: false) + [0x22] + text(&random, long: false)  // a stray quote
                    case 1: out += [0x22] + text(&random, long: false) + [0x22] + text(&random, long: false)  // text after the closing quote
                    case 2: out += [0x22] + text(&random, long: long)  // never closed
                    case 3: out += text(&random, long: false) + invalidUTF8(&random) + text(&random, long: false)
                    case 4: out += [0x22] + text(&random, long: false) + lineBreak(&random) + text(&random, long: false) + [0x22, 0x78]
                    default: out += [0x22] + invalidUTF8(&random) + [0x22]
                    }
                } else if random.below(100) < style.quoting {
                    out.append(0x22)
                    for _ in 0..<random.int(in: 0...3) {
                        out += text(&random, long: long)
                        switch random.below(5) {
                        case 0: out += [0x22, 0x22]
                        case 1: out += lineBreak(&random)
                        case 2: out.append(style.delimiter)
                        default: break
                        }
                    }
                    out.append(0x22)
                } else {
                    out += text(&random, long: long)
                }
            }
            if record < records - 1 || random.chance(70) { out += lineBreak(&random) }
        }
        return out
    }
}
