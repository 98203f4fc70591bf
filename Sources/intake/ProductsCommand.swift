import ArgumentParser
import IntakePipeline

/// `intake products sync | export`.
struct ProductsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "A store's products.", subcommands: [Sync.self, Export.self])

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sync", abstract: "Record the store's products from its product export (warns product_not_active).")

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Argument(help: ArgumentHelp("The store's product export.", valueName: "FILE")) var files: [String]
        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(
                name: "products-sync", stages: [.sync(store: store, files: PipelineRunner.files(files), line: 0)], state: state, report: report, limits: limits)
            try report.finish(outcome, title: "products sync")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the store's products as a connection file to fill in: the export's columns + Product UID + Design file URL (filled where connected).")

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it ('-' = standard output).", valueName: "CSV")) var output: String = "-"
        @OptionGroup var state: StateOptions

        func run() throws {
            let (stateStore, _) = try state.open(for: .productsExport, store: store)
            let connected = try StateCommands.perform { try StateCommands.exportProducts(store: store, state: stateStore, to: output) }
            if output != "-" { Terminal.write("wrote \(output) (\(connected) variants already connected)\n") }
        }
    }
}
