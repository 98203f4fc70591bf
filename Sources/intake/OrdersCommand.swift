import ArgumentParser
import IntakePipeline

/// `intake orders import | template`.
struct OrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "Orders into production jobs.", subcommands: [Import.self, Template.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Validate a store's order exports and publish production jobs into --out (each order once, ever).")

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Argument(help: ArgumentHelp("Order exports (files, folders, globs, archives, -).", valueName: "FILE")) var files: [String]
        @Option(help: ArgumentHelp("The output directory (must not exist; {run} and {date} allowed).", valueName: "DIR")) var out: String
        @Flag(help: "Do everything but publish outputs and record the ledger.") var dryRun = false
        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(
                name: "orders-import", stages: [.orders(store: store, files: PipelineRunner.files(files), line: 0)], state: state,
                report: report, limits: limits, dryRun: dryRun, outputDirectory: out)
            try report.finish(outcome, title: dryRun ? "orders import (dry run)" : "orders import")
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "template", abstract: "Write the manual order CSV header with one example row.")

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it ('-' = standard output).", valueName: "CSV")) var output: String = "-"

        func run() throws {
            try StateCommands.writeOrderTemplate(to: output)
        }
    }
}
