import IntakeValidation

/// A clean order's job JSON but its items, which the output thread writes from the fields the fast lane copied:
/// the head (`{"orderType":"order","orderReferenceId":…,"items":[`) before the items the lane wrote, and the end
/// (`],"shipmentMethodUid":…`, the shipping address, the metadata, the line break) after them.
///
/// Building these parts was a third of the reading thread's work on a nightly run, while the output thread had time
/// to spare: the lane now copies the fields as they are (`record`), and the output thread escapes and writes them
/// (`render`) as it writes the job. The bytes are `ProductionJob.write`'s, as before (tested).
///
/// A record: one byte of flags (bit 0: express shipping), then per field (currency, first name, last name,
/// company, address lines 1 and 2, city, post code, state, country, e-mail, phone) its length (4 bytes, native
/// order) and its bytes.
struct JobTail {
    /// `,"customerReferenceId":"…","currency":`.
    private let customerPart: [UInt8]
    /// `},"metadata":[{"key":"store","value":"…"},{"key":"source","value":`.
    private let storePart: [UInt8]
    /// The input's file name as `source` metadata starts it, when short and plain enough to write as bytes.
    private let sourceFile: [UInt8]?
    private let fileName: String

    /// The renderer of one input's jobs in one store.
    init(store: String, customerReference: String, file path: String) {
        var customerPart: [UInt8] = []
        ShopifyOrderLane.raw(",\"customerReferenceId\":", to: &customerPart)
        JSONText.append(customerReference, to: &customerPart)
        ShopifyOrderLane.raw(",\"currency\":", to: &customerPart)
        self.customerPart = customerPart
        var storePart: [UInt8] = []
        ShopifyOrderLane.raw("},\"metadata\":[{\"key\":\"store\",\"value\":", to: &storePart)
        JSONText.append(store, to: &storePart)
        ShopifyOrderLane.raw("},{\"key\":\"source\",\"value\":", to: &storePart)
        self.storePart = storePart
        fileName = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        // `file:first-last` stays under the API's 100 characters when the name is under 58 plain bytes.
        let plain = fileName.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        sourceFile = plain && fileName.utf8.count < 58 ? Array(fileName.utf8) : nil
    }

    /// Appends the record of an order: its currency, shipping method and address fields, unescaped.
    @inline(__always)
    static func record(currency: UnsafeBufferPointer<UInt8>, express: Bool, _ address: CleanOrderRules.Address, to out: inout ByteBuffer) {
        out.append(express ? 1 : 0)
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
    }

    @inline(__always)
    private static func field(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout ByteBuffer) {
        var length = UInt32(truncatingIfNeeded: bytes.count)
        withUnsafeBytes(of: &length) { out.append($0) }
        out.append(bytes)
    }

    /// The most bytes `render` writes: every reference and field byte escaped as `\u00XX` (6 bytes), the items,
    /// the keys, the customer, the store and the source (at most 100 characters, each escaped).
    func maximumLength(reference: UnsafeRawBufferPointer, items: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer) -> Int {
        reference.count * 6 + items.count + record.count * 6 + 640 + customerPart.count + storePart.count + 100 * 6
    }

    /// Appends the job line: the head, `items` (the lane's JSON of the items), and the end, from the record.
    func render(reference: UnsafeRawBufferPointer, items: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer,
                firstLine: Int, lastLine: Int, to out: inout ByteBuffer) {
        guard let base = record.baseAddress, !record.isEmpty else { return }
        var offset = 1
        func next() -> UnsafeBufferPointer<UInt8> {
            let length = Int(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let start = (base + offset + 4).assumingMemoryBound(to: UInt8.self)
            offset += 4 + length
            return UnsafeBufferPointer(start: start, count: length)
        }
        out.append("{\"orderType\":\"order\",\"orderReferenceId\":")
        ShopifyOrderLane.string(reference.assumingMemoryBound(to: UInt8.self), &out)
        out.append(customerPart)
        ShopifyOrderLane.string(next(), &out)
        out.append(",\"items\":[")
        out.append(items)
        let express = base.load(as: UInt8.self) & 1 != 0
        out.append(express ? "],\"shipmentMethodUid\":\"express\"" : "],\"shipmentMethodUid\":\"normal\"")
        ShopifyOrderLane.member(",\"shippingAddress\":{\"firstName\":", next(), &out)
        ShopifyOrderLane.member(",\"lastName\":", next(), &out)
        ShopifyOrderLane.member(",\"companyName\":", next(), &out)
        ShopifyOrderLane.member(",\"addressLine1\":", next(), &out)
        ShopifyOrderLane.member(",\"addressLine2\":", next(), &out)
        ShopifyOrderLane.member(",\"city\":", next(), &out)
        ShopifyOrderLane.member(",\"postCode\":", next(), &out)
        ShopifyOrderLane.member(",\"state\":", next(), &out)
        ShopifyOrderLane.member(",\"country\":", next(), &out)
        ShopifyOrderLane.member(",\"email\":", next(), &out)
        ShopifyOrderLane.member(",\"phone\":", next(), &out)
        out.append(storePart)
        if let sourceFile {
            out.append(UInt8(ascii: "\""))
            out.append(sourceFile)
            out.append(UInt8(ascii: ":"))
            ShopifyOrderLane.decimal(firstLine, &out)
            if lastLine != firstLine {
                out.append(UInt8(ascii: "-"))
                ShopifyOrderLane.decimal(lastLine, &out)
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
