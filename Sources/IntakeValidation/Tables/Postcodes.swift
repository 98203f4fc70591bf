/// Postcode formats by country, and the repair of postcodes that lost their leading zeros in a spreadsheet.
///
/// Each country has one or more patterns in a tiny language: `9` is an ASCII digit, `A` an ASCII letter (either
/// case), `*` a digit or letter, and any other character stands for itself (letters case-insensitively). The
/// patterns are compiled once into byte tables; a check is a loop over the value's UTF-8 bytes and allocates
/// nothing.
///
/// ```swift
/// Postcodes.isValid("sw1a 1aa", country: "GB")           // true
/// Postcodes.isValid("1234", country: "DE")               // false
/// Postcodes.isValid("anything", country: "AE")           // nil: no pattern known
/// Postcodes.restoredLeadingZeros("6084", country: "US")  // "06084"
/// ```
public enum Postcodes {
    /// Checks a postcode against the formats of its country.
    ///
    /// Leading and trailing spaces and tabs are ignored, and letters match in either case. Only the format is
    /// checked, not whether the code is assigned.
    ///
    /// - Parameters:
    ///   - postcode: The postcode as written, e.g. `"SW1A 1AA"` or `" 10115"`.
    ///   - alpha2: The country's alpha-2 code; ASCII case is ignored.
    /// - Returns: `nil` when no pattern is known for the country (then any value passes); otherwise whether
    ///   the postcode matches one of the country's patterns.
    public static func isValid(_ postcode: String, country alpha2: String) -> Bool? {
        ValueChecks.withUTF8Bytes(postcode) { bytes in
            ValueChecks.withUTF8Bytes(alpha2) { isValid(utf8: bytes, country: $0) }
        }
    }

    /// ``isValid(_:country:)`` over UTF-8 bytes.
    public static func isValid(utf8 postcode: UnsafeBufferPointer<UInt8>, country alpha2: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard alpha2.count == 2, let index = Countries.letterPairIndex(alpha2[0], alpha2[1], uppercaseOnly: false) else { return nil }
        // From the flat table: a `Rule` is arrays of arrays, and copying one out cost a retain and a release per
        // array on every order line of the orders lane.
        let table = Flat.table
        let start = Int(table.starts[index])
        guard start >= 0 else { return nil }
        let value = ValueChecks.trimmingSpaces(postcode)
        // The common case first: all digits, and the country has a pattern of that many `9`s (the pattern loop cost
        // ~200 instructions a postcode of the 100,000-order bench run). Anything else goes through the patterns.
        if value.count < 32, table.digitLengths[index] & (1 << UInt32(value.count)) != 0,
            value.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 })
        {
            return true
        }
        var pattern = table.bytes + start
        let count = Int(pattern.pointee)
        pattern += 1
        for _ in 0..<count {
            let length = Int(pattern.pointee)
            pattern += 1
            if length == value.count && Rule.matches(value, UnsafeBufferPointer(start: pattern, count: length)) { return true }
            pattern += length
        }
        return false
    }

    /// Every country's patterns in one block of bytes, built once and kept for the life of the process: per
    /// country, the pattern count, then each pattern as its length and its bytes; `starts` maps a letter pair
    /// (`Countries.letterPairIndex`) to its country's offset, or -1.
    struct Flat: @unchecked Sendable {
        // @unchecked: both blocks are written once, before `table` is published, and only read after.
        let bytes: UnsafeMutablePointer<UInt8>
        let starts: UnsafeMutablePointer<Int32>
        /// Per letter pair, bit n set when the country has a pattern of n `9`s (n < 32).
        let digitLengths: UnsafeMutablePointer<UInt32>

        static let table: Flat = {
            var blob: [UInt8] = []
            var starts = [Int32](repeating: -1, count: 676)
            var digitLengths = [UInt32](repeating: 0, count: 676)
            for (pair, slot) in Table.slots.enumerated() where slot >= 0 {
                let patterns = Table.rules[slot].patterns
                starts[pair] = Int32(blob.count)
                blob.append(UInt8(patterns.count))
                for pattern in patterns {
                    blob.append(UInt8(pattern.count))
                    blob.append(contentsOf: pattern)
                    if pattern.count < 32, pattern.allSatisfy({ $0 == UInt8(ascii: "9") }) { digitLengths[pair] |= 1 << UInt32(pattern.count) }
                }
            }
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(blob.count, 1))
            bytes.initialize(from: blob, count: blob.count)
            let table = UnsafeMutablePointer<Int32>.allocate(capacity: starts.count)
            table.initialize(from: starts, count: starts.count)
            let lengths = UnsafeMutablePointer<UInt32>.allocate(capacity: digitLengths.count)
            lengths.initialize(from: digitLengths, count: digitLengths.count)
            return Flat(bytes: bytes, starts: table, digitLengths: lengths)
        }()
    }

    /// Restores the leading zeros that a spreadsheet dropped from an all-digit postcode.
    ///
    /// Spreadsheets read a postcode such as `06084` as the number 6084. When `postcode` is all ASCII digits,
    /// does not start with `0` (a number never does), is not valid as it stands, and is shorter than one of the
    /// country's all-digit formats (US 5 or 9 (ZIP+4 without its dash), DE, FR, IT, ES, SE, FI, MX 5; DK, NO,
    /// AU, AT, BE, CH, NZ 4; BR 8; JP 7; SG 6; …), the digits are padded with zeros to the shortest such
    /// format that is longer.
    ///
    /// - Parameters:
    ///   - postcode: The postcode as read, e.g. `"6084"`; leading and trailing spaces are ignored.
    ///   - alpha2: The country's alpha-2 code; ASCII case is ignored.
    /// - Returns: The restored postcode (`"6084"` in `US` → `"06084"`), or `nil` when the value is not a
    ///   shortened all-digit postcode of the country (or no pattern is known for it).
    public static func restoredLeadingZeros(_ postcode: String, country alpha2: String) -> String? {
        guard let rule = rule(for: alpha2), !rule.digitLengths.isEmpty else { return nil }
        return ValueChecks.withUTF8Bytes(postcode) { raw -> String? in
            let digits = ValueChecks.trimmingSpaces(raw)
            guard let first = digits.first, first != UInt8(ascii: "0"),
                digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), !rule.matches(digits),
                let length = rule.digitLengths.first(where: { $0 > digits.count })
            else { return nil }
            let zeros = length - digits.count
            // Postcodes are at most 15 bytes here, so the result is a small string: no allocation.
            return String(unsafeUninitializedCapacity: length) { buffer in
                for offset in 0..<zeros { buffer[offset] = UInt8(ascii: "0") }
                for (offset, byte) in digits.enumerated() { buffer[zeros + offset] = byte }
                return length
            }
        }
    }

    /// The alpha-2 codes that have postcode patterns, in alphabetical order.
    public static var countriesWithPatterns: [String] { Table.countries }

    /// The patterns of a country in the notation described on ``Postcodes``, e.g. `["9999 AA", "9999AA"]` for
    /// `NL`.
    ///
    /// - Parameter alpha2: The country's alpha-2 code; ASCII case is ignored.
    /// - Returns: The patterns, or an empty array when none is known.
    public static func patterns(forCountry alpha2: String) -> [String] {
        guard let rule = rule(for: alpha2) else { return [] }
        return rule.patterns.map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Internals

    /// The compiled patterns of one country.
    struct Rule: Sendable {
        /// Pattern bytes; literal letters are stored uppercase.
        let patterns: [[UInt8]]
        /// Lengths of the all-digit patterns (only `9`s), ascending: the targets of `restoredLeadingZeros`.
        let digitLengths: [Int]

        init(_ source: [String]) {
            precondition(!source.isEmpty, "a country needs at least one postcode pattern")
            patterns = source.map { pattern in
                pattern.utf8.map { byte in
                    precondition(byte < 0x80, "postcode patterns are ASCII")
                    return byte &- UInt8(ascii: "a") < 26 ? byte & 0xDF : byte
                }
            }
            digitLengths = patterns.filter { $0.allSatisfy { $0 == UInt8(ascii: "9") } }.map(\.count).sorted()
        }

        func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
            patterns.contains { Rule.matches(value, $0) }
        }

        static func matches(_ value: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
            pattern.withUnsafeBufferPointer { matches(value, $0) }
        }

        @inline(__always)
        static func matches(_ value: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
            guard value.count == pattern.count else { return false }
            for (byte, want) in zip(value, pattern) {
                let isDigit = byte &- UInt8(ascii: "0") < 10
                let upper = byte &- UInt8(ascii: "a") < 26 ? byte & 0xDF : byte
                let isLetter = upper &- UInt8(ascii: "A") < 26
                switch want {
                case UInt8(ascii: "9"): if !isDigit { return false }
                case UInt8(ascii: "A"): if !isLetter { return false }
                case UInt8(ascii: "*"): if !isDigit && !isLetter { return false }
                default: if upper != want { return false }
                }
            }
            return true
        }
    }

    static func rule(for alpha2: String) -> Rule? {
        ValueChecks.withUTF8Bytes(alpha2) { rule(utf8: $0) }
    }

    static func rule(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Rule? {
        guard bytes.count == 2, let index = Countries.letterPairIndex(bytes[0], bytes[1], uppercaseOnly: false) else { return nil }
        let slot = Table.slots[index]
        return slot < 0 ? nil : Table.rules[slot]
    }

    /// The compiled tables, built once on first use.
    enum Table {
        static let rules: [Rule] = source.map { Rule($0.patterns) }

        static let countries: [String] = source.map(\.country).sorted()

        /// Letter-pair index of a country code (see `Countries.letterPairIndex`) → index into `rules`, or -1.
        static let slots: [Int] = {
            var slots = [Int](repeating: -1, count: 676)
            for (offset, entry) in source.enumerated() {
                let bytes = Array(entry.country.utf8)
                let index = Countries.letterPairIndex(bytes[0], bytes[1], uppercaseOnly: true)!
                precondition(slots[index] < 0, "duplicate postcode entry for \(entry.country)")
                slots[index] = offset
            }
            return slots
        }()

        static let britishPatterns: [String] = {
            // Outward code A9, A99, AA9, AA99, A9A or AA9A, then the inward code 9AA, with or without the space.
            let outward = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"]
            return outward.map { $0 + " 9AA" } + outward.map { $0 + "9AA" } + ["GIR 0AA", "GIR0AA"]
        }()

        /// Pattern source, one entry per country.
        static let source: [(country: String, patterns: [String])] = [
            ("AT", ["9999"]),
            ("AU", ["9999"]),
            ("BE", ["9999"]),
            ("BR", ["99999-999", "99999999"]),
            ("CA", ["A9A 9A9", "A9A9A9"]),
            ("CH", ["9999"]),
            ("CN", ["999999"]),
            ("CZ", ["999 99", "99999"]),
            ("DE", ["99999"]),
            ("DK", ["9999"]),
            ("ES", ["99999"]),
            ("FI", ["99999"]),
            ("FR", ["99999"]),
            ("GB", britishPatterns),
            ("GG", britishPatterns),
            ("GR", ["999 99", "99999"]),
            ("HU", ["9999"]),
            // Eircode: routing key (a letter and two digits, or D6W), then four letters or digits.
            ("IE", ["A99 ****", "A99****", "D6W ****", "D6W****"]),
            ("IM", britishPatterns),
            ("IN", ["999999", "999 999"]),
            ("IT", ["99999"]),
            ("JE", britishPatterns),
            ("JP", ["999-9999", "9999999"]),
            ("KR", ["99999"]),
            ("LI", ["9999"]),
            ("LU", ["9999", "L-9999"]),
            ("MX", ["99999"]),
            ("NL", ["9999 AA", "9999AA"]),
            ("NO", ["9999"]),
            ("NZ", ["9999"]),
            ("PL", ["99-999"]),
            ("PT", ["9999-999"]),
            ("SE", ["999 99", "99999"]),
            ("SG", ["999999"]),
            ("SK", ["999 99", "99999"]),
            // ZIP, ZIP+4, and ZIP+4 that lost its dash (common in exports).
            ("US", ["99999", "99999-9999", "999999999"]),
            ("ZA", ["9999"]),
        ]
    }
}
