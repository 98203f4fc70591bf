import ArgumentParser
import IntakeModel
import IntakePipeline

/// `intake templates add | list`.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "Named products (a Product UID with its design file) for manual order lines.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a template: manual order lines may then give its name in their Template column instead of a Product UID and a Design file URL.")

        @Argument(help: "The template's name, as order lines give it (e.g. menu-a4).") var name: String
        @Option(help: ArgumentHelp("A Product UID of the state's catalog, active.", valueName: "UID")) var productUID: String
        @Option(help: ArgumentHelp("The design file's URL (http or https; PDF, PNG, JPEG, TIFF or SVG).", valueName: "URL")) var designURL: String
        @Flag(help: "Replace the template of the same name.") var replace = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, acting) = try state.open(for: .templatesAdd)
            var added: Template?
            try StateCommands.perform {
                try Audit.record(command: CommandLineText.current, by: acting, counts: ["templates_added": 1], in: store) {
                    added = try StateCommands.addTemplate(name: name, productUID: productUID, designURL: designURL, replace: replace, state: store)
                }
            }
            guard let template = added else { return }
            Terminal.write("\(replace ? "set" : "added") template \(template.name) (\(template.productUID))\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the templates (tab-separated, or --json).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .templatesList)
            let templates = try StateCommands.perform { try store.templates() }
            if json {
                try Output.json(templates)
            } else {
                Output.table(["name", "product uid", "design file url", "added"],
                             templates.map { [$0.name, $0.productUID.rawValue, $0.files.map(\.url).joined(separator: " "), $0.createdAt] })
            }
        }
    }
}
