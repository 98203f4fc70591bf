import ArgumentParser
import Foundation
import IntakeModel
import IntakePipeline

/// `intake customers add | import | list`.
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "The PSP's business customers.", subcommands: [Add.self, Import.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a customer; its reference ID must be unique.")

        @Argument(help: "The customer's name.") var name: String
        @Option(help: ArgumentHelp("The unique customer reference ID (jobs carry it).", valueName: "ID")) var ref: String?
        @Option(help: "A description.") var description: String?
        @Option(help: ArgumentHelp("The customer admin's e-mail.", valueName: "E")) var adminEmail: String?
        @Option(help: ArgumentHelp("The customer admin's first name.", valueName: "F")) var adminFirstName: String?
        @Option(help: ArgumentHelp("The customer admin's last name.", valueName: "L")) var adminLastName: String?
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, acting) = try state.open(for: .customersAdd)
            let customer = Customer(name: name, referenceID: ref ?? "", description: description ?? "", adminEmail: adminEmail ?? "",
                                    adminFirstName: adminFirstName ?? "", adminLastName: adminLastName ?? "")
            try StateCommands.perform {
                try Audit.record(command: CommandLineText.current, by: acting, counts: ["customers_added": 1], in: store) { try store.addCustomer(customer) }
            }
            Terminal.write("added customer \(name)\(ref.map { " (\($0))" } ?? "")\n")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the customers of a CSV (Name, Customer Reference ID, Description, Admin Email, Admin First Name, Admin Last Name); existing reference IDs are kept as they are.")

        @Argument(help: ArgumentHelp("The customers CSV.", valueName: "CSV")) var file: String
        @OptionGroup var state: StateOptions
        @OptionGroup var report: ReportOptions
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let outcome = try PipelineRunner.runCommand(name: "customers-import", stages: [], customers: file, state: state, report: report, limits: limits)
            try report.finish(outcome, title: "customers import")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the customers (tab-separated, or --json).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .customersList)
            let customers = try StateCommands.perform { try store.customers() }
            if json {
                try Output.json(customers)
            } else {
                Output.table(["name", "reference", "admin email", "description"],
                             customers.map { [$0.name, $0.referenceID, $0.adminEmail, $0.description] })
            }
        }
    }
}

/// Standard output for listings: tab-separated (pipes into `cut`, `sort`, `column -t`) or JSON.
enum Output {
    static func table(_ header: [String], _ rows: [[String]]) {
        var text = header.joined(separator: "\t") + "\n"
        for row in rows { text += row.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") + "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}
