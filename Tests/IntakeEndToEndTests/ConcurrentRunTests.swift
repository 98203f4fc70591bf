import Foundation
import IntakeTestSupport
import Testing

/// Two runs on one state (issue 6): the second waits for the first (`--wait`, default 30 s) or fails clearly
/// (exit 2) when it may not wait; either way the ledger stays exact, every order published once.
@Suite struct ConcurrentRunTests {
    /// The fixtures' Shopify store with its state and outputs in `scratch`.
    func pipeline(in scratch: TemporaryDirectory) throws -> String {
        try scratch.acmeShopifyPipeline(
            "concurrent", orders: [TestPaths.fixture("shopify/orders_export_1.csv")],
            tail: "state: \(scratch.url.path)/state.sqlite\noutput:\n  dir: \(scratch.url.path)/out/{run}\n")
    }

    /// While another process holds the state's lock, a run that may not wait exits 2 saying so, and touches
    /// nothing; one that may wait runs once the lock is let go.
    @Test func aSecondRunWaitsOrFailsClearly() throws {
        let scratch = try TemporaryDirectory()
        let path = try pipeline(in: scratch)
        let lockPath = scratch.url.appendingPathComponent("state.sqlite.lock").path
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(lock >= 0)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        let refused = try Intake.run(["run", path, "--quiet", "--wait", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("another intake run is using the state"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out").path))
        // Let go of the lock a second after a patient run starts: it waits, then runs.
        let release = Thread {
            Thread.sleep(forTimeInterval: 1)
            flock(lock, LOCK_UN)
            close(lock)
        }
        release.start()
        let patient = try Intake.run(["run", path, "--quiet", "--wait", "30"])
        #expect(patient.status <= 1, "\(patient.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path).count == 1)
    }

    /// Two runs started together: one publishes every order, the other (after waiting) finds them all published.
    @Test func twoRunsAtOncePublishEachOrderOnce() throws {
        let scratch = try TemporaryDirectory()
        let path = try pipeline(in: scratch)
        let runs = try (0..<2).map { index -> (Process, URL) in
            let output = scratch.url.appendingPathComponent("summary-\(index).json")
            return (try Intake.start(["run", path, "--quiet", "--json"], stdout: output), output)
        }
        let summaries = try runs.map { process, output -> [String: Any] in
            process.waitUntilExit()
            #expect(process.terminationStatus <= 1)
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        }
        let accepted = summaries.map { $0["orders_accepted"] as? Int ?? -1 }
        let duplicates = summaries.map { $0["orders_duplicate"] as? Int ?? -1 }
        #expect(accepted.min() == 0, "both runs published orders: \(accepted)")
        #expect(accepted.max() == duplicates.max(), "accepted \(accepted), duplicates \(duplicates)")
        #expect((accepted.max() ?? 0) > 0)
    }
}
