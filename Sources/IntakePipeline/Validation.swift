import Foundation
import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeStore
import IntakeValidation
import Logging

/// What `intake validate` is asked to do.
public struct ValidateRequest: Sendable {
    /// The `FILE` arguments: files, directories, globs, archives, `-`.
    public var inputs: [String]
    /// The catalog CSV to check against.
    public var catalogPath: String?
    /// Connection files to check order lines against.
    public var connectionPaths: [String]
    /// Force this kind instead of detecting it.
    public var kind: FileKind?
    /// Where to write `rejects.csv` (`-` = stdout).
    public var rejectsPath: String?
    /// Archive safety limits.
    public var archiveLimits: ArchiveLimits
    /// CSV reader options (limits).
    public var csvOptions: CSVOptions
    /// The state to take defaults from (its catalog; with `store`, the store's connections and platform). Read
    /// only when the file exists: `validate` never creates a state.
    public var statePath: String?
    /// The store whose platform and connections apply.
    public var store: String?
    /// The language of the messages and hints written for people (`rejects.csv`, the report).
    public var language: Language
    /// Where to write the HTML report.
    public var reportPath: String?
    /// Where bytes, rows and the input in progress are counted for a progress display; `nil` for none.
    public var progress: ProgressCounters?
    /// `--operator`: who validates, checked against the state's operators when the state exists.
    public var operatorName: String?

    /// Creates a request.
    public init(
        inputs: [String], catalogPath: String? = nil, connectionPaths: [String] = [], kind: FileKind? = nil,
        rejectsPath: String? = nil, archiveLimits: ArchiveLimits = ArchiveLimits(), csvOptions: CSVOptions = CSVOptions(),
        statePath: String? = nil, store: String? = nil, language: Language = .english, reportPath: String? = nil,
        progress: ProgressCounters? = nil
    ) {
        self.language = language
        self.reportPath = reportPath
        self.statePath = statePath
        self.store = store
        self.inputs = inputs
        self.catalogPath = catalogPath
        self.connectionPaths = connectionPaths
        self.kind = kind
        self.rejectsPath = rejectsPath
        self.archiveLimits = archiveLimits
        self.csvOptions = csvOptions
        self.progress = progress
    }
}

/// The result of `validate`: the summary and the exit status it maps to.
public struct ValidateOutcome: Sendable {
    /// The run's counts.
    public var summary: RunSummary
    /// The exit status of contract §7.
    public var status: ExitStatus
}

extension Validation {
    /// Fills what the command line left out from the state, when there is one: its catalog, and with `--store`
    /// the store's connections and platform.
    /// - Throws: `UsageError` for a store that does not exist.
    static func stateDefaults(_ request: ValidateRequest, into reference: inout ReferenceData, summary: inout RunSummary) throws -> IntakeModel.Store? {
        let path = PipelineRunner.statePath(option: request.statePath, pipeline: nil)
        guard FileManager.default.fileExists(atPath: path) else {
            if let store = request.store { throw UsageError("--store \(store) needs the state, and there is none at \(path) (--state PATH)") }
            return nil
        }
        let state = try StateCommands.perform { try SQLiteStore(readOnlyPath: path) }
        reference.templates = TemplateLookup.byName(try state.templates())
        if reference.catalog == nil, try state.hasCatalog() {
            reference.catalog = try state.catalog()
            summary.warnings.append("Product UIDs checked against the catalog of the state \(path)")
        }
        guard let id = request.store else { return nil }
        guard let store = try state.store(id: id) else { throw UsageError("no store \(id) in the state \(path) (intake stores list)") }
        if reference.connections == nil { reference.connections = try state.connections(store: id) }
        return store
    }
}

/// `intake validate`: reads every input, reports every problem of every row, changes nothing.
///
/// ```swift
/// let outcome = try Validation.run(ValidateRequest(inputs: ["orders.csv"], catalogPath: "catalog.csv"))
/// print(outcome.summary.errorsByCode)
/// ```
public enum Validation {
    /// Runs a validation.
    /// - Throws: `UsageError` for a reference file that cannot be read or a rejects file that cannot be written.
    public static func run(_ request: ValidateRequest) throws -> ValidateOutcome {
        let started = DispatchTime.now()
        try Access.requireToValidate(statePath: PipelineRunner.statePath(option: request.statePath, pipeline: nil), operator: request.operatorName)
        var summary = RunSummary()
        var reference = try ReferenceData.load(
            catalogPath: request.catalogPath, connectionPaths: request.connectionPaths, limits: request.archiveLimits,
            options: request.csvOptions)
        summary.referenceRowsRejected = reference.rowsRejected
        summary.warnings.append(contentsOf: reference.notes)
        let store = try stateDefaults(request, into: &reference, summary: &summary)
        let (paths, expansionIssues) = InputExpander.expand(request.inputs)
        let inputs = paths + [request.catalogPath].compactMap { $0 } + request.connectionPaths
        try OutputGuard.refuseToOverwrite(request.rejectsPath, inputs: inputs)
        try OutputGuard.refuseToOverwrite(request.reportPath, inputs: inputs, what: "report")
        let log = try IssueLog(rejectsPath: request.rejectsPath, language: request.language,
                               report: request.reportPath == nil ? nil : ReportCollector())
        let processor = InputProcessor(
            catalog: reference.catalog, connections: reference.connections, log: log, forcedKind: request.kind,
            options: request.csvOptions)
        processor.templates = reference.templates
        if let store {
            processor.allowedKinds = (PlatformKinds.kinds(of: store.platform, stage: "orders").union(PlatformKinds.kinds(of: store.platform, stage: "connect")),
                                      "the store \(store.id) is on \(store.platform.rawValue)")
            processor.storeCustomer = store.customerReference
        }
        try log.add(expansionIssues)
        let progress = request.progress
        processor.progress = progress
        progress?.plan(inputs: paths)
        PipelineLog.logger.debug("validate: \(paths.count) input\(paths.count == 1 ? "" : "s")")
        for path in paths {
            progress?.beginInput(path)
            try InputReader.forEachEntry(inPath: path, limits: request.archiveLimits, report: { error in
                processor.report(error)
            }) { entry, source in
                try processor.process(entry: entry, source: source, summary: &summary)
            }
            try processor.flushReported()
            progress?.endInput()
        }
        if processor.sawOrders && reference.connections == nil {
            summary.warnings.append("order lines were not joined with products: no --connections given, so unknown_product was not checked")
        }
        if reference.catalog == nil && processor.sawConnections {
            summary.warnings.append("Product UIDs were not checked: no --catalog given")
        }
        try log.close()
        summary.errorsByCode = log.errorsByCode
        summary.warningsByCode = log.warningsByCode
        summary.stages = [
            RunSummary.Stage(name: "validate", rowsRead: summary.rowsRead, accepted: processor.rowsAccepted, errorsByCode: log.errorsByCode)
        ]
        summary.durationMs = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        let status: ExitStatus = log.hadFileLevelIssue ? .fileSkipped : (summary.errorCount > 0 ? .rowsRejected : .success)
        if let path = request.reportPath, let issues = log.report {
            try HTMLReport(title: "validate", summary: summary, status: status, issues: issues, language: request.language).write(to: path)
        }
        return ValidateOutcome(summary: summary, status: status)
    }
}
