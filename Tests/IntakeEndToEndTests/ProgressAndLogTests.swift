import Foundation
import IntakeTestSupport
import Testing

/// The progress bar (on a terminal only) and the logs (`--verbose`, `INTAKE_LOG_LEVEL`) on standard error.
@Suite struct ProgressAndLogTests {
    static let orders = "Fixtures/shopify/orders_export_1.csv"

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
}
