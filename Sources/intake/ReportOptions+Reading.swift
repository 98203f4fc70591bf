import IntakePipeline

extension ReportOptions {
    /// Runs the part of a command that reads its inputs, with the log level set from `--verbose` and `--quiet`.
    /// Every command that reads files goes through here.
    /// - Parameter body: reads the inputs, counting into the counters it is given (`nil`: nothing shows them).
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    func reading<T>(_ body: (ProgressCounters?) throws -> T) throws -> T {
        LogSettings.configure(verbose: verbose, quiet: quiet)
        return try body(nil)
    }
}
