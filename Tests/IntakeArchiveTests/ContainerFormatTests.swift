import IntakeArchive
import Testing

@Suite struct ContainerFormatTests {
    static let tarHeader: [UInt8] =
        Array(repeating: 0, count: 257) + Array("ustar\u{0}00".utf8) + Array(repeating: 0, count: 242)

    @Test(
        arguments: [
            ([0x1F, 0x8B, 0x08, 0x00], ContainerFormat.gzip),
            ([0x28, 0xB5, 0x2F, 0xFD, 0x24], .zstd),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], .xz),
            (Array("BZh91AY&SY".utf8), .bzip2),
            ([0x50, 0x4B, 0x03, 0x04, 0x14], .zip),
            ([0x50, 0x4B, 0x05, 0x06], .zip),
            (tarHeader, .tar),
            (Array("Name,Email\n".utf8), .plain),
            // Text that merely starts like bzip2's magic stays text.
            (Array("BZh9 orders,quantity\n".utf8), .plain),
            ([0x1F], .plain),
            ([], .plain),
        ] as [([UInt8], ContainerFormat)])
    func detectsByContent(_ bytes: [UInt8], _ expected: ContainerFormat) {
        #expect(ContainerFormat.detect(prefix: bytes) == expected)
    }

    @Test func rawValuesAreTheOperatorNames() {
        #expect(ContainerFormat.tarGzip.rawValue == "tar.gz")
        #expect(ContainerFormat.tarZstd.rawValue == "tar.zst")
        #expect(ContainerFormat.plain.rawValue == "plain")
    }

    @Test func defaultLimits() {
        let limits = ArchiveLimits()
        #expect(limits.maxEntries == 10_000)
        #expect(limits.maxExpandedBytes == 64 << 30)
        #expect(limits.maxCompressionRatio == 1_000)
        #expect(limits.ratioGraceBytes == 64 << 20)
    }
}
