import Foundation
import IntakeCSV
@testable import IntakePipeline
import IntakeTestSupport
import Testing

/// The sink of `jobs.jsonl`: bytes written in any pieces land in the file in order (through direct I/O where the
/// file system takes it, through the page cache where not), and a failed write is an error, never a short file.
struct BlockFileSinkTests {
    /// Bytes that show where each came from (so a block written out of order or twice shows).
    static func pattern(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    static func writeInPieces(_ bytes: [UInt8], to sink: BlockFileSink, seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var offset = 0
        try bytes.withUnsafeBytes { all in
            while offset < all.count {
                // Pieces from a byte to past a block, so writes straddle block boundaries every way.
                let length = min(all.count - offset, Int(random.next() % UInt64(BlockFileSink.blockSize + 3000)) + 1)
                try sink.write(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)]))
                offset += length
            }
        }
    }

    static func roundTrip(directory: String, count: Int, seed: UInt64) throws {
        let path = directory + "/jobs-\(count)-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = pattern(count: count, seed: seed)
        let sink = try BlockFileSink(path: path)
        try writeInPieces(bytes, to: sink, seed: seed &+ 1)
        try sink.synchronize()
        let read = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(read.count == bytes.count)
        #expect(read == bytes)
    }

    @Test(arguments: [0, 1, 4095, 4096, BlockFileSink.blockSize, 3 * BlockFileSink.blockSize + 17, 7 * BlockFileSink.blockSize])
    func bytesLandInOrderOnDisk(count: Int) throws {
        try Self.roundTrip(directory: NSTemporaryDirectory(), count: count, seed: UInt64(count) &+ 7)
    }

    /// A sink let go just after a block was handed over: the background write may be the last to let go of what
    /// it uses. That once ran the sink's `deinit` on its own writing queue, which waited on itself and crashed
    /// (seen in CI, once in a few runs); many rounds make that timing likely.
    @Test func aSinkLetGoWhileItsBlockIsWrittenNeitherCrashesNorLosesTheBlock() throws {
        let bytes = Self.pattern(count: BlockFileSink.blockSize, seed: 5)
        let directory = NSTemporaryDirectory()
        for round in 0..<300 {
            let path = directory + "/jobs-release-\(round)-\(UUID().uuidString).jsonl"
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                let sink = try BlockFileSink(path: path)
                try bytes.withUnsafeBytes { try sink.write($0) }
                if round.isMultiple(of: 2) { try sink.flush() }
            }
            let read = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(read == bytes, "round \(round)")
        }
    }

    /// tmpfs refuses `O_DIRECT`: the sink writes through the page cache there.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/shm")))
    func aFileSystemWithoutDirectIOGetsTheSameBytes() throws {
        try Self.roundTrip(directory: "/dev/shm", count: 2 * BlockFileSink.blockSize + 999, seed: 42)
    }

    /// `/dev/full` fails every write with ENOSPC, as a full disk does: the error names the file and the cause.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnError() throws {
        let sink = try BlockFileSink(path: "/dev/full")
        let bytes = Self.pattern(count: 3 * BlockFileSink.blockSize + 5, seed: 9)
        let error = #expect(throws: FileWriteError.self) {
            try Self.writeInPieces(bytes, to: sink, seed: 3)
            try sink.synchronize()
        }
        #expect(error?.errorNumber == ENOSPC)
        #expect(error?.description.contains("/dev/full") == true)
    }
}
