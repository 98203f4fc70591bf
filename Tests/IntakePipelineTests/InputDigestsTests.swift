import Crypto
import Foundation
@testable import IntakePipeline
import IntakeTestSupport
import Testing

/// The audit's digests of the inputs: the same size and SHA-256 as the bytes hashed in memory, whatever the size
/// (empty, under a page, across the 1 MiB reads, not a multiple of the block size).
struct InputDigestsTests {
    static func check(directory: String, count: Int, seed: UInt64) throws {
        let path = directory + "/digest-\(count)-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = BlockFileSinkTests.pattern(count: count, seed: seed)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = InputDigests.hash(path: path)
        #expect(file.bytes == Int64(count))
        #expect(file.sha256 == InputDigests.hex(SHA256.hash(data: bytes)))
    }

    @Test(arguments: [0, 1, 4095, 4096, 70_001, (1 << 20) - 1, (1 << 20) + 1, (9 << 20) + 12_345])
    func aFileHashesAsItsBytes(count: Int) throws {
        try Self.check(directory: NSTemporaryDirectory(), count: count, seed: UInt64(count) &+ 7)
    }

    /// A file in memory (tmpfs, `/dev/shm`): the same digests.
    @Test func aFileInMemoryHashesAsItsBytes() throws {
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
        for count in [0, 5_000, (4 << 20) + 3] { try Self.check(directory: "/dev/shm", count: count, seed: 11) }
    }

    @Test func aFileThatCannotBeReadHasNoDigest() {
        let file = InputDigests.hash(path: NSTemporaryDirectory() + "/no-such-file-\(UUID().uuidString).csv")
        #expect(file.bytes == 0)
        #expect(file.sha256 == "")
    }
}
