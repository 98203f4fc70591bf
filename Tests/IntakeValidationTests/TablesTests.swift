import Testing

@testable import IntakeValidation

@Suite struct CountriesTests {
    @Test func tableHoldsAllAssignedCodes() {
        #expect(Countries.allAlpha2.count == 249)
        #expect(Set(Countries.allAlpha2).count == 249)
        #expect(Countries.allAlpha2 == Countries.allAlpha2.sorted())
        for code in Countries.allAlpha2 {
            #expect(Countries.isValidAlpha2(code), "\(code)")
        }
    }

    @Test(arguments: ["GB", "US", "DE", "AX", "ZW", "SS", "BQ", "CW", "SX", "AQ", "UM", "EH", "PS", "TW"])
    func assignedCodeIsValid(_ code: String) {
        #expect(Countries.isValidAlpha2(code))
    }

    @Test(arguments: ["UK", "XX", "EU", "XK", "AA", "ZZ", "gb", "Gb", "G", "GBR", "", " GB", "GB ", "G1", "ÄB", "ＧＢ"])
    func unassignedOrMalformedCodeIsInvalid(_ code: String) {
        #expect(!Countries.isValidAlpha2(code))
    }

    @Test func noNameIsClaimedByTwoCountries() {
        #expect(Countries.Tables.index.conflicts == [])
    }

    @Test func everyCodeAndEnglishNameLeadsBackToItsCountry() {
        for code in Countries.allAlpha2 {
            #expect(Countries.alpha2(forName: code) == code)
            #expect(Countries.alpha2(forName: code.lowercased()) == code)
            let alpha3 = Countries.alpha3(forAlpha2: code)
            #expect(alpha3?.utf8.count == 3, "\(code)")
            #expect(alpha3.flatMap(Countries.alpha2(forName:)) == code, "\(code) \(alpha3 ?? "-")")
            let name = Countries.name(forAlpha2: code)
            #expect(name.flatMap(Countries.alpha2(forName:)) == code, "\(code) \(name ?? "-")")
            #expect(name.flatMap { Countries.alpha2(forName: $0.uppercased()) } == code, "\(code) \(name ?? "-")")
        }
    }

    @Test(
        arguments: [
            // English short, ISO and official names, and aliases
            ("United States", "US"), ("United States of America", "US"), ("USA", "US"), ("U.S.A.", "US"),
            ("united states", "US"), ("UNITED STATES", "US"), ("America", "US"),
            ("United Kingdom", "GB"), ("UK", "GB"), ("U.K.", "GB"), ("uk", "GB"), ("Great Britain", "GB"),
            ("England", "GB"), ("Scotland", "GB"), ("Northern Ireland", "GB"),
            ("United Kingdom of Great Britain and Northern Ireland", "GB"),
            ("Germany", "DE"), ("France", "FR"), ("Italy", "IT"), ("Spain", "ES"), ("Canada", "CA"),
            ("Australia", "AU"), ("Japan", "JP"), ("China", "CN"), ("Brazil", "BR"), ("Portugal", "PT"),
            ("Netherlands", "NL"), ("The Netherlands", "NL"), ("the netherlands", "NL"), ("Holland", "NL"),
            ("Sweden", "SE"), ("Norway", "NO"), ("Denmark", "DK"), ("Thailand", "TH"),
            ("Korea, Republic of", "KR"), ("South Korea", "KR"), ("North Korea", "KP"),
            ("Bolivia", "BO"), ("Bolivia, Plurinational State of", "BO"), ("Russia", "RU"),
            ("Russian Federation", "RU"),
            ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkiye", "TR"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
            ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"), ("Ivory Coast", "CI"), ("Curacao", "CW"),
            ("Åland Islands", "AX"), ("Aland Islands", "AX"), ("Réunion", "RE"), ("Saint Barthélemy", "BL"),
            ("Saint Lucia", "LC"), ("St Lucia", "LC"), ("St. Kitts & Nevis", "KN"), ("Saint Kitts and Nevis", "KN"),
            ("Antigua & Barbuda", "AG"), ("Trinidad and Tobago", "TT"), ("Bosnia and Herzegovina", "BA"),
            ("The Gambia", "GM"), ("Gambia", "GM"), ("Bahamas", "BS"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
            ("Congo", "CG"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
            ("Congo, The Democratic Republic of the", "CD"), ("Niger", "NE"), ("Nigeria", "NG"),
            ("Dominica", "DM"), ("Dominican Republic", "DO"), ("Sudan", "SD"), ("South Sudan", "SS"),
            ("Guinea", "GN"), ("Guinea-Bissau", "GW"), ("Equatorial Guinea", "GQ"), ("Papua New Guinea", "PG"),
            ("Virgin Islands, U.S.", "VI"), ("US Virgin Islands", "VI"), ("British Virgin Islands", "VG"),
            ("Hong Kong", "HK"), ("Macau", "MO"), ("Taiwan", "TW"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
            ("North Macedonia", "MK"), ("Macedonia", "MK"), ("Burma", "MM"), ("Cape Verde", "CV"),
            ("East Timor", "TL"), ("Vatican City", "VA"), ("Holy See (Vatican City State)", "VA"),
            ("  Germany  ", "DE"), ("GERMANY", "DE"),
            // alpha-3 codes
            ("DEU", "DE"), ("gbr", "GB"), ("USA", "US"), ("NLD", "NL"), ("CHE", "CH"),
            // native and foreign names
            ("Deutschland", "DE"), ("deutschland", "DE"), ("Allemagne", "DE"), ("Alemania", "DE"), ("Germania", "DE"),
            ("Tyskland", "DE"), ("Duitsland", "DE"),
            ("Danmark", "DK"), ("Dänemark", "DK"), ("Danemark", "DK"), ("Dinamarca", "DK"),
            ("France", "FR"), ("Frankreich", "FR"), ("République française", "FR"), ("Frankrike", "FR"),
            ("Italia", "IT"), ("Italien", "IT"), ("Italie", "IT"),
            ("Portugal", "PT"), ("Portogallo", "PT"),
            ("Brasil", "BR"), ("Brésil", "BR"), ("Brasilien", "BR"),
            ("España", "ES"), ("Espana", "ES"), ("ESPAÑA", "ES"), ("Espanya", "ES"), ("Spanien", "ES"),
            ("Espagne", "ES"),
            ("Nederland", "NL"), ("Niederlande", "NL"), ("Pays-Bas", "NL"), ("Países Bajos", "NL"),
            ("Sverige", "SE"), ("Schweden", "SE"), ("Suède", "SE"),
            ("Norge", "NO"), ("Noreg", "NO"), ("Norwegen", "NO"), ("Norvège", "NO"),
            ("日本", "JP"), ("Nippon", "JP"), ("Japon", "JP"), ("Japón", "JP"), ("Giappone", "JP"),
            ("中国", "CN"), ("中國", "CN"), ("Chine", "CN"), ("Kina", "CN"),
            ("Estados Unidos", "US"), ("États-Unis", "US"), ("Etats-Unis", "US"), ("Vereinigte Staaten", "US"),
            ("Stati Uniti", "US"),
            ("Royaume-Uni", "GB"), ("Vereinigtes Königreich", "GB"), ("Großbritannien", "GB"),
            ("Grossbritannien", "GB"), ("Reino Unido", "GB"), ("Storbritannien", "GB"),
            ("Kanada", "CA"), ("Australien", "AU"), ("Australie", "AU"),
            ("Österreich", "AT"), ("Osterreich", "AT"), ("Schweiz", "CH"), ("Suisse", "CH"), ("Svizzera", "CH"),
            ("België", "BE"), ("Belgique", "BE"), ("Polska", "PL"), ("Česko", "CZ"), ("Éire", "IE"), ("Suomi", "FI"),
            ("México", "MX"), ("Ελλάδα", "GR"), ("Россия", "RU"),
            // decomposed accents (e + U+0301)
            ("Re\u{301}union", "RE"),
            // unknown
            ("Atlantis", nil), ("", nil), ("   ", nil), ("XX", nil), ("XXX", nil), ("Europe", nil), ("Kosovo", nil),
            ("Germany2", nil), ("The", nil),
        ] as [(String, String?)])
    func nameLeadsToCode(_ name: String, _ expected: String?) {
        #expect(Countries.alpha2(forName: name) == expected)
    }

    @Test(arguments: [
        ("US", true), ("CA", true), ("AU", true), ("us", true), ("GB", false), ("DE", false),
        ("BR", false), ("", false), ("USA", false),
    ])
    func stateRequirement(_ code: String, _ expected: Bool) {
        #expect(Countries.requiresState(code) == expected)
    }

    @Test func namesAndAlpha3OfCodes() {
        #expect(Countries.name(forAlpha2: "DE") == "Germany")
        #expect(Countries.name(forAlpha2: "BO") == "Bolivia")
        #expect(Countries.name(forAlpha2: "UK") == nil)
        #expect(Countries.alpha3(forAlpha2: "GB") == "GBR")
        #expect(Countries.alpha3(forAlpha2: "de") == nil)
    }
}

@Suite struct PostcodesTests {
    /// Valid and invalid examples for every country that has patterns.
    static let examples: [(country: String, valid: [String], invalid: [String])] = [
        ("AT", ["1010", "6020"], ["101", "10100", "A010"]),
        ("AU", ["2000", "0800"], ["200", "20000", "2OOO"]),
        ("BE", ["1000", "9000"], ["100", "10000", "B-1000"]),
        ("BR", ["01000-000", "01000000", "20040-020"], ["01000-00", "0100-0000", "1000000", "01000 000"]),
        ("CA", ["K1A 0B1", "k1a 0b1", "M5V3L9", "H2X 1Y4"], ["K1A 0B", "K1A-0B1", "12A 0B1", "K1A  0B1", "KK1 0B1"]),
        ("CH", ["8001", "1200"], ["800", "80011", "CH-8001"]),
        ("CN", ["100000", "200120"], ["10000", "1000000", "10000A"]),
        ("CZ", ["110 00", "11000"], ["110-00", "1100", "110 0"]),
        ("DE", ["10115", "01067", "80331"], ["1011", "101155", "1011A", "D-10115", "10 115"]),
        ("DK", ["1050", "8000"], ["105", "10500", "DK-1050"]),
        ("ES", ["28001", "08001"], ["2800", "280010", "28-001"]),
        ("FI", ["00100", "33100"], ["0010", "001000", "FI-00100"]),
        ("FR", ["75001", "01000", "97400"], ["7500", "750010", "75 001", "2A004"]),
        (
            "GB",
            [
                "SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "sw1a 1aa",
                "SW1A1AA", "M11AE", "GIR 0AA",
            ],
            ["SW1A 1A", "SW1A-1AA", "1SW 1AA", "M1 AAE", "SW1AA 1AA", "M 1AE", "EC1A 1BBB", "B33 8T8", "SW1A  1AA"]
        ),
        ("GG", ["GY1 1AA", "GY10 1AB"], ["GY1", "12345"]),
        ("GR", ["105 57", "10557"], ["1055", "105-57"]),
        ("HU", ["1011", "4025"], ["101", "H-1011"]),
        (
            "IE", ["D02 X285", "A65 F4E2", "D6W 1234", "d02x285", "T12 AB3C"],
            ["D02 X28", "D02-X285", "12A X285", "D6 X285"]
        ),
        ("IM", ["IM1 1AA", "IM9 4PQ"], ["IM1", "1234"]),
        ("IN", ["110001", "110 001"], ["11000", "1100011", "110-001"]),
        ("IT", ["00100", "20121"], ["0010", "001000", "I-00100"]),
        ("JE", ["JE2 3XP", "JE1 1AA"], ["JE2", "JE23"]),
        ("JP", ["100-0001", "1000001", "060-0001"], ["100-001", "100 0001", "10000001", "1000-001"]),
        ("KR", ["03187", "06236"], ["0318", "031870", "031-87"]),
        ("LI", ["9490", "9485"], ["949", "94900"]),
        ("LU", ["1009", "L-1009", "l-1009"], ["109", "L1009", "LU-1009"]),
        ("MX", ["01000", "06600"], ["0100", "010000"]),
        ("NL", ["1012 JS", "1012JS", "1012 js", "3011 AB"], ["1012", "1012 J", "1012-JS", "1012 J5", "AB12 JS"]),
        ("NO", ["0150", "5003"], ["150", "01500", "N-0150"]),
        ("NZ", ["6011", "0110"], ["611", "60110"]),
        ("PL", ["00-950", "31-042"], ["00950", "00-95", "0-0950"]),
        ("PT", ["1000-001", "4000-322"], ["1000001", "1000-01", "1000 001"]),
        ("SE", ["111 20", "11120", "41319"], ["111-20", "1112", "111 2", "S-111 20"]),
        ("SG", ["018956", "238859"], ["18956", "0189560"]),
        ("SK", ["811 01", "81101"], ["8110", "811-01"]),
        (
            "US", ["90210", "06084", "90210-1234", "902101234", " 90210 ", "\t10001"],
            ["9021", "902101", "90210-123", "9O210", "90210 1234", "ABCDE"]
        ),
        ("ZA", ["0001", "8001"], ["001", "80011"]),
    ]

    @Test func everyPatternCountryHasExamples() {
        #expect(Self.examples.map(\.country).sorted() == Postcodes.countriesWithPatterns)
        #expect(Postcodes.countriesWithPatterns.allSatisfy(Countries.isValidAlpha2))
    }

    @Test func requiredCountriesHavePatterns() {
        let required = ["US", "CA", "GB", "DE", "FR", "NL", "DK", "IT", "ES", "SE", "NO", "AU", "JP", "BR"]
        for country in required {
            #expect(!Postcodes.patterns(forCountry: country).isEmpty, "\(country)")
        }
    }

    @Test(arguments: examples)
    func validPostcodesPass(_ example: (country: String, valid: [String], invalid: [String])) {
        for postcode in example.valid {
            #expect(Postcodes.isValid(postcode, country: example.country) == true, "\(example.country) \(postcode)")
        }
    }

    @Test(arguments: examples)
    func invalidPostcodesFail(_ example: (country: String, valid: [String], invalid: [String])) {
        #expect(example.invalid.count >= 2)
        for postcode in example.invalid + ["", " ", "ünïcode"] {
            #expect(Postcodes.isValid(postcode, country: example.country) == false, "\(example.country) \(postcode)")
        }
    }

    @Test func countryCodeCaseAndSpacesAreIgnored() {
        #expect(Postcodes.isValid("  SW1A 1AA  ", country: "gb") == true)
        #expect(Postcodes.isValid("ec1a 1bb", country: "Gb") == true)
    }

    @Test(arguments: ["AE", "HK", "XX", "", "GBR", "U"])
    func countriesWithoutPatternsPassAnything(_ country: String) {
        #expect(Postcodes.isValid("whatever 123", country: country) == nil)
        #expect(Postcodes.restoredLeadingZeros("123", country: country) == nil)
        #expect(Postcodes.patterns(forCountry: country).isEmpty)
    }

    @Test(
        arguments: [
            ("6084", "US", "06084"), ("501", "US", "00501"), (" 6084 ", "US", "06084"),
            ("60841234", "US", "060841234"), ("1067", "DE", "01067"), ("1000", "FR", "01000"), ("100", "IT", "00100"),
            ("8001", "ES", "08001"), ("100", "FI", "00100"), ("150", "NO", "0150"), ("800", "AU", "0800"),
            ("800", "DK", "0800"), ("110", "NZ", "0110"), ("600001", "JP", "0600001"), ("1000000", "BR", "01000000"),
            ("18956", "SG", "018956"), ("1000", "MX", "01000"), ("3187", "KR", "03187"), ("1", "ZA", "0001"),
        ] as [(String, String, String)])
    func leadingZerosAreRestored(_ postcode: String, _ country: String, _ restored: String) {
        #expect(Postcodes.restoredLeadingZeros(postcode, country: country) == restored)
        #expect(Postcodes.isValid(restored, country: country) == true)
    }

    @Test(
        arguments: [
            ("06084", "US"),  // already valid
            ("12345", "US"),  // already valid
            ("0684", "US"),  // starts with 0: the zeros were not dropped by a spreadsheet
            ("12A4", "US"),  // not all digits
            ("", "US"), ("  ", "US"),
            ("123456", "DE"),  // longer than the format
            ("6084", "GB"),  // no all-digit format
            ("1234", "NL"),  // no all-digit format
            ("123", "PL"),  // only a dashed format
            ("6084", "XX"),  // no patterns
            ("-6084", "US"), ("6 084", "US"),
        ] as [(String, String)])
    func leadingZerosAreNotInvented(_ postcode: String, _ country: String) {
        #expect(Postcodes.restoredLeadingZeros(postcode, country: country) == nil)
    }
}

@Suite struct ValueChecksTests {
    @Test(arguments: [
        "a@example.com", "first.last+tag@sub.example.co.uk", "a_b@ex-ample.io", "user@xn--bcher-kva.ch",
        "ü@münchen.de", "user@example.xn--p1ai", "o'brien@example.ie", "1@2.ab",
    ])
    func plausibleEmails(_ email: String) {
        #expect(ValueChecks.isPlausibleEmail(email))
    }

    @Test(arguments: [
        "", "@example.com", "a@", "a", "a@example", "a@@example.com", "a@b@example.com", "a @example.com",
        "a@example .com", " a@example.com", "a@example.com ", "a,b@example.com", "<a@example.com>",
        "Name <a@example.com>", "a@example.c", "a@example.c0m", "a@example.1com", "a@.example.com",
        "a@example..com", "a@example.com.", "a@example.com;b@example.com", "a\t@example.com", "a@exa<mple.com",
        "a@exa(mple.com", "a@example.com\n", "a@example.xn--",
    ])
    func implausibleEmails(_ email: String) {
        #expect(!ValueChecks.isPlausibleEmail(email))
    }

    /// The one-pass, table-driven check agrees with the rule as documented, written out plainly, on random
    /// strings of every byte class the rule tells apart.
    @Test func emailCheckAgreesWithItsDefinition() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "x", "n", "-", "-", "0", "9", "_", ".", ".", "@", "@", " ", ",", ";", "<", ">", "\t", "\u{7F}",
                      "(", "+", "'", "ü", "日", "xn--", "com", "example", "a@b.co"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(ValueChecks.isPlausibleEmail(text) == Self.plausibleByDefinition(text), "\(text.debugDescription)")
        }
    }

    private static func plausibleByDefinition(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let nowhere: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x7F]
        if bytes.contains(where: { $0 <= 0x20 || nowhere.contains($0) }) { return false }
        let ats = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first, at > 0 else { return false }
        let labels = bytes[(at + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        func isLetter(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
        func isDomainByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F }
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDomainByte) }), let top = labels.last else { return false }
        if top.count >= 5, String(decoding: top.prefix(4), as: UTF8.self).lowercased() == "xn--" { return true }
        return top.count >= 2 && top.allSatisfy(isLetter)
    }

    @Test(arguments: ["1.23E+11", "3.65275E+11", "1E+11", "1,23E+11", "12e+5", "9.99999E+100"])
    func excelMangledValues(_ value: String) {
        #expect(ValueChecks.looksExcelMangled(value))
    }

    @Test(arguments: [
        "", "12345", "1.23", "1.23E11", "1.23E-11", "1.23E+", "E+11", ".5E+11", "1.E+11", "1.23E+11 ",
        " 1.23E+11", "1.2.3E+4", "1.23E+1a", "1.23e++11", "-1.23E+11", "abc", "1.23E+11E+2", "SKU-1.23E+11",
    ])
    func ordinaryValuesAreNotExcelMangled(_ value: String) {
        #expect(!ValueChecks.looksExcelMangled(value))
    }

    @Test(
        arguments: [
            ("1", 1), ("10", 10), ("007", 7), (" 3 ", 3), ("\t2", 2), ("1000000", 1_000_000), ("0001000000", 1_000_000),
        ] as [(String, Int)])
    func validQuantities(_ text: String, _ quantity: Int) {
        #expect(ValueChecks.parseQuantity(text) == quantity)
    }

    @Test(arguments: [
        "0", "000", "-1", "+1", "two", "1.5", "", "   ", "1e3", "1000001", "99999999999999999999999", "1 000",
        "1,000", "\u{661}", "\u{FF11}", "0x10",
    ])
    func invalidQuantities(_ text: String) {
        #expect(ValueChecks.parseQuantity(text) == nil)
    }

    @Test func supportedExtensions() {
        #expect(ValueChecks.supportedDesignExtensions == ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "svg"])
    }

    @Test(arguments: [
        "https://x.example.com/a.pdf", "https://x.example.com/a.pdf?dl=1", "http://x.example.com/path/to/file.PNG",
        "HTTPS://x.example.com/a.jpeg#page=2", "https://user:pw@x.example.com:8443/a.tiff",
        "https://x.example.com/a.svg?name=b.psd", "https://[::1]:8080/a.tif", "https://x.example.com/dir.v2/a.jpg",
        "https://x.example.com/Gr%C3%B6%C3%9Fe.pdf", "https://x.example.com/München.pdf",
    ])
    func usableDesignURLs(_ url: String) {
        #expect(ValueChecks.designURLProblem(url) == nil)
    }

    @Test(arguments: [
        "ftp:/files example/x", "ftp://x.example.com/a.pdf", "https:/x.example.com/a.pdf", "//x.example.com/a.pdf",
        "x.example.com/a.pdf", "https:///a.pdf", "https://x.example.com/a b.pdf", "https://x.example.com/a.pdf\n",
        "", "https://:80/a.pdf", "https://x.example.com:port/a.pdf", "mailto:a@example.com", "https://user@/a.pdf",
        "https://[::1/a.pdf", "httpx://x.example.com/a.pdf", " https://x.example.com/a.pdf",
    ])
    func invalidDesignURLs(_ url: String) {
        let problem = ValueChecks.designURLProblem(url)
        guard case .invalid(let reason) = problem else {
            Issue.record("expected .invalid for \(url.debugDescription), got \(String(describing: problem))")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func invalidReasonsNameTheFault() {
        #expect(ValueChecks.designURLProblem("https://x.example.com/a b.pdf") == .invalid(reason: "contains a space"))
        #expect(
            ValueChecks.designURLProblem("ftp://x.example.com/a.pdf")
                == .invalid(reason: "not an absolute http or https URL"))
        #expect(ValueChecks.designURLProblem("https:///a.pdf") == .invalid(reason: "no host"))
    }

    @Test(
        arguments: [
            ("https://x.example.com/a.PSD", "psd"), ("https://x.example.com/design", ""),
            ("https://x.example.com/", ""),
            ("https://x.example.com", ""), ("https://x.example.com?file=a.pdf", ""),
            ("https://x.example.com/a.pdf/", ""),
            ("https://x.example.com/a.", ""), ("https://x.example.com/archive.tar.gz", "gz"),
            ("https://x.example.com/dir.pdf/file", ""), ("https://x.example.com/a.zip?name=b.pdf", "zip"),
            ("https://x.example.com/a.Ai#x.pdf", "ai"), ("https://x.example.com/a.pdff", "pdff"),
        ] as [(String, String)])
    func unsupportedDesignFormats(_ url: String, _ ext: String) {
        #expect(ValueChecks.designURLProblem(url) == .unsupportedFormat(ext: ext))
    }

    @Test(
        arguments: [
            ("Colour", "color"), ("Color", "color"), ("COLOUR", "color"), ("Colours", "colors"),
            ("Multicolour Print", "multicolorprint"), ("21 × 30 cm", "21x30cm"), ("21x30cm", "21x30cm"),
            ("21 X 30 CM", "21x30cm"), ("21\u{A0}×\u{202F}30", "21x30"), ("A4 Portrait", "a4portrait"),
            ("Größe", "größe"), ("ÉCRU", "écru"), ("\tMatte\n", "matte"), ("", ""), ("colou r", "color"),
            ("Farbe: Weiß", "farbe:weiß"), ("Couleur", "couleur"), ("Colour × Größe", "colorxgröße"),
            ("Ünï COLOUR", "ünïcolor"), ("Poster\u{3000}A3", "postera3"),
        ] as [(String, String)])
    func normalizedSpecs(_ value: String, _ normalized: String) {
        #expect(ValueChecks.normalizedSpec(value) == normalized)
    }

    @Test func specSpellingsCompareEqualOrNot() {
        #expect(ValueChecks.normalizedSpec("Colour") == ValueChecks.normalizedSpec("Color"))
        #expect(ValueChecks.normalizedSpec("21 × 30 cm") == ValueChecks.normalizedSpec("21x30cm"))
        #expect(ValueChecks.normalizedSpec("21 x 30 cm") == ValueChecks.normalizedSpec("21×30 CM"))
        #expect(ValueChecks.normalizedSpec("21x30cm") != ValueChecks.normalizedSpec("30x21cm"))
        #expect(ValueChecks.normalizedSpec("Matte") != ValueChecks.normalizedSpec("Glossy"))
    }

    @Test(
        arguments: [
            (ValueChecks.AddressField.firstName, 25), (.lastName, 25), (.companyName, 60), (.addressLine1, 35),
            (.addressLine2, 35), (.city, 30), (.postCode, 15), (.phone, 25),
        ] as [(ValueChecks.AddressField, Int)])
    func fieldLimits(_ field: ValueChecks.AddressField, _ limit: Int) {
        #expect(field.maxLength == limit)
        #expect(!field.isTooLong(String(repeating: "a", count: limit)))
        #expect(field.isTooLong(String(repeating: "a", count: limit + 1)))
        // Characters, not bytes: "ü" is two bytes, "e" + U+0301 and a flag are one character each.
        #expect(!field.isTooLong(String(repeating: "ü", count: limit)))
        #expect(field.isTooLong(String(repeating: "ü", count: limit + 1)))
        #expect(!field.isTooLong(String(repeating: "e\u{301}", count: limit)))
        #expect(!field.isTooLong(String(repeating: "🇩🇪", count: limit)))
        #expect(field.isTooLong(String(repeating: "🇩🇪", count: limit + 1)))
        #expect(!field.isTooLong(String(repeating: "\r\n", count: limit)))
        #expect(field.isTooLong(String(repeating: "\r\n", count: limit + 1)))
        #expect(field.isTooLong("Straße " + String(repeating: "x", count: limit)))
    }

    @Test func addressFieldsAreComplete() {
        #expect(ValueChecks.AddressField.allCases.count == 8)
        #expect(ValueChecks.AddressField(rawValue: "postCode") == .postCode)
        #expect(ValueChecks.AddressField.addressLine1.rawValue == "addressLine1")
    }
}
