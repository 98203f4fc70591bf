// A libFuzzer target for the archive reader (`make fuzz`), and a replay tool for its findings (plain builds).
//
// Each input is read as an input file would be (plain, gzip, zip, tar, ...), every CSV entry to its end, under
// small limits so that bombs and nesting hit them fast: nothing may crash, hang, leak or exceed the limits.
import FuzzSupport
import IntakeArchive
import IntakeCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ArchiveLimits(maxEntries: 64, maxExpandedBytes: 4 << 20, maxCompressionRatio: 200, ratioGraceBytes: 1 << 20)
    var expanded = 0
    try? InputReader.forEachEntry(from: MemoryByteSource(bytes), inputPath: "fuzz", limits: limits, report: { _ in }) { _, source in
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            expanded += count
            // The limit is enforced on what libarchive hands out, a block at a time: one block past it at most.
            if expanded > (4 << 20) + (1 << 20) { fatalError("an archive expanded past its limits: \(expanded) bytes") }
        }
    }
    return 0
}

@main
struct Fuzz {
    /// `fuzz-archive FILE...`: runs each file through the target (built for fuzzing: libFuzzer).
    static func main() { FuzzReplay.run(fuzzArchive) }
}
