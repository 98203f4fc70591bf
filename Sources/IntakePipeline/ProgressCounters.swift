import CIntakeSystem
import Foundation
import IntakeCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far a command has read its inputs: bytes, rows, which input of how many, and its name.
///
/// One thread writes (the one that reads the inputs); another reads `snapshot()` to show it (the `intake` progress
/// bar). The writer bumps the numbers on the hot path, so they are relaxed atomic integers (C's `__atomic` builtins
/// in `CIntakeSystem`: the `Synchronization` module's `Atomic` needs macOS 15), bumped once per chunk read and once
/// per 4,096 rows; a snapshot may mix values of slightly different moments, which a display does not mind. The
/// input's name is set once per input or archive entry and guarded by a lock.
///
/// ```swift
/// let progress = ProgressCounters()
/// let outcome = try Validation.run(ValidateRequest(inputs: ["orders.csv"], progress: progress))
/// // on another thread, every 100 ms: ProgressLine.render(progress.snapshot(), elapsed: ..., width: 80)
/// ```
public final class ProgressCounters: @unchecked Sendable {
    // @unchecked: the numbers are only touched through the atomic helpers and the name under `lock`; the writer's
    // own bookkeeping (`completedBytes`, `currentSize`, `inInput`) is touched by the writing thread only.

    /// What the counters held at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// Bytes of the inputs read so far (an archive counts as its file size once it is finished).
        public var bytesDone: Int64
        /// The sizes of all inputs added up, when every one is known (not for standard input or a pipe).
        public var bytesTotal: Int64?
        /// Rows read so far (data rows; for orders, line items).
        public var rows: Int64
        /// Which input is being read, from 1 (0 before the first).
        public var inputIndex: Int
        /// How many inputs there are.
        public var inputCount: Int
        /// The input being read, as shown to the operator (`drops.zip:orders_2.csv` inside an archive).
        public var inputName: String

        /// Creates a snapshot.
        /// - Parameters:
        ///   - bytesDone: bytes read so far.
        ///   - bytesTotal: the inputs' total size, or `nil` when unknown.
        ///   - rows: rows read so far.
        ///   - inputIndex: the input being read, from 1.
        ///   - inputCount: how many inputs there are.
        ///   - inputName: the input's display name.
        public init(bytesDone: Int64, bytesTotal: Int64?, rows: Int64, inputIndex: Int, inputCount: Int, inputName: String) {
            self.bytesDone = bytesDone
            self.bytesTotal = bytesTotal
            self.rows = rows
            self.inputIndex = inputIndex
            self.inputCount = inputCount
            self.inputName = inputName
        }
    }

    private enum Slot: Int, CaseIterable {
        case bytesDone, rows, inputIndex, inputCount, bytesTotal
    }

    private let storage: UnsafeMutablePointer<Int64>
    private let lock = NSLock()
    private var name = ""
    private var completedBytes: Int64 = 0
    private var currentSize: Int64?
    private var inInput = false

    /// Creates counters at zero, with no input known.
    public init() {
        storage = .allocate(capacity: Slot.allCases.count)
        storage.initialize(repeating: 0, count: Slot.allCases.count)
        storage[Slot.bytesTotal.rawValue] = -1
    }

    deinit {
        storage.deallocate()
    }

    // MARK: - The writing side

    /// Announces the inputs about to be read: their number and, from the file system, their total size (an archive
    /// counts as its file size; standard input or a pipe makes the total unknown).
    /// - Parameter paths: the input paths, as the command will read them.
    public func plan(inputs paths: [String]) {
        var total: Int64 = 0
        var known = true
        for path in paths {
            if let size = Self.size(of: path) { total += size } else { known = false }
        }
        store(.inputCount, Int64(paths.count))
        store(.bytesTotal, known ? total : -1)
    }

    /// The input `path` starts: the next index, its name; what the previous input read is counted as done.
    /// - Parameter path: the input path as given (its display name until an archive entry names another).
    public func beginInput(_ path: String) {
        endInput()
        let index = load(.inputIndex) + 1
        store(.inputIndex, index)
        if index > load(.inputCount) { store(.inputCount, index) }
        currentSize = Self.size(of: path)
        inInput = true
        setInputName(path)
    }

    /// The input in progress is finished: its whole size counts as read (for an archive, whose bytes are not
    /// counted as they are decompressed, this is where they jump to its size).
    public func endInput() {
        guard inInput else { return }
        inInput = false
        if let currentSize {
            completedBytes += currentSize
        } else {
            completedBytes = load(.bytesDone)
        }
        store(.bytesDone, completedBytes)
    }

    /// Names what is being read now (an archive's entry).
    /// - Parameter name: the display name.
    public func setInputName(_ name: String) {
        lock.lock()
        self.name = name
        lock.unlock()
    }

    /// Counts `count` more bytes read from a plain input.
    /// - Parameter count: bytes read by one call of the source.
    @inline(__always)
    public func addBytes(_ count: Int) {
        intake_counter_add(storage + Slot.bytesDone.rawValue, Int64(count))
    }

    /// Counts `count` more rows read.
    /// - Parameter count: rows read since the last call.
    @inline(__always)
    public func addRows(_ count: Int) {
        intake_counter_add(storage + Slot.rows.rawValue, Int64(count))
    }

    // MARK: - The reading side

    /// The counters as they are now (from any thread).
    /// - Returns: the numbers and the input's name.
    public func snapshot() -> Snapshot {
        lock.lock()
        let name = self.name
        lock.unlock()
        let total = load(.bytesTotal)
        return Snapshot(
            bytesDone: load(.bytesDone), bytesTotal: total < 0 ? nil : total, rows: load(.rows),
            inputIndex: Int(load(.inputIndex)), inputCount: Int(load(.inputCount)), inputName: name)
    }

    // MARK: - Helpers

    private func load(_ slot: Slot) -> Int64 {
        intake_counter_load(storage + slot.rawValue)
    }

    private func store(_ slot: Slot, _ value: Int64) {
        intake_counter_store(storage + slot.rawValue, value)
    }

    /// The size of a regular file; `nil` for standard input, a pipe, or what cannot be read.
    static func size(of path: String) -> Int64? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }
}

/// A byte source that counts what it reads into `ProgressCounters`: one relaxed atomic add per chunk.
struct CountingByteSource: ByteSource {
    private var base: any ByteSource
    private let counters: ProgressCounters

    init(_ base: any ByteSource, counters: ProgressCounters) {
        self.base = base
        self.counters = counters
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try base.read(into: buffer)
        counters.addBytes(count)
        return count
    }
}
