import IntakeModel
import Testing

/// The messages and hints of every issue code, in every language, and how the language is chosen.
@Suite struct IssueTextTests {
    @Test("every code has a message and a hint in every language, translated", arguments: Language.allCases)
    func everyCodeHasItsTextIn(_ language: Language) throws {
        let table = IssueText.table(language)
        for code in IssueCode.allCases {
            let text = try #require(table[code], "\(code.rawValue) has no \(language.rawValue) text")
            let english = try #require(IssueText.table(.english)[code])
            #expect(!text.message.isEmpty && !text.hint.isEmpty, "\(language.rawValue) \(code.rawValue)")
            #expect(text.message.hasSuffix("."), "\(language.rawValue) \(code.rawValue): a message is a sentence")
            if language != .english {
                #expect(text.message != english.message, "\(language.rawValue) \(code.rawValue): the message is not translated")
                #expect(text.hint != english.hint, "\(language.rawValue) \(code.rawValue): the hint is not translated")
            }
        }
        #expect(table.count == IssueCode.allCases.count, "no text for a code that does not exist")
    }

    @Test("what stays as it is in every language: commands, options, file names and examples")
    func literalsSurviveTranslation() {
        for language in Language.allCases {
            #expect(IssueText.of(.unknownCustomer, in: language).hint.contains("intake customers add"), "\(language.rawValue)")
            #expect(IssueText.of(.unrecognizedFormat, in: language).hint.contains("--as KIND"), "\(language.rawValue)")
            #expect(IssueText.of(.excelMangledValue, in: language).message.contains("1.23E+11"), "\(language.rawValue)")
        }
    }

    @Test func aLocalizedIssueKeepsItsCodeColumnAndValue() {
        let issue = IntakeModel.Issue(.invalidEmail, at: SourcePosition(file: "orders.csv", line: 2, record: 1), order: "#1041", column: "Email",
                          value: "lena.hoffmann@example", message: "'lena.hoffmann@example' is not an e-mail address", hint: "write an address")
        let german = issue.localized(.german)
        #expect(german.message == IssueText.of(.invalidEmail, in: .german).message)
        #expect(german.hint == IssueText.of(.invalidEmail, in: .german).hint)
        #expect(german.code == issue.code && german.column == "Email" && german.value == issue.value && german.order == "#1041")
        #expect(german.position == issue.position && german.severity == .error)
        // English keeps the precise message the issue was found with.
        #expect(issue.localized(.english) == issue)
    }

    @Test("a language from --lang, INTAKE_LANG or the locale, in that order")
    func theLanguageIsChosen() throws {
        #expect(try Language.resolve(option: "de", environment: ["LANG": "fr_FR.UTF-8"]) == .german)
        #expect(try Language.resolve(option: "pt-BR", environment: [:]) == .portuguese)
        #expect(try Language.resolve(option: nil, environment: ["INTAKE_LANG": "it", "LC_ALL": "da_DK.UTF-8"]) == .italian)
        #expect(try Language.resolve(option: nil, environment: ["LC_ALL": "da_DK.UTF-8", "LANG": "de_DE.UTF-8"]) == .danish)
        #expect(try Language.resolve(option: nil, environment: ["LC_MESSAGES": "fr_CA.UTF-8", "LANG": "de_DE"]) == .french)
        #expect(try Language.resolve(option: nil, environment: ["LANG": "de_AT.UTF-8"]) == .german)
        // An empty variable is unset; a locale without messages (C, Spanish) is English, not the next variable.
        #expect(try Language.resolve(option: nil, environment: ["LC_ALL": "", "LANG": "de_DE.UTF-8"]) == .german)
        #expect(try Language.resolve(option: nil, environment: ["LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"]) == .english)
        #expect(try Language.resolve(option: nil, environment: ["LANG": "C.UTF-8"]) == .english)
        #expect(try Language.resolve(option: nil, environment: [:]) == .english)
        #expect(throws: LanguageError.self) { try Language.resolve(option: "es", environment: [:]) }
        #expect(throws: LanguageError.self) { try Language.resolve(option: nil, environment: ["INTAKE_LANG": "klingon"]) }
    }
}

/// The statuses production reports, and their spellings.
@Suite struct OrderStatusTests {
    @Test func spellingsProductionUses() {
        #expect(OrderStatus(spelling: "in_production") == .inProduction)
        #expect(OrderStatus(spelling: " In Production ") == .inProduction)
        #expect(OrderStatus(spelling: "in-production") == .inProduction)
        #expect(OrderStatus(spelling: "Cancelled") == .canceled)
        #expect(OrderStatus(spelling: "dispatched") == .shipped)
        #expect(OrderStatus(spelling: "In transit") == .shipped)
        #expect(OrderStatus(spelling: "Produced") == .printed)
        #expect(OrderStatus(spelling: "DELIVERED") == .delivered)
        #expect(OrderStatus(spelling: "lost in space") == nil)
        #expect(OrderStatus(spelling: "") == nil)
        for status in OrderStatus.allCases { #expect(OrderStatus(spelling: status.rawValue) == status) }
        #expect(OrderStatus.shipped.isShipped && OrderStatus.delivered.isShipped && !OrderStatus.printed.isShipped)
    }
}
