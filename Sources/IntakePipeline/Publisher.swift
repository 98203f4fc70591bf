import Foundation
import IntakeModel
import IntakeStore

/// Exactly-once publishing (architecture.md): a run writes into a temporary directory beside its output
/// directory; then, in one SQLite transaction, records its state changes and its ledger entries with the run
/// marked *publishing*; waits until the directory is durable (its fsyncs run meanwhile); renames it into place;
/// marks the run *published*. A run found *publishing* on the next start is finished (its directory is there) or
/// rolled back (it is not), so a kill at any moment loses and duplicates nothing.
enum Publisher {
    /// The hidden temporary directory of a run, beside its output directory (same file system: rename is atomic).
    static func temporaryDirectory(for final: String, run: String) -> String {
        let url = URL(fileURLWithPath: final).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        return (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).\(run).partial")
    }

    /// Records a finished run and publishes its directory.
    /// - Parameters:
    ///   - changes: the run's other state changes (catalog, connections ...), committed with the ledger: one
    ///     transaction, one fsync of the state.
    ///   - outputsDurable: waits until the directory's files are durable; it must return before the rename, not
    ///     before the ledger (a kill in between is rolled back), so their fsyncs overlap the transaction.
    static func publish(runID: String, temporary: String, final: String, ledger: any LedgerSource, state: any StateStore,
                        changes: () throws -> Void, outputsDurable: () throws -> Void) throws {
        try record(runID: runID, ledger: ledger, state: state, changes: changes)
        PhaseTrace.mark("state changes and ledger committed")
        FaultInjection.point("publish.after-ledger")
        let parent = URL(fileURLWithPath: final).standardizedFileURL.deletingLastPathComponent().path
        do {
            try outputsDurable()
            PhaseTrace.mark("outputs synced")
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            try state.rollBack(runID: runID)
            throw error
        }
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            try state.rollBack(runID: runID)
            throw UsageError("cannot move the outputs into \(final): \(reason); nothing was published")
        }
        try Durability.synchronizeDirectory(parent)
        FaultInjection.point("publish.after-rename")
    }

    /// Commits a run's state changes and its ledger entries, the run marked *publishing*, in one transaction.
    /// The ledger goes first: `changes` ends with the audit entry, which waits for the inputs' digests, and the
    /// hashing thread finishes while this one writes the ledger (one transaction: the order inside it changes
    /// nothing of what is committed).
    static func record(runID: String, ledger: any LedgerSource, state: any StateStore, changes: () throws -> Void) throws {
        try state.inOneTransaction {
            try state.markPublishing(runID: runID, ledger: ledger)
            try changes()
        }
    }

    /// Finishes or rolls back runs that a killed process left behind, and removes their temporary folders;
    /// returns notes for the summary. Folders go before records change, so a kill during recovery itself leaves
    /// a state the next recovery still finishes.
    static func recover(_ state: any StateStore) throws -> [String] {
        var notes: [String] = []
        let fileManager = FileManager.default
        for run in try state.runs() {
            let published = run.status == .publishing && !run.outputDirectory.isEmpty && fileManager.fileExists(atPath: run.outputDirectory)
            if !run.temporaryDirectory.isEmpty, fileManager.fileExists(atPath: run.temporaryDirectory) {
                // Routed jobs it staged in their destination folders go first (its plan is in the folder).
                if let plan = RouteDelivery.plan(in: run.temporaryDirectory) { RouteDelivery.discard(plan) }
                try? fileManager.removeItem(atPath: run.temporaryDirectory)
            }
            switch run.status {
            case .publishing where published:
                if let plan = RouteDelivery.plan(in: run.outputDirectory) {
                    do {
                        try RouteDelivery.commit(plan)
                    } catch {
                        notes.append("run \(run.id) is published, but its routed jobs could not all be moved into their folders: \(error); the next run tries again")
                        continue
                    }
                }
                try state.finishRun(id: run.id, status: .published, summaryJSON: nil)
                notes.append("run \(run.id) had been interrupted after publishing; it is now marked published")
            case .publishing:
                try state.rollBack(runID: run.id)
                notes.append("run \(run.id) had been interrupted while publishing; it was rolled back, its orders are published again now")
            case .running:
                try state.finishRun(id: run.id, status: .aborted, summaryJSON: nil)
                notes.append("run \(run.id) had been interrupted before publishing; nothing of it was published")
            default:
                break
            }
        }
        return notes
    }

    /// A new run id (`20261123T101500Z-1a2b3c`) and today's date (`2026-11-23`, UTC).
    static func newRunID() -> (id: String, date: String) {
        let now = UTCTime.now
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return ("\(now.compact)-\(String(repeating: "0", count: 6 - suffix.count))\(suffix)", now.day)
    }

    /// The time now, ISO 8601 in UTC.
    static func timestamp() -> String { UTCTime.now.iso8601 }

    /// `{pipeline}` (already file-safe), `{run}` and `{date}` replaced.
    static func substitute(_ template: String, pipeline: String, run: String, date: String) -> String {
        template.replacingOccurrences(of: "{pipeline}", with: pipeline)
            .replacingOccurrences(of: "{run}", with: run)
            .replacingOccurrences(of: "{date}", with: date)
    }
}

/// Crash points for the crash-safety tests: with `INTAKE_FAULT=<name>` in the environment the process kills
/// itself with SIGKILL at that point, as a power cut or an OOM killer would.
enum FaultInjection {
    static let armed = ProcessInfo.processInfo.environment["INTAKE_FAULT"]

    static func point(_ name: String) {
        if armed == name { kill(getpid(), SIGKILL) }
    }
}
