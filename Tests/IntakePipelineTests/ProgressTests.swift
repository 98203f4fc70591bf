import Foundation
import IntakePipeline
import IntakeTestSupport
import Testing

/// The progress line as text: counters and time in, one line out, never wider than the terminal.
@Suite struct ProgressLineTests {
    static func snapshot(
        done: Int64 = 25_000_000, total: Int64? = 100_000_000, rows: Int64 = 184_320, index: Int = 3, count: Int = 12,
        name: String = "in/orders_2026-11-23.csv"
    ) -> ProgressCounters.Snapshot {
        ProgressCounters.Snapshot(bytesDone: done, bytesTotal: total, rows: rows, inputIndex: index, inputCount: count, inputName: name)
    }

    @Test func aWideLineShowsEverything() {
        let line = ProgressLine.render(Self.snapshot(), elapsed: 10, width: 160)
        #expect(line == "[=======>                      ]  25%  25.0 MB / 100.0 MB  184,320 rows  18,432 rows/s  ETA 0:30  file 3/12 in/orders_2026-11-23.csv")
    }

    @Test(arguments: [1, 2, 10, 20, 40, 60, 72, 80, 100, 120, 200])
    func theLineFitsTheWidth(_ width: Int) {
        for snapshot in [Self.snapshot(), Self.snapshot(total: nil), Self.snapshot(count: 1), Self.snapshot(name: String(repeating: "long/", count: 60))] {
            let line = ProgressLine.render(snapshot, elapsed: 3.5, width: width)
            #expect(line.count <= max(width - 1, 1), "\(width): \(line)")
            #expect(!line.isEmpty)
        }
    }

    @Test func aLongNameIsCutFromTheLeft() {
        let line = ProgressLine.render(Self.snapshot(name: "drops/2026/november/orders_export_1.csv"), elapsed: 10, width: 120)
        // 12 characters of the name would fit beside the 30-cell bar, not the whole name: the bar gives way.
        #expect(line.hasPrefix("[=====>              ]  25%"))
        #expect(line.hasSuffix("  file 3/12 ...rders_export_1.csv"))
        #expect(line.count == 119)
        let narrow = ProgressLine.render(Self.snapshot(), elapsed: 10, width: 80)
        #expect(narrow.count <= 79)
        #expect(narrow.contains("184,320 rows"))
    }

    @Test func withoutATotalThereIsNoBarPercentOrETA() {
        let line = ProgressLine.render(Self.snapshot(total: nil), elapsed: 10, width: 200)
        #expect(line == "25.0 MB  184,320 rows  18,432 rows/s  file 3/12 in/orders_2026-11-23.csv")
    }

    @Test func oneInputNamesNoFile() {
        let line = ProgressLine.render(Self.snapshot(count: 1), elapsed: 10, width: 200)
        #expect(!line.contains("file"))
        #expect(line.hasSuffix("ETA 0:30"))
    }

    @Test func controlCharactersInANameAreReplaced() {
        let line = ProgressLine.render(Self.snapshot(name: "evil\u{1B}[2J\r\n.csv"), elapsed: 1, width: 200)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(line.hasSuffix("evil?[2J??.csv"))
    }

    @Test func theStartAndTheEnd() {
        let start = ProgressLine.render(Self.snapshot(done: 0, rows: 0), elapsed: 0, width: 200)
        #expect(start.hasPrefix("[>                             ]   0%  0 B / 100.0 MB  0 rows  0 rows/s  file 3/12"))
        let end = ProgressLine.render(Self.snapshot(done: 100_000_000), elapsed: 20, width: 200)
        #expect(end.hasPrefix("[==============================] 100%"))
        #expect(!end.contains("ETA"))
    }

    @Test(arguments: [(0.0, "0:00"), (0.2, "0:01"), (59.2, "1:00"), (61, "1:01"), (600, "10:00"), (3725, "62:05"), (-3, "0:00"), (.infinity, "0:00")])
    func etaIsMinutesAndSeconds(_ seconds: Double, _ text: String) {
        #expect(ProgressLine.duration(seconds) == text)
    }

    @Test(arguments: [
        (Int64(0), "0 B"), (999, "999 B"), (1000, "1.0 KB"), (12_345_678, "12.3 MB"), (999_999_999, "1.0 GB"),
        (4_000_000_000, "4.0 GB"), (5_000_000_000_000_000, "5000.0 TB"),
    ])
    func bytesInDecimalUnits(_ count: Int64, _ text: String) {
        #expect(ProgressLine.bytes(count) == text)
    }
}

/// The counters the pipeline bumps and the progress bar reads.
@Suite struct ProgressCountersTests {
    @Test func standardInputHasNoTotalButCountsWhatItReads() {
        let counters = ProgressCounters()
        counters.plan(inputs: ["-"])
        counters.beginInput("-")
        counters.addBytes(65_536)
        counters.addBytes(100)
        counters.addRows(4096)
        counters.endInput()
        let snapshot = counters.snapshot()
        #expect(snapshot == ProgressCounters.Snapshot(bytesDone: 65_636, bytesTotal: nil, rows: 4096, inputIndex: 1, inputCount: 1, inputName: "-"))
    }

    /// An archive's bytes are not counted as they are decompressed: it jumps to its file size when finished.
    @Test func anInputCountsAsItsSizeOnceFinished() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.zip").path
        let second = directory.appendingPathComponent("b.csv").path
        try Data(count: 1000).write(to: URL(fileURLWithPath: first))
        try Data(count: 234).write(to: URL(fileURLWithPath: second))
        let counters = ProgressCounters()
        counters.plan(inputs: [first, second])
        #expect(counters.snapshot().bytesTotal == 1234)
        counters.beginInput(first)
        #expect(counters.snapshot().bytesDone == 0)
        counters.beginInput(second)  // ends the first
        #expect(counters.snapshot().bytesDone == 1000)
        #expect(counters.snapshot().inputIndex == 2)
        counters.setInputName("b.csv")
        counters.addBytes(234)
        #expect(counters.snapshot().bytesDone == 1234)
        counters.endInput()
        #expect(counters.snapshot() == ProgressCounters.Snapshot(bytesDone: 1234, bytesTotal: 1234, rows: 0, inputIndex: 2, inputCount: 2, inputName: "b.csv"))
    }

    /// `validate` counts every byte and row of its inputs, archives included.
    @Test func validateCountsItsInputs() throws {
        let orders = TestPaths.fixture("shopify/orders_export_1.csv")
        let archive = TestPaths.fixture("drops/orders_2026-11-23.zip")
        let counters = ProgressCounters()
        let outcome = try Validation.run(ValidateRequest(inputs: [orders, archive], statePath: "/nonexistent/intake.sqlite", progress: counters))
        let size = { (path: String) in try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) }
        let snapshot = counters.snapshot()
        #expect(snapshot.rows == Int64(outcome.summary.rowsRead))
        #expect(snapshot.bytesDone == Int64(try size(orders) + size(archive)))
        #expect(snapshot.bytesTotal == snapshot.bytesDone)
        #expect(snapshot.inputIndex == 2 && snapshot.inputCount == 2)
        #expect(snapshot.inputName == "\(archive):orders_export_1.csv")
    }
}
