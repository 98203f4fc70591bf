#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import IntakeModel

/// A store's connections packed into byte arrays, the unit `connection_batches` stores: one row per chunk of
/// connections instead of one row per connection.
///
/// A row per connection cost ~27,000 instructions each to write (JSON for the design files, eight bound values,
/// two b-trees touched), 60 ms for a 10,000-variant store on every connect stage; a packed chunk costs a
/// copy. Layout of one chunk (numbers as unsigned LEB128, texts as their length and UTF-8 bytes):
///
/// ```
/// version (1)
/// shared text count, shared texts
/// per connection: sku, line-item name (texts), Product UID (shared text number), source file (shared text
///                 number), source line, design file count, per design file: type, url (texts)
/// ```
/// Product UIDs and source file names are kept once per chunk as shared texts: a catalog has far fewer UIDs than
/// a store has variants, and every connection of a connect stage names the same file. That halves the bytes
/// written, and connections read back share those strings.
enum ConnectionPacking {
    static let version: UInt8 = 1

    /// A chunk that does not follow the layout.
    struct FormatError: Error, Sendable, CustomStringConvertible {
        var offset: Int
        var reason: String

        var description: String { "malformed connection batch at byte \(offset): \(reason)" }
    }

    /// Packs `connections` into chunks of at most `maxCount` connections and about `maxBytes` bytes (a chunk
    /// ends after the connection that crosses `maxBytes`), calling `body` with each chunk's count and bytes.
    static func forEachChunk(of connections: [Connection], maxCount: Int, maxBytes: Int,
                             _ body: (_ count: Int, _ bytes: [UInt8]) throws -> Void) rethrows {
        var start = 0
        while start < connections.count {
            var end = start
            var size = 0
            while end < connections.count, end - start < max(1, maxCount), size < maxBytes {
                size += approximateSize(of: connections[end])
                end += 1
            }
            try body(end - start, pack(connections[start..<end]))
            start = end
        }
    }

    /// The bytes of one chunk, written through a cursor into an array made with room for all of them (the
    /// publishing transaction packs every connection of a connect stage: with appends to an array it took ~2,800
    /// instructions a connection, 23 M for the benchmark's 8,168 variants, on the run's last, single-threaded step).
    static func pack(_ connections: ArraySlice<Connection>) -> [UInt8] {
        var shared = SharedTexts()
        return connections.withUnsafeBufferPointer { connections in
            var numbers: [(uid: Int32, file: Int32)] = []
            numbers.reserveCapacity(connections.count)
            // An upper bound: every number at its longest (10 bytes), every text's bytes.
            var bound = 1 + 10
            for index in connections.indices {
                connections[index].withFields { sku, lineItemName, product, files, position in
                    numbers.append((shared.number(of: product), shared.fileNumber(of: position.file)))
                    bound += sku.utf8.count + lineItemName.utf8.count + 6 * 10
                    for file in files { bound += file.type.utf8.count + file.url.utf8.count + 2 * 10 }
                }
            }
            bound += shared.byteCount
            return [UInt8](unsafeUninitializedCapacity: bound) { buffer, written in
                guard let base = buffer.baseAddress else { return }
                var cursor = Cursor(at: base)
                cursor.byte(version)
                cursor.number(shared.texts.count)
                for text in shared.texts { cursor.text(text) }
                for index in connections.indices {
                    connections[index].withFields { sku, lineItemName, _, files, position in
                        cursor.text(sku)
                        cursor.text(lineItemName)
                        cursor.number(Int(numbers[index].uid))
                        cursor.number(Int(numbers[index].file))
                        cursor.number(max(0, position.line))
                        cursor.number(files.count)
                        for file in files {
                            cursor.text(file.type)
                            cursor.text(file.url)
                        }
                    }
                }
                written = cursor.pointer - base
            }
        }
    }

    /// Writes numbers (unsigned LEB128) and texts (length, then UTF-8 bytes) into memory with room for them.
    private struct Cursor {
        var pointer: UnsafeMutablePointer<UInt8>

        init(at start: UnsafeMutablePointer<UInt8>) { pointer = start }

        mutating func byte(_ value: UInt8) {
            pointer.pointee = value
            pointer += 1
        }

        mutating func number(_ number: Int) {
            var value = UInt(number)
            while value >= 0x80 {
                byte(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            byte(UInt8(value))
        }

        mutating func text(_ text: String) {
            number(text.utf8.count)
            // A native string's bytes are copied in one go; others byte by byte.
            let copied: Int? = text.utf8.withContiguousStorageIfAvailable { bytes in
                if let source = bytes.baseAddress { pointer.update(from: source, count: bytes.count) }
                return bytes.count
            }
            if let copied {
                pointer += copied
            } else {
                for value in text.utf8 { byte(value) }
            }
        }
    }

    /// The texts kept once per chunk, numbered in order of first use; the same bytes are the same text (as they
    /// read back), whatever `String` comparison says of canonically equivalent spellings.
    private struct SharedTexts {
        private(set) var texts: [String] = []
        private(set) var byteCount = 0
        private let numbers = ByteKeyTable(capacity: 256)
        private var byObject = SharedUIDMemo()
        /// The source file asked for last and its number: every connection of a stage names the same file (one
        /// `memcmp`, where the table would hash its bytes).
        private var lastFile: (text: String, number: Int32)?

        mutating func fileNumber(of file: String) -> Int32 {
            // Bytes, not `==`: canonically equivalent spellings are different texts here.
            if let lastFile, Self.sameBytes(lastFile.text, file) { return lastFile.number }
            let number = number(of: file)
            lastFile = (file, number)
            return number
        }

        private static func sameBytes(_ a: String, _ b: String) -> Bool {
            let same = a.utf8.withContiguousStorageIfAvailable { a in
                b.utf8.withContiguousStorageIfAvailable { b -> Bool in
                    guard a.count == b.count else { return false }
                    guard let first = a.baseAddress, let second = b.baseAddress else { return a.isEmpty }
                    return memcmp(first, second, a.count) == 0
                }
            }
            return same.flatMap { $0 } ?? false
        }

        /// The number of a Product UID: by its object when another connection shared it, else by its bytes.
        mutating func number(of uid: SharedProductUID) -> Int32 {
            if let known = byObject.value(for: uid) { return known }
            let number = number(of: uid.uid.rawValue)
            byObject.set(number, for: uid)
            return number
        }

        mutating func number(of text: String) -> Int32 {
            if let known = numbers.value(for: text) { return known }
            let number = Int32(texts.count)
            numbers.insertIfAbsent(text, number)
            texts.append(text)
            byteCount += text.utf8.count + 10
            return number
        }
    }

    /// Unpacks one chunk, appending its connections to `connections`.
    /// - Returns: the number of connections the chunk held.
    /// - Throws: `FormatError` when the bytes do not follow the layout.
    @discardableResult
    static func unpack(_ raw: UnsafeRawBufferPointer, into connections: inout [Connection]) throws(FormatError) -> Int {
        var reader = Reader(raw: raw)
        guard try reader.byte() == version else { throw FormatError(offset: 0, reason: "unknown version") }
        let sharedCount = try reader.number()
        var shared: [String] = []
        for _ in 0..<sharedCount { shared.append(try reader.text()) }
        // The connections of a chunk that name one Product UID share its object (see `SharedProductUID`).
        var sharedUIDs = [SharedProductUID?](repeating: nil, count: shared.count)
        func sharedNumber() throws(FormatError) -> Int {
            let offset = reader.offset
            let number = try reader.number()
            guard number < shared.count else { throw FormatError(offset: offset, reason: "shared text \(number) of \(shared.count)") }
            return number
        }
        var count = 0
        while !reader.atEnd {
            let sku = try reader.text()
            let name = try reader.text()
            let uidNumber = try sharedNumber()
            let file = shared[try sharedNumber()]
            let uid: SharedProductUID
            if let known = sharedUIDs[uidNumber] {
                uid = known
            } else {
                uid = SharedProductUID(ProductUID(shared[uidNumber]))
                sharedUIDs[uidNumber] = uid
            }
            let line = try reader.number()
            let designCount = try reader.number()
            var designs: [DesignFile] = []
            designs.reserveCapacity(min(designCount, 16))
            for _ in 0..<designCount {
                let type = try reader.text()
                designs.append(DesignFile(type: type, url: try reader.text()))
            }
            connections.append(Connection(sku: sku, lineItemName: name, sharedProductUID: uid, files: designs,
                                          position: SourcePosition(file: file, line: line, record: 0)))
            count += 1
        }
        return count
    }

    private static func approximateSize(of connection: Connection) -> Int {
        connection.withFields { sku, lineItemName, _, files, _ in
            var size = sku.utf8.count + lineItemName.utf8.count + 16
            for file in files { size += file.type.utf8.count + file.url.utf8.count + 4 }
            return size
        }
    }

    /// Reads a chunk front to back, checking every length against the bytes left.
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset >= raw.count }

        mutating func byte() throws(FormatError) -> UInt8 {
            guard offset < raw.count else { throw FormatError(offset: offset, reason: "it ends early") }
            defer { offset += 1 }
            return raw[offset]
        }

        mutating func number() throws(FormatError) -> Int {
            let start = offset
            var value = 0
            var shift = 0
            while true {
                guard shift < 63 else { throw FormatError(offset: start, reason: "a number is too long") }
                let byte = try byte()
                value |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
        }

        mutating func text() throws(FormatError) -> String {
            let start = offset
            let length = try number()
            guard length <= raw.count - offset else { throw FormatError(offset: start, reason: "a text of \(length) bytes runs past the end") }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]), as: UTF8.self)
        }
    }
}
