import CCSVScan
import IntakeCSV
import IntakeTestSupport
import Testing

/// The C kernels on their own, entry by entry: the SIMD indexer and the portable one against a byte-at-a-time model
/// of what `ccsv_index` promises (separators with their quoted and doubled-quote flags, record line breaks, line
/// breaks inside quotes, the first invalid UTF-8). The differential tests through `CSVReader` see only what reaches a
/// record; these see every entry, at every offset of the 64-byte blocks, so that a carry between blocks that is wrong
/// shows even where the reader would not notice.
@Suite struct ScanKernelTests {
    /// The kernels this CPU runs: the SIMD ones only where `ccsv_has_simd()` (and `ccsv_has_avx512()`) say so
    /// (elsewhere each is the portable one); `simd` is the one readers run, the best of them.
    static let kernels: [Kernel] = (ccsv_has_simd() != 0 ? [.simd, .avx2] : []) + (ccsv_has_avx512() != 0 ? [.avx512] : []) + [.portable]

    enum Kernel: String, CustomStringConvertible, Sendable {
        case simd, avx2, avx512, portable
        var description: String { rawValue }
    }

    @Test(arguments: kernels)
    func wellFormedInputsMatchTheModel(kernel: Kernel) {
        var random = SplitMix64(seed: 0x1DE7_C5F0)
        for round in 0..<3000 {
            let bytes = Self.wellFormedCSV(random: &random, maxLength: round < 1000 ? 150 : 700)
            let expected = Self.model(bytes)
            let actual = Self.index(bytes, kernel: kernel)
            #expect(actual.malformed == nil, "round \(round): \(Self.show(bytes))")
            #expect(actual.separators == expected.separators, "round \(round): \(Self.show(bytes))")
            #expect(actual.lineBreaks == expected.lineBreaks, "round \(round): \(Self.show(bytes))")
            #expect(actual.quotedLineBreaks == expected.quotedLineBreaks, "round \(round): \(Self.show(bytes))")
            if actual.separators != expected.separators || actual.lineBreaks != expected.lineBreaks { return }
        }
    }

    /// Anything at all (stray quotes, text after closing quotes, invalid UTF-8): every SIMD kernel stops at the
    /// portable one's byte and agrees on every entry before it.
    @Test func kernelsAgreeOnAnyInput() {
        guard ccsv_has_simd() != 0 else { return }
        var random = SplitMix64(seed: 0xA11_C5F0)
        let alphabet: [UInt8] = Array("\"\"\",,;\r\n\nab".utf8) + [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF, 0xF0, 0x9F]
        for round in 0..<3000 {
            let bytes = (0..<random.int(in: 0...300)).map { _ in random.pick(alphabet) }
            let portable = Self.index(bytes, checkUTF8: true, kernel: .portable)
            for kernel in Self.kernels where kernel != .portable {
                #expect(Self.index(bytes, checkUTF8: true, kernel: kernel) == portable, "\(kernel), round \(round): \(Self.show(bytes))")
            }
        }
    }

    /// Valid and invalid UTF-8 of every kind at every offset of a block and across block ends: the first invalid
    /// sequence is the one `UTF8Validation` finds, and a sequence cut off by the end is not reported.
    @Test(arguments: kernels)
    func firstInvalidUTF8(kernel: Kernel) {
        let sequences: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
            // Invalid: overlong, surrogate, too large, bad leads, lone and extra continuations, cut short.
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80],
            [0xBF], [0xC3, 0xA9, 0xA9], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0xC3, 0xA9], [0xE2, 0x41],
        ]
        var random = SplitMix64(seed: 0x07F8_0002)
        for sequence in sequences {
            for offset in 0..<140 {
                for tail in [[], [0x41], [0xC3, 0xA9], [0x80], Array(repeating: UInt8(0x42), count: 70)] as [[UInt8]] {
                    var bytes = [UInt8](repeating: 0x61, count: offset)
                    if offset > 5, random.chance(50) {
                        // A valid sequence earlier on, so that the walk has one to resume after.
                        let at = random.below(offset - 2)
                        bytes[at] = 0xC3
                        bytes[at + 1] = 0xA9
                    }
                    bytes += sequence + tail
                    Self.expectUTF8(bytes, kernel: kernel)
                }
            }
        }
        // Mixtures: many sequences in a row, mostly valid.
        let valid = sequences.prefix(9)
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.int(in: 1...40) {
                bytes += [UInt8](repeating: 0x78, count: random.int(in: 0...20))
                bytes += random.chance(97) ? random.pick(Array(valid)) : random.pick(sequences)
            }
            Self.expectUTF8(bytes, kernel: kernel)
        }
    }

    // MARK: - Helpers

    struct Index: Equatable {
        var separators: [UInt32]
        var lineBreaks: [UInt32]
        var quotedLineBreaks: [UInt32]
        var malformed: Int?
        var invalidUTF8: Int?
        var indexed: Int
    }

    static func index(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), checkUTF8: Bool = false, kernel: Kernel) -> Index {
        let room = bytes.count + Int(CCSV_SLACK)
        var separators = [UInt32](repeating: 0, count: room)
        var quoted = [UInt32](repeating: 0, count: room)
        var lineBreaks = [UInt32](repeating: 0, count: 2 * room)
        var result = ccsv_index()
        separators.withUnsafeMutableBufferPointer { separators in
            quoted.withUnsafeMutableBufferPointer { quoted in
                lineBreaks.withUnsafeMutableBufferPointer { lineBreaks in
                    result.separators = separators.baseAddress
                    result.quoted_line_breaks = quoted.baseAddress
                    result.line_breaks = lineBreaks.baseAddress
                    bytes.withUnsafeBufferPointer { data in
                        switch kernel {
                        case .simd: ccsv_index_simd(data.baseAddress, data.count, delimiter, checkUTF8 ? 1 : 0, &result)
                        case .avx2: ccsv_index_avx2(data.baseAddress, data.count, delimiter, checkUTF8 ? 1 : 0, &result)
                        case .avx512: ccsv_index_avx512(data.baseAddress, data.count, delimiter, checkUTF8 ? 1 : 0, &result)
                        case .portable: ccsv_index_portable(data.baseAddress, data.count, delimiter, checkUTF8 ? 1 : 0, &result)
                        }
                    }
                }
            }
        }
        // Entries from the malformed byte's block on mean nothing: only those before it are compared.
        let malformed = result.malformed < 0 ? nil : result.malformed
        let trusted = malformed ?? Int.max
        let entries = Array(separators[..<result.separator_count]).filter { Int($0 & UInt32(CCSV_OFFSET)) < trusted }
        var pairs: [UInt32] = []
        for pair in 0..<result.line_break_count where Int(lineBreaks[2 * pair]) < trusted {
            pairs += [lineBreaks[2 * pair], lineBreaks[2 * pair + 1]]
        }
        let quotedBreaks = Array(quoted[..<result.quoted_line_break_count]).filter { Int($0) < trusted }
        // Past the malformed byte, the reader reads no record from the index, so which invalid UTF-8 is found there
        // does not matter (the portable walk looks past the last block indexed; vectors do not).
        let invalidUTF8 = result.invalid_utf8 < 0 || result.invalid_utf8 >= trusted ? nil : result.invalid_utf8
        return Index(separators: entries, lineBreaks: pairs, quotedLineBreaks: quotedBreaks, malformed: malformed,
                     invalidUTF8: invalidUTF8, indexed: result.indexed)
    }

    /// What `ccsv_index` promises for well-formed input, one byte at a time.
    static func model(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) -> Index {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var model = Index(separators: [], lineBreaks: [], quotedLineBreaks: [], malformed: nil, invalidUTF8: nil, indexed: bytes.count)
        var inside = false
        var doubledQuote = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let afterCR = i > 0 && bytes[i - 1] == cr
            if inside {
                if byte == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote {
                        doubledQuote = true
                        i += 2
                        continue
                    }
                    inside = false
                } else if byte == cr || (byte == lf && !afterCR) {
                    model.quotedLineBreaks.append(UInt32(i))
                }
            } else if byte == quote {
                inside = true
            } else if byte == delimiter || byte == cr || byte == lf {
                var entry = UInt32(i)
                if i > 0 && bytes[i - 1] == quote { entry |= UInt32(CCSV_QUOTED) }
                if doubledQuote { entry |= UInt32(CCSV_ESCAPED) }
                doubledQuote = false
                if byte == cr || (byte == lf && !afterCR) {
                    model.lineBreaks += [UInt32(i), UInt32(model.separators.count)]
                }
                model.separators.append(entry)
            }
            i += 1
        }
        return model
    }

    /// Records of empty, plain and quoted fields (with doubled quotes, delimiters and every kind of line break
    /// inside), ended by LF, CR or CRLF, with blank lines: at random lengths, so that every construct lands on every
    /// offset of a block.
    static func wellFormedCSV(random: inout SplitMix64, maxLength: Int) -> [UInt8] {
        let breaks: [[UInt8]] = [[0x0A], [0x0D], [0x0D, 0x0A]]
        var bytes: [UInt8] = []
        let target = random.int(in: 0...maxLength)
        while bytes.count < target {
            for field in 0..<random.int(in: 1...8) {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                switch random.below(4) {
                case 0: break
                case 1: bytes += (0..<random.int(in: 1...12)).map { _ in UInt8(ascii: "a") + UInt8(random.below(26)) }
                default:
                    bytes.append(UInt8(ascii: "\""))
                    for _ in 0..<random.int(in: 0...4) {
                        switch random.below(6) {
                        case 0: bytes += [0x22, 0x22]
                        case 1: bytes += random.pick(breaks)
                        case 2: bytes.append(UInt8(ascii: ","))
                        default: bytes += (0..<random.int(in: 0...30)).map { _ in UInt8(ascii: "k") }
                        }
                    }
                    bytes.append(UInt8(ascii: "\""))
                }
            }
            bytes += random.pick(breaks)
            if random.chance(5) { bytes += random.pick(breaks) }
        }
        return bytes
    }

    static func expectUTF8(_ bytes: [UInt8], kernel: Kernel, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0, allowTruncatedEnd: true) }
        let actual = index(bytes, checkUTF8: true, kernel: kernel).invalidUTF8
        #expect(actual == expected, "\(show(bytes))", sourceLocation: sourceLocation)
    }

    static func show(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "<\(String($0, radix: 16))>" }.joined()
    }
}
