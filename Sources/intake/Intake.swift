import ArgumentParser
import CIntakeSystem
import Foundation
import IntakeCSV
import IntakePipeline
import IntakeStore

/// The `intake` command: takes orders from customers' web shops into production.
@main
struct Intake: ParsableCommand {
    // Every command names itself: without `commandName`, ArgumentParser derives the name from the type's name
    // with `String(describing:)` for each command at every start, a fifth of a run's start-up.
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Take store exports and order CSVs into production: validate, connect, import, publish jobs.",
        discussion: """
            Exit codes: 0 every row accepted (warnings allowed) · 1 some rows rejected · 2 usage or configuration \
            error, nothing read · 3 an input file or archive entry was skipped · 4 aborted by policy, or outputs could \
            not be written (a full disk): nothing published · 5 internal error.
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Run.self, CatalogCommand.self, CustomersCommand.self, StoresCommand.self, ProductsCommand.self,
            ConnectionsCommand.self, OrdersCommand.self, StatusCommand.self, RunsCommand.self, TemplatesCommand.self, OperatorsCommand.self,
            AuditCommand.self,
        ]
    )

    /// Parses, runs, and maps every outcome to the contract's exit codes (ArgumentParser's own usage errors
    /// would exit 64; the contract says 2).
    static func main() {
        intake_share_malloc_arena()
        LogSettings.bootstrap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UsageError {
            Terminal.error(error.message)
            Foundation.exit(ExitStatus.usage.rawValue)
        } catch let error as AccessError {
            Terminal.error(error.message)
            Foundation.exit(ExitStatus.usage.rawValue)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as FileWriteError {
            // Not a bug: the disk is full, the directory read-only... A run publishes and records nothing then
            // (its outputs were still in their temporary directory): aborted, as by policy.
            Terminal.error("\(error); nothing was published or recorded: make room (or choose another output directory) and run again")
            Foundation.exit(ExitStatus.aborted.rawValue)
        } catch let error as RouteDeliveryError {
            // Published, but not every routed job reached its folder: a person should look (the next run finishes it).
            Terminal.error("\(error)")
            Foundation.exit(ExitStatus.aborted.rawValue)
        } catch let error as StoreError where error.kind == .writeFailed {
            // Likewise for the state: its transaction rolled back, so the run is neither recorded nor published.
            Terminal.error("\(error); nothing was published or recorded: make room and run again")
            Foundation.exit(ExitStatus.aborted.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                Terminal.write(fullMessage(for: error) + "\n")
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            Terminal.error("internal error (a bug, please report it): \(error)")
            Foundation.exit(ExitStatus.internalError.rawValue)
        }
    }
}

/// Writing to standard error, the operator's channel (standard output carries only requested output).
///
/// The command's thread, the log handler and the progress bar's thread all write here, one at a time; a progress
/// line on screen is cleared before anything else is written (the bar draws it again on its next tick).
enum Terminal {
    private static let screen = ProgressLineState()
    /// Back to the start of the line, then erase to its end.
    private static let clearLine = "\r\u{1B}[K"

    static func write(_ text: String) {
        screen.withLock { shown in
            FileHandle.standardError.write(Data(((shown ? clearLine : "") + text).utf8))
            shown = false
        }
    }

    /// Draws the progress line over the one on screen (it holds no line feed).
    static func showProgress(_ line: String) {
        screen.withLock { shown in
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
            shown = true
        }
    }

    /// Erases the progress line, if one is on screen.
    static func clearProgress() {
        screen.withLock { shown in
            if shown { FileHandle.standardError.write(Data(clearLine.utf8)) }
            shown = false
        }
    }

    static func error(_ message: String) {
        write("intake: error: \(message)\n")
    }

    /// Whether standard error is a terminal (progress and colour only then).
    static var isInteractive: Bool { isatty(2) == 1 }
}

/// Whether a progress line is on screen, under the lock that orders all writes to standard error.
private final class ProgressLineState: @unchecked Sendable {
    // @unchecked: `shown` is only touched under `lock`.
    private let lock = NSLock()
    private var shown = false

    func withLock(_ body: (inout Bool) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&shown)
    }
}
