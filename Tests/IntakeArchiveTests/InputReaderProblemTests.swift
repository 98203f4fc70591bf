import IntakeArchive
import IntakeCSV
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct InputReaderProblemTests {
    // MARK: unreadable_file

    @Test func missingFileIsReportedNotThrown() throws {
        let path = ArchiveFixtures.path("no-such-file.zip")
        let outcome = try readFixture("no-such-file.zip")
        #expect(outcome.entries.isEmpty)
        #expect(outcome.reportSummary == ["unreadable_file \(path)"])
        #expect(outcome.reports.first?.message.contains("No such file or directory") == true)
    }

    @Test func directoryIsUnreadable() throws {
        var reports: [ArchiveError] = []
        let path = ArchiveFixtures.path("")
        try InputReader.forEachEntry(inPath: path, report: { reports.append($0) }) { _, _ in
            Issue.record("a directory has no entries")
        }
        #expect(reports.map(\.kind) == [.unreadableFile])
    }

    @Test func readErrorOfAPlainStreamIsUnreadable() throws {
        var reports: [ArchiveError] = []
        var delivered: [UInt8] = []
        // Longer than the sniffed prefix, so the failure comes while body reads, after the prefix was put back.
        let good = Array(String(repeating: ArchiveFixtures.orders, count: 5).utf8)
        try InputReader.forEachEntry(
            from: FailingSource(good: good), inputPath: "-", report: { reports.append($0) }
        ) { _, source in
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                delivered += buffer[..<count]
            }
        }
        #expect(reports.map(\.kind) == [.unreadableFile])
        #expect(reports.first?.path == "-")
        #expect(delivered == good)
    }

    @Test func readErrorUnderLibarchiveIsUnreadable() throws {
        // Half of the bomb's 60 KB: the failure comes while libarchive pulls data, past the sniffed prefix.
        let bytes = try ArchiveFixtures.bytes("bomb.csv.gz")
        let outcome = try { () throws -> ReadOutcome in
            var outcome = ReadOutcome()
            try InputReader.forEachEntry(
                from: FailingSource(good: Array(bytes[..<(bytes.count / 2)])), inputPath: "-",
                report: { outcome.reports.append($0) }
            ) { entry, source in
                outcome.entries.append(
                    ReadEntry(entry: entry, text: String(decoding: try drain(&source), as: UTF8.self)))
            }
            return outcome
        }()
        let report = try #require(outcome.reports.last)
        #expect(outcome.reports.count == 1)
        #expect(outcome.entries.isEmpty, "body let the error out, so the entry was not recorded")
        #expect(report.kind == .unreadableFile)
        #expect(report.path == "-")
        #expect(report.underlying?.contains("Input/output error") == true)
    }

    // MARK: unsafe_archive_entry

    @Test func zipSlipEntriesAreReportedAndSkipped() throws {
        let path = ArchiveFixtures.path("zip-slip.zip")
        for outcome in [try readFixture("zip-slip.zip"), try streamFixture("zip-slip.zip")] {
            let input = outcome.entries.first?.entry.inputPath ?? ""
            #expect(outcome.entries.map(\.entry.entryPath) == ["ok.csv"])
            #expect(outcome.entries.map(\.text) == [ArchiveFixtures.ok])
            #expect(
                outcome.reportSummary == [
                    "unsafe_archive_entry \(input):../evil.csv", "unsafe_archive_entry \(input):/etc/evil.csv",
                ])
            #expect(
                outcome.reports.first?.message == "entry '../evil.csv' escapes the archive (contains '..'); skipped")
            #expect(outcome.reports.last?.message.contains("absolute path") == true)
        }
        #expect(try readFixture("zip-slip.zip").entries.first?.entry.inputPath == path)
    }

    @Test func linksAndDevicesAreReportedAndNeverRead() throws {
        let path = ArchiveFixtures.path("links.tar")
        let outcome = try readFixture("links.tar")
        #expect(outcome.displayPaths == ["\(path):ok.csv"])
        #expect(outcome.entries.map(\.text) == [ArchiveFixtures.ok])
        #expect(
            outcome.reportSummary == [
                "unsafe_archive_entry \(path):symlink.csv", "unsafe_archive_entry \(path):hardlink.csv",
                "unsafe_archive_entry \(path):null.csv", "unsafe_archive_entry \(path):pipe.csv",
            ])
        let messages = outcome.reports.map(\.message)
        #expect(messages[0].contains("symbolic link to '/etc/passwd'"))
        #expect(messages[1].contains("hard link to 'ok.csv'"))
        #expect(messages[2].contains("character device"))
        #expect(messages[3].contains("FIFO"))
    }

    /// A zip's symlink (Unix mode 0o120777, its target as data) and device (0o020644) are reported like a tar's, and
    /// never read. On a stream (standard input) a zip's entries are known only by their local headers, which carry
    /// no file type: they are then read as what they hold (the link's target as text, nothing for the device), and
    /// nothing is ever followed or opened.
    @Test func aZipsLinksAndDevicesAreReportedAndNeverFollowed() throws {
        let path = ArchiveFixtures.path("links.zip")
        let file = try readFixture("links.zip")
        #expect(file.entries.map(\.entry.entryPath) == ["ok.csv"])
        #expect(file.entries.map(\.text) == [ArchiveFixtures.ok])
        #expect(file.reportSummary == ["unsafe_archive_entry \(path):passwd.csv", "unsafe_archive_entry \(path):null.csv"])
        #expect(file.reports.first?.message.contains("symbolic link") == true)
        #expect(file.reports.last?.message.contains("character device") == true)
        let stream = try streamFixture("links.zip")
        #expect(stream.entries.map(\.entry.entryPath) == ["ok.csv", "passwd.csv", "null.csv"])
        #expect(stream.entries.map(\.text) == [ArchiveFixtures.ok, "/etc/passwd", ""])
    }

    /// An archive inside an archive is one entry of no CSV kind: reported and skipped, never opened (so nesting
    /// costs nothing, however deep).
    @Test func anArchiveInsideAnArchiveIsNotOpened() throws {
        let outcome = try readFixture("nested.zip")
        let input = outcome.entries.first?.entry.inputPath ?? ""
        #expect(outcome.entries.map(\.entry.entryPath) == ["ok.csv"])
        #expect(outcome.reportSummary == ["unrecognized_format \(input):inner.zip"])
    }

    // MARK: corrupt_archive

    @Test(arguments: ["truncated.zip", "truncated.csv.gz"])
    func truncatedArchiveIsCorrupt(_ file: String) throws {
        let path = ArchiveFixtures.path(file)
        for (outcome, input) in [(try readFixture(file), path), (try streamFixture(file), "-")] {
            #expect(outcome.reports.map(\.kind) == [.corruptArchive], "\(outcome.reportSummary)")
            let report = try #require(outcome.reports.first)
            #expect(report.path.hasPrefix(input))
            #expect(report.underlying != nil, "libarchive's message is kept")
            // Whatever came out before the damage is a prefix of the real data, never invented bytes.
            for entry in outcome.entries {
                #expect(entry.text.hasPrefix(ArchiveFixtures.header))
            }
        }
    }

    @Test func magicWithoutValidDataIsCorrupt() throws {
        for bytes: [UInt8] in [[0x1F, 0x8B, 0xFF, 0xFF, 0x00, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF]] {
            var reports: [ArchiveError] = []
            try InputReader.forEachEntry(from: MemoryByteSource(bytes), inputPath: "-", report: { reports.append($0) })
            {
                _, _ in Issue.record("garbage must not become an entry")
            }
            #expect(reports.map(\.kind) == [.corruptArchive], "\(reports)")
        }
    }

    // MARK: archive_limit_exceeded

    /// The same 20 MiB of rows compressed by gzip (~350:1), zstd (~11,000:1) and zip's deflate.
    @Test(arguments: ["bomb.csv.gz", "bomb.csv.zst", "bomb.zip"])
    func compressionRatioStopsTheBombEarly(_ file: String) throws {
        let path = ArchiveFixtures.path(file)
        let limits = ArchiveLimits(maxCompressionRatio: 100, ratioGraceBytes: 1 << 20)
        var reports: [ArchiveError] = []
        var bytesRead = 0
        try InputReader.forEachEntry(inPath: path, limits: limits, report: { reports.append($0) }) { entry, source in
            #expect(entry.displayPath == "\(path):bomb.csv")
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                bytesRead += count
            }
            Issue.record("the bomb was read to its end")
        }
        #expect(reports.map(\.kind) == [.limitExceeded])
        #expect(reports.first?.kind.rawValue == "archive_limit_exceeded")
        #expect(reports.first?.path == "\(path):bomb.csv")
        #expect(reports.first?.message.contains("decompression bomb") == true)
        // Stopped soon after the grace bytes, far from the 20 MiB it expands to.
        #expect(bytesRead >= 1 << 20)
        #expect(bytesRead < 4 << 20)
    }

    @Test func expandedBytesLimitStopsAtTheLimit() throws {
        let limits = ArchiveLimits(maxExpandedBytes: 1 << 20)
        var reports: [ArchiveError] = []
        var bytesRead = 0
        try InputReader.forEachEntry(
            inPath: ArchiveFixtures.path("bomb.csv.gz"), limits: limits, report: { reports.append($0) }
        ) {
            _, source in
            bytesRead = try drain(&source).count
        }
        #expect(reports.map(\.kind) == [.limitExceeded])
        #expect(reports.first?.message.contains("1.0 MiB") == true)
        #expect(bytesRead == 0, "the error leaves body before it finishes")
        // The body's reads are counted by the reader itself; no byte past the limit was handed out.
    }

    @Test func expandedBytesAreCountedOverAllEntries() throws {
        // Each entry of many-entries.zip is 77 bytes; 500 allows six of them, not fifty.
        let outcome = try readFixture("many-entries.zip", limits: ArchiveLimits(maxExpandedBytes: 500))
        #expect(outcome.reports.map(\.kind) == [.limitExceeded])
        #expect(outcome.entries.count == 6)
        #expect(outcome.reports.first?.path == ArchiveFixtures.path("many-entries.zip") + ":orders_007.csv")
    }

    @Test func unreadEntriesOfACompressedTarCountToo() throws {
        // Skipping inside a .tar.gz decompresses: those bytes count, or a bomb could hide in an unread entry.
        var reports: [ArchiveError] = []
        var calls = 0
        try InputReader.forEachEntry(
            inPath: ArchiveFixtures.path("drops.tar.gz"), limits: ArchiveLimits(maxExpandedBytes: 200),
            report: { reports.append($0) }
        ) { _, _ in calls += 1 }
        #expect(calls == 2)
        #expect(reports.map(\.kind) == [.limitExceeded])
        #expect(reports.first?.path == ArchiveFixtures.path("drops.tar.gz") + ":orders/orders_2.csv")
    }

    @Test func defaultLimitsReadTheWholeBomb() throws {
        // 20 MiB is under the default grace, so the ratio does not apply: a big real export must pass.
        var size = 0
        var reports: [ArchiveError] = []
        try InputReader.forEachEntry(inPath: ArchiveFixtures.path("bomb.csv.gz"), report: { reports.append($0) }) {
            _, source in size = try drain(&source, chunkSize: 64 * 1024).count
        }
        #expect(reports.isEmpty)
        #expect(size == ArchiveFixtures.bombSize)
    }

    @Test func entryCountIsCheckedAtTheHeaderPastTheLimit() throws {
        let path = ArchiveFixtures.path("many-entries.zip")
        let outcome = try readFixture("many-entries.zip", limits: ArchiveLimits(maxEntries: 10))
        #expect(outcome.entries.map(\.entry.entryPath) == (1...10).map { "orders_\(threeDigits($0)).csv" })
        #expect(outcome.reportSummary == ["archive_limit_exceeded \(path)"])
        #expect(outcome.reports.first?.message.contains("more than 10 entries") == true)
        #expect(try readFixture("many-entries.zip").entries.count == 50)
    }

    // MARK: errors of body

    @Test func archiveErrorFromBodyIsReportedAndEndsTheArchive() throws {
        var reports: [ArchiveError] = []
        var calls = 0
        try InputReader.forEachEntry(inPath: ArchiveFixtures.path("drops.zip"), report: { reports.append($0) }) {
            entry, _ in
            calls += 1
            throw ArchiveError(kind: .corruptArchive, path: entry.displayPath, message: "test")
        }
        #expect(calls == 1)
        #expect(reports.map(\.message) == ["test"])
    }

    @Test func otherErrorsFromBodyAreRethrown() {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try InputReader.forEachEntry(inPath: ArchiveFixtures.path("drops.tar.zst"), report: { _ in }) { _, _ in
                throw Stop()
            }
        }
        #expect(throws: Stop.self) {
            try InputReader.forEachEntry(inPath: ArchiveFixtures.path("orders.csv"), report: { _ in }) { _, _ in
                throw Stop()
            }
        }
    }

    @Test func descriptionNamesPathCodeAndCause() {
        let error = ArchiveError(
            kind: .corruptArchive, path: "in/drops.zip", message: "cannot read", underlying: "Truncated ZIP file data")
        #expect(error.description == "in/drops.zip: corrupt_archive: cannot read (Truncated ZIP file data)")
    }
}

/// Yields `good`, then fails as a broken pipe or disk would.
private struct FailingSource: ByteSource {
    var good: [UInt8]
    var offset = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < good.count else { throw FileReadError(path: "-", errorNumber: EIO) }
        let count = min(buffer.count, good.count - offset, 100)
        buffer.copyBytes(from: good[offset..<(offset + count)])
        offset += count
        return count
    }
}

/// `7` → `007`.
private func threeDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
