/// ISO 3166-1 country data, built in: codes, English short names and common native and foreign names.
///
/// The table holds all 249 officially assigned alpha-2 codes (no user-assigned or reserved codes such as
/// `UK`, `EU` or `XK`, though `UK` is understood as a *name* for the United Kingdom). Lookups are pure and
/// touch no disk; the name index is built once, on first use.
///
/// ```swift
/// Countries.alpha2(forName: "Deutschland")   // "DE"
/// Countries.alpha2(forName: "great britain") // "GB"
/// Countries.isValidAlpha2("UK")              // false
/// ```
public enum Countries {
    /// Tells whether `code` is an officially assigned ISO 3166-1 alpha-2 code, written exactly as two
    /// uppercase ASCII letters.
    ///
    /// - Parameter code: The candidate code, e.g. `"GB"`. Lowercase (`"gb"`), padded (`" GB"`) and reserved
    ///   codes (`"UK"`, `"XX"`) are not valid.
    /// - Returns: `true` when `code` is one of the 249 assigned codes.
    public static func isValidAlpha2(_ code: String) -> Bool {
        ValueChecks.withUTF8Bytes(code) { isValidAlpha2(utf8: $0) }
    }

    /// ``isValidAlpha2(_:)`` over UTF-8 bytes.
    public static func isValidAlpha2(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 2, let index = letterPairIndex(bytes[0], bytes[1], uppercaseOnly: true) else { return false }
        return Tables.assigned.contains(index)
    }

    /// Looks a country up by name or code and returns its alpha-2 code.
    ///
    /// The match ignores case, accents, punctuation, spacing and a leading "The"; `&` counts as "and" and a
    /// leading "St" as "Saint". Accepted are the English short names of all countries (ISO and common forms,
    /// e.g. "Bolivia", "Bolivia, Plurinational State of"), common English aliases ("UK", "Great Britain",
    /// "USA", "Holland", "Ivory Coast"), native and foreign names of the main shipping destinations
    /// ("Deutschland", "Danmark", "Italia", "Brasil", "España", "Sverige", "日本", "États-Unis", …), and alpha-2
    /// or alpha-3 codes in any case.
    ///
    /// - Parameter name: A country as written in an order export, e.g. `"United States of America"`.
    /// - Returns: The alpha-2 code (`"US"`), or `nil` when the name is not known.
    public static func alpha2(forName name: String) -> String? {
        // Fast path: most exports already carry a code.
        let direct = ValueChecks.withUTF8Bytes(name) { bytes -> Int? in
            guard bytes.count == 2 else { return nil }
            return letterPairIndex(bytes[0], bytes[1], uppercaseOnly: false)
        }
        if let direct, Tables.assigned.contains(direct) {
            return Tables.records[Tables.recordByIndex[direct]].alpha2
        }
        let key = lookupKey(name)
        guard !key.isEmpty, let recordIndex = Tables.nameIndex[key] else { return nil }
        return Tables.records[recordIndex].alpha2
    }

    /// Tells whether addresses in the country need a state or province for the order API.
    ///
    /// - Parameter alpha2: An alpha-2 code; ASCII case is ignored.
    /// - Returns: `true` for the United States (`US`), Canada (`CA`) and Australia (`AU`).
    public static func requiresState(_ alpha2: String) -> Bool {
        ValueChecks.withUTF8Bytes(alpha2) { requiresState(utf8: $0) }
    }

    /// ``requiresState(_:)`` over UTF-8 bytes.
    public static func requiresState(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 2 else { return false }
        switch (bytes[0] | 0x20, bytes[1] | 0x20) {
        case (UInt8(ascii: "u"), UInt8(ascii: "s")), (UInt8(ascii: "c"), UInt8(ascii: "a")),
            (UInt8(ascii: "a"), UInt8(ascii: "u")):
            return true
        default:
            return false
        }
    }

    /// Returns the English short name of a country, in its common form ("Bolivia", "South Korea").
    ///
    /// - Parameter alpha2: An assigned alpha-2 code, exactly as ``isValidAlpha2(_:)`` accepts it.
    /// - Returns: The name, or `nil` when the code is not assigned.
    public static func name(forAlpha2 alpha2: String) -> String? {
        recordIndex(forAlpha2: alpha2).map { Tables.records[$0].name }
    }

    /// Returns the ISO 3166-1 alpha-3 code of a country.
    ///
    /// - Parameter alpha2: An assigned alpha-2 code, exactly as ``isValidAlpha2(_:)`` accepts it.
    /// - Returns: The alpha-3 code (`"DE"` → `"DEU"`), or `nil` when the code is not assigned.
    public static func alpha3(forAlpha2 alpha2: String) -> String? {
        recordIndex(forAlpha2: alpha2).map { Tables.records[$0].alpha3 }
    }

    /// All 249 assigned alpha-2 codes, in alphabetical order.
    public static let allAlpha2: [String] = Tables.records.map(\.alpha2)

    // MARK: - Internals

    /// One country of the built-in table.
    struct Record: Sendable {
        let alpha2: String
        let alpha3: String
        /// The English short name in its common form.
        let name: String
        /// Further English names from ISO 3166-1: the formal short name and the official name.
        let also: [String]

        init(_ alpha2: String, _ alpha3: String, _ name: String, also: [String] = []) {
            self.alpha2 = alpha2
            self.alpha3 = alpha3
            self.name = name
            self.also = also
        }
    }

    /// Maps two ASCII letters to `0..<676`, or `nil` when they are not letters.
    static func letterPairIndex(_ first: UInt8, _ second: UInt8, uppercaseOnly: Bool) -> Int? {
        func letter(_ byte: UInt8) -> Int? {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte &- UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !uppercaseOnly: return Int(byte &- UInt8(ascii: "a"))
            default: return nil
            }
        }
        guard let a = letter(first), let b = letter(second) else { return nil }
        return a * 26 + b
    }

    static func recordIndex(forAlpha2 alpha2: String) -> Int? {
        guard
            let index = ValueChecks.withUTF8Bytes(
                alpha2,
                { bytes -> Int? in
                    guard bytes.count == 2 else { return nil }
                    return letterPairIndex(bytes[0], bytes[1], uppercaseOnly: true)
                }), Tables.assigned.contains(index)
        else { return nil }
        return Tables.recordByIndex[index]
    }

    /// The comparison key of a name: letters and digits only, lowercased, accents folded, a leading "the"
    /// dropped, `&` spelt "and". Names of up to 15 UTF-8 bytes give a small string, so no allocation.
    static func lookupKey(_ name: String) -> String {
        if let key = ValueChecks.withUTF8Bytes(name, asciiLookupKey) { return key }
        var scalars = name.unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        // Drop a leading "The " ("The Netherlands", "the Gambia"); "Thailand" keeps its letters.
        var probe = scalars.makeIterator()
        if probe.next().map({ $0 == "T" || $0 == "t" }) == true, probe.next().map({ $0 == "H" || $0 == "h" }) == true,
            probe.next().map({ $0 == "E" || $0 == "e" }) == true, probe.next()?.properties.isWhitespace == true
        {
            scalars = scalars.dropFirst(4)
        }
        var key = ""
        key.reserveCapacity(name.utf8.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    key.unicodeScalars.append(scalar)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    key.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
                case UInt8(ascii: "&"):
                    key += "and"
                default:
                    continue  // spaces, punctuation
                }
            } else if let folded = foldedLatin(value) {
                key += folded
            } else if (0x300...0x36F).contains(value) {
                continue  // combining accents of decomposed input
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.changesWhenLowercased {
                    key += scalar.properties.lowercaseMapping
                } else {
                    key.unicodeScalars.append(scalar)
                }
            }
            // Any other scalar (curly apostrophes, no-break spaces, dashes) is punctuation: dropped.
        }
        return key
    }

    /// `lookupKey` of an all-ASCII name, straight from its bytes; `nil` when the name has non-ASCII bytes.
    private static func asciiLookupKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte &- 0x09 < 5 }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
        }
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        if bytes.count - start >= 4, bytes[start] | 0x20 == UInt8(ascii: "t"),
            bytes[start + 1] | 0x20 == UInt8(ascii: "h"),
            bytes[start + 2] | 0x20 == UInt8(ascii: "e"), isSpace(bytes[start + 3])
        {
            start += 4
        }
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        // Size the key exactly, so that a key of up to 15 bytes is a small string and allocates nothing.
        var length = 0
        for byte in rest {
            if byte >= 0x80 { return nil }
            if isAlphanumeric(byte) { length += 1 } else if byte == UInt8(ascii: "&") { length += 3 }
        }
        return String(unsafeUninitializedCapacity: length) { out in
            var count = 0
            for byte in rest {
                if isAlphanumeric(byte) {
                    out[count] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
                    count += 1
                } else if byte == UInt8(ascii: "&") {
                    out[count] = UInt8(ascii: "a")
                    out[count + 1] = UInt8(ascii: "n")
                    out[count + 2] = UInt8(ascii: "d")
                    count += 3
                }
            }
            return count
        }
    }

    /// Folds accented Latin letters (Latin-1 Supplement, Latin Extended-A, Romanian comma letters) to ASCII.
    static func foldedLatin(_ value: UInt32) -> String? {
        switch value {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0xD0, 0xF0, 0x10E...0x111: return "d"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0x132, 0x133: return "ij"
        case 0x134, 0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0xD1, 0xF1, 0x143...0x14B: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0xDF: return "ss"
        case 0x15A...0x161, 0x17F, 0x218, 0x219: return "s"
        case 0x162...0x167, 0x21A, 0x21B: return "t"
        case 0xDE, 0xFE: return "th"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0x174, 0x175: return "w"
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        default: return nil
        }
    }

    /// The tables, built once on first use (Swift initialises static stored properties lazily and atomically).
    enum Tables {
        /// Bit set over `letterPairIndex` of the assigned alpha-2 codes.
        static let assigned: AssignedSet = AssignedSet(records.map(\.alpha2))

        /// `letterPairIndex` → index into `records` (meaningful only where `assigned` holds).
        static let recordByIndex: [Int] = {
            var table = [Int](repeating: -1, count: 676)
            for (offset, record) in records.enumerated() {
                let bytes = Array(record.alpha2.utf8)
                table[letterPairIndex(bytes[0], bytes[1], uppercaseOnly: true)!] = offset
            }
            return table
        }()

        /// Lookup key → index into `records`, plus the keys claimed by two countries (must stay empty; tested).
        static let index: (keys: [String: Int], conflicts: [String]) = {
            var keys: [String: Int] = [:]
            var conflicts: [String] = []
            func add(_ key: String, _ offset: Int) {
                guard !key.isEmpty else { return }
                if let existing = keys[key] {
                    if existing != offset { conflicts.append(key) }
                } else {
                    keys[key] = offset
                }
            }
            // Codes first: a name never shadows a code.
            for (offset, record) in records.enumerated() {
                add(record.alpha2.lowercased(), offset)
                add(record.alpha3.lowercased(), offset)
            }
            for (offset, record) in records.enumerated() {
                for name in [record.name] + record.also + (aliases[record.alpha2] ?? []) {
                    let key = lookupKey(name)
                    add(key, offset)
                    // "St Lucia", "St. Kitts and Nevis": the usual abbreviation of "Saint".
                    if key.hasPrefix("saint") { add("st" + key.dropFirst(5), offset) }
                }
            }
            return (keys, conflicts)
        }()

        static var nameIndex: [String: Int] { index.keys }
    }

    /// A fixed 676-bit set (one bit per pair of letters).
    struct AssignedSet: Sendable {
        private var words = [UInt64](repeating: 0, count: 11)

        init(_ codes: [String]) {
            for code in codes {
                let bytes = Array(code.utf8)
                let index = letterPairIndex(bytes[0], bytes[1], uppercaseOnly: true)!
                words[index >> 6] |= 1 << UInt64(index & 63)
            }
        }

        func contains(_ index: Int) -> Bool {
            words[index >> 6] & (1 << UInt64(index & 63)) != 0
        }
    }
}

extension Countries.Tables {
    /// ISO 3166-1 as published in Debian's iso-codes 4.15 (`iso_3166-1.json`), sorted by alpha-2 code:
    /// code, alpha-3 code, common English short name, then the ISO short and official names where they differ.
    static let records: [Countries.Record] = [
        .init("AD", "AND", "Andorra", also: ["Principality of Andorra"]),
        .init("AE", "ARE", "United Arab Emirates"),
        .init("AF", "AFG", "Afghanistan", also: ["Islamic Republic of Afghanistan"]),
        .init("AG", "ATG", "Antigua and Barbuda"),
        .init("AI", "AIA", "Anguilla"),
        .init("AL", "ALB", "Albania", also: ["Republic of Albania"]),
        .init("AM", "ARM", "Armenia", also: ["Republic of Armenia"]),
        .init("AO", "AGO", "Angola", also: ["Republic of Angola"]),
        .init("AQ", "ATA", "Antarctica"),
        .init("AR", "ARG", "Argentina", also: ["Argentine Republic"]),
        .init("AS", "ASM", "American Samoa"),
        .init("AT", "AUT", "Austria", also: ["Republic of Austria"]),
        .init("AU", "AUS", "Australia"),
        .init("AW", "ABW", "Aruba"),
        .init("AX", "ALA", "Åland Islands"),
        .init("AZ", "AZE", "Azerbaijan", also: ["Republic of Azerbaijan"]),
        .init("BA", "BIH", "Bosnia and Herzegovina", also: ["Republic of Bosnia and Herzegovina"]),
        .init("BB", "BRB", "Barbados"),
        .init("BD", "BGD", "Bangladesh", also: ["People's Republic of Bangladesh"]),
        .init("BE", "BEL", "Belgium", also: ["Kingdom of Belgium"]),
        .init("BF", "BFA", "Burkina Faso"),
        .init("BG", "BGR", "Bulgaria", also: ["Republic of Bulgaria"]),
        .init("BH", "BHR", "Bahrain", also: ["Kingdom of Bahrain"]),
        .init("BI", "BDI", "Burundi", also: ["Republic of Burundi"]),
        .init("BJ", "BEN", "Benin", also: ["Republic of Benin"]),
        .init("BL", "BLM", "Saint Barthélemy"),
        .init("BM", "BMU", "Bermuda"),
        .init("BN", "BRN", "Brunei Darussalam"),
        .init("BO", "BOL", "Bolivia", also: ["Bolivia, Plurinational State of", "Plurinational State of Bolivia"]),
        .init("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
        .init("BR", "BRA", "Brazil", also: ["Federative Republic of Brazil"]),
        .init("BS", "BHS", "Bahamas", also: ["Commonwealth of the Bahamas"]),
        .init("BT", "BTN", "Bhutan", also: ["Kingdom of Bhutan"]),
        .init("BV", "BVT", "Bouvet Island"),
        .init("BW", "BWA", "Botswana", also: ["Republic of Botswana"]),
        .init("BY", "BLR", "Belarus", also: ["Republic of Belarus"]),
        .init("BZ", "BLZ", "Belize"),
        .init("CA", "CAN", "Canada"),
        .init("CC", "CCK", "Cocos (Keeling) Islands"),
        .init("CD", "COD", "Congo, The Democratic Republic of the"),
        .init("CF", "CAF", "Central African Republic"),
        .init("CG", "COG", "Congo", also: ["Republic of the Congo"]),
        .init("CH", "CHE", "Switzerland", also: ["Swiss Confederation"]),
        .init("CI", "CIV", "Côte d'Ivoire", also: ["Republic of Côte d'Ivoire"]),
        .init("CK", "COK", "Cook Islands"),
        .init("CL", "CHL", "Chile", also: ["Republic of Chile"]),
        .init("CM", "CMR", "Cameroon", also: ["Republic of Cameroon"]),
        .init("CN", "CHN", "China", also: ["People's Republic of China"]),
        .init("CO", "COL", "Colombia", also: ["Republic of Colombia"]),
        .init("CR", "CRI", "Costa Rica", also: ["Republic of Costa Rica"]),
        .init("CU", "CUB", "Cuba", also: ["Republic of Cuba"]),
        .init("CV", "CPV", "Cabo Verde", also: ["Republic of Cabo Verde"]),
        .init("CW", "CUW", "Curaçao"),
        .init("CX", "CXR", "Christmas Island"),
        .init("CY", "CYP", "Cyprus", also: ["Republic of Cyprus"]),
        .init("CZ", "CZE", "Czechia", also: ["Czech Republic"]),
        .init("DE", "DEU", "Germany", also: ["Federal Republic of Germany"]),
        .init("DJ", "DJI", "Djibouti", also: ["Republic of Djibouti"]),
        .init("DK", "DNK", "Denmark", also: ["Kingdom of Denmark"]),
        .init("DM", "DMA", "Dominica", also: ["Commonwealth of Dominica"]),
        .init("DO", "DOM", "Dominican Republic"),
        .init("DZ", "DZA", "Algeria", also: ["People's Democratic Republic of Algeria"]),
        .init("EC", "ECU", "Ecuador", also: ["Republic of Ecuador"]),
        .init("EE", "EST", "Estonia", also: ["Republic of Estonia"]),
        .init("EG", "EGY", "Egypt", also: ["Arab Republic of Egypt"]),
        .init("EH", "ESH", "Western Sahara"),
        .init("ER", "ERI", "Eritrea", also: ["the State of Eritrea"]),
        .init("ES", "ESP", "Spain", also: ["Kingdom of Spain"]),
        .init("ET", "ETH", "Ethiopia", also: ["Federal Democratic Republic of Ethiopia"]),
        .init("FI", "FIN", "Finland", also: ["Republic of Finland"]),
        .init("FJ", "FJI", "Fiji", also: ["Republic of Fiji"]),
        .init("FK", "FLK", "Falkland Islands (Malvinas)"),
        .init("FM", "FSM", "Micronesia, Federated States of", also: ["Federated States of Micronesia"]),
        .init("FO", "FRO", "Faroe Islands"),
        .init("FR", "FRA", "France", also: ["French Republic"]),
        .init("GA", "GAB", "Gabon", also: ["Gabonese Republic"]),
        .init("GB", "GBR", "United Kingdom", also: ["United Kingdom of Great Britain and Northern Ireland"]),
        .init("GD", "GRD", "Grenada"),
        .init("GE", "GEO", "Georgia"),
        .init("GF", "GUF", "French Guiana"),
        .init("GG", "GGY", "Guernsey"),
        .init("GH", "GHA", "Ghana", also: ["Republic of Ghana"]),
        .init("GI", "GIB", "Gibraltar"),
        .init("GL", "GRL", "Greenland"),
        .init("GM", "GMB", "Gambia", also: ["Republic of the Gambia"]),
        .init("GN", "GIN", "Guinea", also: ["Republic of Guinea"]),
        .init("GP", "GLP", "Guadeloupe"),
        .init("GQ", "GNQ", "Equatorial Guinea", also: ["Republic of Equatorial Guinea"]),
        .init("GR", "GRC", "Greece", also: ["Hellenic Republic"]),
        .init("GS", "SGS", "South Georgia and the South Sandwich Islands"),
        .init("GT", "GTM", "Guatemala", also: ["Republic of Guatemala"]),
        .init("GU", "GUM", "Guam"),
        .init("GW", "GNB", "Guinea-Bissau", also: ["Republic of Guinea-Bissau"]),
        .init("GY", "GUY", "Guyana", also: ["Republic of Guyana"]),
        .init("HK", "HKG", "Hong Kong", also: ["Hong Kong Special Administrative Region of China"]),
        .init("HM", "HMD", "Heard Island and McDonald Islands"),
        .init("HN", "HND", "Honduras", also: ["Republic of Honduras"]),
        .init("HR", "HRV", "Croatia", also: ["Republic of Croatia"]),
        .init("HT", "HTI", "Haiti", also: ["Republic of Haiti"]),
        .init("HU", "HUN", "Hungary"),
        .init("ID", "IDN", "Indonesia", also: ["Republic of Indonesia"]),
        .init("IE", "IRL", "Ireland"),
        .init("IL", "ISR", "Israel", also: ["State of Israel"]),
        .init("IM", "IMN", "Isle of Man"),
        .init("IN", "IND", "India", also: ["Republic of India"]),
        .init("IO", "IOT", "British Indian Ocean Territory"),
        .init("IQ", "IRQ", "Iraq", also: ["Republic of Iraq"]),
        .init("IR", "IRN", "Iran", also: ["Iran, Islamic Republic of", "Islamic Republic of Iran"]),
        .init("IS", "ISL", "Iceland", also: ["Republic of Iceland"]),
        .init("IT", "ITA", "Italy", also: ["Italian Republic"]),
        .init("JE", "JEY", "Jersey"),
        .init("JM", "JAM", "Jamaica"),
        .init("JO", "JOR", "Jordan", also: ["Hashemite Kingdom of Jordan"]),
        .init("JP", "JPN", "Japan"),
        .init("KE", "KEN", "Kenya", also: ["Republic of Kenya"]),
        .init("KG", "KGZ", "Kyrgyzstan", also: ["Kyrgyz Republic"]),
        .init("KH", "KHM", "Cambodia", also: ["Kingdom of Cambodia"]),
        .init("KI", "KIR", "Kiribati", also: ["Republic of Kiribati"]),
        .init("KM", "COM", "Comoros", also: ["Union of the Comoros"]),
        .init("KN", "KNA", "Saint Kitts and Nevis"),
        .init(
            "KP", "PRK", "North Korea",
            also: ["Korea, Democratic People's Republic of", "Democratic People's Republic of Korea"]),
        .init("KR", "KOR", "South Korea", also: ["Korea, Republic of"]),
        .init("KW", "KWT", "Kuwait", also: ["State of Kuwait"]),
        .init("KY", "CYM", "Cayman Islands"),
        .init("KZ", "KAZ", "Kazakhstan", also: ["Republic of Kazakhstan"]),
        .init("LA", "LAO", "Laos", also: ["Lao People's Democratic Republic"]),
        .init("LB", "LBN", "Lebanon", also: ["Lebanese Republic"]),
        .init("LC", "LCA", "Saint Lucia"),
        .init("LI", "LIE", "Liechtenstein", also: ["Principality of Liechtenstein"]),
        .init("LK", "LKA", "Sri Lanka", also: ["Democratic Socialist Republic of Sri Lanka"]),
        .init("LR", "LBR", "Liberia", also: ["Republic of Liberia"]),
        .init("LS", "LSO", "Lesotho", also: ["Kingdom of Lesotho"]),
        .init("LT", "LTU", "Lithuania", also: ["Republic of Lithuania"]),
        .init("LU", "LUX", "Luxembourg", also: ["Grand Duchy of Luxembourg"]),
        .init("LV", "LVA", "Latvia", also: ["Republic of Latvia"]),
        .init("LY", "LBY", "Libya"),
        .init("MA", "MAR", "Morocco", also: ["Kingdom of Morocco"]),
        .init("MC", "MCO", "Monaco", also: ["Principality of Monaco"]),
        .init("MD", "MDA", "Moldova", also: ["Moldova, Republic of", "Republic of Moldova"]),
        .init("ME", "MNE", "Montenegro"),
        .init("MF", "MAF", "Saint Martin (French part)"),
        .init("MG", "MDG", "Madagascar", also: ["Republic of Madagascar"]),
        .init("MH", "MHL", "Marshall Islands", also: ["Republic of the Marshall Islands"]),
        .init("MK", "MKD", "North Macedonia", also: ["Republic of North Macedonia"]),
        .init("ML", "MLI", "Mali", also: ["Republic of Mali"]),
        .init("MM", "MMR", "Myanmar", also: ["Republic of Myanmar"]),
        .init("MN", "MNG", "Mongolia"),
        .init("MO", "MAC", "Macao", also: ["Macao Special Administrative Region of China"]),
        .init("MP", "MNP", "Northern Mariana Islands", also: ["Commonwealth of the Northern Mariana Islands"]),
        .init("MQ", "MTQ", "Martinique"),
        .init("MR", "MRT", "Mauritania", also: ["Islamic Republic of Mauritania"]),
        .init("MS", "MSR", "Montserrat"),
        .init("MT", "MLT", "Malta", also: ["Republic of Malta"]),
        .init("MU", "MUS", "Mauritius", also: ["Republic of Mauritius"]),
        .init("MV", "MDV", "Maldives", also: ["Republic of Maldives"]),
        .init("MW", "MWI", "Malawi", also: ["Republic of Malawi"]),
        .init("MX", "MEX", "Mexico", also: ["United Mexican States"]),
        .init("MY", "MYS", "Malaysia"),
        .init("MZ", "MOZ", "Mozambique", also: ["Republic of Mozambique"]),
        .init("NA", "NAM", "Namibia", also: ["Republic of Namibia"]),
        .init("NC", "NCL", "New Caledonia"),
        .init("NE", "NER", "Niger", also: ["Republic of the Niger"]),
        .init("NF", "NFK", "Norfolk Island"),
        .init("NG", "NGA", "Nigeria", also: ["Federal Republic of Nigeria"]),
        .init("NI", "NIC", "Nicaragua", also: ["Republic of Nicaragua"]),
        .init("NL", "NLD", "Netherlands", also: ["Kingdom of the Netherlands"]),
        .init("NO", "NOR", "Norway", also: ["Kingdom of Norway"]),
        .init("NP", "NPL", "Nepal", also: ["Federal Democratic Republic of Nepal"]),
        .init("NR", "NRU", "Nauru", also: ["Republic of Nauru"]),
        .init("NU", "NIU", "Niue"),
        .init("NZ", "NZL", "New Zealand"),
        .init("OM", "OMN", "Oman", also: ["Sultanate of Oman"]),
        .init("PA", "PAN", "Panama", also: ["Republic of Panama"]),
        .init("PE", "PER", "Peru", also: ["Republic of Peru"]),
        .init("PF", "PYF", "French Polynesia"),
        .init("PG", "PNG", "Papua New Guinea", also: ["Independent State of Papua New Guinea"]),
        .init("PH", "PHL", "Philippines", also: ["Republic of the Philippines"]),
        .init("PK", "PAK", "Pakistan", also: ["Islamic Republic of Pakistan"]),
        .init("PL", "POL", "Poland", also: ["Republic of Poland"]),
        .init("PM", "SPM", "Saint Pierre and Miquelon"),
        .init("PN", "PCN", "Pitcairn"),
        .init("PR", "PRI", "Puerto Rico"),
        .init("PS", "PSE", "Palestine, State of", also: ["the State of Palestine"]),
        .init("PT", "PRT", "Portugal", also: ["Portuguese Republic"]),
        .init("PW", "PLW", "Palau", also: ["Republic of Palau"]),
        .init("PY", "PRY", "Paraguay", also: ["Republic of Paraguay"]),
        .init("QA", "QAT", "Qatar", also: ["State of Qatar"]),
        .init("RE", "REU", "Réunion"),
        .init("RO", "ROU", "Romania"),
        .init("RS", "SRB", "Serbia", also: ["Republic of Serbia"]),
        .init("RU", "RUS", "Russian Federation"),
        .init("RW", "RWA", "Rwanda", also: ["Rwandese Republic"]),
        .init("SA", "SAU", "Saudi Arabia", also: ["Kingdom of Saudi Arabia"]),
        .init("SB", "SLB", "Solomon Islands"),
        .init("SC", "SYC", "Seychelles", also: ["Republic of Seychelles"]),
        .init("SD", "SDN", "Sudan", also: ["Republic of the Sudan"]),
        .init("SE", "SWE", "Sweden", also: ["Kingdom of Sweden"]),
        .init("SG", "SGP", "Singapore", also: ["Republic of Singapore"]),
        .init("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
        .init("SI", "SVN", "Slovenia", also: ["Republic of Slovenia"]),
        .init("SJ", "SJM", "Svalbard and Jan Mayen"),
        .init("SK", "SVK", "Slovakia", also: ["Slovak Republic"]),
        .init("SL", "SLE", "Sierra Leone", also: ["Republic of Sierra Leone"]),
        .init("SM", "SMR", "San Marino", also: ["Republic of San Marino"]),
        .init("SN", "SEN", "Senegal", also: ["Republic of Senegal"]),
        .init("SO", "SOM", "Somalia", also: ["Federal Republic of Somalia"]),
        .init("SR", "SUR", "Suriname", also: ["Republic of Suriname"]),
        .init("SS", "SSD", "South Sudan", also: ["Republic of South Sudan"]),
        .init("ST", "STP", "Sao Tome and Principe", also: ["Democratic Republic of Sao Tome and Principe"]),
        .init("SV", "SLV", "El Salvador", also: ["Republic of El Salvador"]),
        .init("SX", "SXM", "Sint Maarten (Dutch part)"),
        .init("SY", "SYR", "Syria", also: ["Syrian Arab Republic"]),
        .init("SZ", "SWZ", "Eswatini", also: ["Kingdom of Eswatini"]),
        .init("TC", "TCA", "Turks and Caicos Islands"),
        .init("TD", "TCD", "Chad", also: ["Republic of Chad"]),
        .init("TF", "ATF", "French Southern Territories"),
        .init("TG", "TGO", "Togo", also: ["Togolese Republic"]),
        .init("TH", "THA", "Thailand", also: ["Kingdom of Thailand"]),
        .init("TJ", "TJK", "Tajikistan", also: ["Republic of Tajikistan"]),
        .init("TK", "TKL", "Tokelau"),
        .init("TL", "TLS", "Timor-Leste", also: ["Democratic Republic of Timor-Leste"]),
        .init("TM", "TKM", "Turkmenistan"),
        .init("TN", "TUN", "Tunisia", also: ["Republic of Tunisia"]),
        .init("TO", "TON", "Tonga", also: ["Kingdom of Tonga"]),
        .init("TR", "TUR", "Türkiye", also: ["Republic of Türkiye"]),
        .init("TT", "TTO", "Trinidad and Tobago", also: ["Republic of Trinidad and Tobago"]),
        .init("TV", "TUV", "Tuvalu"),
        .init("TW", "TWN", "Taiwan", also: ["Taiwan, Province of China"]),
        .init("TZ", "TZA", "Tanzania", also: ["Tanzania, United Republic of", "United Republic of Tanzania"]),
        .init("UA", "UKR", "Ukraine"),
        .init("UG", "UGA", "Uganda", also: ["Republic of Uganda"]),
        .init("UM", "UMI", "United States Minor Outlying Islands"),
        .init("US", "USA", "United States", also: ["United States of America"]),
        .init("UY", "URY", "Uruguay", also: ["Eastern Republic of Uruguay"]),
        .init("UZ", "UZB", "Uzbekistan", also: ["Republic of Uzbekistan"]),
        .init("VA", "VAT", "Holy See (Vatican City State)"),
        .init("VC", "VCT", "Saint Vincent and the Grenadines"),
        .init(
            "VE", "VEN", "Venezuela", also: ["Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"]),
        .init("VG", "VGB", "Virgin Islands, British", also: ["British Virgin Islands"]),
        .init("VI", "VIR", "Virgin Islands, U.S.", also: ["Virgin Islands of the United States"]),
        .init("VN", "VNM", "Vietnam", also: ["Viet Nam", "Socialist Republic of Viet Nam"]),
        .init("VU", "VUT", "Vanuatu", also: ["Republic of Vanuatu"]),
        .init("WF", "WLF", "Wallis and Futuna"),
        .init("WS", "WSM", "Samoa", also: ["Independent State of Samoa"]),
        .init("YE", "YEM", "Yemen", also: ["Republic of Yemen"]),
        .init("YT", "MYT", "Mayotte"),
        .init("ZA", "ZAF", "South Africa", also: ["Republic of South Africa"]),
        .init("ZM", "ZMB", "Zambia", also: ["Republic of Zambia"]),
        .init("ZW", "ZWE", "Zimbabwe", also: ["Republic of Zimbabwe"]),
    ]

    /// Names seen in order exports beyond the ISO English ones: English aliases and former names, and native
    /// and foreign names (German, French, Spanish, Italian, Portuguese, Dutch, Scandinavian) of the main
    /// destinations. Case, accents and punctuation need no variants here: `lookupKey` folds them.
    static let aliases: [String: [String]] = [
        "AE": ["UAE", "Emirates"],
        "AT": ["Österreich", "Oesterreich", "Autriche", "Oostenrijk", "Áustria", "Österrike", "Østrig", "Østerrike"],
        "AU": ["Australien", "Australie", "Austrália", "Australië", "Commonwealth of Australia"],
        "BA": ["Bosnia", "Bosnia-Herzegovina"],
        "BE": ["Belgien", "Belgique", "België", "Bélgica", "Belgio"],
        "BN": ["Brunei"],
        "BO": ["Bolivien", "Bolivie"],
        "BR": ["Brasil", "Brasilien", "Brésil", "Brasile", "Brazilië", "República Federativa do Brasil"],
        "BS": ["Bahamas, The"],
        "CA": ["Kanada"],
        "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo, Democratic Republic"],
        "CG": ["Republic of Congo", "Congo-Brazzaville"],
        "CH": ["Schweiz", "Suisse", "Svizzera", "Svizra", "Suiza", "Zwitserland", "Suíça", "Helvetia", "Sveits"],
        "CI": ["Ivory Coast"],
        "CN": ["中国", "中國", "中华人民共和国", "Zhongguo", "Chine", "Cina", "Kina", "Mainland China"],
        "CV": ["Cape Verde"],
        "CZ": ["Czech Republic", "Česko", "Česká republika", "Tschechien", "Tchéquie", "Tsjechië", "Tjeckien"],
        "DE": [
            "Deutschland", "Bundesrepublik Deutschland", "Allemagne", "Alemania", "Germania", "Alemanha",
            "Duitsland", "Tyskland", "Niemcy",
        ],
        "DK": ["Danmark", "Dänemark", "Danemark", "Dinamarca", "Danimarca", "Denemarken", "Kongeriget Danmark"],
        "ES": [
            "España", "Espanya", "Spanien", "Espagne", "Spagna", "Espanha", "Spanje", "Spania", "Reino de España",
        ],
        "FI": ["Suomi", "Finnland", "Finlande", "Finlandia", "Finland"],
        "FK": ["Falkland Islands"],
        "FM": ["Micronesia"],
        "FR": ["Frankreich", "Francia", "França", "Frankrijk", "Frankrike", "Frankrig", "République française"],
        "GB": [
            "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
            "Royaume-Uni", "Grande-Bretagne", "Vereinigtes Königreich", "Großbritannien", "Reino Unido",
            "Gran Bretaña", "Regno Unito", "Gran Bretagna", "Verenigd Koninkrijk", "Groot-Brittannië",
            "Storbritannien", "Storbritannia", "Det Forenede Kongerige", "Förenade kungariket",
        ],
        "GM": ["Gambia, The"],
        "GR": ["Ελλάδα", "Hellas", "Griechenland", "Grèce", "Grecia", "Grécia", "Griekenland", "Grekland"],
        "HK": ["Hong Kong SAR", "Hong Kong SAR China"],
        "HU": ["Magyarország", "Ungarn", "Hongrie", "Ungheria", "Hongarije"],
        "IE": ["Éire", "Irland", "Irlande", "Irlanda", "Ierland", "Republic of Ireland"],
        "IR": ["Persia"],
        "IS": ["Ísland"],
        "IT": ["Italia", "Italien", "Italie", "Itália", "Italië", "Repubblica Italiana"],
        "JP": ["日本", "日本国", "Nippon", "Nihon", "Japon", "Japón", "Giappone", "Japão"],
        "KR": ["Korea", "Republic of Korea", "Korea, South", "대한민국", "Südkorea", "Corée du Sud", "Corea del Sur"],
        "KP": ["Korea, North", "DPRK"],
        "LU": ["Luxemburg", "Lëtzebuerg", "Luxemburgo", "Lussemburgo"],
        "MK": ["Macedonia", "Republic of Macedonia", "FYROM"],
        "MM": ["Burma"],
        "MO": ["Macau", "Macao SAR China"],
        "MX": ["México", "Mexiko", "Mexique", "Messico"],
        "NL": [
            "Nederland", "Holland", "Niederlande", "Pays-Bas", "Países Bajos", "Paesi Bassi", "Países Baixos",
            "Nederländerna", "Nederlandene", "Koninkrijk der Nederlanden",
        ],
        "NO": ["Norge", "Noreg", "Norwegen", "Norvège", "Noruega", "Norvegia", "Noorwegen", "Kongeriket Norge"],
        "PL": ["Polska", "Polen", "Pologne", "Polonia", "Polónia"],
        "PN": ["Pitcairn Islands"],
        "PS": ["Palestine", "Palestinian Territories"],
        "PT": ["Portogallo", "República Portuguesa"],
        "RU": ["Russia", "Россия", "Russland", "Russie", "Rusia", "Rusland", "Ryssland"],
        "SA": ["KSA"],
        "SE": ["Sverige", "Schweden", "Suède", "Suecia", "Svezia", "Suécia", "Zweden", "Konungariket Sverige"],
        "SH": ["Saint Helena", "Ascension Island", "Tristan da Cunha"],
        "SJ": ["Svalbard"],
        "SK": ["Slovensko", "Slowakei", "Slovaquie", "Eslovaquia"],
        "SZ": ["Swaziland"],
        "TL": ["East Timor"],
        "TR": ["Turkey", "Türkei", "Turquie", "Turquía", "Turchia", "Turkije", "Turkiet"],
        "TW": ["臺灣", "台灣", "台湾", "Republic of China"],
        "US": [
            "U.S.", "U.S.A.", "America", "United States", "Estados Unidos", "EEUU", "EE. UU.", "États-Unis",
            "Vereinigte Staaten", "Vereinigte Staaten von Amerika", "Stati Uniti", "Stati Uniti d'America",
            "Verenigde Staten", "Förenta staterna", "Amerikas forente stater", "Amerikas Forenede Stater",
        ],
        "VA": ["Vatican", "Vatican City", "Holy See"],
        "VG": ["BVI"],
        "VI": ["US Virgin Islands", "U.S. Virgin Islands"],
        "ZA": ["RSA", "Suid-Afrika", "Südafrika", "Afrique du Sud", "Sudáfrica", "Sudafrica"],
    ]
}
