import ArgumentParser
import IntakePipeline

/// `intake catalog import CSV`.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "The PSP's production catalog.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace the state's catalog (rows with errors are rejected and reported).")

        @Argument(help: ArgumentHelp("The catalog CSV.", valueName: "CSV"))
        var file: String

        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(name: "catalog-import", stages: [], catalog: file, state: state, report: report, limits: limits)
            try report.finish(outcome, title: "catalog import")
        }
    }
}
