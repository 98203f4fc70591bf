import Foundation
import IntakePipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The progress line on standard error while a command reads its inputs (`ProgressLine` renders it).
///
/// It shows only on a terminal: standard error a TTY, `TERM` not `dumb`, no `--quiet`. `--json` does not stop it:
/// the JSON goes to standard output, the bar to standard error. A thread of its own wakes every 100 ms, draws
/// nothing during the first second (`INTAKE_PROGRESS_DELAY_MS` changes that; `0` draws at once, for tests and
/// demos), then redraws the line in place, fitted to the terminal's width. `stop()` erases it, so that what the
/// command prints next starts on a clean line.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: `stopping` and `finished` are only touched under `condition`; the rest is immutable.

    /// What the pipeline counts and the bar shows.
    let counters = ProgressCounters()
    private let started = DispatchTime.now()
    private let delay: Double
    private let condition = NSCondition()
    private var stopping = false
    private var finished = false

    /// How often the line is redrawn, in seconds.
    private static let interval = 0.1

    private init(delay: Double) {
        self.delay = delay
    }

    /// Starts a bar when standard error is a terminal (and `TERM` is not `dumb`).
    /// - Returns: the bar, or `nil` when there is to be none.
    static func start() -> ProgressBar? {
        let environment = ProcessInfo.processInfo.environment
        guard Terminal.isInteractive, environment["TERM"] != "dumb" else { return nil }
        let milliseconds = environment["INTAKE_PROGRESS_DELAY_MS"].flatMap { Int($0) }.map { max($0, 0) } ?? 1000
        let bar = ProgressBar(delay: Double(milliseconds) / 1000)
        // Ctrl-C (or a kill) while the line shows: erase it, then die of the signal as without a bar (the shell
        // sees 130; a killed run is rolled back by the next one, as always).
        signal(SIGINT, eraseAndDie)
        signal(SIGTERM, eraseAndDie)
        // A parent may have left them blocked (a process inherits its mask): the operator's Ctrl-C must arrive.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        if milliseconds == 0 { bar.draw() }
        let thread = Thread { bar.loop() }
        thread.name = "intake-progress"
        thread.start()
        return bar
    }

    /// Stops the thread and erases the line; returns once nothing more will be drawn.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        Terminal.clearProgress()
    }

    private var elapsed: Double {
        Double(DispatchTime.now().uptimeNanoseconds &- started.uptimeNanoseconds) / 1e9
    }

    /// The thread's body: draws every `interval` (under the lock, so that no line comes after `stop()`).
    private func loop() {
        condition.lock()
        defer {
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        while !stopping {
            _ = condition.wait(until: Date(timeIntervalSinceNow: Self.interval))
            if !stopping && elapsed >= delay { draw() }
        }
    }

    private func draw() {
        Terminal.showProgress(ProgressLine.render(counters.snapshot(), elapsed: elapsed, width: Self.columns()))
    }

    /// The terminal's width: from the terminal itself, else `COLUMNS`, else 80.
    private static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        return 80
    }
}

/// The handler of SIGINT and SIGTERM while a progress line shows: only async-signal-safe calls (`write`, `signal`,
/// `raise`), no lock, no allocation.
private let eraseAndDie: @convention(c) (Int32) -> Void = { number in
    var erase: (UInt8, UInt8, UInt8, UInt8, UInt8) = (13, 27, 91, 75, 10)  // "\r\u{1B}[K\n"
    _ = withUnsafeBytes(of: &erase) { write(2, $0.baseAddress, $0.count) }
    signal(number, SIG_DFL)
    raise(number)
}
