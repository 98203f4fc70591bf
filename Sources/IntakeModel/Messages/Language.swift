/// The languages an operator can read messages in: the languages of the product's own help pages.
///
/// Codes, column names and the keys of machine files never change with the language; only the words written for
/// people do (issue messages and hints, the HTML report).
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case english = "en"
    case danish = "da"
    case german = "de"
    case french = "fr"
    case italian = "it"
    case portuguese = "pt"

    /// The one of six values that belongs to this language: how each per-language table is picked.
    public func pick<T>(english: T, danish: T, german: T, french: T, italian: T, portuguese: T) -> T {
        switch self {
        case .english: english
        case .danish: danish
        case .german: german
        case .french: french
        case .italian: italian
        case .portuguese: portuguese
        }
    }

    /// The language a tag names: `de`, `de-DE`, `de_DE.UTF-8`, `pt-BR`, `PT` ...; `nil` for one we do not have.
    public init?(tag: String) {
        let primary = tag.prefix { $0.isLetter }.lowercased()
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The language to use: `option` (`--lang`) when given, else `INTAKE_LANG`, else the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set (POSIX's order), else English. A locale we have no messages for
    /// (`es_ES`, `C`, `POSIX`) is English too.
    /// - Throws: `LanguageError` when `option` names a language we do not have (the locale never throws).
    public static func resolve(option: String?, environment: [String: String]) throws(LanguageError) -> Language {
        if let option {
            guard let language = Language(tag: option) else { throw LanguageError(tag: option) }
            return language
        }
        if let value = environment["INTAKE_LANG"], !value.isEmpty {
            guard let language = Language(tag: value) else { throw LanguageError(tag: value) }
            return language
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(tag: value) ?? .english
        }
        return .english
    }
}

/// `--lang` named a language without messages.
public struct LanguageError: Error, Sendable, CustomStringConvertible {
    /// The tag as given.
    public var tag: String

    public var description: String {
        "no messages in '\(tag)': choose one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
