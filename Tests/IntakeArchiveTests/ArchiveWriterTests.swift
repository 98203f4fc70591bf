import Foundation
import IntakeArchive
import IntakeCSV
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Integration tests of the bundle writer: each writes real files into its own temporary folder.
@Suite struct ArchiveWriterTests {
    /// A run folder like the pipeline's: nested job files, an empty file, a 3 MiB file, a non-ASCII store name.
    static let runFiles: [(name: String, bytes: [UInt8])] = [
        ("jobs.jsonl", Array("{\"order\":\"#1001\"}\n{\"order\":\"#1002\"}\n".utf8)),
        ("jobs/acme-shopify/#1001.json", Array("{\"order\":\"#1001\",\"store\":\"acme-shopify\"}\n".utf8)),
        ("jobs/café-etsy/#1002.json", Array("{\"order\":\"#1002\"}\n".utf8)),
        ("rejects.csv", Array("file,line,code\norders.csv,3,unknown_sku\n".utf8)),
        ("fix/empty.csv", []),
        ("fix/large.txt", pseudoRandomBytes(count: 3 << 20, seed: 0x5EED)),
        ("summary.json", Array("{\"accepted\":2}\n".utf8)),
    ]
    static var names: [String] { runFiles.map(\.name) }

    // MARK: round trip

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func readsBackThroughInputReaderInOrder(format: BundleFormat) throws {
        // ASCII names only: in the C locale libarchive 3.6 cannot name a non-ASCII zip entry for the reader (it
        // reports it unsafe, without a name). `pythonSeesFixedMetadataAndTheSameBytes` checks that name.
        let files = Self.runFiles.filter { $0.name.utf8.allSatisfy { $0 < 0x80 } }
        let names = files.map(\.name)
        let run = try RunFolder(files: files)
        let bundle = run.path("bundle.\(format.rawValue)")
        try ArchiveWriter.write(files: names, from: run.root, to: bundle, format: format)

        // InputReader hands over CSV/TSV/TXT entries and reports the others as unrecognised, all in entry order.
        var seen: [String] = []
        var data: [String: [UInt8]] = [:]
        var containers: Set<ContainerFormat> = []
        try InputReader.forEachEntry(
            inPath: bundle,
            report: { error in
                #expect(error.kind == .unrecognizedEntry, "\(error)")
                seen.append(String(error.path.dropFirst(bundle.count + 1)))
            }
        ) { entry, source in
            let name = try #require(entry.entryPath)
            seen.append(name)
            data[name] = try drain(&source, chunkSize: 50_000)
            containers.insert(entry.container)
        }
        #expect(seen == names)
        #expect(containers == [format == .zip ? .zip : .tarGzip])
        for (name, bytes) in files where name.hasSuffix(".csv") || name.hasSuffix(".txt") {
            #expect(data[name] == bytes, "\(name)")
        }
    }

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func pythonSeesFixedMetadataAndTheSameBytes(format: BundleFormat) throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("bundle.\(format.rawValue)")
        try ArchiveWriter.write(files: Self.names, from: run.root, to: bundle, format: format)

        let extracted = run.path("extracted")
        let listing = try python(Self.listAndExtract, format.rawValue, bundle, extracted)
        let expected = Self.runFiles.map { name, bytes in
            switch format {
            // Regular file, 0644, root, no user or group name, mtime 0.
            case .tarGzip: "\(name)\treg\t0o644\t0\t0\t\t\t0\t\(bytes.count)"
            // 0100644 in the Unix attributes; 0 is before the DOS epoch, so libarchive writes its first day.
            case .zip: "\(name)\t0o100644\t(1980, 1, 1, 0, 0, 0)\t\(bytes.count)"
            }
        }
        #expect(listing == expected)
        // Every entry's bytes as an independent reader extracted them, the JSON files too.
        for (index, file) in Self.runFiles.enumerated() {
            #expect(try readBytes("\(extracted)/\(index)") == file.bytes, "\(file.name)")
        }
    }

    @Test func gzipHeaderHasNoNameAndNoTimestamp() throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("bundle.tar.gz")
        try ArchiveWriter.write(files: Self.names, from: run.root, to: bundle, format: .tarGzip)
        let header = try readBytes(bundle)
        try #require(header.count >= 10)
        #expect(Array(header[0..<3]) == [0x1F, 0x8B, 0x08], "gzip, deflate")
        #expect(header[3] & 0x08 == 0, "no FNAME flag: no original file name")
        #expect(Array(header[4..<8]) == [0, 0, 0, 0], "MTIME 0: no time of writing")
    }

    // MARK: determinism

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func sameInputsGiveIdenticalBytes(format: BundleFormat) throws {
        let run = try RunFolder(files: Self.runFiles)
        let first = run.path("first.\(format.rawValue)")
        let second = run.path("second.\(format.rawValue)")
        try ArchiveWriter.write(files: Self.names, from: run.root, to: first, format: format)
        // What the archive must not depend on: the files' own times and permissions, and the time of writing.
        for name in Self.names {
            var times = [timespec(tv_sec: 1_234_567_890, tv_nsec: 0), timespec(tv_sec: 1_234_567_890, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, run.path(name), &times, 0) == 0)
            #expect(chmod(run.path(name), 0o600) == 0)
        }
        sleep(1)
        try ArchiveWriter.write(files: Self.names, from: run.root, to: second, format: format)
        #expect(try readBytes(first) == readBytes(second))
    }

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func givenModificationTimeIsUsedAndStable(format: BundleFormat) throws {
        let run = try RunFolder(files: Self.runFiles)
        let epoch = run.path("epoch.\(format.rawValue)")
        let first = run.path("first.\(format.rawValue)")
        let second = run.path("second.\(format.rawValue)")
        let time = 1_767_225_600  // 2026-01-01T00:00:00Z
        try ArchiveWriter.write(files: Self.names, from: run.root, to: epoch, format: format)
        try ArchiveWriter.write(files: Self.names, from: run.root, to: first, format: format, modificationTime: time)
        try ArchiveWriter.write(files: Self.names, from: run.root, to: second, format: format, modificationTime: time)
        #expect(try readBytes(first) == readBytes(second))
        #expect(try readBytes(first) != readBytes(epoch))
        if format == .tarGzip {
            let mtimes = try python(Self.tarModificationTimes, first)
            #expect(mtimes == Array(repeating: "\(time)", count: Self.runFiles.count))
        }
    }

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func noFilesGiveAnEmptyArchive(format: BundleFormat) throws {
        let run = try RunFolder(files: [])
        let bundle = run.path("bundle.\(format.rawValue)")
        try ArchiveWriter.write(files: [], from: run.root, to: bundle, format: format)
        #expect(try python(Self.listAndExtract, format.rawValue, bundle, run.path("extracted")) == [])
    }

    @Test func replacesAnExistingDestination() throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("bundle.zip")
        try Data(repeating: 0x41, count: 10 << 20).write(to: URL(fileURLWithPath: bundle))
        try ArchiveWriter.write(files: ["rejects.csv"], from: run.root, to: bundle, format: .zip)
        let listing = try python(Self.listAndExtract, "zip", bundle, run.path("extracted"))
        #expect(listing.map { $0.split(separator: "\t").first.map(String.init) } == ["rejects.csv"])
    }

    // MARK: failures

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func missingSourceIsUnreadableAndLeavesNoArchive(format: BundleFormat) throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("bundle.\(format.rawValue)")
        let error = try #require(
            throws: ArchiveError.self,
            performing: {
                try ArchiveWriter.write(
                    files: ["rejects.csv", "fix/missing.csv", "summary.json"], from: run.root, to: bundle,
                    format: format)
            })
        #expect(error.kind == .unreadableFile)
        #expect(error.path == run.path("fix/missing.csv"))
        #expect(error.message.contains("No such file or directory"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: bundle), "a half-written archive is removed")
    }

    @Test func directoryAsSourceIsUnreadable() throws {
        let run = try RunFolder(files: Self.runFiles)
        let error = try #require(
            throws: ArchiveError.self,
            performing: {
                try ArchiveWriter.write(files: ["jobs"], from: run.root, to: run.path("bundle.zip"), format: .zip)
            })
        #expect(error.kind == .unreadableFile)
        #expect(error.message.contains("directory"), "\(error)")
    }

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func destinationInAMissingFolderIsWriteFailed(format: BundleFormat) throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("no-such-folder/bundle.\(format.rawValue)")
        let error = try #require(
            throws: ArchiveError.self,
            performing: { try ArchiveWriter.write(files: Self.names, from: run.root, to: bundle, format: format) })
        #expect(error.kind == .writeFailed)
        #expect(error.path == bundle)
        #expect(error.message.contains("No such file or directory"), "\(error)")
    }

    @Test(arguments: [BundleFormat.tarGzip, .zip])
    func fullDiskIsWriteFailed(format: BundleFormat) throws {
        // /dev/full fails every write with ENOSPC: a full disk on demand.
        var info = stat()
        try #require(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "needs /dev/full")
        let run = try RunFolder(files: Self.runFiles)
        let error = try #require(
            throws: ArchiveError.self,
            performing: { try ArchiveWriter.write(files: Self.names, from: run.root, to: "/dev/full", format: format) })
        #expect(error.kind == .writeFailed)
        #expect(error.path.hasPrefix("/dev/full"))
        #expect(error.message.contains("No space left on device"), "\(error)")
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "what existed is never removed")
    }

    @Test(arguments: [
        ["/etc/passwd"], ["../rejects.csv"], ["fix//empty.csv"], ["./rejects.csv"], [""],
        ["rejects.csv", "rejects.csv"],
    ])
    func unsafeNamesAreRefusedBeforeWriting(files: [String]) throws {
        let run = try RunFolder(files: Self.runFiles)
        let bundle = run.path("bundle.zip")
        let error = try #require(
            throws: ArchiveError.self,
            performing: { try ArchiveWriter.write(files: files, from: run.root, to: bundle, format: .zip) })
        #expect(error.kind == .unsafeEntry)
        #expect(!FileManager.default.fileExists(atPath: bundle))
    }

    @Test func errorCodeOfWriteFailureIsStable() {
        #expect(ArchiveError.Kind.writeFailed.rawValue == "write_failed")
    }

    // MARK: helpers

    /// Prints one tab-separated line per entry and writes each entry's bytes to `<out>/<index>`.
    static let listAndExtract = """
        import os, sys, tarfile, zipfile
        kind, archive, out = sys.argv[1:4]
        os.makedirs(out, exist_ok=True)
        def show(fields):
            print("\\t".join(map(str, fields)))
        def save(index, data):
            with open(os.path.join(out, str(index)), "wb") as f:
                f.write(data)
        if kind == "tar.gz":
            with tarfile.open(archive, "r:gz") as t:
                for i, m in enumerate(t.getmembers()):
                    type_ = "reg" if m.isreg() else "other"
                    show([m.name, type_, oct(m.mode), m.uid, m.gid, m.uname, m.gname, m.mtime, m.size])
                    save(i, t.extractfile(m).read())
        else:
            with zipfile.ZipFile(archive) as z:
                for i, info in enumerate(z.infolist()):
                    show([info.filename, oct(info.external_attr >> 16), info.date_time, info.file_size])
                    save(i, z.read(info))
        """

    static let tarModificationTimes = """
        import sys, tarfile
        with tarfile.open(sys.argv[1], "r:gz") as t:
            for m in t.getmembers():
                print(m.mtime)
        """
}

/// A fresh temporary folder holding the given files; removed when the value goes away.
private final class RunFolder {
    let root: String

    init(files: [(name: String, bytes: [UInt8])]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("archive-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = URL(fileURLWithPath: path(name))
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ name: String) -> String { "\(root)/\(name)" }
}

/// Runs a Python script with `arguments` and returns its standard output's lines.
private func python(_ script: String, _ arguments: String...) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 failed on \(arguments)")
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

private func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Bytes from a fixed seed (SplitMix64): incompressible like real data, the same on every run.
private func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        withUnsafeBytes(of: z.littleEndian) { bytes += $0.prefix(count - bytes.count) }
    }
    return bytes
}
