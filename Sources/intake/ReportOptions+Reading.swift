import IntakePipeline

extension ReportOptions {
    /// Runs the part of a command that reads its inputs: sets the log level from `--verbose` and `--quiet`, shows
    /// the progress bar (on a terminal, without `--quiet`) while `body` reads, and erases it before returning or
    /// throwing, so that the summary or the error is printed on a clean line. Every command that reads files goes
    /// through here.
    /// - Parameter body: reads the inputs, counting into the counters it is given (`nil`: no bar).
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    func reading<T>(_ body: (ProgressCounters?) throws -> T) throws -> T {
        LogSettings.configure(verbose: verbose, quiet: quiet)
        let bar = quiet ? nil : ProgressBar.start()
        defer { bar?.stop() }
        return try body(bar?.counters)
    }
}
