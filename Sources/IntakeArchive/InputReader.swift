import IntakeCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The input stage: turns an input path into the CSV byte streams inside it, whatever the container.
///
/// Plain files, `.gz`, `.zst`, `.bz2`, `.xz`, `.zip`, `.tar` and compressed tars are recognised by their first
/// bytes, never by name. Problems with a file or an entry are reported and skipped; the caller goes on with its
/// other inputs.
public enum InputReader {
    /// Calls `body` with each CSV entry of `path` ('-' = stdin), in entry order.
    ///
    /// A plain file is one entry, read directly from its descriptor. In an archive, directories, `__MACOSX/`
    /// and hidden files are skipped silently; links, devices, FIFOs, sockets, absolute paths and `..` are
    /// reported as `.unsafeEntry` and never read; entries not named `*.csv`, `*.tsv` or `*.txt` are reported as
    /// `.unrecognizedEntry`. A single compressed file is one entry named after the file without its
    /// compression suffix (`orders.csv.gz` → `orders.csv`; `-` on stdin).
    ///
    /// ```swift
    /// try InputReader.forEachEntry(inPath: "in/drops.zip", report: { issues.append($0) }) { entry, source in
    ///     var reader = CSVReader(source: source)   // reads `source` to its end, or not
    ///     ...
    /// }
    /// ```
    /// - Parameters:
    ///   - path: the input file; `-` reads standard input.
    ///   - limits: bounds on entries and expansion, enforced while data is read.
    ///   - report: receives each problem with the file or an entry. A file that cannot be opened, a corrupt
    ///     archive or an exceeded limit ends the input (after whatever entries came before); an unsafe or
    ///     unrecognised entry is skipped and the next one read.
    ///   - body: receives each CSV entry and a source of its bytes. The source throws `ArchiveError` when the
    ///     data is corrupt or a limit is passed; when `body` lets that error out, it is reported and the input
    ///     ends. The source need not be read to its end; it is only valid during the call.
    /// - Throws: whatever `body` throws that is not an `ArchiveError`.
    public static func forEachEntry(
        inPath path: String, limits: ArchiveLimits = ArchiveLimits(),
        report: (ArchiveError) -> Void,
        body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws {
        let file: FileByteSource
        do {
            file = try FileByteSource(path: path)
        } catch {
            report(unreadable(error, path: path, action: "opening"))
            return
        }
        // libarchive reopens a regular file to seek in it (a zip's central directory is at its end); a pipe or
        // stdin cannot be reopened, so its already-sniffed bytes go to libarchive through the stream callbacks.
        let reopenable = path != "-" && isRegularFile(path)
        try read(file, inputPath: path, reopenable: reopenable, limits: limits, report: report, body: body)
    }

    /// Calls `body` with each CSV entry of the bytes of `source`, as `forEachEntry(inPath:)` does for a file.
    ///
    /// This is the path standard input takes; it serves any other stream too (and tests, without a disk).
    /// - Parameters:
    ///   - source: the input's bytes; archives are read from it through libarchive's stream callbacks.
    ///   - inputPath: the name to show for the input; `-` for standard input.
    ///   - limits: bounds on entries and expansion.
    ///   - report: receives each problem with the input or an entry.
    ///   - body: receives each CSV entry and a source of its bytes.
    /// - Throws: whatever `body` throws that is not an `ArchiveError`, and errors of `source` other than
    ///   `FileReadError` while the first bytes are sniffed.
    public static func forEachEntry<Source: ByteSource>(
        from source: Source, inputPath: String, limits: ArchiveLimits = ArchiveLimits(),
        report: (ArchiveError) -> Void,
        body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws {
        try read(source, inputPath: inputPath, reopenable: false, limits: limits, report: report, body: body)
    }

    private static func read<Source: ByteSource>(
        _ source: Source, inputPath: String, reopenable: Bool, limits: ArchiveLimits,
        report: (ArchiveError) -> Void, body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws {
        var source = source
        let prefix: [UInt8]
        do {
            prefix = try sniff(&source)
        } catch let error as FileReadError {
            report(ArchiveError(unreadable: error, path: inputPath, action: "reading"))
            return
        } catch let error as ArchiveError {
            report(error)
            return
        }
        let format = ContainerFormat.detect(prefix: prefix)
        guard let layout = ArchiveLayout(format) else {
            let entry = InputEntry(displayPath: inputPath, inputPath: inputPath, entryPath: nil, container: .plain)
            try deliver(
                entry, PlainFileSource(prefix: prefix, base: source, displayPath: inputPath), report: report, body: body
            )
            return
        }
        let reader: ArchiveReader
        do {
            reader =
                reopenable
                ? try ArchiveReader.open(file: inputPath, layout: layout)
                : try ArchiveReader.open(stream: PrefixedByteSource(prefix: prefix, base: source), layout: layout)
        } catch {
            report(
                ArchiveError(reading: error, path: inputPath, during: .open, isCompressed: format.compression != nil))
            return
        }
        try readEntries(of: reader, format: format, inputPath: inputPath, limits: limits, report: report, body: body)
    }

    /// Walks the headers of an open archive and hands each CSV entry to `body`.
    private static func readEntries(
        of reader: ArchiveReader, format: ContainerFormat, inputPath: String, limits: ArchiveLimits,
        report: (ArchiveError) -> Void, body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws {
        // Only used to skip unread data of a compressed archive; one fixed buffer for the whole archive.
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: ArchiveStreamContext.blockSize, alignment: 16)
        defer { scratch.deallocate() }
        var container = format
        var entryCount = 0
        var currentDisplayPath = inputPath
        while true {
            if case .compressed = reader.layout, !reader.entryDataFinished {
                // Skipping inside a compressed stream means decompressing; doing it here rather than in
                // libarchive's skip counts those bytes against the limits, so a bomb in an entry nobody reads
                // is stopped too.
                do {
                    while try ArchiveEntrySource.read(
                        from: reader, into: scratch, limits: limits, displayPath: currentDisplayPath) > 0
                    {}
                } catch {
                    report(error)
                    return
                }
            }
            let header: ArchiveEntryHeader?
            do {
                header = try reader.nextHeader()
            } catch {
                let isCompressed = format.compression != nil
                report(ArchiveError(reading: error, path: inputPath, during: .header, isCompressed: isCompressed))
                return
            }
            guard let header else { return }
            entryCount += 1
            guard entryCount <= limits.maxEntries else {
                report(
                    ArchiveError(
                        kind: .limitExceeded, path: inputPath,
                        message: "archive has more than \(limits.maxEntries) entries (the limit per archive); "
                            + "reading stopped after entry \(limits.maxEntries)"))
                return
            }
            if entryCount == 1 { container = format.refined(holdsTar: reader.holdsTar) }

            if reader.isSingleFile {
                let name = singleFileName(of: inputPath, compression: format.compression)
                // "-:-" would only confuse: stdin's one file is just "-".
                let display = inputPath == "-" ? "-" : "\(inputPath):\(name)"
                let entry = InputEntry(
                    displayPath: display, inputPath: inputPath, entryPath: name, container: container)
                try deliver(
                    entry, ArchiveEntrySource(reader: reader, limits: limits, displayPath: display),
                    report: report, body: body)
                // The raw format has exactly one entry: return without decompressing what `body` left unread.
                return
            }

            let entryPath = header.pathname ?? "<entry \(entryCount)>"
            currentDisplayPath = "\(inputPath):\(entryPath)"
            switch header.disposition {
            case .skip:
                continue
            case .unsafe(let message):
                report(ArchiveError(kind: .unsafeEntry, path: currentDisplayPath, message: message))
            case .unrecognized(let message):
                report(ArchiveError(kind: .unrecognizedEntry, path: currentDisplayPath, message: message))
            case .read:
                let entry = InputEntry(
                    displayPath: currentDisplayPath, inputPath: inputPath, entryPath: entryPath, container: container)
                let source = ArchiveEntrySource(reader: reader, limits: limits, displayPath: currentDisplayPath)
                guard try deliver(entry, source, report: report, body: body) else { return }
            }
        }
    }

    /// Runs `body` on one entry.
    /// - Returns: `false` when `body` let an `ArchiveError` out (it has been reported): the input is over.
    /// - Throws: any other error of `body`.
    @discardableResult
    private static func deliver(
        _ entry: InputEntry, _ source: some ByteSource, report: (ArchiveError) -> Void,
        body: (InputEntry, inout any ByteSource) throws -> Void
    ) throws -> Bool {
        var source: any ByteSource = source
        do {
            try body(entry, &source)
            return true
        } catch let error as ArchiveError {
            report(error)
            return false
        }
    }

    /// Reads the first bytes for detection: as many as `ContainerFormat.sniffLength`, fewer only at the end.
    private static func sniff(_ source: inout some ByteSource) throws -> [UInt8] {
        var prefix = [UInt8](repeating: 0, count: ContainerFormat.sniffLength)
        var filled = 0
        // A pipe returns what it has; keep reading until the prefix is full or the stream ends.
        while filled < prefix.count {
            let count = try prefix.withUnsafeMutableBytes { bytes in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]))
            }
            if count == 0 { break }
            filled += count
        }
        prefix.removeSubrange(filled...)
        return prefix
    }

    /// The entry name of a single compressed file: its base name without the compression suffix.
    static func singleFileName(of inputPath: String, compression: Compression?) -> String {
        if inputPath == "-" { return "-" }
        let base = inputPath.split(separator: "/").last.map(String.init) ?? inputPath
        let lowered = base.lowercased()
        for suffix in compression?.suffixes ?? [] where lowered.hasSuffix(suffix) && lowered.count > suffix.count {
            return String(base.dropLast(suffix.count))
        }
        return base
    }

    private static func unreadable(_ error: any Error, path: String, action: String) -> ArchiveError {
        if let error = error as? FileReadError { return ArchiveError(unreadable: error, path: path, action: action) }
        return ArchiveError(kind: .unreadableFile, path: path, message: "\(action) the file failed (\(error)); skipped")
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
