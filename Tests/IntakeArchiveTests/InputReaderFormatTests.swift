import IntakeArchive
import IntakeCSV
import Testing

/// One fixture and what reading it must give.
struct FormatCase: CustomTestStringConvertible, Sendable {
    var file: String
    var container: ContainerFormat
    /// Entry paths inside the archive with their contents; `nil` path for a plain file.
    var entries: [(path: String?, text: String)]
    /// Whether libarchive's raw format reads it (a single compressed file): its entry is `-` on stdin.
    var isSingleFile: Bool { container.rawValue.hasPrefix("tar") == false && container != .zip && container != .plain }
    var testDescription: String { file }

    static let drops: [(path: String?, text: String)] = [
        ("orders/orders_1.csv", ArchiveFixtures.orders1), ("orders/orders_2.csv", ArchiveFixtures.orders2),
    ]
    static let all: [FormatCase] = [
        FormatCase(file: "orders.csv", container: .plain, entries: [(nil, ArchiveFixtures.orders)]),
        FormatCase(file: "orders.csv.gz", container: .gzip, entries: [("orders.csv", ArchiveFixtures.orders)]),
        FormatCase(file: "orders.csv.zst", container: .zstd, entries: [("orders.csv", ArchiveFixtures.orders)]),
        FormatCase(file: "orders.csv.bz2", container: .bzip2, entries: [("orders.csv", ArchiveFixtures.orders)]),
        FormatCase(file: "drops.zip", container: .zip, entries: drops),
        FormatCase(file: "drops.tar", container: .tar, entries: drops),
        FormatCase(file: "drops.tar.gz", container: .tarGzip, entries: drops),
        FormatCase(file: "drops.tgz", container: .tarGzip, entries: drops),
        FormatCase(file: "drops.tar.zst", container: .tarZstd, entries: drops),
        FormatCase(file: "drops.tar.xz", container: .tarXz, entries: drops),
        FormatCase(
            file: "drop-without-suffix.bin", container: .zip, entries: [("orders.csv", ArchiveFixtures.orders)]),
    ]
}

@Suite struct InputReaderFormatTests {
    @Test(arguments: FormatCase.all)
    func readsEveryEntryInOrderFromAFile(_ format: FormatCase) throws {
        let path = ArchiveFixtures.path(format.file)
        let outcome = try readFixture(format.file)

        let expected = format.entries.map { entryPath, text in
            ReadEntry(
                entry: InputEntry(
                    displayPath: entryPath.map { "\(path):\($0)" } ?? path, inputPath: path, entryPath: entryPath,
                    container: format.container),
                text: text)
        }
        #expect(outcome.entries == expected)
        // The drops archives also hold README.pdf (reported), a directory, __MACOSX/ and .DS_Store (silent).
        let expectedReports = format.file.hasPrefix("drops") ? ["unrecognized_format \(path):README.pdf"] : []
        #expect(outcome.reportSummary == expectedReports)
    }

    @Test(arguments: FormatCase.all)
    func readsTheSameFromAStreamAsStdinWould(_ format: FormatCase) throws {
        let outcome = try streamFixture(format.file)

        let expected = format.entries.map { entryPath, text in
            // A single compressed file on stdin has no name to strip a suffix from: it is "-".
            let streamEntryPath = format.isSingleFile ? "-" : entryPath
            let display = streamEntryPath.map { format.isSingleFile ? "-" : "-:\($0)" } ?? "-"
            return ReadEntry(
                entry: InputEntry(
                    displayPath: display, inputPath: "-", entryPath: streamEntryPath, container: format.container),
                text: text)
        }
        #expect(outcome.entries == expected)
        let expectedReports = format.file.hasPrefix("drops") ? ["unrecognized_format -:README.pdf"] : []
        #expect(outcome.reportSummary == expectedReports)
    }

    @Test func unrecognizedEntrySaysWhichEntriesAreRead() throws {
        let outcome = try readFixture("drops.zip")
        let report = try #require(outcome.reports.first)
        #expect(report.kind == .unrecognizedEntry)
        #expect(report.kind.rawValue == "unrecognized_format")
        #expect(report.path == ArchiveFixtures.path("drops.zip") + ":README.pdf")
        #expect(report.message.contains("'README.pdf'"))
        #expect(report.message.contains("only .csv, .tsv and .txt entries are read"))
    }

    @Test func entriesNeedNotBeReadToTheEnd() throws {
        for file in ["drops.zip", "drops.tar", "drops.tar.gz", "drops.tar.zst"] {
            var heads: [String] = []
            try InputReader.forEachEntry(inPath: ArchiveFixtures.path(file), report: { _ in }) { _, source in
                var head = [UInt8](repeating: 0, count: 4)
                let count = try head.withUnsafeMutableBytes { try source.read(into: $0) }
                heads.append(String(decoding: head[..<count], as: UTF8.self))
            }
            #expect(heads == ["Name", "Name"], "\(file)")
        }
    }

    @Test func aSingleCompressedFileLeftUnreadIsNotDecompressed() throws {
        // With the ratio enforced from the first byte, decompressing the rest of the bomb would trip it.
        var reports: [ArchiveError] = []
        var calls = 0
        try InputReader.forEachEntry(
            inPath: ArchiveFixtures.path("bomb.csv.gz"),
            limits: ArchiveLimits(maxCompressionRatio: 2, ratioGraceBytes: 1 << 20), report: { reports.append($0) }
        ) { _, _ in calls += 1 }
        #expect(calls == 1)
        #expect(reports.isEmpty)
    }
}
