import ArgumentParser
import IntakePipeline

/// `intake status import | export`: production statuses of published orders, and what the stores take back.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Status updates: production's statuses of published orders, back to the stores.",
        subcommands: [Import.self, Export.self, Show.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Record production status files (CSV or JSON Lines) for a store's published orders.",
            discussion: """
                Columns (by name, any order): Order reference, Status, Time, and optionally Store, Carrier, Tracking \
                number, Tracking URL. Statuses: created, passed, in_production, printed, shipped, delivered, canceled, \
                failed (cancelled, dispatched, in transit ... accepted). An order intake never published is a row issue; \
                a status recorded already is not recorded twice.
                """)

        @Option(help: ArgumentHelp("The store whose orders the statuses are of.", valueName: "ID")) var store: String
        @Argument(help: ArgumentHelp("Status files (CSV or JSON Lines), directories, globs, archives, or -.", valueName: "FILE")) var files: [String]
        @Flag(help: "Check and report, but record nothing.") var dryRun = false
        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(
                name: "status-import", stages: [.status(store: store, files: PipelineRunner.files(files), line: 0)], state: state,
                report: report, limits: limits, dryRun: dryRun)
            try report.finish(outcome, title: dryRun ? "status import (dry run)" : "status import")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write each order's latest status in the file the store side takes.",
            discussion: """
                shopify: Order Name, Fulfillment Status, Tracking Company, Tracking Number, Tracking URL (bulk fulfillment); \
                etsy: Order ID, Carrier, Tracking Number, Ship Date; woocommerce: order_id, tracking_provider, \
                tracking_number, date_shipped, status_shipped (Advanced Shipment Tracking's import). These carry shipped and \
                delivered orders. jsonl: one postback body per order and status (order, status, items, tracking). The \
                default is the store's platform's (jsonl for manual and Pressero stores).
                """)

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Option(help: ArgumentHelp("shopify, etsy, woocommerce or jsonl (default: the store's platform's).", valueName: "FORMAT"))
        var format: String?
        @Option(help: ArgumentHelp("Only orders whose latest status happened at or after this time (2026-11-24 or 2026-11-24T09:15:00Z).", valueName: "TIME"))
        var since: String?
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it ('-' = standard output).", valueName: "FILE")) var output: String = "-"
        @OptionGroup var state: StateOptions

        func validate() throws {
            if let format, StatusExportFormat(rawValue: format) == nil {
                throw ValidationError("unknown format '\(format)'; one of: \(StatusExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let (stateStore, _) = try state.open(for: .statusExport, store: store)
            let written = try StateCommands.perform {
                try StatusExport.export(store: store, format: format.flatMap(StatusExportFormat.init(rawValue:)), since: since, state: stateStore, to: output)
            }
            if output != "-" { Terminal.write("wrote \(output) (\(written) order\(written == 1 ? "" : "s"))\n") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "An order's status history, oldest first (tab-separated, or --json).")

        @Option(help: ArgumentHelp("The store.", valueName: "ID")) var store: String
        @Argument(help: ArgumentHelp("The order's reference, as published.", valueName: "ORDER")) var order: String
        @Flag(help: "Print the history as JSON on standard output.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (stateStore, _) = try state.open(for: .statusShow, store: store)
            let history = try StateCommands.perform { try StatusExport.history(store: store, reference: order, state: stateStore) }
            if json {
                print(StatusExport.historyJSON(history))
            } else {
                for update in history {
                    print([update.time, update.status.rawValue, update.carrier, update.trackingNumber, update.trackingURL,
                           "\(update.position.file):\(update.position.line)"].joined(separator: "\t"))
                }
            }
            if history.isEmpty { Terminal.write("no status recorded for \(order) of \(store)\n") }
        }
    }
}
