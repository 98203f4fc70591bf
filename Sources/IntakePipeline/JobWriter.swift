import IntakeModel

/// A production job: an accepted order joined with Product UIDs and design files, in the order shape of the
/// Gelato order API (contract §5).
public struct ProductionJob: Sendable, Hashable {
    /// One item of the job.
    public struct Item: Sendable, Hashable {
        /// `<order>-<n>`, n the line's 1-based position in the order.
        public var itemReferenceId: String
        /// The catalog product.
        public var productUid: String
        /// The design files, one per print area.
        public var files: [DesignFile]
        /// How many.
        public var quantity: Int
    }

    /// The order reference.
    public var orderReferenceId: String
    /// The store's customer reference ID.
    public var customerReferenceId: String
    /// ISO 4217 currency.
    public var currency: String
    /// The items, one per accepted line.
    public var items: [Item]
    /// `normal`, or `express` when the export's shipping method says express.
    public var shipmentMethodUid: String
    /// Where to ship, with e-mail and phone.
    public var shippingAddress: Address
    /// `store`, and `source` (`file:firstLine-lastLine`).
    public var metadata: [(key: String, value: String)]

    public static func == (lhs: ProductionJob, rhs: ProductionJob) -> Bool {
        lhs.orderReferenceId == rhs.orderReferenceId && lhs.items == rhs.items && lhs.shippingAddress == rhs.shippingAddress
            && lhs.metadata.map(\.key) == rhs.metadata.map(\.key) && lhs.metadata.map(\.value) == rhs.metadata.map(\.value)
            && lhs.customerReferenceId == rhs.customerReferenceId && lhs.currency == rhs.currency
            && lhs.shipmentMethodUid == rhs.shipmentMethodUid
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(orderReferenceId)
        hasher.combine(items)
    }

    /// Builds the job of an accepted order from its lines and the connections they joined (lines without a
    /// connection, dropped by policy, are left out).
    public init(order: Order, joins: [Connection?], keep: [Bool], store: String, customerReference: String) {
        orderReferenceId = order.reference
        customerReferenceId = customerReference
        currency = order.currency
        var items: [Item] = []
        for (index, line) in order.lines.enumerated() where keep[index] {
            let files = joins[index]?.files ?? line.designFiles
            let uid = joins[index]?.productUID.rawValue ?? line.productUID
            items.append(Item(itemReferenceId: "\(order.reference)-\(index + 1)", productUid: uid, files: files,
                              quantity: Int(line.quantityText.trimmingSpaces) ?? 0))
        }
        self.items = items
        shipmentMethodUid = order.shippingMethod.lowercased().contains("express") ? "express" : "normal"
        shippingAddress = order.address
        let path = order.headerPosition.file
        let file = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let first = order.lines.first?.position.line ?? 0
        let last = order.lines.last?.position.line ?? first
        var source = first == last ? "\(file):\(first)" : "\(file):\(first)-\(last)"
        if source.count > 100 { source = String(source.suffix(100)) }  // the order API's metadata limit
        metadata = [("store", store), ("source", source)]
    }

    /// The job as one line of JSON, keys in the contract's order, written by hand so the bytes are stable and
    /// no encoder runs per job.
    public var json: String {
        var bytes: [UInt8] = []
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the job's JSON (no line break) to `out`: bytes, not `String` building, on the per-order path.
    public func write(into out: inout [UInt8]) {
        func raw(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        func string(_ text: String) { JSONText.append(text, to: &out) }
        raw("{\"orderType\":\"order\",\"orderReferenceId\":")
        string(orderReferenceId)
        raw(",\"customerReferenceId\":")
        string(customerReferenceId)
        raw(",\"currency\":")
        string(currency)
        raw(",\"items\":[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            raw("{\"itemReferenceId\":")
            string(item.itemReferenceId)
            raw(",\"productUid\":")
            string(item.productUid)
            raw(",\"files\":[")
            for (fileIndex, file) in item.files.enumerated() {
                if fileIndex > 0 { raw(",") }
                raw("{\"type\":")
                string(file.type)
                raw(",\"url\":")
                string(file.url)
                raw("}")
            }
            raw("],\"quantity\":")
            out.append(contentsOf: String(item.quantity).utf8)
            raw("}")
        }
        raw("],\"shipmentMethodUid\":")
        string(shipmentMethodUid)
        let a = shippingAddress
        raw(",\"shippingAddress\":{\"firstName\":")
        string(a.firstName)
        raw(",\"lastName\":")
        string(a.lastName)
        raw(",\"companyName\":")
        string(a.companyName)
        raw(",\"addressLine1\":")
        string(a.addressLine1)
        raw(",\"addressLine2\":")
        string(a.addressLine2)
        raw(",\"city\":")
        string(a.city)
        raw(",\"postCode\":")
        string(a.postCode)
        raw(",\"state\":")
        string(a.state)
        raw(",\"country\":")
        string(a.country)
        raw(",\"email\":")
        string(a.email)
        raw(",\"phone\":")
        string(a.phone)
        raw("},\"metadata\":[")
        for (index, pair) in metadata.enumerated() {
            if index > 0 { raw(",") }
            raw("{\"key\":")
            string(pair.key)
            raw(",\"value\":")
            string(pair.value)
            raw("}")
        }
        raw("]}")
    }
}

/// JSON string escaping (RFC 8259): quotes, backslashes and control characters; everything else as UTF-8.
enum JSONText {
    /// Appends a JSON fragment as it is (a key, punctuation) to bytes.
    static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string to bytes.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // `withUTF8` reads a native string in place (a bridged one is made native first, once).
        text.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any byte is a control character, `"` or `\`: 8 bytes at a time (SWAR: "has a byte less than n"
    /// and "has a zero byte" bit tricks, exact as to whether one exists).
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let x = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            let control = (x &- ones &* 0x20) & ~x & highs
            let quote = x ^ (ones &* 0x22)
            let backslash = x ^ (ones &* 0x5C)
            if control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs) != 0 { return true }
            offset += 8
        }
        // The last 1 to 7 bytes: when the value is 8 bytes or more, the 8 ending it, once more (overlapping
        // what was checked, which changes nothing); short values byte by byte.
        if offset < count && count >= 8 {
            let x = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
            let control = (x &- ones &* 0x20) & ~x & highs
            let quote = x ^ (ones &* 0x22)
            let backslash = x ^ (ones &* 0x5C)
            return control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs) != 0
        }
        while offset < count {
            let byte = base[offset]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }

    /// Appends the content of a JSON string (no quotes) for valid UTF-8 `bytes`: quotes, backslashes and control
    /// characters escaped, everything else as it is.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard needsEscaping(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        let hex: StaticString = "0123456789abcdef"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                hex.withUTF8Buffer { out += [$0[Int(byte >> 4)], $0[Int(byte & 0xF)]] }
            default: out.append(byte)
            }
        }
    }

    /// Appends `text` as a JSON string to a string.
    static func append(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
