import ArgumentParser
import IntakeModel
import IntakePipeline

/// `intake audit`: the state's audit trail, newest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit trail: every change of the state, newest first (tab-separated, or --json).",
        discussion: "One line per entry: time (UTC), operator, command line, run, input files (size, first 12 digits of the SHA-256), counts.")

    @Flag(help: "Print JSON (every count, the whole SHA-256).") var json = false
    @Option(help: ArgumentHelp("At most this many entries (the newest).", valueName: "N")) var limit: Int?
    @OptionGroup var state: StateOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit takes a number of entries from 1") }
    }

    func run() throws {
        let (store, _) = try state.open(for: .audit)
        let entries = try StateCommands.perform { try store.auditEntries(limit: limit) }
        if json {
            try Output.json(entries)
        } else {
            Output.table(["at", "operator", "command", "run", "files", "counts"], entries.map(AuditText.row))
        }
    }
}

/// An audit entry as one line of text.
enum AuditText {
    static func row(_ entry: AuditEntry) -> [String] {
        let files = entry.files.map { "\($0.path) (\($0.bytes) bytes, sha256 \($0.sha256.isEmpty ? "unreadable" : String($0.sha256.prefix(12))))" }
        // Zeros left out: the line says what happened; --json has every count.
        let counts = entry.counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return [entry.at, entry.operatorName, entry.command, entry.runID, files.joined(separator: ", "), counts.joined(separator: " ")]
    }
}
