import Yams

/// The tags YAML 1.1 gives plain scalars, decided as Yams's default resolver decides them (`Resolver.Rule.bool`,
/// `.int`, `.float`, `.merge`, `.null`, `.timestamp`, `.value`, tried in that order), by hand instead of with its
/// regular expressions.
///
/// The pipeline file is composed with `Resolver.basic`: making `Resolver.default` compiles seven
/// `NSRegularExpression`s, and the first one starts ICU's regular expression engine (8.8M instructions), on the
/// main thread before a run starts; loading the bench pipeline went from 12.9M instructions to 3.2M (callgrind).
/// Nothing else in a run uses regular expressions. One difference remains: Yams's check for duplicate keys sees
/// every plain key as text, so `1:` and `"1":` in one mapping are now the same key.
enum PlainScalarTag {
    /// The tag of `node`: as written when it has one, as the default resolver gives it when it is a plain scalar.
    static func name(of node: Node) -> String {
        guard case .scalar(let scalar) = node else { return node.tag.rawValue }
        // A scalar's own tag, unresolved: empty for a plain scalar without one ("implicit"), `!` for a quoted one.
        switch scalar.tag.rawValue {
        case Tag.Name.implicit.rawValue: return resolve(scalar.string).rawValue
        case Tag.Name.nonSpecific.rawValue: return Tag.Name.str.rawValue
        default: return node.tag.rawValue
        }
    }

    /// The tag the default resolver gives a plain scalar of text `string`.
    static func resolve(_ string: String) -> Tag.Name {
        let bytes = Array(string.utf8)
        if isBool(bytes) { return .bool }
        if isInt(bytes) { return .int }
        if isFloat(bytes) { return .float }
        if bytes == Array("<<".utf8) { return .merge }
        if isNull(bytes) { return .null }
        if isTimestamp(bytes) { return .timestamp }
        if bytes == [UInt8(ascii: "=")] { return .value }
        return .str
    }

    private static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func isBool(_ bytes: [UInt8]) -> Bool {
        bytes.count <= 5 && bools.contains(String(decoding: bytes, as: UTF8.self))
    }

    static func isNull(_ bytes: [UInt8]) -> Bool {
        bytes.isEmpty || bytes == [UInt8(ascii: "~")] || ["null", "Null", "NULL"].contains(String(decoding: bytes, as: UTF8.self))
    }

    /// `^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`
    static func isInt(_ bytes: [UInt8]) -> Bool {
        var scanner = Scanner(bytes)
        scanner.skipSign()
        let start = scanner.offset
        func tryAlternative(_ body: (inout Scanner) -> Bool) -> Bool {
            var attempt = scanner
            attempt.offset = start
            return body(&attempt) && attempt.atEnd
        }
        return tryAlternative { $0.take("0") && $0.take("b") && $0.takeRun(of: { $0 == 0x30 || $0 == 0x31 || $0 == 0x5F }) > 0 }
            || tryAlternative { s in
                guard s.take("0") else { return false }
                _ = s.take("o")
                return s.takeRun(of: { (0x30...0x37).contains($0) || $0 == 0x5F }) > 0
            }
            || tryAlternative { $0.take("0") }
            || tryAlternative { $0.takeOne(of: { (0x31...0x39).contains($0) }) && $0.takeRun(of: isDigitOrUnderscore) >= 0 }
            || tryAlternative { $0.take("0") && $0.take("x") && $0.takeRun(of: { isHexDigit($0) || $0 == 0x5F }) > 0 }
            || tryAlternative { s in
                s.takeOne(of: { (0x31...0x39).contains($0) }) && s.takeRun(of: isDigitOrUnderscore) >= 0 && s.takeSexagesimal()
            }
    }

    /// `^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?`
    /// `|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`
    static func isFloat(_ bytes: [UInt8]) -> Bool {
        func whole(_ body: (inout Scanner) -> Bool) -> Bool {
            var scanner = Scanner(bytes)
            return body(&scanner) && scanner.atEnd
        }
        return whole { s in
            s.skipSign()
            guard s.takeOne(of: isDigit) else { return false }
            _ = s.takeRun(of: isDigitOrUnderscore)
            if s.take(".") { _ = s.takeRun(of: isDigitOrUnderscore) }
            if s.takeOne(of: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                s.skipSign()
                return s.takeRun(of: isDigit) > 0
            }
            return true
        }
            || whole { s in
                guard s.take("."), s.takeRun(of: isDigitOrUnderscore) > 0 else { return false }
                if s.takeOne(of: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                    return s.takeOne(of: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) && s.takeRun(of: isDigit) > 0
                }
                return true
            }
            || whole { s in
                s.skipSign()
                guard s.takeOne(of: isDigit) else { return false }
                _ = s.takeRun(of: isDigitOrUnderscore)
                guard s.takeSexagesimal(), s.take(".") else { return false }
                _ = s.takeRun(of: isDigitOrUnderscore)
                return true
            }
            || whole { s in
                s.skipSign()
                return s.take(".") && (s.take("inf") || s.take("Inf") || s.take("INF"))
            }
            || whole { s in s.take(".") && (s.take("nan") || s.take("NaN") || s.take("NAN")) }
    }

    /// `^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)`
    /// `[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`
    static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        func whole(_ body: (inout Scanner) -> Bool) -> Bool {
            var scanner = Scanner(bytes)
            return body(&scanner) && scanner.atEnd
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == 0x09 }
        return whole { s in
            s.takeDigits(4) && s.take("-") && s.takeDigits(2) && s.take("-") && s.takeDigits(2)
        }
            || whole { s in
                guard s.takeDigits(4), s.take("-"), s.takeDigits(1, upTo: 2), s.take("-"), s.takeDigits(1, upTo: 2) else { return false }
                guard s.takeOne(of: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) || s.takeRun(of: isBlank) > 0 else { return false }
                guard s.takeDigits(1, upTo: 2), s.take(":"), s.takeDigits(2), s.take(":"), s.takeDigits(2) else { return false }
                if s.take(".") { _ = s.takeRun(of: isDigit) }
                if s.atEnd { return true }
                // `[ \t]*` then a zone: the blanks alone do not end a timestamp.
                _ = s.takeRun(of: isBlank)
                if s.take("Z") { return true }
                guard s.takeOne(of: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }), s.takeDigits(1, upTo: 2) else { return false }
                if s.take(":") { return s.takeDigits(2) }
                return true
            }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    private static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    /// A cursor over a scalar's bytes; each `take` moves past what it matched, and only then.
    private struct Scanner {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - offset >= count else { return false }
            for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { return false }
            offset += count
            return true
        }

        mutating func takeOne(of accepts: (UInt8) -> Bool) -> Bool {
            guard offset < bytes.count, accepts(bytes[offset]) else { return false }
            offset += 1
            return true
        }

        /// Moves past the longest run of accepted bytes; returns its length.
        mutating func takeRun(of accepts: (UInt8) -> Bool) -> Int {
            let start = offset
            while offset < bytes.count, accepts(bytes[offset]) { offset += 1 }
            return offset - start
        }

        mutating func skipSign() {
            _ = takeOne(of: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
        }

        /// `minimum` to `maximum` digits (as many as there are, up to `maximum`).
        mutating func takeDigits(_ minimum: Int, upTo maximum: Int? = nil) -> Bool {
            let start = offset
            while offset < bytes.count, offset - start < (maximum ?? minimum), isDigit(bytes[offset]) { offset += 1 }
            if offset - start >= minimum { return true }
            offset = start
            return false
        }

        /// `(?::[0-5]?[0-9])+`: one or more groups, each a colon and a number of one digit or of two below 60.
        mutating func takeSexagesimal() -> Bool {
            var groups = 0
            while offset < bytes.count, bytes[offset] == UInt8(ascii: ":") {
                let start = offset
                offset += 1
                let digits = takeRun(of: isDigit)
                // A group takes one digit, or two below 60; what follows it must be a colon, a point or the end,
                // which a further digit is not.
                guard digits == 1 || (digits == 2 && bytes[offset - 2] <= UInt8(ascii: "5")) else {
                    offset = start
                    return false
                }
                groups += 1
            }
            return groups > 0
        }
    }
}
