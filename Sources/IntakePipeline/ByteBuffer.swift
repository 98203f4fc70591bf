import CIntakeSystem

/// A growable byte buffer in raw memory, for the job JSON of the fast lane: an append is a capacity check and a
/// copy, without the uniqueness and exclusivity checks of an `Array` stored in a class. A value with manual
/// ownership: exactly one holder frees it (`free()`), and holders exchange buffers with `swap`, never copy them.
///
/// A buffer's memory goes `readSlack` bytes past its capacity, so that a reader may load 16 bytes at any
/// offset before `count` (`JobRecord` copies fields 16 bytes at a time).
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    /// Bytes allocated past the capacity, never written: a 16-byte load anywhere before `count` stays inside.
    static let readSlack = 16

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity + Self.readSlack)
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func free() {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes written so far (valid until the next append).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Overwrites the 4 bytes at `offset` (written before) with `value`, in native byte order.
    @inline(__always)
    mutating func store(_ value: UInt32, at offset: Int) {
        guard offset >= 0, offset + 4 <= count else { return }
        UnsafeMutableRawPointer(base + offset).storeBytes(of: value, as: UInt32.self)
    }

    /// The 4 bytes at `offset` (written before), in native byte order; 0 past the end.
    @inline(__always)
    func load(at offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UnsafeRawPointer(base + offset).loadUnaligned(as: UInt32.self)
    }

    /// Drops everything from `offset` on.
    mutating func truncate(to offset: Int) { count = min(count, max(offset, 0)) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends bytes that have `CSVReader.readSlack` readable bytes after them (a field in a reader's buffer), 16
    /// at a time, past `count` into this buffer's own slack.
    @inline(__always)
    mutating func append(padded bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        intake_copy_short(base + count, source, bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }


    mutating func append(_ other: ByteBuffer) {
        append(UnsafeBufferPointer(start: other.base, count: other.count))
    }

    /// Appends a copy of bytes written before (`range` lies within `0..<count`; otherwise nothing is appended).
    @inline(__always)
    mutating func appendCopy(of range: Range<Int>) {
        guard range.lowerBound >= 0, range.upperBound <= count, !range.isEmpty else { return }
        if count + range.count > capacity { grow(to: count + range.count) }
        (base + count).update(from: base + range.lowerBound, count: range.count)  // after growing: `base` may move
        count += range.count
    }

    /// Makes room for `bound` more bytes and returns where they start: the caller writes them through the pointer
    /// and then says where it stopped (`commit(upTo:)`), for writers that read their bytes from elsewhere in the
    /// owner (the lane's job record, written as its fields are read) and so cannot be an `appendRaw` closure.
    @inline(__always)
    mutating func reserve(_ bound: Int) -> UnsafeMutablePointer<UInt8> {
        if count + bound > capacity { grow(to: count + bound) }
        return base + count
    }

    /// Counts the bytes written after a `reserve(_:)` up to `end` (within the room reserved).
    @inline(__always)
    mutating func commit(upTo end: UnsafeMutablePointer<UInt8>) {
        count = min(max(end - base, count), capacity)
    }

    /// Lets `body` write at most `bound` bytes at the end through a raw cursor, after making room for them; `body`
    /// returns where it stopped.
    @inline(__always)
    mutating func appendRaw(upTo bound: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        if count + bound > capacity { grow(to: count + bound) }
        let start = base + count
        count += min(max(body(start) - start, 0), bound)
    }

    private mutating func grow(to needed: Int) {
        var capacity = self.capacity * 2
        while capacity < needed { capacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.readSlack)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        self.capacity = capacity
    }
}

/// JSON written as bytes (the job JSON of the orders fast lane; `JSONText`'s escaping, without `String`s).
extension ByteBuffer {
    /// `bytes` (valid UTF-8) as a JSON string, quotes included.
    @inline(__always)
    mutating func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        appendJSONEscaped(bytes)
        append(UInt8(ascii: "\""))
    }

    /// The JSON string content of valid UTF-8 bytes, as `JSONText` escapes it (no quotes).
    @inline(__always)
    mutating func appendJSONEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        if JSONText.needsEscaping(bytes) {
            var escaped: [UInt8] = []
            JSONText.appendEscaped(bytes, to: &escaped)
            append(escaped)
        } else {
            append(bytes)
        }
    }
}
