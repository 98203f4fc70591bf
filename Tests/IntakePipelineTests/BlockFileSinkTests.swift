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

    /// Bytes written in place (into the block being filled) and through `write` land in the order they were
    /// given; a piece the block has no room for is refused, and goes through `write`.
    @Test func bytesWrittenInPlaceLandInOrderWithTheOthers() throws {
        let path = NSTemporaryDirectory() + "/jobs-in-place-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Self.pattern(count: 5 * BlockFileSink.blockSize + 321, seed: 11)
        let sink = try BlockFileSink(path: path)
        var random = SplitMix64(seed: 12)
        var offset = 0
        var refused = 0
        try bytes.withUnsafeBytes { all in
            while offset < all.count {
                let length = min(all.count - offset, Int(random.next() % 3000) + 1)
                let piece = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                // Ask for a little more room than is used, as a writer with a bound does.
                let done = try random.next() % 2 == 0 && sink.writeInPlace(upTo: length + 100) { start in
                    if let base = piece.baseAddress { start.copyMemory(from: base, byteCount: length) }
                    return length
                }
                if !done {
                    refused += 1
                    try sink.write(piece)
                }
                offset += length
            }
        }
        try sink.synchronize()
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(refused > 0)
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
