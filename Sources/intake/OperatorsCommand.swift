import ArgumentParser
import IntakeModel
import IntakePipeline

/// `intake operators add | list`.
struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators", abstract: "Who may do what with the state (roles: admin, store-manager, order-manager, read-only).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add an operator; the first one must be an admin (admin only once there are operators).",
            discussion: """
                Roles: admin (everything), store-manager (products and connections of its --stores, all stores when none \
                are given; templates), order-manager (orders import, pipelines, status updates), read-only (validate and \
                read). Every role may do what read-only does.
                """)

        @Argument(help: "The operator's name (letters, digits, '.', '_', '-', '@'), as --operator, INTAKE_OPERATOR or the OS user gives it.")
        var name: String
        @Option(help: ArgumentHelp("admin, store-manager, order-manager or read-only.", valueName: "ROLE")) var role: String
        @Option(help: ArgumentHelp("A store manager's stores, comma-separated (default: all stores).", valueName: "ID,ID"))
        var stores: String?
        @OptionGroup var state: StateOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("unknown role '\(role)'; one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            guard let role = Role(rawValue: role) else { return }
            let store = try StateCommands.open(state.path)
            let storeList = stores.map(OperatorCommands.storeList) ?? []
            let outcome = try OperatorCommands.add(
                name: name, role: role, stores: storeList, state: store, operator: state.operatorName, command: CommandLineText.current)
            Terminal.write("added operator \(name) (\(role.rawValue)\(storeList.isEmpty ? "" : " of \(storeList.joined(separator: ", "))"))\n")
            if let note = outcome.note { Terminal.write("note: \(note)\n") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the operators (tab-separated, or --json).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .operatorsList)
            let operators = try StateCommands.perform { try store.operators() }
            if json {
                try Output.json(operators)
            } else {
                Output.table(["name", "role", "stores", "created"],
                             operators.map { [$0.name, $0.role.rawValue, $0.stores.joined(separator: ","), $0.createdAt] })
            }
        }
    }
}
