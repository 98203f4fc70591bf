import ArgumentParser
import Foundation
import IntakeModel
import IntakePipeline

/// `intake validate FILE...`: check files and report; changes nothing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check files and report every problem of every row; changes nothing.",
        discussion: """
            FILE may be a CSV/TSV file, - for standard input, a directory (every CSV inside), a glob, or an archive \
            (.zip, .tar, .tar.gz/.tgz, .tar.zst, .gz, .zst: every CSV entry inside is read).
            A summary goes to standard error (or, with --json, the summary object to standard output).
            """
    )

    @Argument(help: ArgumentHelp("Files, directories, globs, archives, or - for standard input.", valueName: "FILE"))
    var files: [String]

    @Option(help: ArgumentHelp("The catalog CSV to check Product UIDs against.", valueName: "PATH"))
    var catalog: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Connection files to check order lines against.", valueName: "PATH"))
    var connections: [String] = []

    @Option(help: ArgumentHelp("The store whose platform and connections (from the state) apply.", valueName: "ID"))
    var store: String?

    @Option(help: ArgumentHelp("The state to take defaults from (default: $INTAKE_STATE, then ./intake.sqlite, when it exists).", valueName: "PATH"))
    var state: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp(OperatorHelp.text, valueName: "NAME"))
    var operatorName: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Force the file kind instead of detecting it from the header.", valueName: "KIND"))
    var kind: String?

    @OptionGroup var report: ReportOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let kind, FileKind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)'; one of: \(FileKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let language = try report.language
        let outcome = try report.reading { progress in
            var request = ValidateRequest(
                inputs: files, catalogPath: catalog, connectionPaths: connections, kind: kind.flatMap(FileKind.init(rawValue:)),
                rejectsPath: report.rejects, archiveLimits: limits.archiveLimits, csvOptions: limits.csvOptions, statePath: state,
                store: store, language: language, reportPath: report.reportPath, progress: progress)
            request.operatorName = operatorName
            return try Validation.run(request)
        }
        try report.finish(RunOutcome(summary: outcome.summary, status: outcome.status, outputDirectory: nil), title: "validate")
    }
}
