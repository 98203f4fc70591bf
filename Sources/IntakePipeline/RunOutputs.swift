import Crypto
import Foundation
import IntakeArchive
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeStore
import IntakeValidation

/// The outputs of a run, written into its temporary directory (contract §5): `jobs.jsonl`,
/// `jobs/<store>/<order>.json`, `rejects.csv`, `fix/<input>.csv`, `summary.json`, and a bundle with
/// `manifest.json`. Every file is flushed and fsynced before the directory is published.
final class RunOutputs: OrderSink {
    let directory: String
    let jobsFormat: PipelineFile.JobsFormat
    /// The store and customer reference of the orders stage running now.
    var store = ""
    var customerReference = ""
    private var jsonl: BlockFileSink?
    /// Fix files in the order they were opened, and each input file's place in that list.
    private var fixWriters: [(name: String, writer: CSVWriter<FileByteSink>)] = []
    private var fixWriterIndex: [String: Int] = [:]
    /// The input file of the last rejected rows and its fix writer (rows come file by file: no hashing per row).
    private var lastFixFile: (file: String, index: Int)?
    private var fixNames: Set<String> = []
    private var jobFiles: [String] = []
    private var jobDirectories: Set<String> = []
    /// One buffer for every job's JSON, reused.
    private var jobBytes: [UInt8] = []
    /// The files `finish` wrote or flushed, relative.
    private var finishedFiles: [String] = []
    /// The routed outputs (`output.routes`), when the pipeline routes its jobs.
    var routing: RouteOutputs?

    /// Creates the directory (it must not exist) and opens `jobs.jsonl` when the format asks for it.
    init(directory: String, jobs: PipelineFile.JobsFormat) throws {
        self.directory = directory
        self.jobsFormat = jobs
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if jobs != .files {
            jsonl = try BlockFileSink(path: path("jobs.jsonl"))
        }
    }

    /// The language of the fix files' `Errors` messages.
    var language = Language.english

    func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    /// The path of `rejects.csv` (written by the run's issue log).
    var rejectsPath: String { path("rejects.csv") }

    // MARK: - OrderSink

    func accept(_ order: Order, check: OrderCheck, keep: [Bool]) throws {
        let job = ProductionJob(order: order, joins: check.joins, keep: keep, store: store, customerReference: customerReference)
        jobBytes.removeAll(keepingCapacity: true)
        job.write(into: &jobBytes)
        jobBytes.append(0x0A)
        if let routing, let router = routing.router {
            let route = router.route(of: job)
            try jobBytes.withUnsafeBytes { line in
                try writeJobs(line, reference: order.reference)
                try routing.add(line, route: route, jobFile: jobsFormat == .jsonl ? nil : jobFiles.last)
            }
            return
        }
        try jobBytes.withUnsafeBytes { try writeJobs($0, reference: order.reference) }
    }

    /// Whether jobs are routed (`output.routes`): each job is then written on its own, with its route.
    var routesJobs: Bool { routing != nil }

    func writeRoutedJob(_ line: UnsafeRawBufferPointer, reference: UnsafeRawBufferPointer, route: Int) throws {
        guard let routing else { return try writeJobs(line, reference: String(decoding: reference, as: UTF8.self)) }
        if jobsFormat == .jsonl {
            // No file is named after the reference: no `String` of it per job.
            try jsonl?.write(line)
            try routing.add(line, route: route, jobFile: nil)
        } else {
            try writeJobs(line, reference: String(decoding: reference, as: UTF8.self))
            try routing.add(line, route: route, jobFile: jobFiles.last)
        }
    }

    var wantsJobFiles: Bool { jobsFormat != .jsonl }

    /// The sink of `jobs.jsonl` when it is the only job output (the fast lane writes jobs into it in place).
    var jobLinesSink: BlockFileSink? { jobsFormat == .jsonl ? jsonl : nil }

    func writeJobs(_ lines: UnsafeRawBufferPointer, reference: String?) throws {
        if let jsonl { try jsonl.write(lines) }
        guard jobsFormat != .jsonl, let reference else { return }
        let folder = "jobs/" + SafeName.make(store)
        if !jobDirectories.contains(folder) {
            try FileManager.default.createDirectory(atPath: path(folder), withIntermediateDirectories: true)
            jobDirectories.insert(folder)
        }
        var name = folder + "/" + SafeName.make(reference) + ".json"
        var counter = 2
        while FileManager.default.fileExists(atPath: path(name)) {
            name = folder + "/" + SafeName.make(reference) + "-\(counter).json"
            counter += 1
        }
        let sink = try FileByteSink(path: path(name))
        try sink.write(lines)
        try sink.synchronize()
        jobFiles.append(name)
    }

    func reject(lines: [OrderLine], issues: [[Issue]], header: HeaderIndex, file: String) throws {
        let index = try fixWriter(for: file, header: header)
        // Several line items of one row (a one-row-per-order layout) go back as that one row, once, with all
        // their errors: `errors` gathers a row's, and the row is written when the next line is another row.
        // As UTF-8 in raw memory, written into the row as bytes: a `String` built with `+=` (and the row's line
        // copied out of `lines`) cost ~2,000 instructions a held line.
        errors.removeAll()
        let english = language == .english
        // By index, borrowing lines and issues where they lie (a loop variable would copy each).
        for offset in lines.indices {
            for position in issues[offset].indices where issues[offset][position].severity == .error {
                if !errors.isEmpty { errors.append("; ") }
                let code = issues[offset][position].code
                errors.append(utf8Of: code.rawValue)
                errors.append(": ")
                if english {
                    errors.append(utf8Of: issues[offset][position].message)
                } else {
                    errors.append(utf8Of: IssueText.of(code, in: language).message)
                }
            }
            if offset + 1 < lines.count, lines[offset + 1].position == lines[offset].position { continue }
            try writeFixRow(of: lines, at: offset, errors: UnsafeBufferPointer(start: errors.base, count: errors.count), header: header,
                            to: &fixWriters[index].writer)
            errors.removeAll()
        }
    }

    /// A fix row's errors as they are gathered (reused: a buffer allocated and freed per held order cost ~200
    /// instructions).
    private var errors = ByteBuffer(capacity: 512)

    deinit { errors.free() }

    /// The fix writer of rows from `file`, opened (with its header) at the file's first rejected row.
    private func fixWriter(for file: String, header: HeaderIndex) throws -> Int {
        if let last = lastFixFile, last.file == file { return last.index }
        if let index = fixWriterIndex[file] {
            lastFixFile = (file, index)
            return index
        }
        try FileManager.default.createDirectory(atPath: path("fix"), withIntermediateDirectories: true)
        var base = SafeName.make(file.split(separator: "/").last.map(String.init) ?? file)
        if base.lowercased().hasSuffix(".csv") { base = String(base.dropLast(4)) }
        var name = "fix/\(base).csv"
        var counter = 2
        while fixNames.contains(name) {
            name = "fix/\(base)-\(counter).csv"
            counter += 1
        }
        fixNames.insert(name)
        var writer = CSVWriter(sink: try FileByteSink(path: path(name)), spreadsheetSafe: true)
        try writer.writeRow(header.names + ["Errors"])
        fixWriters.append((name, writer))
        fixWriterIndex[file] = fixWriters.count - 1
        lastFixFile = (file, fixWriters.count - 1)
        return fixWriters.count - 1
    }

    /// One fix-file row: the row's cells as read (encoded when it was read, or read again from its record),
    /// padded to the header, then its errors (UTF-8).
    private func writeFixRow(of lines: [OrderLine], at offset: Int, errors: UnsafeBufferPointer<UInt8>, header: HeaderIndex,
                             to writer: inout CSVWriter<FileByteSink>) throws {
        if let encoded = lines[offset].encodedCells {
            writer.beginRow()
            writer.appendFields(encoded: encoded.bytes, count: encoded.fields)
            writer.appendField(utf8: errors)
            try writer.endRow()
            return
        }
        let errors = String(decoding: errors, as: UTF8.self)
        if lines[offset].cells.isEmpty, let record = lines[offset].record,
            let reader = CSVReader.replaying(record: record.bytes, delimiter: record.delimiter)
        {
            try writer.writeRow(fieldsOf: reader, paddedTo: header.count, extra: [errors])
        } else {
            var cells = lines[offset].cells
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            try writer.writeRow(cells + [errors])
        }
    }

    // MARK: - Finishing

    /// Files written by stages besides the jobs, rejects and fix files (`status/...`), relative to the folder.
    private var stageFiles: [String] = []

    /// Writes the store side's files of a `status:` stage under `status/`: the platform's tracking CSV (not for
    /// manual and Pressero stores) and the postback bodies.
    func writeStatusFiles(_ updates: [StatusUpdate], store: Store, state: any StateStore) throws {
        try FileManager.default.createDirectory(atPath: path("status"), withIntermediateDirectories: true)
        var formats: [StatusExportFormat] = [.jsonl]
        if StatusExportFormat.of(store.platform) != .jsonl { formats.insert(.of(store.platform), at: 0) }
        for format in formats {
            let name = "status/" + format.fileName(store: store.id)
            let items = format == .jsonl ? try StatusExport.items(of: Set(updates.map(\.reference)), store: store.id, state: state) : [:]
            try StatusExport.write(updates, format: format, store: store.id, customer: store.customerReference, items: items, to: path(name))
            if !stageFiles.contains(name) { stageFiles.append(name) }
        }
    }

    /// Writes `summary.json`, flushes everything and, when asked, writes the manifest and the bundle. Nothing is
    /// fsynced here: `synchronizeInBackground()` does that for a run that publishes (a dry run's outputs are
    /// thrown away).
    /// - Returns: the relative paths of the files written, sorted.
    @discardableResult
    func finish(summary: RunSummary, bundle: PipelineFile.BundleFormat, runID: String, report: HTMLReport? = nil) throws -> [String] {
        try jsonl?.flush()
        for entry in fixWriters { try entry.writer.sink.flush() }
        let summaryData = try summary.jsonData()
        try write(summaryData, to: "summary.json")
        var files = ["summary.json", "rejects.csv"]
        if let report {
            try write(Data(report.render().utf8), to: "report.html")
            files.append("report.html")
        }
        if jsonl != nil { files.append("jobs.jsonl") }
        files += fixWriters.map(\.name)
        files += stageFiles
        files += jobFiles
        if let routing { files += try routing.finish() }
        files.sort()
        if bundle != .none {
            let manifest = try manifestData(files: files, runID: runID)
            try write(manifest, to: "manifest.json")
            let all = ["manifest.json"] + files
            let name = bundle == .zip ? "bundle.zip" : "bundle.tar.gz"
            let format: IntakeArchive.BundleFormat = bundle == .zip ? .zip : .tarGzip
            try ArchiveWriter.write(files: all, from: directory, to: path(name), format: format)
            files = (all + [name]).sorted()
        }
        finishedFiles = files
        return files
    }

    /// Starts making the finished outputs durable: every file (job files are already) and the folders that name
    /// them, each fsynced on a thread of its own, so the file system commits them together while the run records
    /// its ledger. The run waits for them before it renames the folder into place.
    func synchronizeInBackground() -> BackgroundSync {
        var files = finishedFiles.filter { !$0.hasPrefix("jobs/") && !$0.hasPrefix("routes/") }.map(path)
        if let routing { files += routing.filesToSynchronize }
        // Every folder that names a file or a folder of the outputs, `fix` and `jobs` too (they name the fix files
        // and the stores' folders): fsyncs of them run side by side, so the extra ones cost nothing to wait for.
        var folders = [directory]
        if !fixWriters.isEmpty { folders.append(path("fix")) }
        if !stageFiles.isEmpty { folders.append(path("status")) }
        if !jobDirectories.isEmpty { folders.append(path("jobs")) }
        folders += jobDirectories.sorted().map(path)
        if let routing { folders += routing.foldersToSynchronize }
        return BackgroundSync(files: files, directories: folders)
    }

    private func write(_ data: Data, to relative: String) throws {
        let sink = try FileByteSink(path: path(relative))
        try data.withUnsafeBytes { try sink.write($0) }
        try sink.flush()
    }

    /// `manifest.json`: each file's path, size and SHA-256, sorted by path.
    private func manifestData(files: [String], runID: String) throws -> Data {
        var out = "{\n  \"files\": [\n"
        for (index, file) in files.enumerated() {
            let (size, digest) = try Self.sha256(of: path(file))
            var quoted = ""
            JSONText.append(file, to: &quoted)
            out += "    {\"path\": \(quoted), \"size\": \(size), \"sha256\": \"\(digest)\"}"
            out += index + 1 < files.count ? ",\n" : "\n"
        }
        var run = ""
        JSONText.append(runID, to: &run)
        out += "  ],\n"
        if let routing { out += "  \"routes\": \(routing.plan.manifestArray(indent: "  ")),\n" }
        out += "  \"run\": \(run)\n}\n"
        return Data(out.utf8)
    }

    static func sha256(of path: String) throws -> (Int, String) {
        let source = try FileByteSource(path: path)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var size = 0
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            size += count
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (size, digest)
    }
}

extension ByteBuffer {
    /// Appends the UTF-8 of `text`.
    @inline(__always)
    fileprivate mutating func append(utf8Of text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ append($0) }) { return done }
        var copy = text
        copy.withUTF8 { append($0) }
    }
}

/// File names made from order references and store ids: bytes outside `A-Z a-z 0-9 . _ -` are percent-encoded,
/// so names cannot escape their folder (`/`, `..`) and two references never share a name.
enum SafeName {
    static func make(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: ".") where !out.isEmpty:
                out += "."
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        if out.isEmpty { out = "_" }
        return String(out.prefix(200))
    }
}

/// fsyncs running on threads of their own, one per path: the file system commits concurrent fsyncs together,
/// where one after another each waits for its own journal commit (~10 ms apiece on a busy disk).
final class BackgroundSync: @unchecked Sendable {
    // @unchecked: `remaining` and `failure` are guarded by `condition`.
    private let condition = NSCondition()
    private var remaining: Int
    private var failure: (any Error)?

    /// Starts an fsync of each file and each directory.
    init(files: [String], directories: [String]) {
        remaining = files.count + directories.count
        for file in files { start { try Durability.synchronizeFile(file) } }
        for directory in directories { start { try Durability.synchronizeDirectory(directory) } }
    }

    private func start(_ work: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            var error: (any Error)?
            do { try work() } catch let thrown { error = thrown }
            condition.lock()
            if failure == nil { failure = error }
            remaining -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "intake-fsync"
        thread.start()
    }

    /// Waits until every fsync has returned.
    /// - Throws: the first failure (`FileWriteError`).
    func wait() throws {
        condition.lock()
        while remaining > 0 { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }
}

/// fsync for files and directories: what makes "complete or not at all" survive a power cut.
enum Durability {
    static func synchronizeFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: path, errorNumber: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw FileWriteError(path: path, errorNumber: errno) }
    }

    static func synchronizeDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: path, errorNumber: errno) }
        defer { close(fd) }
        _ = fsync(fd)  // some file systems refuse fsync on directories; the rename is still atomic
    }
}
