import Foundation
import IntakeCSV

/// The routed outputs of a run (`output.routes`), beside its other outputs in its temporary directory: each
/// route's jobs under `routes/<name>/`, exactly as its destination folder receives them, and `routes.json`, the
/// delivery plan (each route's name, destination, number of jobs and files).
///
/// - `jobs: jsonl` (and `both`): `routes/<name>/<name>-<run>.jsonl`, the route's job lines in the order of
///   `jobs.jsonl` (one file per route and run, so runs and routes sharing a hot folder never collide).
/// - `jobs: files` (and `both`): `routes/<name>/<store>/<order>.json`, a hard link of the job's file under `jobs/`
///   (a copy where the file system has no links): no job is written twice.
///
/// A route without jobs has no folder. The run publishes these with everything else; `RouteDelivery` then moves
/// them into the destination folders exactly once.
final class RouteOutputs {
    /// The routes, their destinations with the placeholders replaced.
    let routes: [PipelineFile.Route]
    let runID: String
    /// The run's temporary directory.
    let directory: String
    private let writesLines: Bool
    private let writesFiles: Bool
    /// The router of the orders stage running now (set by the stage).
    var router: Router?
    /// Per route, in raw memory: a job is a few stores and a copy, with no exclusivity check or reference count
    /// (on the nightly path the output thread routes every job).
    private let state: UnsafeMutablePointer<RouteState>
    /// Each route's `routes/<name>/` and `.jsonl` name, made once.
    private let folderNames: [String]
    private let lineFileNames: [String]
    /// Each route's job files (`routes/<name>/<store>/<order>.json`), in the order they were written.
    private var jobFileNames: [[String]]
    private var folders: Set<String> = []

    /// One route's jobs: how many, and its `.jsonl`, opened with its first job: written as `jobs.jsonl` is, in
    /// blocks that a background thread writes with direct I/O (1.5 MiB a route with jobs), so the output thread
    /// only copies each line once more, and the fsync before publishing has nothing left to wait for.
    private struct RouteState {
        var jobs = 0
        var lines: BlockFileSink?
    }
    /// The name of the delivery plan among the outputs.
    static let planName = "routes.json"

    init(routes: [PipelineFile.Route], runID: String, directory: String, jobs: PipelineFile.JobsFormat) {
        self.routes = routes
        self.runID = runID
        self.directory = directory
        writesLines = jobs != .files
        writesFiles = jobs != .jsonl
        state = .allocate(capacity: max(routes.count, 1))
        state.initialize(repeating: RouteState(), count: routes.count)
        folderNames = routes.map { "routes/" + $0.name }
        lineFileNames = routes.map { "routes/\($0.name)/\($0.name)-\(runID).jsonl" }
        jobFileNames = Array(repeating: [], count: routes.count)
    }

    deinit {
        state.deinitialize(count: routes.count)
        state.deallocate()
    }

    private func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    /// Adds a job to a route: its line to the route's `.jsonl`, its file (`jobs/<store>/<order>.json`, when jobs are
    /// files) linked into the route's folder.
    /// - Parameters:
    ///   - line: the job's JSON and its line feed.
    ///   - route: the route's index.
    ///   - jobFile: the job's file, relative to the directory (`nil` when jobs are not files).
    func add(_ line: UnsafeRawBufferPointer, route: Int, jobFile: String?) throws {
        guard route >= 0 && route < routes.count else { return }
        let entry = state + route
        entry.pointee.jobs += 1
        if writesLines {
            if let lines = entry.pointee.lines {
                try lines.write(line)
            } else {
                try makeFolder(folderNames[route])
                let lines = try BlockFileSink(path: path(lineFileNames[route]))
                entry.pointee.lines = lines
                try lines.write(line)
            }
        }
        if writesFiles, let jobFile, jobFile.hasPrefix("jobs/") {
            let name = folderNames[route] + "/" + jobFile.dropFirst("jobs/".count)
            try makeFolder((name as NSString).deletingLastPathComponent)
            if link(path(jobFile), path(name)) != 0 {
                // No hard links here (some network and FAT file systems): a copy, durable as the job file is.
                let copy = try FileByteSink(path: path(name))
                try copy.write(line)
                try copy.synchronize()
            }
            jobFileNames[route].append(name)
        }
    }

    private func makeFolder(_ relative: String) throws {
        guard !folders.contains(relative) else { return }
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        var folder = relative
        while !folder.isEmpty, folders.insert(folder).inserted {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Each route's files, relative to the directory: its `.jsonl` first (when it has one), then its job files.
    private func files(of route: Int) -> [String] {
        (state[route].lines != nil ? [lineFileNames[route]] : []) + jobFileNames[route]
    }

    /// Writes out the routes' `.jsonl` files and writes `routes.json`, durable at once: it is the plan a later run
    /// reads to finish or undo a delivery, so it is on disk before anything is written into a destination.
    /// - Returns: the files written, relative (`routes.json` and every route's).
    func finish() throws -> [String] {
        for route in routes.indices { try state[route].lines?.flush() }
        let plan = self.plan
        finishedPlan = plan
        let sink = try FileByteSink(path: path(Self.planName))
        try plan.write(to: sink)
        try sink.synchronize()
        try Durability.synchronizeDirectory(directory)
        return [Self.planName] + routes.indices.flatMap(files(of:))
    }

    /// The plan as `finish()` wrote it (made once: with `jobs: files` it names every job).
    private(set) var finishedPlan: RoutePlan?

    /// The delivery plan: every route, with its destination, jobs and files.
    var plan: RoutePlan {
        if let finishedPlan { return finishedPlan }
        return currentPlan
    }

    private var currentPlan: RoutePlan {
        RoutePlan(run: runID, routes: routes.indices.map {
            RoutePlan.Route(name: routes[$0].name, destination: routes[$0].destination, jobs: state[$0].jobs, files: files(of: $0))
        })
    }

    /// The files to fsync before publishing: the routes' `.jsonl` files (linked job files are the job files, fsynced
    /// already; copies were fsynced when written).
    var filesToSynchronize: [String] {
        routes.indices.filter { state[$0].lines != nil }.map { path(lineFileNames[$0]) }
    }

    /// The folders to fsync before publishing: `routes` and every folder under it.
    var foldersToSynchronize: [String] { folders.sorted().map(path) }
}

/// Where a run's routed jobs go: each route's destination folder and the files (relative to the run's output
/// directory, under `routes/<name>/`) it receives. Written as `routes.json` among the run's outputs.
struct RoutePlan: Equatable {
    /// One route of the plan.
    struct Route: Equatable {
        var name: String
        /// The destination folder, absolute.
        var destination: String
        /// How many jobs the route took.
        var jobs: Int
        /// Its files, relative to the run's output directory (`routes/<name>/...`).
        var files: [String]

        /// The path of a file of the route relative to the destination folder.
        func relativeInDestination(_ file: String) -> String {
            let prefix = "routes/\(name)/"
            return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : (file as NSString).lastPathComponent
        }
    }

    var run: String
    var routes: [Route]

    /// Writes `routes.json` to `sink` piece by piece (with `jobs: files` it names every job: no copy of it all): the
    /// routes in the order of the pipeline file, keys sorted, one file per line.
    func write(to sink: FileByteSink) throws {
        var sink = sink
        try write(to: &sink)
    }

    private func write<Sink: ByteSink>(to sink: inout Sink) throws {
        func put(_ text: String) throws {
            var text = text
            try text.withUTF8 { try sink.write(UnsafeRawBufferPointer($0)) }
        }
        try put("{\n  \"routes\": [")
        for (index, route) in routes.enumerated() {
            try put((index == 0 ? "\n" : ",\n") + "    {\"files\": [")
            for (fileIndex, file) in route.files.enumerated() {
                try put((fileIndex == 0 ? "\n" : ",\n") + "      " + Self.quoted(file))
            }
            try put((route.files.isEmpty ? "" : "\n    ")
                    + "], \"jobs\": \(route.jobs), \"name\": \(Self.quoted(route.name)), \"to\": \(Self.quoted(route.destination))}")
        }
        try put((routes.isEmpty ? "" : "\n  ") + "],\n  \"run\": " + Self.quoted(run) + "\n}\n")
    }

    /// The `routes` array of the manifest (its entries as in `routes.json`), indented by `indent`.
    func manifestArray(indent: String) -> String {
        guard !routes.isEmpty else { return "[]" }
        return "[\n" + routes.map { indent + "  " + Self.object($0, indent: indent + "  ") }.joined(separator: ",\n") + "\n" + indent + "]"
    }

    private static func object(_ route: Route, indent: String) -> String {
        var text = "{\"files\": ["
        if !route.files.isEmpty {
            text += "\n" + route.files.map { indent + "  " + quoted($0) }.joined(separator: ",\n") + "\n" + indent
        }
        text += "], \"jobs\": \(route.jobs), \"name\": \(quoted(route.name)), \"to\": \(quoted(route.destination))}"
        return text
    }

    private static func quoted(_ text: String) -> String {
        var out = ""
        JSONText.append(text, to: &out)
        return out
    }

    /// Reads a `routes.json`; `nil` when there is none or it is not one (a run killed while writing it had not
    /// begun to deliver).
    static func read(from path: String) -> RoutePlan? {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let run = object["run"] as? String, let routes = object["routes"] as? [[String: Any]]
        else { return nil }
        var plan = RoutePlan(run: run, routes: [])
        for route in routes {
            guard let name = route["name"] as? String, let destination = route["to"] as? String, let files = route["files"] as? [String] else {
                return nil
            }
            plan.routes.append(Route(name: name, destination: destination, jobs: route["jobs"] as? Int ?? files.count, files: files))
        }
        return plan
    }
}
