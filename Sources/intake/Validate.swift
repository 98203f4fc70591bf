import ArgumentParser
import Foundation
import IntakeModel
import IntakePipeline

/// `intake validate FILE...`: check files and report; changes nothing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Option(name: .customLong("as"), help: ArgumentHelp("Force the file kind instead of detecting it from the header.", valueName: "KIND"))
    var kind: String?

    @Option(help: ArgumentHelp("Write rejects.csv there ('-' = standard output).", valueName: "PATH"))
    var rejects: String?

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but errors.")
    var quiet = false

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let kind, FileKind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)'; one of: \(FileKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if json && rejects == "-" {
            throw ValidationError("--json and --rejects - both write to standard output; give --rejects a file")
        }
    }

    func run() throws {
        let request = ValidateRequest(
            inputs: files, catalogPath: catalog, connectionPaths: connections, kind: kind.flatMap(FileKind.init(rawValue:)),
            rejectsPath: rejects, archiveLimits: limits.archiveLimits, csvOptions: limits.csvOptions)
        let outcome = try Validation.run(request)
        if json {
            FileHandle.standardOutput.write(try outcome.summary.jsonData())
        } else if !quiet {
            Terminal.write(SummaryText.render(outcome.summary, title: "validate"))
        }
        throw ExitCode(outcome.status.rawValue)
    }
}
