#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A UTF-8 character type for the calling thread, for libarchive's name conversions.
///
/// The process runs in the C locale, where libarchive 3.6 cannot convert non-ASCII entry names: reading, a zip
/// entry flagged UTF-8 (`März.csv`) comes back without a name. `uselocale` changes the calling thread only, for
/// the duration of a synchronous call.
enum UTF8Locale {
    /// The UTF-8 locale, created once; `nil` when none is installed.
    nonisolated(unsafe) static let shared: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
        }
        return nil
    }()

    /// Runs `body` with a UTF-8 `LC_CTYPE` on this thread, then restores the thread's locale.
    static func run<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        guard let locale = shared else { return try body() }
        let previous = uselocale(locale)
        defer { _ = uselocale(previous) }
        return try body()
    }
}
