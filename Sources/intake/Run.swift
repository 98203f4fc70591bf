import ArgumentParser
import IntakePipeline

/// `intake run PIPELINE.yml`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: catalog, customers, stores, then its stages in order; publish the outputs once.",
        discussion: "Outputs go to output.dir (or --out); a killed run is finished or rolled back by the next one.")

    @Argument(help: ArgumentHelp("The pipeline file.", valueName: "PIPELINE.yml"))
    var pipeline: String

    @Flag(help: "Do everything but publish outputs and record anything in the state.")
    var dryRun = false

    @Option(help: ArgumentHelp("Override output.dir ({pipeline}, {run}, {date} allowed).", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Override the pipeline's state file.", valueName: "PATH"))
    var state: String?

    @Option(help: ArgumentHelp("Seconds to wait for another run on the same state.", valueName: "SECONDS"))
    var wait: Double = 30

    @Option(name: .customLong("operator"), help: ArgumentHelp(OperatorHelp.text, valueName: "NAME"))
    var operatorName: String?

    @OptionGroup var report: ReportOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        let file: PipelineFile
        do {
            file = try PipelineFile.load(path: pipeline)
        } catch {
            throw UsageError(error.description)
        }
        let language = try report.language
        let outcome = try report.reading { progress in
            let options = RunOptions(
                dryRun: dryRun, outputDirectory: out, statePath: state, rejectsPath: report.rejects, command: CommandLineText.current, lockTimeout: wait,
                archiveLimits: limits.archiveLimits, csvOptions: limits.csvOptions, language: language, reportPath: report.reportPath,
                progress: progress, operatorName: operatorName)
            return try PipelineRunner.run(file, options: options)
        }
        try report.finish(outcome, title: dryRun ? "\(file.name) (dry run)" : file.name)
    }
}
