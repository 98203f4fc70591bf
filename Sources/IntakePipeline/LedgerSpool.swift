import Foundation
import IntakeCSV
import IntakeModel

/// The references of the orders a run accepts, kept in a `ScratchFile` until the run records them in the ledger
/// (`StateStore.markPublishing`), so that memory does not grow with the orders accepted.
///
/// The file holds them as `LedgerBatch` packs them (each reference's length as unsigned LEB128, then its bytes),
/// one segment per orders stage, in the order they were accepted. Publishing reads them back in pieces of at
/// most one ledger row; a later orders stage of the same store reads its store's segments to treat them as
/// repeats.
final class LedgerSpool: LedgerSource {
    private struct Segment {
        var store: String
        var start: Int
        var end: Int
        var count: Int
    }

    private let file: ScratchFile
    /// The stages before the current one.
    private var finished: [Segment] = []
    /// The stage appended to (a stage of no store until `beginStage`): a property of its own, not the array's last
    /// element, whose update cost a uniqueness check (a call) and bounds checks per accepted order.
    private var current = Segment(store: "", start: 0, end: 0, count: 0)
    /// Every stage, in order.
    private var segments: [Segment] { finished + [current] }
    /// Bytes read back at a time.
    private let window: Int

    /// Creates an empty spool.
    /// - Parameters:
    ///   - directory: where its scratch file goes (the temporary folder by default).
    ///   - window: bytes read back at a time (tests: small, so that references straddle reads).
    /// - Throws: `FileWriteError` when the scratch file cannot be created.
    init(directory: String? = nil, window: Int = 256 << 10) throws {
        file = try directory.map { try ScratchFile(directory: $0) } ?? ScratchFile()
        self.window = max(window, 16)
    }

    /// The number of references spooled, in all stages.
    var count: Int { segments.reduce(0) { $0 + $1.count } }

    /// Starts the segment of an orders stage: the references appended from now on are its store's.
    func beginStage(store: String) {
        finished.append(current)
        current = Segment(store: store, start: file.count, end: file.count, count: 0)
    }

    /// Appends an accepted order's reference to the current stage.
    /// - Throws: `FileWriteError` when the scratch file cannot be written (a full disk).
    func append(_ reference: UnsafeRawBufferPointer) throws {
        try file.appendEntry(tag: nil, reference)
        current.end = file.count
        current.count += 1
    }

    /// Appends an accepted order's reference (its UTF-8 bytes) to the current stage.
    func append(_ reference: String) throws {
        var reference = reference
        try reference.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with each reference of a store's segments, in order. The bytes are valid only during the call.
    /// - Throws: `FileReadError` when the scratch file cannot be read, or what `body` throws.
    func forEachReference(store: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        for segment in segments where segment.store == store {
            try forEachEntry(segment) { _, reference in try body(reference) }
        }
    }

    func forEachPiece(maxCount: Int, maxBytes: Int, _ body: (_ store: String, _ count: Int, _ packed: UnsafeRawBufferPointer) throws -> Void) throws {
        // The spool holds entries packed as a piece packs them (length, then bytes), back to back: a piece is a
        // slice of what is read back, handed over as it lies (the publishing step copied each of the 1,000,000
        // references of a big run into a piece, 15 ms of the run's single-threaded end). A read holds a whole
        // piece and the length prefix of the next entry, or the one entry of a piece that is longer.
        let maxCount = max(1, maxCount)
        for segment in segments where segment.count > 0 {
            try walk(segment, window: max(window, maxBytes + 16)) { chunk in
                var position = 0
                var count = 0
                while count < maxCount, let entry = ScratchFile.entry(in: chunk, at: position) {
                    if count > 0 && entry.end > maxBytes { break }
                    position = entry.end
                    count += 1
                }
                if count > 0 { try body(segment.store, count, UnsafeRawBufferPointer(rebasing: chunk[..<position])) }
                return position
            }
        }
    }

    /// Reads a segment back a window at a time and calls `body` with each reference: its packed bytes (length
    /// prefix included) and its bytes alone.
    private func forEachEntry(_ segment: Segment, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        try walk(segment, window: window) { chunk in
            var position = 0
            while let entry = ScratchFile.entry(in: chunk, at: position) {
                try body(UnsafeRawBufferPointer(rebasing: chunk[position..<entry.end]), UnsafeRawBufferPointer(rebasing: chunk[entry.bytes..<entry.end]))
                position = entry.end
            }
            return position
        }
    }

    /// Reads a segment back from its start, `window` bytes at a time: `consume` takes whole entries from the front
    /// of what was read and returns how many bytes it took; when it takes none (one entry longer than the window),
    /// the read is made again, larger.
    private func walk(_ segment: Segment, window: Int, _ consume: (UnsafeRawBufferPointer) throws -> Int) throws {
        var offset = segment.start
        var wanted = window
        while offset < segment.end {
            let chunk = try file.read(at: offset, count: min(wanted, segment.end - offset))
            let taken = try consume(chunk)
            guard taken > 0 else {
                guard chunk.count < segment.end - offset else {
                    // The spool wrote every entry whole: bytes that do not parse were damaged on the way back.
                    throw FileReadError(path: "the spooled ledger entries (a temporary file)", errorNumber: EIO)
                }
                wanted = max(wanted * 2, chunk.count + 16)
                continue
            }
            offset += taken
            wanted = window
        }
    }
}
