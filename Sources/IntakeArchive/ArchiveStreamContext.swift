import CArchive
import IntakeCSV

/// What libarchive's C read callback pulls from: a Swift byte source and the buffer it fills.
///
/// libarchive holds it only as an opaque pointer (`Unmanaged`, unretained); `ArchiveReader` keeps the strong
/// reference, so the context outlives every callback. It owns the buffer because libarchive reads the bytes
/// after the callback returns, until the next call.
final class ArchiveStreamContext {
    /// The buffer size for reads from the input, and the block size given to libarchive for files.
    static let blockSize = 64 * 1024

    private var source: any ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    /// Why the source threw, when it did: a C callback can only return `ARCHIVE_FATAL`.
    private(set) var failure: String?

    init(source: some ByteSource) {
        self.source = source
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Opens `archive` on this context with `archive_read_open`.
    /// - Returns: libarchive's status code, for `Libarchive.judge`.
    func open(_ archive: OpaquePointer) -> Int32 {
        let client = Unmanaged.passUnretained(self).toOpaque()
        return archive_read_open(
            archive, client, nil,
            { _, client, output in
                // No captures: this is a C function pointer; everything comes through `client`.
                guard let client, let output else { return la_ssize_t(ARCHIVE_FATAL) }
                let context = Unmanaged<ArchiveStreamContext>.fromOpaque(client).takeUnretainedValue()
                return context.fill(output)
            },
            nil)
    }

    /// Reads the next block from the source for libarchive.
    /// - Returns: the byte count, `0` at the end, `ARCHIVE_FATAL` when the source threw.
    private func fill(_ output: UnsafeMutablePointer<UnsafeRawPointer?>) -> la_ssize_t {
        do {
            let count = try source.read(into: buffer)
            output.pointee = UnsafeRawPointer(buffer.baseAddress)
            return la_ssize_t(count)
        } catch {
            failure = String(describing: error)
            return la_ssize_t(ARCHIVE_FATAL)
        }
    }
}
