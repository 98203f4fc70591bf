#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pure checks of single order values: e-mail addresses, quantities, design file URLs, spreadsheet damage,
/// product option spellings and the order API's field lengths.
///
/// Every check is a loop over the value's UTF-8 bytes (no regular expressions, no Foundation) and allocates
/// nothing on the common path, because it runs for every line of every order.
public enum ValueChecks {
    /// Tells whether a string looks like a deliverable e-mail address.
    ///
    /// A plausibility check, not RFC 5322: exactly one `@`; a non-empty local part; a domain of at least two
    /// non-empty dot-separated labels made of letters, digits, `-`, `_` or non-ASCII characters; a top-level
    /// domain of at least two letters (or an `xn--` IDN label); and nowhere a space, control character, comma,
    /// semicolon or angle bracket. Callers trim the value first: a leading or trailing space fails.
    ///
    /// - Parameter s: The address, e.g. `"a.b@example.co.uk"`.
    /// - Returns: `true` when the address is plausible.
    public static func isPlausibleEmail(_ s: String) -> Bool {
        withUTF8Bytes(s) { isPlausibleEmail(utf8: $0) }
    }

    /// ``isPlausibleEmail(_:)`` over UTF-8 bytes (the orders hot path reads fields as bytes).
    public static func isPlausibleEmail(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // One pass, one table look-up per byte (a switch of ranges per byte and a second pass over the domain cost
        // 5% of the orders reading thread). Every byte that may appear nowhere is also no domain byte, so the
        // domain loop rejects those, and a second `@`, on its own. Eight bytes a step where eight are left (the
        // byte loops cost ~430 instructions per address of the 100,000-order bench run): exact per byte, so the
        // first byte a step flags is the one the byte loop would stop at.
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var offset = 0
        var at = -1
        while offset + 8 <= count {
            let stops = SWAR.localStops(SWAR.load(base + offset))
            if stops != 0 {
                let stop = offset + stops.trailingZeroBitCount >> 3
                guard base[stop] == UInt8(ascii: "@") else { return false }
                at = stop
                break
            }
            offset += 8
        }
        if at < 0 {
            while offset < count {
                let byte = base[offset]
                if byte == UInt8(ascii: "@") { break }
                if emailByteClass(byte) & Self.emailForbidden != 0 { return false }
                offset += 1
            }
            guard offset < count else { return false }  // no '@'
            at = offset
        }
        guard at > 0 else { return false }  // an empty local part
        let domain = at + 1
        if count - domain >= 8 {
            // Every byte a domain byte or a dot, and no two dots in a row: words 7 bytes apart (each pair of
            // neighbours lies in one of them), the last one ending at the end.
            var word = domain
            while true {
                guard SWAR.isDomainRun(SWAR.load(base + word)) else { return false }
                if word + 8 >= count { break }
                word = min(word + 7, count - 8)
            }
            // No empty first or last label, and at least two labels: the last starts after the last dot.
            guard base[domain] != UInt8(ascii: "."), base[count - 1] != UInt8(ascii: ".") else { return false }
            var dot = count - 2
            while dot > domain, base[dot] != UInt8(ascii: ".") { dot -= 1 }
            guard dot > domain else { return false }
            return isTopLevelDomain(UnsafeBufferPointer(start: base + dot + 1, count: count - dot - 1))
        }
        var labelStart = domain
        var labels = 0
        offset = domain
        while offset < count {
            let byte = base[offset]
            if byte == UInt8(ascii: ".") {
                if offset == labelStart { return false }  // empty label: leading or double dot
                labels += 1
                labelStart = offset + 1
            } else if emailByteClass(byte) & Self.emailDomain == 0 {
                return false
            }
            offset += 1
        }
        guard labelStart < count else { return false }  // no domain, or a trailing dot
        return labels >= 1 && isTopLevelDomain(UnsafeBufferPointer(start: base + labelStart, count: count - labelStart))
    }

    /// Byte tests on eight bytes at once (a `UInt64`, byte i in bits 8i..8i+7), exact per byte: each sets bit 7 of
    /// the bytes it finds and nothing else (no carry crosses a byte).
    private enum SWAR {
        static let ones: UInt64 = 0x0101_0101_0101_0101
        static let high: UInt64 = 0x8080_8080_8080_8080
        static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

        @inline(__always)
        static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        }

        /// The bytes equal to `byte`.
        @inline(__always)
        static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let t = word ^ (ones &* UInt64(byte))
            return ~(((t & low7) &+ low7) | t | low7)
        }

        /// The ASCII bytes from `low` through `high` (both below 0x80).
        @inline(__always)
        static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
            let value = word & low7
            return (value &+ ones &* UInt64(0x80 - low)) & ~(value &+ ones &* UInt64(0x80 - high - 1)) & ~word & Self.high
        }

        /// The bytes that end a local part: `@` and the bytes an address may hold nowhere (`emailForbidden`:
        /// control characters, space, DEL, `,` `;` `<` `>`).
        @inline(__always)
        static func localStops(_ word: UInt64) -> UInt64 {
            let belowBang = ~((word & low7) &+ ones &* 0x5F) & ~word & high
            // `<` and `>` are the bytes whose value with bit 1 set is `>`.
            return belowBang | equal(word, UInt8(ascii: "@")) | equal(word, UInt8(ascii: ",")) | equal(word, UInt8(ascii: ";"))
                | equal(word | ones &* 2, UInt8(ascii: ">")) | equal(word, 0x7F)
        }

        /// Whether every byte is a domain byte (`emailDomain`: letters, digits, `-`, `_`, non-ASCII) or a dot, with
        /// no two dots in a row.
        @inline(__always)
        static func isDomainRun(_ word: UInt64) -> Bool {
            let dots = equal(word, UInt8(ascii: "."))
            let allowed = (word & high) | inRange(word, 0x30, 0x39) | inRange(word | ones &* 0x20, 0x61, 0x7A)
                | equal(word, UInt8(ascii: "-")) | equal(word, UInt8(ascii: "_")) | dots
            return allowed == high && dots & (dots >> 8) == 0
        }
    }

    /// `emailByteClass` bits: a byte an address may not hold anywhere (control characters, space, DEL, `,` `;`
    /// `<` `>`), and a byte a domain label may hold (letters, digits, `-`, `_`, non-ASCII).
    private static let emailForbidden: UInt8 = 1
    private static let emailDomain: UInt8 = 2

    /// The class of a byte from four 64-bit maps of the ASCII bytes (bit n of a map: byte n, or n + 64), checked
    /// against the definitions above by `ValueChecksTests`.
    @inline(__always)
    private static func emailByteClass(_ byte: UInt8) -> UInt8 {
        if byte >= 0x80 { return emailDomain }
        let forbidden: UInt64 = byte < 64 ? 0x5800_1001_FFFF_FFFF : 0x8000_0000_0000_0000
        let domain: UInt64 = byte < 64 ? 0x03FF_2000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        let bit = UInt64(byte & 63)
        return UInt8(truncatingIfNeeded: (forbidden >> bit) & 1) | UInt8(truncatingIfNeeded: (domain >> bit) & 1) << 1
    }

    /// Tells whether a value is a number that a spreadsheet turned into scientific notation, such as a long
    /// SKU or order ID shown as `1.23E+11`.
    ///
    /// Matches exactly `^\d+([.,]\d+)?[eE]\+\d+$` (ASCII digits; a comma for locales that use it as the
    /// decimal separator), without trimming.
    ///
    /// - Parameter s: The cell value, e.g. `"3.65275E+11"`.
    /// - Returns: `true` when the value has that shape.
    public static func looksExcelMangled(_ s: String) -> Bool {
        withUTF8Bytes(s) { looksExcelMangled(utf8: $0) }
    }

    /// ``looksExcelMangled(_:)`` over UTF-8 bytes.
    public static func looksExcelMangled(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index > start
        }
        guard digits() else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            guard digits() else { return false }
        }
        guard index + 1 < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e"),
            bytes[index + 1] == UInt8(ascii: "+")
        else { return false }
        index += 2
        return digits() && index == bytes.count
    }

    /// Parses an order line quantity.
    ///
    /// Leading and trailing spaces and tabs are ignored; what remains must be ASCII digits only (leading zeros
    /// allowed, no sign, no decimal point, no exponent) with a value from 1 to 1,000,000.
    ///
    /// - Parameter s: The cell value, e.g. `"2"` or `" 007 "`.
    /// - Returns: The quantity, or `nil` for `"0"`, `"-1"`, `"+1"`, `"1.5"`, `"1e3"`, `"two"`, `""` and
    ///   anything above 1,000,000.
    public static func parseQuantity(_ s: String) -> Int? {
        withUTF8Bytes(s) { parseQuantity(utf8: $0) }
    }

    /// ``parseQuantity(_:)`` over UTF-8 bytes.
    public static func parseQuantity(utf8 raw: UnsafeBufferPointer<UInt8>) -> Int? {
        // One byte (most quantities, on every line the orders lane reads): nothing to trim, no loop (the trimming
        // call and the loop were ~25 instructions a line, ~5 M at 100,000 orders).
        if raw.count == 1 {
            let digit = raw[0] &- UInt8(ascii: "0")
            return digit >= 1 && digit < 10 ? Int(digit) : nil
        }
        let bytes = trimmingSpaces(raw)
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            if value > maximumQuantity { return nil }  // also keeps the arithmetic from overflowing
        }
        return value >= 1 ? value : nil
    }

    /// The largest quantity ``parseQuantity(_:)`` accepts.
    public static let maximumQuantity = 1_000_000

    /// Why a design file URL cannot be used.
    public enum DesignURLProblem: Sendable, Equatable {
        /// The URL is malformed: not absolute `http`/`https`, no host, or it contains spaces or control
        /// characters. `reason` is a short English phrase for the issue message.
        case invalid(reason: String)
        /// The file's extension is not among ``ValueChecks/supportedDesignExtensions``; `ext` is lowercased and
        /// empty when the file name has no extension.
        case unsupportedFormat(ext: String)
    }

    /// The design file extensions the print service accepts, lowercase and without the dot.
    public static let supportedDesignExtensions: [String] = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "svg"]

    /// Checks a design file URL.
    ///
    /// The URL must be absolute `http` or `https` (scheme in any case) with a non-empty host (user info and
    /// a numeric port allowed), and contain no spaces or control characters. The extension of the last path
    /// segment, ignoring query and fragment and compared case-insensitively, must be one of
    /// ``supportedDesignExtensions``.
    ///
    /// ```swift
    /// ValueChecks.designURLProblem("https://x.example.com/a.pdf?dl=1")  // nil
    /// ValueChecks.designURLProblem("https://x.example.com/a.PSD")       // .unsupportedFormat(ext: "psd")
    /// ValueChecks.designURLProblem("https://x.example.com/design")      // .unsupportedFormat(ext: "")
    /// ```
    ///
    /// - Parameter url: The URL as written in the order.
    /// - Returns: `nil` when the URL is fine, otherwise the problem.
    public static func designURLProblem(_ url: String) -> DesignURLProblem? {
        withUTF8Bytes(url) { designURLProblem(utf8: $0) }
    }

    /// ``designURLProblem(_:)`` over UTF-8 bytes.
    ///
    /// One pass finds what the checks need (the first space or control character, the ends of authority and
    /// path, the last `/` and `.` of the path), and the extension is compared packed into an integer: three scans
    /// and a comparison through `String.utf8` per supported extension cost 1,460 instructions a URL, 14M of the
    /// 81M of the thread that checks the 8,215 variants of the 100,000-order bench's connect stage.
    public static func designURLProblem(utf8 bytes: UnsafeBufferPointer<UInt8>) -> DesignURLProblem? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .invalid(reason: "empty URL") }
        let count = bytes.count
        let schemeLength = hasPrefix(bytes, "http://") ? 7 : hasPrefix(bytes, "https://") ? 8 : 0
        // From the end of the scheme: the authority ends at the first '/', '?' or '#', the path at the first '?'
        // or '#' (-1: not yet seen).
        var authorityEnd = -1
        var pathEnd = -1
        var lastSlash = -1
        var lastDot = -1
        /// Looks at the byte at `position`; returns the problem when it makes the URL invalid.
        @inline(__always)
        func visit(_ position: Int) -> DesignURLProblem? {
            let byte = base[position]
            // Letters, digits and most punctuation matter to no check.
            if byte > UInt8(ascii: "/"), byte != UInt8(ascii: "?"), byte != 0x7F { return nil }
            if byte <= UInt8(ascii: " ") || byte == 0x7F {
                return .invalid(reason: byte == UInt8(ascii: " ") ? "contains a space" : "contains a control character")
            }
            guard pathEnd < 0, position >= schemeLength else { return nil }
            switch byte {
            case UInt8(ascii: "/"):
                if authorityEnd < 0 { authorityEnd = position }
                lastSlash = position
            case UInt8(ascii: "?"), UInt8(ascii: "#"):
                if authorityEnd < 0 { authorityEnd = position }
                pathEnd = position
            case UInt8(ascii: "."):
                lastDot = position
            default:
                break
            }
            return nil
        }
        // Eight bytes at a time: only the bytes `mayMatter` flags are visited, in order (a byte at a time cost
        // ~10 instructions a byte, 62-byte URLs of which a fifth matter).
        var offset = 0
        while offset + 8 <= count {
            var flags = mayMatter(UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)))
            while flags != 0 {
                if let problem = visit(offset + flags.trailingZeroBitCount >> 3) { return problem }
                flags &= flags &- 1
            }
            offset += 8
        }
        while offset < count {
            if let problem = visit(offset) { return problem }
            offset += 1
        }
        guard schemeLength > 0 else { return .invalid(reason: "not an absolute http or https URL") }
        if authorityEnd < 0 { authorityEnd = count }
        if pathEnd < 0 { pathEnd = count }
        guard hasHost(UnsafeBufferPointer(start: base + schemeLength, count: authorityEnd - schemeLength)) else {
            return .invalid(reason: "no host")
        }
        // The file name is the path's last segment (slashes are only counted from the end of the authority on).
        let nameStart = lastSlash >= 0 ? lastSlash + 1 : authorityEnd
        guard lastDot >= nameStart else { return .unsupportedFormat(ext: "") }
        let ext = UnsafeBufferPointer(start: base + lastDot + 1, count: pathEnd - lastDot - 1)
        if let packed = packedExtension(ext), supportedDesignExtensionsPacked.contains(packed) { return nil }
        return .unsupportedFormat(ext: asciiLowercased(ext))
    }

    /// The high bit of each byte of `word` (eight bytes, the first lowest) that may be one `designURLProblem`
    /// looks at: below `0`, `?` or DEL. Never misses one; may flag a byte after a flagged one (a borrow), which
    /// the caller then looks at and skips.
    @inline(__always)
    private static func mayMatter(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below0 = (word &- ones &* 0x30) & ~word & highs
        let question = word ^ (ones &* 0x3F)
        let delete = word ^ (ones &* 0x7F)
        return below0 | ((question &- ones) & ~question & highs) | ((delete &- ones) & ~delete & highs)
    }

    /// ``supportedDesignExtensions`` as ``packedExtension(_:)`` packs them.
    private static let supportedDesignExtensionsPacked: [UInt64] = supportedDesignExtensions.compactMap { ext in
        var ext = ext
        return ext.withUTF8 { packedExtension($0) }
    }

    /// An extension of up to seven bytes, ASCII letters lowercased, as one integer (its length in the top byte, so
    /// `pdf` and `pdf\0` differ); `nil` for a longer one, which is no supported extension.
    private static func packedExtension(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count < 8 else { return nil }
        var packed = UInt64(bytes.count) << 56
        for (offset, byte) in bytes.enumerated() { packed |= UInt64(lowercasedASCII(byte)) << (8 * offset) }
        return packed
    }

    /// Normalises a product option name or value so that spellings of the same thing compare equal.
    ///
    /// Lowercases, removes all whitespace (including no-break spaces), turns the multiplication sign `×`
    /// (U+00D7) into `x` and the British "colour" into "color": `"Colour"` and `"Color"` give `"color"`,
    /// `"21 × 30 cm"` and `"21x30cm"` give `"21x30cm"`.
    ///
    /// - Parameter s: An option name or value from an order line or the catalog.
    /// - Returns: The comparison form. ASCII input of up to 15 normalised bytes needs no allocation.
    public static func normalizedSpec(_ s: String) -> String {
        let ascii = withUTF8Bytes(s) { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: " "), 0x09...0x0D:
                        continue
                    case UInt8(ascii: "r") where count >= 5 && endsWithColou(out, count),
                        UInt8(ascii: "R") where count >= 5 && endsWithColou(out, count):
                        out[count - 1] = UInt8(ascii: "r")  // "colou" + "r" → "color"
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        out[count] = byte | 0x20
                        count += 1
                    default:
                        out[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
        if let ascii { return ascii }
        var result = ""
        result.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                switch scalar.value {
                case 0x20, 0x09...0x0D:
                    continue
                case 0x41...0x5A:  // A-Z
                    result.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value) | 0x20))
                default:
                    result.unicodeScalars.append(scalar)
                }
                if scalar == "r" || scalar == "R", result.utf8.count >= 6,
                    result.utf8.suffix(6).elementsEqual("colour".utf8)
                {
                    result.removeLast(2)  // "colour" → "colo", then the "r" again
                    result.unicodeScalars.append("r")
                }
            } else if scalar == "\u{D7}" {
                result.unicodeScalars.append("x")
            } else if scalar.properties.isWhitespace {
                continue
            } else if scalar.properties.changesWhenLowercased {
                result += scalar.properties.lowercaseMapping
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The address and contact fields of the order API that have a length limit.
    public enum AddressField: String, Sendable, CaseIterable {
        /// The recipient's first name (25 characters).
        case firstName
        /// The recipient's last name (25 characters).
        case lastName
        /// The company name (60 characters).
        case companyName
        /// The first address line (35 characters).
        case addressLine1
        /// The second address line (35 characters).
        case addressLine2
        /// The city (30 characters).
        case city
        /// The postcode (15 characters).
        case postCode
        /// The phone number (25 characters).
        case phone

        /// The longest value the order API accepts for the field, in characters (grapheme clusters, as Swift
        /// counts them), not bytes.
        public var maxLength: Int {
            switch self {
            case .firstName, .lastName, .phone: 25
            case .companyName: 60
            case .addressLine1, .addressLine2: 35
            case .city: 30
            case .postCode: 15
            }
        }

        /// Tells whether a value is longer than ``maxLength`` characters.
        ///
        /// Counts at most `maxLength + 1` characters, and none at all when the UTF-8 length already fits.
        ///
        /// - Parameter value: The field's value, e.g. `"Zürich"`.
        /// - Returns: `true` when the order API would reject the value as too long.
        public func isTooLong(_ value: String) -> Bool {
            let limit = maxLength
            if value.utf8.count <= limit { return false }  // a character is at least one byte
            // A character is at least one scalar, and a scalar starts with a non-continuation byte; a CR is
            // excluded because CR LF is a single character.
            let (scalars, hasCR) = ValueChecks.withUTF8Bytes(value) { bytes in
                var scalars = 0
                var hasCR = false
                for byte in bytes {
                    if byte & 0xC0 != 0x80 { scalars += 1 }
                    if byte == 0x0D { hasCR = true }
                }
                return (scalars, hasCR)
            }
            if scalars <= limit { return false }
            if !hasCR && scalars == value.utf8.count { return true }  // ASCII without CR: one byte per character
            var count = 0
            for _ in value {
                count += 1
                if count > limit { return true }
            }
            return false
        }
    }

    // MARK: - Internals shared by the tables

    /// Runs `body` over the UTF-8 bytes of `s` without copying them (native and small strings are contiguous).
    static func withUTF8Bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try s.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = s
        return try copy.withUTF8(body)
    }

    /// `bytes` without leading and trailing ASCII spaces and tabs.
    static func trimmingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Values come trimmed (the orders lane trims every field it reads): a first and a last byte above the space
        // say so in two compares, where the loops took ~20 instructions (100,000 orders: 2.9 M fewer on the reading
        // thread, 1.7 M on the output thread).
        if let first = bytes.first, let last = bytes.last, first > 0x20 && last > 0x20 { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func isTopLevelDomain(_ label: UnsafeBufferPointer<UInt8>) -> Bool {
        if label.count >= 5, hasPrefix(label, "xn--") { return true }
        return label.count >= 2 && label.allSatisfy { $0 >= 0x80 || ($0 | 0x20) &- UInt8(ascii: "a") < 26 }
    }

    /// ASCII case-insensitive prefix test; `prefix` is lowercase ASCII.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where lowercasedASCII(bytes[offset]) != start[offset] { return false }
        return true
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    private static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            for (offset, byte) in bytes.enumerated() { out[offset] = lowercasedASCII(byte) }
            return bytes.count
        }
    }

    /// Tells whether an authority (`user:pass@host:port`) names a host, with a numeric port if any.
    private static func hasHost(_ authority: UnsafeBufferPointer<UInt8>) -> Bool {
        var hostStart = 0
        // `memchr` first: most authorities have no user info (`lastIndex(of:)` cost ~5 instructions a byte).
        if let base = authority.baseAddress, memchr(base, Int32(UInt8(ascii: "@")), authority.count) != nil,
            let at = authority.lastIndex(of: UInt8(ascii: "@"))
        {
            hostStart = at + 1
        }
        var hostEnd = authority.count
        if hostStart < authority.count, authority[hostStart] == UInt8(ascii: "[") {
            // IPv6 literal: "[::1]" optionally followed by ":port".
            guard let close = authority[hostStart...].firstIndex(of: UInt8(ascii: "]")) else { return false }
            hostEnd = close + 1
            guard hostEnd - hostStart > 2 else { return false }
            if hostEnd == authority.count { return true }
            guard authority[hostEnd] == UInt8(ascii: ":") else { return false }
        } else if let base = authority.baseAddress,
            let colon = memchr(base + hostStart, Int32(UInt8(ascii: ":")), authority.count - hostStart)
        {
            hostEnd = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(colon))
        }
        guard hostEnd > hostStart else { return false }
        if hostEnd < authority.count {
            let port = authority[(hostEnd + 1)...]
            return port.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        }
        return true
    }

    /// Tells whether the first `count` bytes of `out` end in "colou".
    private static func endsWithColou(_ out: UnsafeMutableBufferPointer<UInt8>, _ count: Int) -> Bool {
        out[count - 5] == UInt8(ascii: "c") && out[count - 4] == UInt8(ascii: "o")
            && out[count - 3] == UInt8(ascii: "l")
            && out[count - 2] == UInt8(ascii: "o") && out[count - 1] == UInt8(ascii: "u")
    }
}
