import Foundation
import IntakeModel

/// A pipeline file (`pipelines/*.yml`, contract §3), parsed and checked.
///
/// Parsing is strict: an unknown key, a value of the wrong type or a missing required key is a
/// ``PipelineFileError`` (a configuration error, exit code 2) naming the key and its line.
/// Relative paths in the file resolve against the folder that holds the file; the resolved paths are
/// absolute and lexically normalised (`.` and `..` removed), globs included.
public struct PipelineFile: Sendable, Equatable {
    /// A store of `stores:`: `{ id, customer, platform, name, columns }`.
    public struct StoreEntry: Sendable, Equatable {
        /// The store's id, unique in the file; stages name it.
        public var id: String
        /// The customer number the store's orders are billed to.
        public var customer: String
        /// The platform the store runs on.
        public var platform: Platform
        /// The store's display name; the id when the file gives none.
        public var name: String
        /// `columns:`, our field name → the store's header (for stores whose exports rename columns); empty when absent.
        public var columns: [String: String]
        /// The line of the entry in the pipeline file.
        public var line: Int
        /// `integration_id:` of a Pressero store: its portal's integration ID, which must be the customer's
        /// reference ID; orders whose file has no `Integration ID` column are checked against it.
        public var integrationID: String?

        /// Creates a store entry.
        public init(
            id: String, customer: String, platform: Platform, name: String? = nil, columns: [String: String] = [:],
            line: Int
        ) {
            self.id = id
            self.customer = customer
            self.platform = platform
            self.name = name ?? id
            self.columns = columns
            self.line = line
        }
    }

    /// A file named in the pipeline file: one path, or a glob.
    public struct FileRef: Sendable, Equatable {
        /// The absolute path, or absolute glob, resolved against the pipeline file's folder.
        public var pattern: String
        /// The line of the reference in the pipeline file.
        public var line: Int
        /// Whether ``pattern`` holds `*`, `?` or `[` (it is expanded when the stage runs and may match nothing).
        public var isGlob: Bool

        /// Creates a reference; `isGlob` defaults to whether `pattern` holds `*`, `?` or `[`.
        public init(pattern: String, line: Int, isGlob: Bool? = nil) {
            self.pattern = pattern
            self.line = line
            self.isGlob = isGlob ?? PipelineFile.isGlobPattern(pattern)
        }
    }

    /// A stage of `stages:`; stages run in the order of the file.
    public enum Stage: Sendable, Equatable {
        /// `connect:` imports a store's connected-products export (its connections).
        case connect(store: String, files: [FileRef], line: Int)
        /// `orders:` takes in a store's order exports.
        case orders(store: String, files: [FileRef], line: Int)
        /// `sync:` imports a store's products export (products sync).
        case sync(store: String, files: [FileRef], line: Int)
        /// `status:` imports production status files for a store's published orders and writes what the store
        /// side takes back (`status/` among the outputs).
        case status(store: String, files: [FileRef], line: Int)

        /// The stage's key in the file: `connect`, `orders`, `sync` or `status`.
        public var keyword: String {
            switch self {
            case .connect: "connect"
            case .orders: "orders"
            case .sync: "sync"
            case .status: "status"
            }
        }

        /// The id of the store the stage reads for.
        public var store: String {
            switch self {
            case .connect(let store, _, _), .orders(let store, _, _), .sync(let store, _, _), .status(let store, _, _): store
            }
        }

        /// The files the stage reads, in the order of the file.
        public var files: [FileRef] {
            switch self {
            case .connect(_, let files, _), .orders(_, let files, _), .sync(_, let files, _), .status(_, let files, _): files
            }
        }

        /// The line of the stage (its `- kind:` entry) in the pipeline file.
        public var line: Int {
            switch self {
            case .connect(_, _, let line), .orders(_, _, let line), .sync(_, _, let line), .status(_, _, let line): line
            }
        }
    }

    /// `output.jobs`: how jobs are written.
    public enum JobsFormat: String, Sendable, CaseIterable {
        /// One `jobs.jsonl` file.
        case jsonl
        /// One file per job.
        case files
        /// Both.
        case both
    }

    /// `output.bundle`: whether the run's output is also packed into one archive.
    public enum BundleFormat: String, Sendable, CaseIterable {
        /// No archive.
        case none
        /// A `.tar.gz` archive.
        case tarGzip = "tar.gz"
        /// A `.zip` archive.
        case zip
    }

    /// `policy.on_line_error`: what a rejected order line does to its order.
    public enum LineErrorPolicy: String, Sendable, CaseIterable {
        /// The whole order is held (the default).
        case holdOrder = "hold_order"
        /// Only the line is dropped; the rest of the order goes ahead.
        case dropLine = "drop_line"
    }

    /// The default of ``outputDirectoryTemplate`` when the file has no `output.dir`: relative, so it resolves
    /// against the current directory of the run (not the pipeline file's folder).
    public static let defaultOutputDirectoryTemplate = "out/{pipeline}/{run}"

    /// The pipeline file, as given.
    public var path: String
    /// `name:` (required).
    public var name: String
    /// `state:`, absolute; `nil` when the file gives none.
    public var state: String?
    /// `catalog:`, imported before the stages run.
    public var catalog: FileRef?
    /// `customers:`, imported before the stages run.
    public var customers: FileRef?
    /// `stores:`, in the order of the file (ids are unique).
    public var stores: [StoreEntry]
    /// `stages:`, in the order they run (at least one).
    public var stages: [Stage]
    /// `output.dir` with its placeholders (`{pipeline}`, `{run}`, `{date}`) kept: absolute, resolved against the
    /// file's folder; without `output.dir` it is ``defaultOutputDirectoryTemplate``, relative to the current
    /// directory.
    public var outputDirectoryTemplate: String
    /// `output.jobs` (default `jsonl`).
    public var jobs: JobsFormat
    /// `output.bundle` (default `none`).
    public var bundle: BundleFormat
    /// `output.report` (default `false`).
    public var report: Bool
    /// `policy.on_line_error` (default `hold_order`).
    public var onLineError: LineErrorPolicy
    /// `policy.max_error_rate`, in `0...1`: above this share of rejected order lines the run aborts (exit 4).
    public var maxErrorRate: Double?
    /// `output.routes`, in the order of the file: which destination folder (hot folder) each job goes to (empty:
    /// no routing). When given, exactly one route is the default.
    public var routes: [Route] = []

    /// Creates a pipeline description; the defaults are those of a file that leaves the keys out.
    public init(
        path: String, name: String, state: String? = nil, catalog: FileRef? = nil, customers: FileRef? = nil,
        stores: [StoreEntry] = [], stages: [Stage],
        outputDirectoryTemplate: String = PipelineFile.defaultOutputDirectoryTemplate,
        jobs: JobsFormat = .jsonl, bundle: BundleFormat = .none, report: Bool = false,
        onLineError: LineErrorPolicy = .holdOrder, maxErrorRate: Double? = nil
    ) {
        self.path = path
        self.name = name
        self.state = state
        self.catalog = catalog
        self.customers = customers
        self.stores = stores
        self.stages = stages
        self.outputDirectoryTemplate = outputDirectoryTemplate
        self.jobs = jobs
        self.bundle = bundle
        self.report = report
        self.onLineError = onLineError
        self.maxErrorRate = maxErrorRate
    }

    /// Reads, parses and checks the pipeline file at `path`; relative paths in it resolve against its folder.
    ///
    /// Whether the files it names exist is checked separately, by ``checkFilesExist()``.
    public static func load(path: String) throws(PipelineFileError) -> PipelineFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PipelineFileError(path: path, key: "", message: "no such pipeline file")
        }
        guard !isDirectory.boolValue else {
            throw PipelineFileError(path: path, key: "", message: "this is a folder; expected a pipeline file (.yml)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineFileError(path: path, key: "", message: "cannot read the pipeline file (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineFileError(path: path, key: "", message: "the pipeline file is not UTF-8 text")
        }
        return try parse(yaml: text, path: path)
    }

    /// Parses and checks `yaml`, the text of the pipeline file at `path`; relative paths in it resolve against
    /// the folder of `path` (itself against the current directory when relative).
    public static func parse(yaml: String, path: String) throws(PipelineFileError) -> PipelineFile {
        try PipelineFileParser(path: path).parse(yaml)
    }

    /// Checks that every file reference that is not a glob names something that exists: `catalog` and
    /// `customers` a file, a stage's files a file or a folder. Globs may match nothing.
    ///
    /// - Throws: a ``PipelineFileError`` naming the key and line of the first missing file.
    public func checkFilesExist() throws(PipelineFileError) {
        func check(_ reference: FileRef?, key: String, folderAllowed: Bool) throws(PipelineFileError) {
            guard let reference, !reference.isGlob else { return }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: reference.pattern, isDirectory: &isDirectory) else {
                throw PipelineFileError(
                    path: path, line: reference.line, key: key, message: "no such file: \(reference.pattern)")
            }
            if isDirectory.boolValue, !folderAllowed {
                throw PipelineFileError(
                    path: path, line: reference.line, key: key,
                    message: "\(reference.pattern) is a folder; expected a file")
            }
        }
        try check(catalog, key: "catalog", folderAllowed: false)
        try check(customers, key: "customers", folderAllowed: false)
        for (index, stage) in stages.enumerated() {
            for file in stage.files {
                try check(file, key: "stages[\(index)].\(stage.keyword).files", folderAllowed: true)
            }
        }
    }

    /// ``name`` made safe as one file name, the value of `{pipeline}`: every run of characters other than
    /// letters, digits, `-`, `_` and `.` becomes one `-`, and leading or trailing `-` and `.` are removed
    /// (`pipeline` if nothing is left).
    public var safeName: String {
        var result = ""
        var pendingDash = false
        for character in name {
            if character.isLetter || character.isNumber || "-_.".contains(character) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "pipeline" : trimmed
    }

    /// The output directory: ``outputDirectoryTemplate`` with `{pipeline}` (``safeName``), `{run}` (the run id)
    /// and `{date}` (`YYYY-MM-DD`, as given) replaced.
    public func outputDirectory(run: String, date: String) -> String {
        outputDirectoryTemplate
            .replacingOccurrences(of: "{pipeline}", with: safeName)
            .replacingOccurrences(of: "{run}", with: run)
            .replacingOccurrences(of: "{date}", with: date)
    }

    /// Whether `pattern` is a glob: it holds `*`, `?` or `[` (as for command-line arguments).
    static func isGlobPattern(_ pattern: String) -> Bool {
        pattern.contains(where: { "*?[".contains($0) })
    }
}

/// A pipeline file that cannot be used: invalid YAML, an unknown key, a wrong type, a missing required key or a
/// missing file. It is a configuration error (exit code 2): nothing is read.
public struct PipelineFileError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The pipeline file, as given.
    public var path: String
    /// The line (from 1) of the problem, when known.
    public var line: Int?
    /// The column (from 1) of the problem, when known.
    public var column: Int?
    /// Where in the file: the path of the value at fault (`stages[1].orders.files`), or of the mapping whose keys
    /// are at fault (an unknown or missing key; the message names the key). Empty for the file as a whole.
    public var key: String
    /// What is wrong, for the operator.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int? = nil, column: Int? = nil, key: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `path:line:column: key: message`, e.g.
    /// `pipelines/nightly.yml:12:5: stages[1].orders: unknown key 'fils' (expected: store, files)`; the parts
    /// that are unknown are left out.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
