/// Bounds on what one archive may expand to, so that hostile input cannot exhaust memory, disk or time.
///
/// The limits apply per archive (a plain file has none) and are enforced while entry data is read, so a
/// decompression bomb is stopped after a bounded amount of work.
public struct ArchiveLimits: Sendable, Equatable {
    /// The most entries of any type (files, directories, links) an archive may have.
    public var maxEntries: Int
    /// The most bytes all entries of an archive may expand to, together.
    public var maxExpandedBytes: Int64
    /// The highest ratio of expanded bytes to compressed bytes read so far.
    public var maxCompressionRatio: Double
    /// How many expanded bytes pass before the ratio is enforced: small, repetitive files compress very well.
    public var ratioGraceBytes: Int64

    /// Creates limits; the defaults admit any real order export and stop bombs.
    /// - Parameters:
    ///   - maxEntries: the most entries of any type; default 10,000.
    ///   - maxExpandedBytes: the most expanded bytes over the whole archive; default 64 GiB.
    ///   - maxCompressionRatio: the highest expanded/compressed ratio; default 1,000.
    ///   - ratioGraceBytes: expanded bytes read before the ratio is enforced; default 64 MiB.
    public init(
        maxEntries: Int = 10_000, maxExpandedBytes: Int64 = 64 << 30, maxCompressionRatio: Double = 1_000,
        ratioGraceBytes: Int64 = 64 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxExpandedBytes = maxExpandedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
    }
}

extension ArchiveLimits {
    /// Checks the running totals of an archive against the size limits.
    /// - Parameters:
    ///   - expanded: bytes of entry data produced so far, over the whole archive.
    ///   - compressed: bytes of the archive read so far.
    ///   - displayPath: where the error points.
    /// - Returns: the `.limitExceeded` error to throw, or `nil` when both limits hold.
    func violation(expanded: Int64, compressed: Int64, displayPath: String) -> ArchiveError? {
        if expanded > maxExpandedBytes {
            return ArchiveError(
                kind: .limitExceeded, path: displayPath,
                message: "archive expands to more than \(ByteCount(maxExpandedBytes)) (the limit of expanded "
                    + "bytes per archive); reading stopped")
        }
        guard expanded > ratioGraceBytes else { return nil }
        // libarchive counts what it has pulled from the input; before the first read that can be 0.
        let ratio = Double(expanded) / Double(max(compressed, 1))
        guard ratio > maxCompressionRatio else { return nil }
        return ArchiveError(
            kind: .limitExceeded, path: displayPath,
            message: "data expands more than \(Int(maxCompressionRatio)) times (\(ByteCount(expanded)) from "
                + "\(ByteCount(compressed)) compressed); possible decompression bomb; reading stopped")
    }
}

/// A byte count rendered for operators (`1.0 MiB`), in messages only.
struct ByteCount: CustomStringConvertible {
    var bytes: Int64

    init(_ bytes: Int64) { self.bytes = bytes }

    var description: String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) \(units[unit])"
    }
}
