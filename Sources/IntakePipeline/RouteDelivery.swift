import Foundation
import IntakeCSV

/// Moves a run's routed jobs into their destination folders (production hot folders) exactly once, in step with
/// the publish protocol (`Publisher`):
///
/// 1. **Stage** (before the run is published, beside its ledger commit): each route's files are copied into a
///    hidden folder inside its destination, `<to>/.intake-<run>-<route>.partial/`, and fsynced, with the folder
///    (hard links of the run's own files where the destination is on the same file system: no copy).
///    Nothing is in the destination itself yet (hot-folder watchers look at the folder's files, and skip hidden
///    ones).
/// 2. **Commit** (once the run's output folder is in place, before the run is marked published): each staged
///    file is renamed into the destination (a rename within one folder: atomic, never a half-written file), then
///    the hidden folder is removed.
///
/// A staged folder therefore exists from before the run is published until its files are all in place. A run
/// killed before it published leaves staged folders that the next run removes (`discard`, with the plan of the
/// run's temporary folder); a run killed after it published leaves a staged folder whose remaining files the next
/// run moves in (`commit`, with the plan of its output folder): a file already moved is no longer staged, so none
/// is delivered twice, even when production has taken it away meanwhile. A name already taken in the destination
/// (never overwritten: production may be reading it) gets `-2`, `-3` ... before its extension.
enum RouteDelivery {
    /// The hidden folder inside `destination` where a run stages a route's files.
    static func stagingFolder(_ route: RoutePlan.Route, run: String) -> String {
        (route.destination as NSString).appendingPathComponent(".intake-\(run)-\(route.name).partial")
    }

    /// Creates `folder` and its parents; a failure is the `FileWriteError` that names it.
    private static func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: folder, errorNumber: (error as NSError).underlyingErrorNumber ?? EACCES)
        }
    }

    /// Copies each route's files from `directory` (the run's temporary directory) into its staging folder and
    /// makes them durable.
    /// - Throws: `FileWriteError` naming the file that could not be written (nothing is published then).
    static func stage(_ plan: RoutePlan, from directory: String) throws {
        let fileManager = FileManager.default
        for route in plan.routes where !route.files.isEmpty {
            let staging = stagingFolder(route, run: plan.run)
            do {
                try fileManager.createDirectory(atPath: route.destination, withIntermediateDirectories: true)
                if fileManager.fileExists(atPath: staging) { try fileManager.removeItem(atPath: staging) }
                try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
            } catch {
                throw FileWriteError(path: staging, errorNumber: (error as NSError).underlyingErrorNumber ?? EACCES)
            }
            var folders: Set<String> = [staging]
            for file in route.files {
                let target = (staging as NSString).appendingPathComponent(route.relativeInDestination(file))
                let folder = (target as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted { try createFolder(folder) }
                let source = (directory as NSString).appendingPathComponent(file)
                // On the run's own file system a hard link: nothing copied, nothing more to fsync but the folders
                // (the run's files are fsynced before it publishes). Elsewhere, a copy, fsynced.
                if link(source, target) != 0 { try copy(source, to: target) }
                FaultInjection.point("route.staged-one")
            }
            for folder in folders.sorted().reversed() { try Durability.synchronizeDirectory(folder) }
            try Durability.synchronizeDirectory(route.destination)
        }
    }

    /// Moves each route's staged files into its destination and removes the staging folders; a route whose
    /// staging folder is gone was delivered already.
    /// - Throws: `FileWriteError` when a file cannot be moved (the rest stays staged for the next run).
    static func commit(_ plan: RoutePlan) throws {
        let fileManager = FileManager.default
        for route in plan.routes where !route.files.isEmpty {
            let staging = stagingFolder(route, run: plan.run)
            guard fileManager.fileExists(atPath: staging) else { continue }
            var folders: Set<String> = [route.destination]
            for file in route.files {
                let relative = route.relativeInDestination(file)
                let source = (staging as NSString).appendingPathComponent(relative)
                guard fileManager.fileExists(atPath: source) else { continue }  // moved by an earlier attempt
                var target = (route.destination as NSString).appendingPathComponent(relative)
                let folder = (target as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted { try createFolder(folder) }
                target = freeName(target)
                guard rename(source, target) == 0 else { throw FileWriteError(path: target, errorNumber: errno) }
                FaultInjection.point("route.moved-one")
            }
            for folder in folders.sorted().reversed() { try Durability.synchronizeDirectory(folder) }
            try? fileManager.removeItem(atPath: staging)
            try Durability.synchronizeDirectory(route.destination)
        }
    }

    /// Removes the staging folders of a run that did not publish.
    static func discard(_ plan: RoutePlan) {
        for route in plan.routes where !route.files.isEmpty {
            let staging = stagingFolder(route, run: plan.run)
            if FileManager.default.fileExists(atPath: staging) {
                try? FileManager.default.removeItem(atPath: staging)
                try? Durability.synchronizeDirectory(route.destination)
            }
        }
    }

    /// The plan of the run whose outputs are in `directory`, if it routed its jobs.
    static func plan(in directory: String) -> RoutePlan? {
        RoutePlan.read(from: (directory as NSString).appendingPathComponent(RouteOutputs.planName))
    }

    /// `path`, or the first of `name-2.ext`, `name-3.ext` ... that no file takes.
    private static func freeName(_ path: String) -> String {
        guard FileManager.default.fileExists(atPath: path) else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let suffix = dot.map { String(name[$0...]) } ?? ""
        var counter = 2
        while true {
            let candidate = (folder as NSString).appendingPathComponent("\(stem)-\(counter)\(suffix)")
            if !FileManager.default.fileExists(atPath: candidate) { return candidate }
            counter += 1
        }
    }

    /// Copies a file and fsyncs the copy.
    private static func copy(_ source: String, to target: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileWriteError(path: source, errorNumber: errno) }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw FileWriteError(path: target, errorNumber: errno) }
        defer { close(output) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: source, errorNumber: errno)
            }
            if count == 0 { break }
            var offset = 0
            while offset < count {
                let written = write(output, buffer + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: target, errorNumber: errno)
                }
                offset += written
            }
        }
        if fsync(output) != 0 { throw FileWriteError(path: target, errorNumber: errno) }
    }
}

/// Work on a thread of its own, waited for later: a run stages its routed jobs while its ledger is committed.
final class BackgroundWork: @unchecked Sendable {
    // @unchecked: `done` and `failure` are guarded by `condition`.
    private let condition = NSCondition()
    private var done = false
    private var failure: (any Error)?

    /// Starts `work` on a new thread.
    init(name: String, _ work: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            var error: (any Error)?
            do { try work() } catch let thrown { error = thrown }
            condition.lock()
            failure = error
            done = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// Waits until the work has finished.
    /// - Throws: what the work threw.
    func wait() throws {
        condition.lock()
        while !done { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }
}

extension NSError {
    /// The POSIX error number under a Foundation file error, if there is one.
    fileprivate var underlyingErrorNumber: Int32? {
        if domain == NSPOSIXErrorDomain { return Int32(code) }
        return (userInfo[NSUnderlyingErrorKey] as? NSError)?.underlyingErrorNumber
    }
}

/// A run that published, but whose routed jobs could not all be moved from their staging folders into their
/// destination folders (exit code 4): they wait there, and the next run on the state moves them in.
public struct RouteDeliveryError: Error, Sendable, CustomStringConvertible {
    /// The run.
    public var run: String
    /// Its published output directory.
    public var outputDirectory: String
    /// Why a job could not be moved.
    public var reason: String

    /// Creates an error.
    public init(run: String, outputDirectory: String, reason: String) {
        self.run = run
        self.outputDirectory = outputDirectory
        self.reason = reason
    }

    public var description: String {
        "run \(run) published its outputs in \(outputDirectory), but its routed jobs could not all be moved into their "
            + "folders: \(reason); they wait in hidden .intake-\(run)-<route>.partial folders there, and the next run "
            + "moves them in (fix the folder, then run again)"
    }
}
