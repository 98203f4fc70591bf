import Foundation
import IntakeTestSupport
import Testing

/// The progress bar (on a terminal only) and the logs (`--verbose`, `INTAKE_LOG_LEVEL`) on standard error.
@Suite struct ProgressAndLogTests {
    static let orders = "Fixtures/shopify/orders_export_1.csv"
    /// Draw at once rather than after a second: the fixtures are read in milliseconds.
    static let drawAtOnce = ["INTAKE_PROGRESS_DELAY_MS": "0"]
    static let escape: Unicode.Scalar = "\u{1B}"

    // MARK: Progress

    @Test func noProgressWhenStandardErrorIsNotATerminal() throws {
        let result = try Intake.run(["validate", Self.orders, "Fixtures/drops"] + Intake.referenceArguments, environment: Self.drawAtOnce)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("\r"))
        #expect(!result.stderr.unicodeScalars.contains(Self.escape))
        #expect(result.stderr.hasPrefix("validate: 3 files, "))
    }

    @Test func progressOnATerminalIsClearedBeforeTheSummary() throws {
        let result = try Intake.runInTerminal(["validate", Self.orders, "Fixtures/drops"] + Intake.referenceArguments, environment: Self.drawAtOnce)
        #expect(result.status == 0, "screen: \(result.screen)")
        #expect(result.stdout.isEmpty)
        let screen = result.screen
        let lastBar = try #require(screen.range(of: "rows/s", options: .backwards), "no progress line: \(screen.debugDescription)")
        #expect(screen.hasPrefix("\r"))
        #expect(screen.contains(" rows  "))
        // The last line drawn ends with erase-to-end, then is erased whole before the summary starts.
        let after = screen[lastBar.upperBound...]
        #expect(after.contains("\u{1B}[K\r\u{1B}[Kvalidate: 3 files, "), "\(after.debugDescription)")
        let summary = try #require(screen.range(of: "validate: 3 files, "))
        #expect(!screen[summary.lowerBound...].unicodeScalars.contains(Self.escape))
        // Each drawn line fits the terminal (100 columns) without wrapping.
        for line in screen[..<summary.lowerBound].split(separator: "\r") {
            #expect(line.replacingOccurrences(of: "\u{1B}[K", with: "").count < 100, "\(line.debugDescription)")
        }
    }

    @Test func quietDrawsNothingOnATerminal() throws {
        let result = try Intake.runInTerminal(["validate", Self.orders, "--quiet"] + Intake.referenceArguments, environment: Self.drawAtOnce)
        #expect(result.status == 0)
        #expect(result.screen.isEmpty, "\(result.screen.debugDescription)")
    }

    @Test func aDumbTerminalGetsNoProgress() throws {
        let result = try Intake.runInTerminal(["validate", Self.orders] + Intake.referenceArguments, environment: Self.drawAtOnce.merging(["TERM": "dumb"]) { $1 })
        #expect(result.status == 0)
        #expect(!result.screen.unicodeScalars.contains(Self.escape))
        #expect(result.screen.hasPrefix("validate: 1 file, "))
    }

    /// `--json` goes to standard output; the bar to the terminal on standard error does not disturb it.
    @Test func jsonOnStandardOutputStaysIntactWithTheBar() throws {
        let result = try Intake.runInTerminal(["validate", Self.orders, "--json"] + Intake.referenceArguments, environment: Self.drawAtOnce)
        #expect(result.status == 0)
        #expect(try Summary(result.stdout).int("rows_read") == 14)
        #expect(result.screen.contains("rows/s"))
        #expect(result.screen.hasSuffix("\r\u{1B}[K"))
    }

    /// Commands that run a pipeline (here `run`) show and clear the bar through the same helper.
    @Test func aPipelineRunShowsTheBarToo() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try scratch.acmeShopifyPipeline("progress", orders: [TestPaths.fixture("shopify/orders_export_1.csv")])
        let result = try Intake.runInTerminal(
            ["run", pipeline, "--state", scratch.url.appendingPathComponent("state.sqlite").path, "--out", scratch.url.appendingPathComponent("out").path],
            environment: Self.drawAtOnce)
        #expect(result.status == 0, "\(result.screen)")
        #expect(result.screen.contains("rows/s"))
        #expect(result.screen.contains("\r\u{1B}[Kprogress: "))
    }

    // MARK: Logs

    @Test func verbosePrintsInfoLogs() throws {
        let result = try Intake.run(["validate", Self.orders, "--verbose"] + Intake.referenceArguments)
        #expect(result.status == 0)
        #expect(result.stderr.contains("intake: info: ["))
        #expect(result.stderr.contains("s] read \(Self.orders): shopify-orders, 14 rows, utf-8\n"))
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("intake: debug:"))
    }

    @Test func noInfoLogsByDefault() throws {
        let result = try Intake.run(["validate", Self.orders] + Intake.referenceArguments)
        #expect(result.status == 0)
        #expect(!result.stderr.contains("intake: info:"))
        #expect(result.stderr.hasPrefix("validate: 1 file, "))
    }

    @Test func theEnvironmentChoosesTheLevel() throws {
        let debug = try Intake.run(["validate", Self.orders] + Intake.referenceArguments, environment: ["INTAKE_LOG_LEVEL": "debug"])
        #expect(debug.stderr.contains("intake: debug: ["))
        #expect(debug.stderr.contains("intake: info: ["))
        let quiet = try Intake.run(["validate", Self.orders, "--verbose"] + Intake.referenceArguments, environment: ["INTAKE_LOG_LEVEL": "error"])
        #expect(!quiet.stderr.contains("intake: info:"))
        let wrong = try Intake.run(["validate", Self.orders] + Intake.referenceArguments, environment: ["INTAKE_LOG_LEVEL": "loud"])
        #expect(wrong.stderr.hasPrefix("intake: warning: INTAKE_LOG_LEVEL=loud is not a level"))
    }

    @Test func quietAndVerboseContradict() throws {
        let result = try Intake.run(["validate", Self.orders, "--quiet", "--verbose"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--quiet and --verbose"))
    }

    /// A run logs its steps: the state, each stage, each file, publishing.
    @Test func aVerboseRunLogsItsSteps() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try scratch.acmeShopifyPipeline("logged", orders: [TestPaths.fixture("shopify/orders_export_1.csv")])
        let result = try Intake.run(
            ["run", pipeline, "-v", "--state", scratch.url.appendingPathComponent("state.sqlite").path, "--out", scratch.url.appendingPathComponent("out").path])
        #expect(result.status == 0, "\(result.stderr)")
        for step in ["state opened: ", "stage catalog started", "stage catalog finished: 20 rows read", "stage connect started (store acme-shopify)",
                     "stage orders finished: 14 rows read, 14 accepted", "publishing run ", "published run "] {
            #expect(result.stderr.contains(step), "\(step) in \(result.stderr)")
        }
        let logLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("intake: info: ") }
        #expect(logLines.count >= 10)
    }

    /// Ctrl-C while the line shows: the line is erased, and the command dies of the signal as it would without it.
    @Test func anInterruptErasesTheLine() throws {
        let result = try Intake.runInTerminal(
            ["validate", "-", "--as", "shopify-orders"], environment: ["INTAKE_PROGRESS_DELAY_MS": "0"],
            interruptWhen: { $0.contains("rows") })
        #expect(result.status == SIGINT)
        #expect(result.screen.contains("rows"))
        #expect(result.screen.hasSuffix("\r\u{1B}[K\r\n"))  // the terminal turns the line feed into \r\n
    }
}
