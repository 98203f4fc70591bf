/// The JSON the state stores in text columns (design files, catalog attributes, export headers and cells),
/// written and read by hand: the state's rows are JSON arrays of strings or of flat objects with two string
/// fields, and a `JSONEncoder`/`JSONDecoder` per row cost a third of a 10,000-connection import.
///
/// The writer emits what `JSONEncoder` with `.sortedKeys` emits (keys in sorted order), except that `/` is not
/// escaped; the reader takes any standard JSON of those shapes (whitespace, any escapes, keys in any order),
/// so state files written by earlier versions read unchanged. A text the reader does not take returns `nil`,
/// and callers fall back to Foundation's decoder.
struct StateJSON {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(256) }

    // MARK: - Writing

    /// `["a","b"]`.
    mutating func encode(strings: [String]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendString(string)
        }
        buffer.append(UInt8(ascii: "]"))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// `[{"k1":"v1","k2":"v2"},...]` with `k1 < k2` (sorted keys, as the earlier encoder wrote them).
    mutating func encode<Element>(objects: [Element], keys: (String, String), values: (Element) -> (String, String)) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(UInt8(ascii: "["))
        for (index, element) in objects.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            let (first, second) = values(element)
            buffer.append(UInt8(ascii: "{"))
            appendString(keys.0)
            buffer.append(UInt8(ascii: ":"))
            appendString(first)
            buffer.append(UInt8(ascii: ","))
            appendString(keys.1)
            buffer.append(UInt8(ascii: ":"))
            appendString(second)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "]"))
        return String(decoding: buffer, as: UTF8.self)
    }

    private mutating func appendString(_ string: String) {
        buffer.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    // MARK: - Reading

    /// The strings of `["a","b"]`, or `nil` when the text is not such an array.
    static func decodeStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { utf8 in
            var scanner = Scanner(bytes: UnsafeRawBufferPointer(utf8))
            var strings: [String] = []
            guard scanner.array({ scanner in
                guard let string = scanner.string() else { return false }
                strings.append(string)
                return true
            }), scanner.atEnd else { return nil }
            return strings
        }
    }

    /// The value pairs of `[{"k1":"v1","k2":"v2"},...]` (keys in any order, both required, no others), or `nil`
    /// when the text is not such an array.
    static func decodeObjects(_ text: String, keys: (String, String)) -> [(String, String)]? {
        var text = text
        return text.withUTF8 { utf8 in
            var scanner = Scanner(bytes: UnsafeRawBufferPointer(utf8))
            var pairs: [(String, String)] = []
            guard scanner.array({ scanner in
                var first: String?
                var second: String?
                guard scanner.object({ scanner, key in
                    guard let value = scanner.string() else { return false }
                    if key == keys.0, first == nil {
                        first = value
                    } else if key == keys.1, second == nil {
                        second = value
                    } else {
                        return false
                    }
                    return true
                }), let first, let second else { return false }
                pairs.append((first, second))
                return true
            }), scanner.atEnd else { return nil }
            return pairs
        }
    }

    /// A cursor over JSON bytes for the shapes above.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return offset == bytes.count
            }
        }

        mutating func skipSpace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0A, 0x0D: offset += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        /// `[ element, ... ]`; `element` reads one value and says whether it could.
        mutating func array(_ element: (inout Scanner) -> Bool) -> Bool {
            guard take(UInt8(ascii: "[")) else { return false }
            if take(UInt8(ascii: "]")) { return true }
            repeat {
                guard element(&self) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]"))
        }

        /// `{ "key": value, ... }`; `member` reads one value after its key and says whether it could.
        mutating func object(_ member: (inout Scanner, String) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")), member(&self, key) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// A string value with its escapes resolved.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = offset
            // Fast path: no escape, the bytes are the string.
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let string = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                    offset += 1
                    return string
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                offset += 1
            }
            var decoded = Array(bytes[start..<offset])
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard offset < bytes.count else { return nil }
                    let escape = bytes[offset]
                    offset += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A high surrogate must be followed by `\u` and a low one.
                            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else { return nil }
                            offset += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        decoded.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        return nil
                    }
                case 0x00..<0x20:
                    return nil
                default:
                    decoded.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard bytes.count - offset >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                offset += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}
