import Foundation
import IntakeTestSupport
import Testing

/// A run whose outputs or state fill the disk (a 1 MiB tmpfs): it fails with the file and the reason, exit 4,
/// publishes nothing and records nothing, so that the same run on a disk with room publishes every order. Needs
/// root to mount the file system: `make crash-test` runs them (`CRASH_FULL_DISK=1`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CRASH_FULL_DISK"] == "1", "make crash-test runs these (needs root to mount a tmpfs)"))
struct FullDiskTests {
    /// A small file system mounted on a fresh directory, unmounted when the value goes away.
    final class SmallDisk {
        let path: String

        init(in directory: URL, name: String, size: String) throws {
            path = directory.appendingPathComponent(name).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let mount = Process()
            mount.executableURL = URL(fileURLWithPath: "/bin/mount")
            mount.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]
            try mount.run()
            mount.waitUntilExit()
            try #require(mount.terminationStatus == 0, "cannot mount a tmpfs on \(path) (needs root)")
        }

        deinit {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [path]
            try? umount.run()
            umount.waitUntilExit()
        }
    }

    /// 3,000 orders (their jobs take ~3 MB), with the state and output directory given.
    func scenario(state: String, output: String, in scratch: TemporaryDirectory) throws -> String {
        try scratch.benchPipeline("full-\(UUID().uuidString)", orders: 3000, state: state, output: output)
    }

    func run(_ pipeline: String, in scratch: TemporaryDirectory) throws -> Intake.Result {
        try Intake.run(["run", pipeline, "--quiet"], workingDirectory: scratch.url)
    }

    /// The outputs' disk fills while `jobs.jsonl` is written.
    @Test func aFullOutputDiskPublishesAndRecordsNothing() throws {
        let scratch = try TemporaryDirectory()
        let disk = try SmallDisk(in: scratch.url, name: "small", size: "1m")
        let failing = try scenario(state: "state.sqlite", output: disk.path, in: scratch)
        let result = try run(failing, in: scratch)
        #expect(result.status == 4)
        #expect(result.stderr.contains("No space left on device"))
        #expect(result.stderr.contains("jobs.jsonl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty, "something was left on the full disk")
        // Nothing was recorded: the same run with room publishes every accepted order.
        let roomy = try scenario(state: "state.sqlite", output: "out", in: scratch)
        #expect(try run(roomy, in: scratch).status == 1)
        let expected = try JSONSerialization.jsonObject(
            with: Data(contentsOf: scratch.url.appendingPathComponent("data/expected_summary.json"))) as? [String: Any]
        let runs = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path)
        #expect(runs.count == 1)
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: scratch.url.appendingPathComponent("out/\(runs[0])/summary.json"))) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == (expected?["orders"] as? [String: Any])?["orders_accepted"] as? Int)
        #expect(summary?["orders_duplicate"] as? Int == 0)
    }

    /// The state's disk fills while the run's ledger is committed.
    @Test func aFullStateDiskPublishesAndRecordsNothing() throws {
        let scratch = try TemporaryDirectory()
        let disk = try SmallDisk(in: scratch.url, name: "small", size: "300k")
        let failing = try scenario(state: disk.path + "/state.sqlite", output: "out", in: scratch)
        let result = try run(failing, in: scratch)
        #expect(result.status == 4 || result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("disk is full"))
        let out = scratch.url.appendingPathComponent("out").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty, "a run was published")
    }
}
