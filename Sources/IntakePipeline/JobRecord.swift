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
    private let customerPart: [UInt8]
    /// `},"metadata":[{"key":"store","value":"…"},{"key":"source","value":`.
    private let storePart: [UInt8]
    /// The input's file name as `source` metadata starts it, when short and plain enough to write as bytes.
    private let sourceFile: [UInt8]?
    private let fileName: String
    /// The most bytes the source metadata takes: the file name's (its last 100 characters, which may be clusters of
    /// many bytes each, are at most all of it), each escaped, and the line numbers.
    private let sourceBound: Int

    /// The renderer of one input's jobs in one store.
    init(store: String, customerReference: String, file path: String) {
        var customerPart: [UInt8] = []
        JSONText.appendRaw(",\"customerReferenceId\":", to: &customerPart)
        JSONText.append(customerReference, to: &customerPart)
        JSONText.appendRaw(",\"currency\":", to: &customerPart)
        self.customerPart = customerPart
        var storePart: [UInt8] = []
        JSONText.appendRaw("},\"metadata\":[{\"key\":\"store\",\"value\":", to: &storePart)
        JSONText.append(store, to: &storePart)
        JSONText.appendRaw("},{\"key\":\"source\",\"value\":", to: &storePart)
        self.storePart = storePart
        fileName = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        // `file:first-last` stays under the API's 100 characters when the name is under 58 plain bytes.
        let plain = fileName.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        sourceFile = plain && fileName.utf8.count < 58 ? Array(fileName.utf8) : nil
        sourceBound = fileName.utf8.count * 6 + 64
    }

    /// Where a record's header keeps where its items start, and how many bytes of connection JSON they hold; the
    /// fields start after the header.
    private static let itemsOffsetAt = 1
    private static let payloadBytesAt = 5
    private static let headerSize = 9

    /// Appends the record of an order: its currency, shipping method and address fields, unescaped.
    @inline(__always)
    static func record(currency: UnsafeBufferPointer<UInt8>, express: Bool, _ address: CleanOrderRules.Address, to out: inout ByteBuffer) {
        let start = out.count
        out.append(express ? 1 : 0)
        var zero: UInt64 = 0  // the header's two counts, filled in below and by `item`
        withUnsafeBytes(of: &zero) { out.append($0) }
        field(currency, &out)
        field(address.firstName, &out)
        field(address.lastName, &out)
        field(address.company, &out)
        field(address.address1, &out)
        field(address.address2, &out)
        field(address.city, &out)
        field(address.postCode, &out)
        field(address.state, &out)
        field(address.country, &out)
        field(address.email, &out)
        field(address.phone, &out)
        out.store(UInt32(truncatingIfNeeded: out.count - start), at: start + itemsOffsetAt)
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

    @inline(__always)
    private static func field(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout ByteBuffer) {
        var length = UInt32(truncatingIfNeeded: bytes.count)
        withUnsafeBytes(of: &length) { out.append($0) }
        out.append(bytes)
    }

    /// The most bytes `render` writes: every reference and field byte escaped as `\u00XX` (6 bytes), the items'
    /// JSON and numbers, the keys, the customer, the store and the source (`sourceBound`).
    func maximumLength(reference: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer) -> Int {
        guard record.count >= Self.headerSize else { return 0 }
        let itemsOffset = min(Int(record.loadUnaligned(fromByteOffset: Self.itemsOffsetAt, as: UInt32.self)), record.count)
        let payloadBytes = Int(record.loadUnaligned(fromByteOffset: Self.payloadBytesAt, as: UInt32.self))
        let items = (record.count - itemsOffset) / MemoryLayout<Item>.size
        return (reference.count * 6 + 64) * (items + 1) + payloadBytes + itemsOffset * 6 + 640 + customerPart.count
            + storePart.count + sourceBound
    }

    /// Appends the job line of an order's record: the head, the items and the end.
    func render(reference: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer, firstLine: Int, lastLine: Int, to out: inout ByteBuffer) {
        guard let base = record.baseAddress, record.count >= Self.headerSize else { return }
        var offset = Self.headerSize
        func next() -> UnsafeBufferPointer<UInt8> {
            let length = Int(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let start = (base + offset + 4).assumingMemoryBound(to: UInt8.self)
            offset += 4 + length
            return UnsafeBufferPointer(start: start, count: length)
        }
        let referenceBytes = reference.assumingMemoryBound(to: UInt8.self)
        out.append("{\"orderType\":\"order\",\"orderReferenceId\":")
        out.appendJSONString(referenceBytes)
        out.append(customerPart)
        out.appendJSONString(next())
        out.append(",\"items\":[")
        let address = (firstName: next(), lastName: next(), company: next(), address1: next(), address2: next(), city: next(),
                       postCode: next(), state: next(), country: next(), email: next(), phone: next())
        var number = 0
        while offset + MemoryLayout<Item>.size <= record.count {
            let item = record.loadUnaligned(fromByteOffset: offset, as: Item.self)
            offset += MemoryLayout<Item>.size
            number += 1
            if number > 1 { out.append(UInt8(ascii: ",")) }
            out.append("{\"itemReferenceId\":\"")
            out.appendJSONEscaped(referenceBytes)
            out.append(UInt8(ascii: "-"))
            out.appendDecimal(number)
            out.append(UInt8(ascii: "\""))
            out.append(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: item.address), count: Int(item.length)))
            out.appendDecimal(Int(item.quantity))
            out.append(UInt8(ascii: "}"))
        }
        let express = base.load(as: UInt8.self) & 1 != 0
        out.append(express ? "],\"shipmentMethodUid\":\"express\"" : "],\"shipmentMethodUid\":\"normal\"")
        out.appendJSONMember(",\"shippingAddress\":{\"firstName\":", address.firstName)
        out.appendJSONMember(",\"lastName\":", address.lastName)
        out.appendJSONMember(",\"companyName\":", address.company)
        out.appendJSONMember(",\"addressLine1\":", address.address1)
        out.appendJSONMember(",\"addressLine2\":", address.address2)
        out.appendJSONMember(",\"city\":", address.city)
        out.appendJSONMember(",\"postCode\":", address.postCode)
        out.appendJSONMember(",\"state\":", address.state)
        out.appendJSONMember(",\"country\":", address.country)
        out.appendJSONMember(",\"email\":", address.email)
        out.appendJSONMember(",\"phone\":", address.phone)
        out.append(storePart)
        if let sourceFile {
            out.append(UInt8(ascii: "\""))
            out.append(sourceFile)
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(firstLine)
            if lastLine != firstLine {
                out.append(UInt8(ascii: "-"))
                out.appendDecimal(lastLine)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            var source = firstLine == lastLine ? "\(fileName):\(firstLine)" : "\(fileName):\(firstLine)-\(lastLine)"
            if source.count > 100 { source = String(source.suffix(100)) }
            var quoted: [UInt8] = []
            JSONText.append(source, to: &quoted)
            out.append(quoted)
        }
        out.append("}]}\n")
    }
}
