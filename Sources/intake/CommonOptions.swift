import ArgumentParser
import Foundation
import IntakeModel
import IntakePipeline

/// `--state PATH`: the state file (default `INTAKE_STATE`, then `./intake.sqlite`); `--operator NAME`: who acts.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The state file (default: $INTAKE_STATE, then ./intake.sqlite).", valueName: "PATH"))
    var state: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp(OperatorHelp.text, valueName: "NAME"))
    var operatorName: String?

    var path: String { PipelineRunner.statePath(option: state, pipeline: nil) }
}

/// How a command reports: `--json`, `--quiet`, `--verbose`, `--rejects`, `--report`, `--lang`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write rejects.csv there ('-' = standard output; never an input of the command).", valueName: "PATH"))
    var rejects: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Write a self-contained HTML report there (never an input of the command).", valueName: "PATH"))
    var reportPath: String?

    @Option(help: ArgumentHelp(
        "The language of messages and hints for people: en, da, de, fr, it, pt (default: $INTAKE_LANG, then LC_ALL, LC_MESSAGES or LANG, else en). Codes and column names never change.",
        valueName: "LANG"))
    var lang: String?

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also log what the command does on standard error (level info; INTAKE_LOG_LEVEL overrides).")
    var verbose = false

    func validate() throws {
        if json && rejects == "-" { throw ValidationError("--json and --rejects - both write to standard output; give --rejects a file") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other; give one") }
        if reportPath == "-" { throw ValidationError("--report writes an HTML file; give it a path") }
        _ = try language
    }

    /// The language asked for, else the locale's.
    var language: Language {
        get throws {
            do {
                return try Language.resolve(option: lang, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw ValidationError("--lang: \(error)")
            }
        }
    }

    /// Prints the outcome as asked and ends the command with its exit status.
    func finish(_ outcome: RunOutcome, title: String) throws -> Never {
        // A run that published its folder wrote rejects.csv there; --rejects also puts a copy where asked.
        if let rejects, let directory = outcome.outputDirectory {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("rejects.csv"))
            if rejects == "-" { FileHandle.standardOutput.write(data) } else { try data.write(to: URL(fileURLWithPath: rejects)) }
        }
        if json {
            FileHandle.standardOutput.write(try outcome.summary.jsonData())
        } else if !quiet {
            var text = SummaryText.render(outcome.summary, title: title)
            if let directory = outcome.outputDirectory { text += "outputs: \(directory)\n" }
            Terminal.write(text)
        }
        throw ExitCode(outcome.status.rawValue)
    }
}

/// The command line as typed, recorded with each run.
enum CommandLineText {
    static var current: String { (["intake"] + CommandLine.arguments.dropFirst()).joined(separator: " ") }
}

extension PipelineRunner {
    /// Runs the one-stage pipeline a state command stands for.
    static func runCommand(
        name: String, stages: [PipelineFile.Stage], catalog: String? = nil, customers: String? = nil, state: StateOptions,
        report: ReportOptions, limits: LimitOptions, dryRun: Bool = false, outputDirectory: String? = nil
    ) throws -> RunOutcome {
        let pipeline = PipelineFile(
            path: PipelineFile.commandLinePath, name: name, catalog: catalog.map { PipelineFile.FileRef(pattern: $0, line: 0, isGlob: false) },
            customers: customers.map { PipelineFile.FileRef(pattern: $0, line: 0, isGlob: false) }, stages: stages,
            outputDirectoryTemplate: outputDirectory ?? PipelineFile.defaultOutputDirectoryTemplate)
        let language = try report.language
        return try report.reading { progress in
            let options = RunOptions(
                dryRun: dryRun, statePath: state.path, rejectsPath: report.rejects, command: CommandLineText.current,
                writesOutputs: outputDirectory != nil, checksFiles: false, archiveLimits: limits.archiveLimits, csvOptions: limits.csvOptions,
                language: language, reportPath: report.reportPath, progress: progress, operatorName: state.operatorName)
            return try run(pipeline, options: options)
        }
    }

    /// The file arguments as the stage's file references.
    static func files(_ paths: [String]) -> [PipelineFile.FileRef] {
        paths.map { PipelineFile.FileRef(pattern: $0, line: 0, isGlob: false) }
    }
}
