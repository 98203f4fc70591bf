import ArgumentParser
import Foundation
import IntakeModel
import IntakePipeline
import IntakeStore

/// `intake runs list | show`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "Runs recorded in the state.", subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first (tab-separated, or --json).")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .runsList)
            let runs = try StateCommands.perform { try store.runs() }
            if json {
                try Output.json(runs.map { RunView($0) })
            } else {
                Output.table(["run", "pipeline", "status", "started", "finished", "outputs"],
                             runs.map { [$0.id, $0.pipeline, $0.status.rawValue, $0.startedAt, $0.finishedAt ?? "", $0.outputDirectory] })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run with its summary (JSON).")
        @Argument(help: "The run id.") var runID: String
        @OptionGroup var state: StateOptions

        func run() throws {
            let (store, _) = try state.open(for: .runsShow)
            guard let record = try StateCommands.perform({ try store.run(id: runID) }) else {
                throw UsageError("no run \(runID) (intake runs list)")
            }
            var view = RunView(record)
            view.audit = try StateCommands.perform { try store.auditEntry(runID: runID) }
            try Output.json(view)
        }
    }
}

/// A run as `runs list --json` and `runs show` print it.
struct RunView: Encodable {
    let id: String
    let pipeline: String
    let command: String
    let status: String
    let startedAt: String
    let finishedAt: String?
    let outputDirectory: String
    let summary: RunSummary?
    /// The run's audit entry (`runs show` only): who ran it, its input files with their SHA-256, its counts.
    var audit: AuditEntry?

    init(_ record: RunRecord) {
        id = record.id
        pipeline = record.pipeline
        command = record.command
        status = record.status.rawValue
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        outputDirectory = record.outputDirectory
        summary = record.summaryJSON.flatMap { try? JSONDecoder().decode(RunSummary.self, from: Data($0.utf8)) }
    }

    enum CodingKeys: String, CodingKey {
        case id, pipeline, command, status, summary, audit
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case outputDirectory = "output_directory"
    }
}
