import IntakeArchive
import IntakeCSV
import IntakeModel

/// The catalog and connections that inputs are checked against, read from files given on the command line.
struct ReferenceData {
    var catalog: Catalog?
    var connections: ConnectionIndex?
    /// The state's templates (`Template` lines of manual orders), as connections by name; `nil` without a state.
    var templates: [String: Connection]?
    /// Reference rows with an error: left out of the join.
    var rowsRejected = 0
    /// What the operator should know about the reference files.
    var notes: [String] = []

    /// Reads the catalog first (connections are checked against it), then the connection files.
    /// - Throws: `UsageError` when a reference file cannot be read or is of the wrong kind.
    static func load(catalogPath: String?, connectionPaths: [String], limits: ArchiveLimits, options: CSVOptions) throws -> ReferenceData {
        var data = ReferenceData()
        if let catalogPath {
            let processor = try read([catalogPath], catalog: nil, connections: nil, expected: [.catalog], option: "--catalog", limits: limits, options: options, data: &data)
            data.catalog = processor.catalog ?? Catalog()
        }
        if !connectionPaths.isEmpty {
            let processor = try read(connectionPaths, catalog: data.catalog, connections: ConnectionIndex(), expected: [.shopifyProducts, .woocommerceProducts, .etsyListings], option: "--connections", limits: limits, options: options, data: &data)
            data.connections = processor.connections
        }
        return data
    }

    private static func read(
        _ paths: [String], catalog: Catalog?, connections: ConnectionIndex?, expected: Set<FileKind>, option: String,
        limits: ArchiveLimits, options: CSVOptions, data: inout ReferenceData
    ) throws -> InputProcessor {
        let log = try IssueLog()
        let processor = InputProcessor(catalog: catalog, connections: connections, log: log, forcedKind: nil, options: options,
                                       mode: .reference(expected: expected, option: option))
        var summary = RunSummary()
        let (expanded, issues) = InputExpander.expand(paths)
        if let issue = issues.first { throw UsageError("\(option): \(issue.message)") }
        for path in expanded {
            try InputReader.forEachEntry(inPath: path, limits: limits, report: { processor.report($0) }) { entry, source in
                try processor.process(entry: entry, source: source, summary: &summary)
            }
            try processor.flushReported()
        }
        if let issue = log.firstFileLevelIssue {
            throw UsageError("\(option) \(issue.position.file): \(issue.message) (\(issue.code.rawValue))")
        }
        data.rowsRejected += processor.rowsRejected
        if processor.rowsRejected > 0 {
            let codes = log.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            data.notes.append("\(option): \(processor.rowsRejected) reference row(s) rejected and left out (\(codes)); run intake validate on \(paths.joined(separator: " ")) for details")
        }
        return processor
    }
}
