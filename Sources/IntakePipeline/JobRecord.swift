import CIntakeSystem
import IntakeValidation

/// A clean order's job JSON, which the output thread writes from the fields the fast lane copied: the head
/// (`{"orderType":"order","orderReferenceId":…,"items":[`), the items, and the end (`],"shipmentMethodUid":…`,
/// the shipping address, the metadata, the line break).
///
/// Writing the JSON was about 40% of the reading thread's work on a nightly run, while the output thread had time to
/// spare: the lane now copies the fields as they are (`record`, `item`), and the output thread escapes and writes
/// them (`render`) as it writes the job. The bytes are `ProductionJob.write`'s, as before (tested).
///
/// A record: one byte of flags (bit 0: express shipping); where its items start and how many bytes of connection
/// JSON they hold (4 bytes each: what `maximumLength` needs, without walking the record); per field (currency,
/// first name, last name, company, address lines 1 and 2, city, post code, state, country, e-mail, phone) its
/// length (4 bytes, native order) and its bytes; then per item the address and length of the joined connection's
/// JSON (from `"productUid"` to `"quantity":`, in the lane's table, which the renderer keeps alive) and the
/// quantity.
final class JobRecord {
    /// `,"customerReferenceId":"…","currency":`.
    private let customerPart: PaddedBytes
    /// `},"metadata":[{"key":"store","value":"…"},{"key":"source","value":`.
    private let storePart: [UInt8]
    /// `storePart` and the start of the `source` metadata (`"` and the input's file name and `:`), when the name
    /// is short and plain enough to write as bytes.
    private let sourcePart: PaddedBytes?
    /// The keys between the shipping address's fields, `","lastName":"` to `","phone":"` (`RawJSON.key`).
    private let addressKeys: PaddedBytes
    private let fileName: String
    /// What `maximumLength` adds to an order's own bytes: the keys, the customer, the store and the most bytes the
    /// source metadata takes (the file name's last 100 characters, which may be clusters of many bytes each, are at
    /// most all of it, each escaped, and the line numbers).
    private let fixedBound: Int

    /// The keys of the shipping address after the first name, each with the closing quote of the field before
    /// and the opening quote of its own.
    private static let addressKeyNames = ["lastName", "companyName", "addressLine1", "addressLine2", "city", "postCode",
                                          "state", "country", "email", "phone"]

    /// The renderer of one input's jobs in one store.
    init(store: String, customerReference: String, file path: String) {
        var customerPart: [UInt8] = []
        JSONText.appendRaw(",\"customerReferenceId\":", to: &customerPart)
        JSONText.append(customerReference, to: &customerPart)
        JSONText.appendRaw(",\"currency\":", to: &customerPart)
        self.customerPart = PaddedBytes(customerPart)
        var storePart: [UInt8] = []
        JSONText.appendRaw("},\"metadata\":[{\"key\":\"store\",\"value\":", to: &storePart)
        JSONText.append(store, to: &storePart)
        JSONText.appendRaw("},{\"key\":\"source\",\"value\":", to: &storePart)
        self.storePart = storePart
        fileName = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        // `file:first-last` stays under the API's 100 characters when the name is under 58 plain bytes.
        let plain = fileName.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        sourcePart = plain && fileName.utf8.count < 58
            ? PaddedBytes(storePart + [UInt8(ascii: "\"")] + Array(fileName.utf8) + [UInt8(ascii: ":")]) : nil
        var keys: [UInt8] = []
        for name in Self.addressKeyNames {
            let key = Array("\",\"\(name)\":\"".utf8)
            keys += key + [UInt8](repeating: 0, count: RawJSON.keySize - 1 - key.count) + [UInt8(key.count)]
        }
        addressKeys = PaddedBytes(keys)
        fixedBound = 640 + customerPart.count + storePart.count + fileName.utf8.count * 6 + 64
    }

    deinit {
        customerPart.free()
        sourcePart?.free()
        addressKeys.free()
    }

    /// Where a record's header keeps where its items start, and how many bytes of connection JSON they hold; the
    /// fields start after the header.
    private static let itemsOffsetAt = 1
    private static let payloadBytesAt = 5
    private static let headerSize = 9

    /// Appends the record of an order: its currency, shipping method and address fields, unescaped. The fields
    /// must lie in a reader's buffer or the lane's scratch (`CSVReader.readSlack` readable bytes after each).
    static func record(currency: UnsafeBufferPointer<UInt8>, express: Bool, _ address: CleanOrderRules.Address, to out: inout ByteBuffer) {
        let fieldBytes = currency.count + address.firstName.count + address.lastName.count + address.company.count
            + address.address1.count + address.address2.count + address.city.count + address.postCode.count
            + address.state.count + address.country.count + address.email.count + address.phone.count
        let start = out.reserve(maximumSize(fieldBytes: fieldBytes))
        var at = begin(express: express, at: start)
        for field in [currency, address.firstName, address.lastName, address.company, address.address1, address.address2,
                      address.city, address.postCode, address.state, address.country, address.email, address.phone] {
            Self.field(field, &at)
        }
        out.commit(upTo: end(recordAt: start, fieldsEnd: at))
    }

    /// The most bytes a record's header and fields take, for fields of `fieldBytes` bytes in all, with room for the
    /// copies' overrun (`field`).
    @inline(__always)
    static func maximumSize(fieldBytes: Int) -> Int { headerSize + 12 * 4 + fieldBytes + 16 }

    /// Starts a record at `start` (room for `maximumSize` bytes): its flags; returns where its first field goes. The
    /// fields follow in order with `field(_:_:)` (currency, first name, last name, company, address lines 1 and 2,
    /// city, post code, state, country, e-mail, phone), then `end(recordAt:fieldsEnd:)`. The lane writes each field
    /// as it reads it: an address of twelve buffers gathered first and copied after was spilled to the stack and
    /// summed with overflow checks (~160 instructions an order).
    @inline(__always)
    static func begin(express: Bool, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        start[0] = express ? 1 : 0
        return start + headerSize
    }

    /// Ends a record started at `start` whose fields end at `at`: the header's two counts, where the items start
    /// (the record's length so far) and their payload bytes (filled in by `item`). Returns the record's end.
    @inline(__always)
    static func end(recordAt start: UnsafeMutablePointer<UInt8>, fieldsEnd at: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer(start + itemsOffsetAt).storeBytes(of: UInt32(truncatingIfNeeded: at - start), as: UInt32.self)
        UnsafeMutableRawPointer(start + payloadBytesAt).storeBytes(of: UInt32(0), as: UInt32.self)
        return at
    }

    /// Appends an item to the record of the order in hand, which starts at `record`.
    @inline(__always)
    static func item(payload: UnsafeRawBufferPointer, quantity: Int, record: Int, to out: inout ByteBuffer) {
        let total = record + payloadBytesAt
        out.store(out.load(at: total) &+ UInt32(truncatingIfNeeded: payload.count), at: total)
        // Quantities are at most `ValueChecks.maximumQuantity` (a million): 32 bits hold them.
        var entry = Item(address: UInt(bitPattern: payload.baseAddress), length: UInt32(truncatingIfNeeded: payload.count),
                         quantity: UInt32(truncatingIfNeeded: quantity))
        withUnsafeBytes(of: &entry) { out.append($0) }
    }

    /// An item as the record holds it.
    private struct Item {
        var address: UInt
        var length: UInt32
        var quantity: UInt32
    }

    /// A field read from a reader's buffer or the lane's scratch (both with `CSVReader.readSlack` bytes after it),
    /// written at `at` (which has room for it and 15 bytes more: `ByteBuffer.readSlack` at the end).
    @inline(__always)
    static func field(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(at).storeBytes(of: UInt32(truncatingIfNeeded: bytes.count), as: UInt32.self)
        at += 4
        if let source = bytes.baseAddress { intake_copy_short(at, source, bytes.count) }
        at += bytes.count
    }

    /// The address fields of a record (`record`'s), pointing into it: the checks the lane defers to the output
    /// thread run on them (`CleanOrderRules.isClean(_:)`), so they see exactly the bytes the lane saw.
    static func address(of record: UnsafeRawBufferPointer) -> CleanOrderRules.Address {
        var address = CleanOrderRules.Address()
        guard let base = record.baseAddress, record.count >= headerSize else { return address }
        var fields = Fields(base)
        _ = fields.next()  // the currency
        address.firstName = fields.next()
        address.lastName = fields.next()
        address.company = fields.next()
        address.address1 = fields.next()
        address.address2 = fields.next()
        address.city = fields.next()
        address.postCode = fields.next()
        address.state = fields.next()
        address.country = fields.next()
        address.email = fields.next()
        address.phone = fields.next()
        return address
    }

    /// Reads the fields of a record that `record(currency:express:_:to:)` wrote (at least `headerSize` bytes), in
    /// order, after its header.
    private struct Fields {
        let base: UnsafeRawPointer
        private(set) var offset = JobRecord.headerSize

        init(_ base: UnsafeRawPointer) { self.base = base }

        @inline(__always)
        mutating func next() -> UnsafeBufferPointer<UInt8> {
            let length = Int(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let start = (base + offset + 4).assumingMemoryBound(to: UInt8.self)
            offset += 4 + length
            return UnsafeBufferPointer(start: start, count: length)
        }
    }

    /// The most bytes `render` writes: every reference and field byte escaped as `\u00XX` (6 bytes), the items'
    /// JSON and numbers, the keys, the customer, the store and the source (`fixedBound`). Room past the last byte
    /// written: the copies of `write` write up to 31 bytes past their end, within it.
    @inline(__always)
    func maximumLength(reference: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer) -> Int {
        guard record.count >= Self.headerSize else { return 0 }
        let itemsOffset = min(Int(record.loadUnaligned(fromByteOffset: Self.itemsOffsetAt, as: UInt32.self)), record.count)
        let payloadBytes = Int(record.loadUnaligned(fromByteOffset: Self.payloadBytesAt, as: UInt32.self))
        let items = (record.count &- itemsOffset) / MemoryLayout<Item>.size
        return (reference.count * 6 + 64) * (items + 1) + payloadBytes + itemsOffset * 6 + fixedBound
    }

    /// Appends the job line of an order's record: the head, the items and the end.
    func render(reference: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer, firstLine: Int, lastLine: Int, to out: inout ByteBuffer) {
        out.appendRaw(upTo: maximumLength(reference: reference, record: record)) { start in
            write(reference: reference, record: record, firstLine: firstLine, lastLine: lastLine, at: start)
        }
    }

    /// Writes the job line of an order's record at `start`, which has room for `maximumLength` bytes; returns where
    /// it ends. The record must lie in a `ByteBuffer` (its fields are copied 16 bytes at a time, which may read up
    /// to 15 bytes past the last one: the buffer's `readSlack`).
    ///
    /// Through a raw cursor, not `ByteBuffer.append`: with room made once, an append is a store, and a field is
    /// checked for bytes to escape and copied in one pass (`intake_json_copy_plain`), not checked and then copied by
    /// `memmove`, a call that costs more than the copy of a 10-byte field. Rendering took 3,000 instructions a job
    /// that way, a quarter of the output thread's time on a nightly run.
    ///
    /// Then ~1,420 instructions a job (100,000-order bench run), cut to ~850 by: no `memmove` call at all (the
    /// reference copied once and then from its first copy in the line, 16 bytes a step; the customer and source
    /// parts 32 bytes a step from padded memory; the shipping method as two constant strings), the address fields
    /// written in a loop over a table of keys (written out field by field, the compiler kept every field's place
    /// and length apart and added them up again for each: ~25 instructions a field), the items read from where the
    /// record's header says they start (not after reading every field first), and numbers written two digits a
    /// step.
    func write(reference: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer, firstLine: Int, lastLine: Int,
               at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard let base = record.baseAddress, record.count >= Self.headerSize else { return start }
        var fields = Fields(base)
        var out = RawJSON(start)
        out.append("{\"orderType\":\"order\",\"orderReferenceId\":\"")
        // The reference as the line has it (escaped when it must be), copied from there into each item.
        let referenceText = out.reference(reference.assumingMemoryBound(to: UInt8.self))
        out.append(UInt8(ascii: "\""))
        out.padded(customerPart)
        out.string(fields.next())
        out.append(",\"items\":[")
        var offset = min(Int(record.loadUnaligned(fromByteOffset: Self.itemsOffsetAt, as: UInt32.self)), record.count)
        var number = 0
        while offset + MemoryLayout<Item>.size <= record.count {
            let item = record.loadUnaligned(fromByteOffset: offset, as: Item.self)
            offset += MemoryLayout<Item>.size
            number += 1
            if number > 1 { out.append(UInt8(ascii: ",")) }
            out.append("{\"itemReferenceId\":\"")
            out.copy(referenceText)
            out.append(UInt8(ascii: "-"))
            out.decimal(number)
            out.append(UInt8(ascii: "\""))
            out.payload(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: item.address), count: Int(item.length)))
            out.decimal(Int(item.quantity))
            out.append(UInt8(ascii: "}"))
        }
        out.append("],\"shipmentMethodUid\":\"")
        if base.load(as: UInt8.self) & 1 != 0 { out.append("express") } else { out.append("normal") }
        out.append("\",\"shippingAddress\":{\"firstName\":\"")
        out.content(fields.next())
        var key = addressKeys.base
        for _ in 0..<Self.addressKeyNames.count {
            out.key(key)
            out.content(fields.next())
            key += RawJSON.keySize
        }
        out.append(UInt8(ascii: "\""))
        if let sourcePart {
            out.padded(sourcePart)
            out.decimal(firstLine)
            if lastLine != firstLine {
                out.append(UInt8(ascii: "-"))
                out.decimal(lastLine)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(storePart)
            var source = firstLine == lastLine ? "\(fileName):\(firstLine)" : "\(fileName):\(firstLine)-\(lastLine)"
            if source.count > 100 { source = String(source.suffix(100)) }
            var quoted: [UInt8] = []
            JSONText.append(source, to: &quoted)
            out.append(quoted)
        }
        out.append("}]}\n")
        return out.cursor
    }
}

/// Bytes in memory of their own followed by 32 more, so that `RawJSON.padded` may copy them 32 at a time; freed by
/// their holder (`free()`).
private struct PaddedBytes {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = .allocate(capacity: count + 32)
        base.initialize(repeating: 0, count: count + 32)
        bytes.withUnsafeBufferPointer { if let source = $0.baseAddress { base.update(from: source, count: count) } }
    }

    func free() { base.deallocate() }
}

/// A cursor writing JSON into memory with room for it (no capacity checks). Its copies of short runs write up to 31
/// bytes past their end, which what follows in the line overwrites (the room `JobRecord.maximumLength` promises
/// leaves far more than that past the line).
private struct RawJSON {
    var cursor: UnsafeMutablePointer<UInt8>

    /// Bytes per entry of a key table (`key(_:)`): the key, then zeros, its length in the last byte.
    static let keySize = 32

    init(_ start: UnsafeMutablePointer<UInt8>) { cursor = start }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        cursor.pointee = byte
        cursor += 1
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        cursor.initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        cursor += text.utf8CodeUnitCount
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        UnsafeMutableRawPointer(cursor).copyMemory(from: source, byteCount: bytes.count)
        cursor += bytes.count
    }

    /// A connection's JSON, from the lane's table (`ByteKeyTable.payloadSlack` readable bytes after it), copied 32
    /// bytes a step: the bytes past it that the copy writes are overwritten by what follows it in the line (at least
    /// the quantity and the rest of the line).
    @inline(__always)
    mutating func payload(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        intake_copy_padded(cursor, source.assumingMemoryBound(to: UInt8.self), bytes.count)
        cursor += bytes.count
    }

    /// Bytes with 32 readable bytes after them, copied 32 bytes a step.
    @inline(__always)
    mutating func padded(_ bytes: PaddedBytes) {
        intake_copy_padded(cursor, bytes.base, bytes.count)
        cursor += bytes.count
    }

    /// The entry of a key table at `entry` (`keySize` bytes: the key, its length in the last byte), in one 32-byte
    /// copy.
    @inline(__always)
    mutating func key(_ entry: UnsafeMutablePointer<UInt8>) {
        intake_copy_padded(cursor, entry, 1)
        cursor += Int(entry[Self.keySize - 1])
    }

    /// Bytes written earlier in the line (so readable 15 bytes past their end), copied 16 bytes a step.
    @inline(__always)
    mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        intake_copy_short(cursor, source, bytes.count)
        cursor += bytes.count
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// A record field (valid UTF-8, with `ByteBuffer.readSlack` readable bytes after it) as a JSON string.
    @inline(__always)
    mutating func string(_ value: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        content(value)
        append(UInt8(ascii: "\""))
    }

    /// A record field (valid UTF-8, with `ByteBuffer.readSlack` readable bytes after it) inside a JSON string.
    @inline(__always)
    mutating func content(_ value: UnsafeBufferPointer<UInt8>) {
        if let source = value.baseAddress, intake_json_copy_plain(cursor, source, value.count) == 0 {
            escaped(value)
        } else {
            cursor += value.count
        }
    }

    /// The order reference inside a JSON string, escaped when it must be; returns where the line has it. Copied
    /// exactly (the reference may end where its memory does), then checked where it lies in the line (its bytes
    /// copied onto themselves, 16 at a time: the line has room past them).
    @inline(__always)
    mutating func reference(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = cursor
        guard let source = bytes.baseAddress else { return UnsafeBufferPointer(start: start, count: 0) }
        intake_copy_exact(cursor, source, bytes.count)
        if intake_json_copy_plain(cursor, cursor, bytes.count) == 0 {
            escaped(bytes)
        } else {
            cursor += bytes.count
        }
        return UnsafeBufferPointer(start: start, count: cursor - start)
    }

    /// The content of a JSON string for valid UTF-8 bytes, escaped by `JSONText` (rare: a quote, a backslash or a
    /// control character in a field).
    mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var escaped: [UInt8] = []
        JSONText.appendEscaped(bytes, to: &escaped)
        append(escaped)
    }

    /// "00" to "99": the two digits of each number below 100, at twice the number.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// A non-negative integer in decimal, two digits a step (a division by 100 instead of 10 per digit: a 6-digit
    /// line number took ~100 instructions a digit at a time).
    @inline(__always)
    mutating func decimal(_ value: Int) {
        guard value >= 10 else {
            append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: max(value, 0)))
            return
        }
        var rest = UInt64(value)
        var digits = 2
        var limit: UInt64 = 100
        while digits < 19 && rest >= limit {
            digits &+= 1
            limit &*= 10
        }
        let pairs = UnsafeRawPointer(Self.digitPairs.utf8Start)
        var at = UnsafeMutableRawPointer(cursor + digits)
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100)
            rest /= 100
            at -= 2
            at.storeBytes(of: pairs.loadUnaligned(fromByteOffset: pair &* 2, as: UInt16.self), as: UInt16.self)
        }
        if rest >= 10 {
            at -= 2
            at.storeBytes(of: pairs.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: rest) &* 2, as: UInt16.self), as: UInt16.self)
        } else {
            at -= 1
            at.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest), as: UInt8.self)
        }
        cursor += digits
    }
}
