import ArgumentParser
import IntakePipeline

/// `intake connections import`.
struct ConnectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections", abstract: "Product connections: store variant → Product UID + design files.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bulk-connect a store's products from connection files (its product export + Product UID + Design file URL).")

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Argument(help: ArgumentHelp("Connection files.", valueName: "FILE")) var files: [String]
        @Flag(help: "Check and report, but record nothing.") var dryRun = false
        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(
                name: "connections-import", stages: [.connect(store: store, files: PipelineRunner.files(files), line: 0)], state: state,
                report: report, limits: limits, dryRun: dryRun)
            try report.finish(outcome, title: dryRun ? "connections import (dry run)" : "connections import")
        }
    }
}
