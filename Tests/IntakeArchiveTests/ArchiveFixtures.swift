import IntakeArchive
import IntakeCSV
import IntakeTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CSVs inside the fixtures, as `Fixtures/archives/generate.py` writes them.
enum ArchiveFixtures {
    static let header = "Name,Email,Lineitem quantity,Lineitem sku\n"
    static let orders =
        header + "#1001,anna.mueller@example.com,2,TEE-WHT-M\n#1001,anna.mueller@example.com,1,MUG-11OZ-BLK\n"
        + "#1002,ben.okafor@example.com,3,POSTER-A3-MATTE\n"
    static let orders1 =
        header + "#2001,carla.rossi@example.com,1,HOODIE-NVY-L\n#2002,dev.patel@example.com,4,STICKER-PACK-5\n"
    static let orders2 =
        header + "#2003,emma.lindqvist@example.com,2,TOTE-NAT\n#2003,emma.lindqvist@example.com,1,CAP-BLK\n"
        + "#2004,farid.haddad@example.com,1,CANVAS-30X40\n"
    static let ok = header + "#3001,gina.novak@example.com,1,TEE-BLK-S\n"
    /// What `bomb.csv.gz` expands to: the header and whole rows up to 20 MiB.
    static let bombSize = 20_971_486

    /// The path of a fixture under `Fixtures/archives/`.
    static func path(_ name: String) -> String { TestPaths.fixture("archives/\(name)") }

    /// The bytes of a fixture, for the stream (stdin) path; read with POSIX calls, like the code under test.
    static func bytes(_ name: String) throws -> [UInt8] {
        let file = try FileByteSource(path: path(name))
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
            if count == 0 { return all }
            all += chunk[..<count]
        }
    }
}

/// One CSV entry as the reader handed it over.
struct ReadEntry: Equatable, CustomStringConvertible {
    var entry: InputEntry
    var text: String
    var description: String { "\(entry.displayPath) [\(entry.container.rawValue)]" }
}

/// Everything one `forEachEntry` call produced.
struct ReadOutcome {
    var entries: [ReadEntry] = []
    var reports: [ArchiveError] = []

    var displayPaths: [String] { entries.map(\.entry.displayPath) }
    var reportSummary: [String] { reports.map { "\($0.kind.rawValue) \($0.path)" } }
}

/// Reads a source to its end through a small fixed buffer, as the CSV reader would.
func drain(_ source: inout any ByteSource, chunkSize: Int = 4096) throws -> [UInt8] {
    var all: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
        let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { return all }
        all += chunk[..<count]
    }
}

/// Runs `forEachEntry(inPath:)` and reads every entry whole.
func readFixture(_ name: String, limits: ArchiveLimits = ArchiveLimits()) throws -> ReadOutcome {
    var outcome = ReadOutcome()
    try InputReader.forEachEntry(
        inPath: ArchiveFixtures.path(name), limits: limits, report: { outcome.reports.append($0) }
    ) {
        entry, source in
        outcome.entries.append(ReadEntry(entry: entry, text: String(decoding: try drain(&source), as: UTF8.self)))
    }
    return outcome
}

/// Runs `forEachEntry(from:inputPath:)` on the fixture's bytes in memory: the stdin path, without stdin.
func streamFixture(_ name: String, limits: ArchiveLimits = ArchiveLimits()) throws -> ReadOutcome {
    var outcome = ReadOutcome()
    try InputReader.forEachEntry(
        from: MemoryByteSource(try ArchiveFixtures.bytes(name)), inputPath: "-", limits: limits,
        report: { outcome.reports.append($0) }
    ) { entry, source in
        outcome.entries.append(ReadEntry(entry: entry, text: String(decoding: try drain(&source), as: UTF8.self)))
    }
    return outcome
}
