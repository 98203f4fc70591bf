import Foundation
import Logging

/// Where `intake` sends swift-log's records: one line each on standard error, `intake: info: message` (after
/// clearing the progress line, through `Terminal`), never on standard output.
///
/// The level is the command's (`LogSettings`), not the handler's own, so that the loggers the libraries made
/// before the command line was read follow `--verbose` and `--quiet` too; a `Logger` whose level is set keeps
/// its own.
struct StandardErrorLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private var ownLevel: Logger.Level?

    var logLevel: Logger.Level {
        get { ownLevel ?? LogSettings.level }
        set { ownLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "intake: \(event.level.rawValue): "
        if let elapsed = LogSettings.elapsed { line += String(format: "[%.3fs] ", elapsed) }
        line += event.message.description
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        Terminal.write(line + "\n")
    }
}

/// The level `intake` logs at: `warning` by default, `info` with `--verbose`, `error` with `--quiet`;
/// `INTAKE_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical) overrides all three.
enum LogSettings {
    /// The level chosen in the environment, if a valid one.
    static let environmentLevel: Logger.Level? = ProcessInfo.processInfo.environment["INTAKE_LOG_LEVEL"].flatMap {
        Logger.Level(rawValue: $0.lowercased())
    }

    private static let current = LockedLevel(environmentLevel ?? .warning)
    private static let start = DispatchTime.now()

    /// The level in force.
    static var level: Logger.Level { current.value }

    /// Seconds since the program started, shown in each line from `info` down (`--verbose`); `nil` above.
    static var elapsed: Double? {
        guard current.value <= .info else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds &- start.uptimeNanoseconds) / 1e9
    }

    /// Sends every `Logger` to `StandardErrorLogHandler`; once, first thing in `main`.
    static func bootstrap() {
        _ = start
        LoggingSystem.bootstrap { _ in StandardErrorLogHandler() }
        if let value = ProcessInfo.processInfo.environment["INTAKE_LOG_LEVEL"], environmentLevel == nil {
            Terminal.write("intake: warning: INTAKE_LOG_LEVEL=\(value) is not a level (\(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))); ignored\n")
        }
    }

    /// Sets the level from a command's flags (unless `INTAKE_LOG_LEVEL` set it).
    /// - Parameters:
    ///   - verbose: `--verbose`: `info`.
    ///   - quiet: `--quiet`: `error`.
    static func configure(verbose: Bool, quiet: Bool) {
        guard environmentLevel == nil else { return }
        current.value = quiet ? .error : verbose ? .info : .warning
    }
}

/// A level that any thread may read while the command's thread sets it.
private final class LockedLevel: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: Logger.Level

    init(_ level: Logger.Level) { stored = level }

    var value: Logger.Level {
        get {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
        set {
            lock.lock()
            stored = newValue
            lock.unlock()
        }
    }
}
