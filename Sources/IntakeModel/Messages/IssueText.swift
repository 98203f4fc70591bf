/// What an issue code means and what to do about it, for people: one entry per code and language.
///
/// The tables are data (one file per language, `IssueText+<language>.swift`), keyed by code, so a translator
/// edits one file and a test checks that every code has its message and hint in every language. An issue found
/// in a row carries its own, more precise English message (naming the value, the columns, the first line of a
/// duplicate ...); in another language the row gets its code's message and hint from these tables, and the
/// column and value stay in their own columns.
public struct IssueText: Sendable, Hashable {
    /// What is wrong, as one sentence.
    public var message: String
    /// What to do about it.
    public var hint: String

    /// Creates an entry.
    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    /// The entry for `code` in `language` (English where a table lacks it, which a test forbids).
    public static func of(_ code: IssueCode, in language: Language) -> IssueText {
        table(language)[code] ?? english[code] ?? IssueText(message: code.rawValue, hint: "")
    }

    /// The whole table of one language.
    public static func table(_ language: Language) -> [IssueCode: IssueText] {
        language.pick(english: english, danish: danish, german: german, french: french, italian: italian, portuguese: portuguese)
    }
}

extension Issue {
    /// The issue as an operator reading `language` sees it: in English as found, with its precise message;
    /// in another language with its code's message and hint from `IssueText`.
    public func localized(_ language: Language) -> Issue {
        guard language != .english else { return self }
        var issue = self
        let text = IssueText.of(code, in: language)
        issue.message = text.message
        issue.hint = text.hint
        return issue
    }
}
