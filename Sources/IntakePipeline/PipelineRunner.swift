import Foundation
import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeStore
import Logging

private let logger = PipelineLog.logger

/// How a run is asked to go.
public struct RunOptions: Sendable {
    /// Do everything but publish outputs and record anything in the state.
    public var dryRun: Bool
    /// Replaces `output.dir` (placeholders allowed).
    public var outputDirectory: String?
    /// Replaces the pipeline's `state:`.
    public var statePath: String?
    /// Where to write `rejects.csv` when the run has no output directory (`-` = stdout).
    public var rejectsPath: String?
    /// The command line, recorded with the run.
    public var command: String
    /// How long to wait for another run on the same state.
    public var lockTimeout: TimeInterval
    /// Whether the run publishes an output directory (pipelines, `orders import`); otherwise issues go to
    /// `rejectsPath` only.
    public var writesOutputs: Bool
    /// Whether the files named must exist before anything runs (pipeline files); commands report missing
    /// files as `unreadable_file` instead, as `validate` does.
    public var checksFiles: Bool
    /// Archive and CSV limits.
    public var archiveLimits: ArchiveLimits
    /// CSV reader limits.
    public var csvOptions: CSVOptions
    /// The language of the messages and hints written for people (`rejects.csv`, fix files, the report).
    public var language: Language
    /// Where to write the HTML report (`--report`); a pipeline's `output.report` puts one among its outputs too.
    public var reportPath: String?
    /// Where bytes, rows and the input in progress are counted for a progress display; `nil` for none.
    public var progress: ProgressCounters?
    /// `--operator`: who runs it, when given (else `INTAKE_OPERATOR`, else the OS user; see `Access`).
    public var operatorName: String?

    /// Creates options.
    public init(dryRun: Bool = false, outputDirectory: String? = nil, statePath: String? = nil, rejectsPath: String? = nil,
                command: String = "intake", lockTimeout: TimeInterval = 30, writesOutputs: Bool = true, checksFiles: Bool = true, archiveLimits: ArchiveLimits = ArchiveLimits(),
                csvOptions: CSVOptions = CSVOptions(), language: Language = .english, reportPath: String? = nil,
                progress: ProgressCounters? = nil, operatorName: String? = nil) {
        self.operatorName = operatorName
        self.language = language
        self.reportPath = reportPath
        self.dryRun = dryRun
        self.outputDirectory = outputDirectory
        self.statePath = statePath
        self.rejectsPath = rejectsPath
        self.command = command
        self.lockTimeout = lockTimeout
        self.writesOutputs = writesOutputs
        self.checksFiles = checksFiles
        self.archiveLimits = archiveLimits
        self.csvOptions = csvOptions
        self.progress = progress
    }
}

/// What a run did.
public struct RunOutcome: Sendable {
    /// The counts (top level: the orders stages; per stage in `stages`).
    public var summary: RunSummary
    /// The exit status of contract §7.
    public var status: ExitStatus
    /// The published output directory, when something was published.
    public var outputDirectory: String?

    /// Creates an outcome.
    public init(summary: RunSummary, status: ExitStatus, outputDirectory: String?) {
        self.summary = summary
        self.status = status
        self.outputDirectory = outputDirectory
    }
}

/// Runs a pipeline: imports catalog and customers, registers stores, runs the stages in order, then publishes
/// the outputs exactly once (architecture.md's protocol, in `Publisher`).
public enum PipelineRunner {
    /// The state file to use: the option, then the pipeline's `state:`, then `INTAKE_STATE`, then `./intake.sqlite`.
    public static func statePath(option: String?, pipeline: String?) -> String {
        option ?? pipeline ?? ProcessInfo.processInfo.environment["INTAKE_STATE"] ?? "intake.sqlite"
    }

    /// Runs `pipeline`.
    /// - Throws: `UsageError` for configuration problems (exit 2); other errors are bugs or I/O failures.
    public static func run(_ pipeline: PipelineFile, options: RunOptions) throws -> RunOutcome {
        let started = DispatchTime.now()
        PhaseTrace.mark("run started")
        if options.checksFiles {
            do {
                try pipeline.checkFilesExist()
            } catch {
                throw UsageError(error.description)
            }
        }
        let statePath = statePath(option: options.statePath, pipeline: pipeline.state)
        let lock = try StateLock(statePath: statePath, timeout: options.lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        // The inputs' SHA-256 for the audit entry, hashed beside the run (a dry run records nothing). Started before
        // the state opens: opening it is mostly waiting for the disk (a new state's fsyncs, ~20 ms), which the
        // hashing thread spends on the inputs (a fifth of the 100,000-order export, measured).
        let digests = options.dryRun ? nil : InputDigests()
        defer { digests?.cancel() }
        for path in Execution.inputPaths(of: pipeline) where path != "-" { digests?.add(path) }
        let state: any OperatorStore
        do {
            state = try SQLiteStore(path: statePath)
            PhaseTrace.mark("state opened")
            logger.info("state opened: \(statePath)")
        } catch let error as StoreError {
            throw UsageError(error.message)
        }
        // Before anything is read or recovered: a refused run changes nothing.
        let acting = try Access.require(pipeline: pipeline, state: state, operator: options.operatorName)
        var notes = try Publisher.recover(state)

        let (runID, date) = Publisher.newRunID()
        var finalDirectory: String?
        var temporaryDirectory: String?
        if options.writesOutputs {
            let template = options.outputDirectory ?? pipeline.outputDirectoryTemplate
            let directory = Publisher.substitute(template, pipeline: pipeline.safeName, run: runID, date: date)
            if FileManager.default.fileExists(atPath: directory) {
                throw UsageError("the output directory \(directory) already exists; a run never writes into an existing one (use {run} in output.dir, or --out)")
            }
            finalDirectory = directory
            // A dry run never publishes: its scratch folder lives in the system's temporary folder, not beside
            // the outputs, so a killed dry run leaves nothing where users look.
            temporaryDirectory = options.dryRun
                ? (NSTemporaryDirectory() as NSString).appendingPathComponent("intake-dry-run-\(runID)")
                : Publisher.temporaryDirectory(for: directory, run: runID)
        }
        // The run is recorded before its temporary folder exists, so a kill at any later moment leaves a folder
        // that the next run's recovery knows about and removes.
        let record = RunRecord(id: runID, pipeline: pipeline.name, command: options.command, status: .running, startedAt: Publisher.timestamp(),
                               outputDirectory: finalDirectory ?? "", temporaryDirectory: temporaryDirectory ?? "")
        if !options.dryRun { try state.beginRun(record) }
        let outputs = try temporaryDirectory.map { try RunOutputs(directory: $0, jobs: pipeline.jobs) }
        if let outputs, !pipeline.routes.isEmpty {
            outputs.routing = RouteOutputs(routes: pipeline.routes.map { route in
                var route = route
                route.destination = Publisher.substitute(route.destination, pipeline: pipeline.safeName, run: runID, date: date)
                return route
            }, runID: runID, directory: outputs.directory, jobs: pipeline.jobs)
        }
        var published = false
        defer {
            if !published, let outputs {
                // Jobs staged in destination folders go too, unless the output folder made it into place (the
                // next run then delivers them).
                if let routing = outputs.routing, let finalDirectory, !FileManager.default.fileExists(atPath: finalDirectory) {
                    RouteDelivery.discard(routing.plan)
                }
                try? FileManager.default.removeItem(atPath: outputs.directory)
            }
        }
        do {
            if (outputs == nil && options.rejectsPath != nil) || options.reportPath != nil {
                // `--rejects` of a run without an output folder, and `--report`: never one of the run's inputs.
                let patterns = [pipeline.catalog, pipeline.customers].compactMap { $0?.pattern }
                    + pipeline.stages.flatMap { $0.files.map(\.pattern) }
                let inputs = InputExpander.expand(patterns).paths
                if outputs == nil { try OutputGuard.refuseToOverwrite(options.rejectsPath, inputs: inputs) }
                try OutputGuard.refuseToOverwrite(options.reportPath, inputs: inputs, what: "report")
            }
            let wantsReport = options.reportPath != nil || (pipeline.report && outputs != nil)
            let log = try IssueLog(rejectsPath: outputs?.rejectsPath ?? options.rejectsPath, language: options.language,
                                   report: wantsReport ? ReportCollector() : nil)
            outputs?.language = options.language
            var execution = Execution(pipeline: pipeline, options: options, state: state, log: log, outputs: outputs)
            execution.digests = digests
            try execution.runAll()
            PhaseTrace.mark("stages read")
            // A rejects.csv among the outputs is made durable with them, in the background.
            if outputs == nil { try log.close() } else { try log.flush() }
            var summary = execution.summary
            summary.run = options.dryRun ? nil : runID
            summary.warnings = notes + summary.warnings
            summary.durationMs = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
            let status: ExitStatus = log.hadFileLevelIssue ? .fileSkipped : (log.errorsByCode.isEmpty ? .success : .rowsRejected)
            /// The report of this run ending with `status`, when one was asked for.
            func report(_ status: ExitStatus, summary: RunSummary) -> HTMLReport? {
                log.report.map { HTMLReport(title: pipeline.name, summary: summary, status: status, issues: $0, language: options.language) }
            }

            if let maxErrorRate = pipeline.maxErrorRate, summary.rowsRead > 0 {
                let rate = Double(summary.lineItemsHeld) / Double(summary.rowsRead)
                if rate > maxErrorRate {
                    summary.warnings.append(String(format: "aborted: %.1f%% of order lines were rejected, above max_error_rate %.1f%%; nothing published", rate * 100, maxErrorRate * 100))
                    if let path = options.reportPath { try report(.aborted, summary: summary)?.write(to: path) }
                    if !options.dryRun { try state.finishRun(id: runID, status: .aborted, summaryJSON: String(decoding: try summary.jsonData(), as: UTF8.self)) }
                    logger.info("run \(runID) aborted: the error rate is above max_error_rate")
                    return RunOutcome(summary: summary, status: .aborted, outputDirectory: nil)
                }
            }
            if let outputs {
                try outputs.finish(summary: summary, bundle: pipeline.bundle, runID: runID, report: pipeline.report ? report(status, summary: summary) : nil)
            }
            // Written before anything is published: a report that cannot be written stops the run with nothing
            // published (exit 4), as any other output would.
            if let path = options.reportPath { try report(status, summary: summary)?.write(to: path) }
            PhaseTrace.mark("outputs written")
            let summaryJSON = String(decoding: try summary.jsonData(), as: UTF8.self)
            if options.dryRun {
                logger.info("dry run: nothing published or recorded")
                return RunOutcome(summary: summary, status: status, outputDirectory: nil)
            }
            logger.info("publishing run \(runID)\(finalDirectory.map { " to \($0)" } ?? "")")
            /// The run's state changes and its audit entry, in the publishing transaction (the inputs' digests are
            /// waited for there, while the outputs' fsyncs run).
            func changes() throws {
                try execution.applyStateChanges()
                try Audit.record(command: options.command, by: acting, runID: runID, files: digests?.finish() ?? [],
                                 counts: Audit.counts(of: summary), in: state)
            }
            if let outputs, let finalDirectory {
                // The outputs' fsyncs run while the state and the ledger are committed; the rename waits for both.
                let sync = outputs.synchronizeInBackground()
                defer { try? sync.wait() }  // no fsync thread outlives the run, even when publishing fails
                // Routed jobs are staged in their destination folders meanwhile (`RouteDelivery`).
                let plan = outputs.routing?.plan
                let directory = outputs.directory
                let staging = plan.map { plan in BackgroundWork(name: "intake-stage") { try RouteDelivery.stage(plan, from: directory) } }
                defer { try? staging?.wait() }
                try Publisher.publish(runID: runID, temporary: outputs.directory, final: finalDirectory, ledger: execution.ledgerEntries,
                                      state: state, changes: changes, outputsDurable: {
                                          try sync.wait()
                                          try staging?.wait()
                                      })
                published = true
                if let plan {
                    do {
                        try RouteDelivery.commit(plan)
                        PhaseTrace.mark("routed jobs delivered")
                    } catch {
                        // Published, and staged where the jobs go: the run stays publishing, and the next run moves
                        // the rest in (its recovery).
                        try? state.finishRun(id: runID, status: .publishing, summaryJSON: summaryJSON)
                        try? state.close()
                        throw RouteDeliveryError(run: runID, outputDirectory: finalDirectory, reason: "\(error)")
                    }
                }
            } else {
                try Publisher.record(runID: runID, ledger: execution.ledgerEntries, state: state, changes: changes)
            }
            PhaseTrace.mark("moved into place")
            execution.releaseReferenceDataInBackground()
            try state.finishRun(id: runID, status: .published, summaryJSON: summaryJSON)
            PhaseTrace.mark("published")
            logger.info("published run \(runID)")
            // Folds the write-ahead log into the state file (its pages written and fsynced once more). The run is
            // recorded already: a failure here leaves the log for the next start to fold in, nothing to report.
            try? state.close()
            PhaseTrace.mark("state closed")
            notes.removeAll()
            return RunOutcome(summary: summary, status: status, outputDirectory: finalDirectory)
        } catch {
            if !options.dryRun && !(error is RouteDeliveryError) { try? state.finishRun(id: runID, status: .aborted, summaryJSON: nil) }
            logger.info("run \(runID) aborted: \(error)")
            throw error
        }
    }
}

/// One run's stages, in order, over one state.
struct Execution {
    let pipeline: PipelineFile
    let options: RunOptions
    let state: any StateStore
    let log: IssueLog
    let outputs: RunOutputs?
    var summary = RunSummary()
    /// The references of the orders accepted so far, one segment per orders stage: the run's ledger entries
    /// (spooled to a scratch file; made by the first orders stage).
    var acceptedOrders: LedgerSpool?
    /// The run's ledger entries, for publishing (none when no orders stage ran).
    var ledgerEntries: any LedgerSource {
        if let acceptedOrders { return acceptedOrders }
        return [LedgerBatch]()
    }
    /// Where the inputs are hashed for the audit entry (`nil` for a dry run).
    var digests: InputDigests?
    /// State changes made by the stages, applied only when the run is not a dry run, before publishing.
    private var pending: [() throws -> Void] = []
    private var catalog: Catalog?
    private var connections: [String: ConnectionIndex] = [:]
    private var customers: [String: Customer] = [:]
    private var stores: [String: Store] = [:]
    /// The state's templates, read by the first orders stage.
    private var templates: [String: Connection]?

    init(pipeline: PipelineFile, options: RunOptions, state: any StateStore, log: IssueLog, outputs: RunOutputs?) {
        self.pipeline = pipeline
        self.options = options
        self.state = state
        self.log = log
        self.outputs = outputs
    }

    /// Applies the stages' state changes (connections, products, catalog, customers); the caller holds the
    /// transaction that commits them with the run's ledger.
    func applyStateChanges() throws {
        for change in pending { try change() }
    }

    /// Frees the stages' reference data (connection indexes, the catalog, the state changes with their
    /// connections) on a thread of its own once the run has published: for a 10,000-variant store that is
    /// ~13 M instructions of `free`, which would otherwise run on this thread after the state is closed.
    mutating func releaseReferenceDataInBackground() {
        let retired = RetiredData(contents: (connections, catalog, pending))
        connections = [:]
        catalog = nil
        pending = []
        let thread = Thread { retired.release() }
        thread.name = "intake-free"
        thread.start()
    }

    /// Every input of every stage of `pipeline`, in the order the stages read them (globs matched now; they are
    /// matched again when read).
    static func inputPaths(of pipeline: PipelineFile) -> [String] {
        let patterns = [pipeline.catalog, pipeline.customers].compactMap { $0 } + pipeline.stages.flatMap(\.files)
        return InputExpander.expand(patterns.map { DisplayPath.relative($0.pattern) }).paths
    }

    mutating func runAll() throws {
        // Every input of every stage, up front: the bar's total (the hashing thread has them already).
        if let progress = options.progress { progress.plan(inputs: Self.inputPaths(of: pipeline)) }
        catalog = try state.hasCatalog() ? try state.catalog() : nil
        for customer in try state.customers() where !customer.referenceID.isEmpty { customers[customer.referenceID] = customer }
        for store in try state.stores() { stores[store.id] = store }
        if let catalogRef = pipeline.catalog { try importCatalog(catalogRef) }
        if let customersRef = pipeline.customers { try importCustomers(customersRef) }
        for entry in pipeline.stores {
            if !entry.columns.isEmpty {
                do {
                    try WooCommerceMappedOrderAdapter.check(entry.columns)
                } catch {
                    throw UsageError("\(pipeline.path):\(entry.line): stores[\(entry.id)].columns: \(error)")
                }
            }
            let store = Store(id: entry.id, customerReference: entry.customer, platform: entry.platform, name: entry.name)
            stores[store.id] = store
            let state = self.state
            pending.append { try state.addStore(store, replace: true, requireCustomer: false) }
        }
        PhaseTrace.mark("catalog and customers read")
        for stage in pipeline.stages {
            try run(stage)
            PhaseTrace.mark("stage \(stage.keyword) read")
        }
    }

    private func makeProcessor(forcedKind: FileKind? = nil) -> InputProcessor {
        let processor = InputProcessor(catalog: catalog, connections: nil, log: log, forcedKind: forcedKind, options: options.csvOptions)
        processor.progress = options.progress
        return processor
    }

    private mutating func read(_ files: [PipelineFile.FileRef], with processor: InputProcessor, into stageSummary: inout RunSummary) throws {
        try forEachEntry(of: files, into: &stageSummary, report: { processor.report($0) }, afterInput: { try processor.flushReported() }) {
            entry, source, stageSummary in
            try processor.process(entry: entry, source: source, summary: &stageSummary)
        }
    }

    /// Every entry of every input a stage names (globs and folders expanded, archives opened), each input counted
    /// for the progress display and queued for the audit's hashing; a glob that matches nothing is a note.
    private func forEachEntry(
        of files: [PipelineFile.FileRef], into stageSummary: inout RunSummary, report: (ArchiveError) -> Void,
        afterInput: () throws -> Void, body: (InputEntry, inout any ByteSource, inout RunSummary) throws -> Void
    ) throws {
        for file in files {
            let (paths, issues) = InputExpander.expand([DisplayPath.relative(file.pattern)])
            if file.isGlob && paths.isEmpty {
                stageSummary.warnings.append("\(DisplayPath.relative(file.pattern)): no file matches (line \(file.line) of \(pipeline.path))")
            } else {
                try log.add(issues)
            }
            for path in paths {
                options.progress?.beginInput(path)
                try InputDigests.forEachEntry(inPath: path, digests: digests, limits: options.archiveLimits, report: report) { entry, source in
                    try body(entry, &source, &stageSummary)
                }
                try afterInput()
                options.progress?.endInput()
            }
        }
    }

    private mutating func finishStage(_ name: String, _ stageSummary: RunSummary, processor: InputProcessor, before: [String: Int]) {
        finishStage(name, stageSummary, accepted: processor.rowsAccepted, before: before)
    }

    private mutating func finishStage(_ name: String, _ stageSummary: RunSummary, accepted: Int, before: [String: Int]) {
        var errors: [String: Int] = [:]
        for (code, count) in log.errorsByCode {
            let delta = count - (before[code] ?? 0)
            if delta > 0 { errors[code] = delta }
        }
        summary.stages.append(RunSummary.Stage(name: name, rowsRead: stageSummary.rowsRead, accepted: accepted, errorsByCode: errors))
        logger.info("stage \(name) finished: \(stageSummary.rowsRead) rows read, \(accepted) accepted")
        summary.files += stageSummary.files
        summary.warnings += stageSummary.warnings
        summary.referenceRowsRejected += stageSummary.referenceRowsRejected
    }

    /// The `status:` stage: reads status files, checks each row's order against the ledger, records the statuses
    /// with the run (pending, like every state change), and writes the store side's files among the outputs.
    private mutating func importStatuses(_ files: [PipelineFile.FileRef], store: Store) throws {
        logger.info("stage status started (store \(store.id))")
        let before = log.errorsByCode
        var stageSummary = RunSummary()
        let reader = StatusFile(store: store.id, log: log)
        var rows: [StatusFile.Result] = []
        var otherStores = 0
        var problems: [ArchiveError] = []
        try forEachEntry(of: files, into: &stageSummary, report: { problems.append($0) }, afterInput: {
            for problem in problems { try log.add(InputProcessor.issue(for: problem)) }
            problems.removeAll()
        }) { entry, source, stageSummary in
            let read = try reader.read(entry: entry, source: source, options: options.csvOptions, summary: &stageSummary) { rows.append($0) }
            stageSummary.rowsRead += read.rows
            otherStores += read.otherStores
        }
        if otherStores > 0 { stageSummary.warnings.append("status: \(otherStores) row(s) of other stores than \(store.id) left out") }
        guard let statuses = state as? any OrderStatusStore else { throw UsageError("this state keeps no order status") }
        var references = Set<String>()
        for case .update(let update) in rows { references.insert(update.reference) }
        let published = try statuses.publishingRuns(store: store.id, references: references)
        var accepted: [StatusUpdate] = []
        for row in rows {
            guard case .update(let update) = row else {
                if case .rejected(let issues) = row { try log.add(issues) }
                continue
            }
            guard published[update.reference] != nil else {
                try log.add(Issue(.invalidValue, at: update.position, order: update.reference, column: "order", value: update.reference,
                                  message: "order \(update.reference) of the store \(store.id) was never published",
                                  hint: "check the order reference and the store; only orders intake published get a status"))
                continue
            }
            accepted.append(update)
        }
        pending.append { _ = try statuses.recordStatuses(accepted) }
        if let outputs, !accepted.isEmpty {
            try outputs.writeStatusFiles(StatusExport.latest(accepted), store: store, state: state)
        }
        finishStage("status", stageSummary, accepted: accepted.count, before: before)
    }

    private mutating func importCatalog(_ file: PipelineFile.FileRef) throws {
        logger.info("stage catalog started")
        let before = log.errorsByCode
        let processor = makeProcessor()
        processor.allowedKinds = ([.catalog], "catalog: takes a catalog file")
        var stageSummary = RunSummary()
        let issuesBefore = log.firstFileLevelIssue
        try read([file], with: processor, into: &stageSummary)
        finishStage("catalog", stageSummary, processor: processor, before: before)
        guard log.firstFileLevelIssue == issuesBefore else {
            summary.warnings.append("the catalog was not replaced: its file could not be read")
            return
        }
        let products = processor.collectedCatalog
        catalog = Catalog(products)
        let state = self.state
        pending.append { try state.replaceCatalog(products) }
    }

    private mutating func importCustomers(_ file: PipelineFile.FileRef) throws {
        logger.info("stage customers started")
        let before = log.errorsByCode
        let processor = makeProcessor(forcedKind: .customers)
        var stageSummary = RunSummary()
        try read([file], with: processor, into: &stageSummary)
        finishStage("customers", stageSummary, processor: processor, before: before)
        var added: [Customer] = []
        for customer in processor.collectedCustomers where customer.referenceID.isEmpty || customers[customer.referenceID] == nil {
            if !customer.referenceID.isEmpty { customers[customer.referenceID] = customer }
            added.append(customer)
        }
        let state = self.state
        pending.append { for customer in added { try state.addCustomer(customer) } }
    }

    private func store(_ id: String, stage: PipelineFile.Stage) throws -> Store {
        guard let store = stores[id] else {
            throw UsageError("\(pipeline.path):\(stage.line): the \(stage.keyword) stage names the store '\(id)', which is neither in stores: nor in the state (intake stores add)")
        }
        return store
    }

    private mutating func connectionIndex(for store: String) throws -> ConnectionIndex {
        if let index = connections[store] { return index }
        let index = try state.connections(store: store)
        connections[store] = index
        return index
    }

    private mutating func run(_ stage: PipelineFile.Stage) throws {
        let store = try self.store(stage.store, stage: stage)
        if case .status(_, let files, _) = stage { return try importStatuses(files, store: store) }
        logger.info("stage \(stage.keyword) started (store \(store.id))")
        let before = log.errorsByCode
        let warningsBefore = log.warningsByCode
        let processor = makeProcessor()
        processor.allowedKinds = (PlatformKinds.kinds(of: store.platform, stage: stage.keyword),
                                  "the store \(store.id) is on \(store.platform.rawValue); its \(stage.keyword) stage takes \(PlatformKinds.kinds(of: store.platform, stage: stage.keyword).map(\.rawValue).sorted().joined(separator: " or ")) files")
        var stageSummary = RunSummary()
        let state = self.state
        switch stage {
        case .sync(_, let files, _):
            processor.keepCells = true
            try read(files, with: processor, into: &stageSummary)
            if let products = processor.collectedProducts {
                pending.append { try state.replaceStoreProducts(store: store.id, kind: products.kind, header: products.header, rows: products.rows) }
            }
        case .connect(_, let files, _):
            try read(files, with: processor, into: &stageSummary)
            let found = processor.collectedConnections
            var index = try connectionIndex(for: store.id)
            index.reserveCapacity(found.count)
            for connection in found { index.insert(connection) }
            connections[store.id] = index
            pending.append { try state.upsertConnections(store: store.id, found) }
        case .status:
            break  // `importStatuses`
        case .orders(_, let files, _):
            processor.connections = try connectionIndex(for: store.id)
            // The ledger's references of this store, loaded once into an exact set: no query per order.
            let references = try ReferenceSet()
            references.reserveCapacity(try state.publishedReferenceCount(store: store.id).references)
            try state.forEachPublishedReference(store: store.id) { _ = try references.insert($0, origin: .ledger) }
            // Orders of this store accepted by an earlier stage of this run are repeats too (the ledger has no
            // per-order key that would catch them when the run is recorded).
            let spool = try acceptedOrders ?? LedgerSpool()
            acceptedOrders = spool
            try spool.forEachReference(store: store.id) { _ = try references.insert($0, origin: .input) }
            processor.references = references
            spool.beginStage(store: store.id)
            processor.ledger = spool
            processor.holdWholeOrder = pipeline.onLineError == .holdOrder
            if templates == nil { templates = TemplateLookup.byName(try (state as? any TemplateStore)?.templates() ?? []) }
            processor.templates = templates
            processor.keepCells = true
            if customers[store.customerReference] == nil { processor.unknownCustomer = store.customerReference }
            processor.storeCustomer = store.customerReference
            if store.platform == .etsy { processor.fallbackEmail = customers[store.customerReference]?.adminEmail }
            processor.customerMismatchOnEveryLine = store.platform == .pressero
            processor.columnMapping = pipeline.stores.first { $0.id == store.id }?.columns ?? [:]
            if store.platform == .pressero { processor.storeIntegrationID = pipeline.stores.first { $0.id == store.id }?.integrationID }
            outputs?.store = store.id
            outputs?.customerReference = store.customerReference
            outputs?.routing?.router = Router(routes: pipeline.routes, catalog: catalog, store: store.id, customer: store.customerReference)
            processor.orderSink = outputs
            try read(files, with: processor, into: &stageSummary)
            summary.rowsRead += stageSummary.rowsRead
            summary.ordersAccepted += stageSummary.ordersAccepted
            summary.ordersHeld += stageSummary.ordersHeld
            summary.ordersDuplicate += stageSummary.ordersDuplicate
            summary.lineItemsAccepted += stageSummary.lineItemsAccepted
            summary.lineItemsHeld += stageSummary.lineItemsHeld
            summary.lineItemsDuplicate += stageSummary.lineItemsDuplicate
            for (code, count) in log.errorsByCode {
                let delta = count - (before[code] ?? 0)
                if delta > 0 { summary.errorsByCode[code, default: 0] += delta }
            }
            for (code, count) in log.warningsByCode {
                let delta = count - (warningsBefore[code] ?? 0)
                if delta > 0 { summary.warningsByCode[code, default: 0] += delta }
            }
        }
        finishStage(stage.keyword, stageSummary, processor: processor, before: before)
    }
}

/// Data no thread uses any more, freed on the thread that calls `release()`.
private final class RetiredData: @unchecked Sendable {
    // @unchecked: `contents` is handed over whole and touched only by `release()`, on one thread.
    private var contents: Any?

    init(contents: Any) { self.contents = contents }

    func release() { contents = nil }
}

/// Which file kinds a store of each platform takes, per stage.
enum PlatformKinds {
    static func kinds(of platform: Platform, stage: String) -> Set<FileKind> {
        let orders = stage == "orders"
        switch platform {
        case .shopify: return orders ? [.shopifyOrders, .manualOrders] : [.shopifyProducts]
        case .woocommerce: return orders ? [.woocommerceOrders, .manualOrders] : [.woocommerceProducts]
        case .etsy: return orders ? [.etsyOrders, .manualOrders] : [.etsyListings]
        case .pressero, .manual: return orders ? [.manualOrders] : [.shopifyProducts, .woocommerceProducts, .etsyListings]
        }
    }
}

/// Paths as operators see them in reports: relative to the current directory when the file is inside it, so
/// outputs do not depend on where the project is checked out.
enum DisplayPath {
    static func relative(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// `INTAKE_TRACE=1`: the milliseconds since start at each phase of a run, on standard error (where a slow night's
/// time went; never on by default, never on standard output).
enum PhaseTrace {
    private static let enabled = ProcessInfo.processInfo.environment["INTAKE_TRACE"] == "1"
    private static let start = DispatchTime.now()

    static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let origin = start.uptimeNanoseconds  // first use sets the origin: read it before the clock
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- origin) / 1e6
        FileHandle.standardError.write(Data("intake: \(String(format: "%8.1f", elapsed)) ms  \(phase())\n".utf8))
    }
}
