import ArgumentParser
import IntakeModel
import IntakePipeline

/// `intake stores add | list`.
struct StoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores", abstract: "Customers' stores.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a store for an existing customer.")

        @Argument(help: "The store's id (a slug, e.g. acme-shopify).") var id: String
        @Option(help: ArgumentHelp("The customer's reference ID.", valueName: "REF")) var customer: String
        @Option(help: ArgumentHelp("shopify, etsy, woocommerce, pressero or manual.", valueName: "P")) var platform: String
        @Option(help: ArgumentHelp("A display name.", valueName: "TEXT")) var name: String?
        @OptionGroup var state: StateOptions

        func validate() throws {
            guard Platform(rawValue: platform) != nil else {
                throw ValidationError("unknown platform '\(platform)'; one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard id.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]*$", options: .regularExpression) != nil else {
                throw ValidationError("a store id is a slug: letters, digits, '.', '_' and '-' (e.g. acme-shopify)")
            }
        }

        func run() throws {
            let (state, acting) = try self.state.open(for: .storesAdd)
            guard let platform = Platform(rawValue: platform) else { return }
            if platform == .pressero {
                // A Pressero store's integration ID is its customer's reference ID (contract §1).
                guard !customer.isEmpty else { throw UsageError("a Pressero store needs its customer's reference ID") }
            }
            try StateCommands.perform {
                try Audit.record(command: CommandLineText.current, by: acting, counts: ["stores_added": 1], in: state) {
                    try state.addStore(Store(id: id, customerReference: customer, platform: platform, name: name ?? id), replace: false, requireCustomer: true)
                }
            }
            Terminal.write("added store \(id) (\(platform.rawValue)) for customer \(customer)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stores (tab-separated, or --json).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .storesList)
            let stores = try StateCommands.perform { try store.stores() }
            if json {
                try Output.json(stores)
            } else {
                Output.table(["id", "platform", "customer", "name"], stores.map { [$0.id, $0.platform.rawValue, $0.customerReference, $0.name] })
            }
        }
    }
}
