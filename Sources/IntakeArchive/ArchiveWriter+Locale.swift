#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ArchiveWriter {
    /// Locales with a UTF-8 character type, most widely installed first (glibc has C.UTF-8 built in since 2.35).
    private static let utf8LocaleNames = ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"]

    /// Runs `body` with a UTF-8 `LC_CTYPE` on the calling thread only, then restores the thread's locale.
    ///
    /// The process runs in the C locale, where libarchive 3.6 cannot convert a non-ASCII entry name to the
    /// "current" charset: the pax writer then crashes (libarchive issue #2233, fixed in PR #2856) and the zip
    /// writer mangles the name. With a UTF-8 character type the conversion is the identity and both write the
    /// name as given. `uselocale` changes this thread alone, and the write is synchronous, so nothing else sees
    /// it; libarchive remembers the charset per handle, which lives entirely inside `body`.
    /// - Parameters:
    ///   - names: the entry names, to refuse non-ASCII ones up front when no UTF-8 locale is installed.
    ///   - destination: where errors point.
    /// - Throws: `ArchiveError` `.writeFailed` for a non-ASCII name without a UTF-8 locale; whatever `body`
    ///   throws.
    static func withUTF8CharacterType<Result>(
        names: [String], destination: String, _ body: () throws(ArchiveError) -> Result
    ) throws(ArchiveError) -> Result {
        var locale: locale_t?
        for name in utf8LocaleNames where locale == nil {
            locale = newlocale(LC_CTYPE_MASK, name, nil)
        }
        guard let locale else {
            // ASCII names convert in any locale; only others would reach libarchive's broken path.
            if let name = names.first(where: { $0.utf8.contains { $0 >= 0x80 } }) {
                throw ArchiveError(
                    kind: .writeFailed, path: destination,
                    message: "entry name '\(name)' is not ASCII, and no UTF-8 locale (C.UTF-8) is installed to "
                        + "write it; the archive was not written")
            }
            return try body()
        }
        defer { freelocale(locale) }
        let previous = uselocale(locale)
        defer { _ = uselocale(previous) }
        return try body()
    }
}
