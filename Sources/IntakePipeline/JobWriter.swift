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

    public var orderReferenceId: String
    public var customerReferenceId: String
    public var currency: String
    public var items: [Item]
    /// `normal`, or `express` when the export's shipping method says express.
    public var shipmentMethodUid: String
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
        let file = order.headerPosition.file.split(separator: "/").last.map(String.init) ?? order.headerPosition.file
        let first = order.lines.first?.position.line ?? 0
        let last = order.lines.last?.position.line ?? first
        var source = first == last ? "\(file):\(first)" : "\(file):\(first)-\(last)"
        if source.count > 100 { source = String(source.suffix(100)) }  // the order API's metadata limit
        metadata = [("store", store), ("source", source)]
    }

    /// The job as one line of JSON, keys in the contract's order, written by hand so the bytes are stable and
    /// no encoder runs per job.
    public var json: String {
        var out = "{\"orderType\":\"order\",\"orderReferenceId\":"
        out.reserveCapacity(512)
        JSONText.append(orderReferenceId, to: &out)
        out += ",\"customerReferenceId\":"
        JSONText.append(customerReferenceId, to: &out)
        out += ",\"currency\":"
        JSONText.append(currency, to: &out)
        out += ",\"items\":["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            out += "{\"itemReferenceId\":"
            JSONText.append(item.itemReferenceId, to: &out)
            out += ",\"productUid\":"
            JSONText.append(item.productUid, to: &out)
            out += ",\"files\":["
            for (fileIndex, file) in item.files.enumerated() {
                if fileIndex > 0 { out += "," }
                out += "{\"type\":"
                JSONText.append(file.type, to: &out)
                out += ",\"url\":"
                JSONText.append(file.url, to: &out)
                out += "}"
            }
            out += "],\"quantity\":\(item.quantity)}"
        }
        out += "],\"shipmentMethodUid\":"
        JSONText.append(shipmentMethodUid, to: &out)
        let a = shippingAddress
        let fields: [(String, String)] = [
            ("firstName", a.firstName), ("lastName", a.lastName), ("companyName", a.companyName), ("addressLine1", a.addressLine1),
            ("addressLine2", a.addressLine2), ("city", a.city), ("postCode", a.postCode), ("state", a.state), ("country", a.country),
            ("email", a.email), ("phone", a.phone),
        ]
        out += ",\"shippingAddress\":{"
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += "\"\(field.0)\":"
            JSONText.append(field.1, to: &out)
        }
        out += "},\"metadata\":["
        for (index, pair) in metadata.enumerated() {
            if index > 0 { out += "," }
            out += "{\"key\":"
            JSONText.append(pair.key, to: &out)
            out += ",\"value\":"
            JSONText.append(pair.value, to: &out)
            out += "}"
        }
        out += "]}"
        return out
    }
}

/// JSON string escaping (RFC 8259): quotes, backslashes and control characters; everything else as UTF-8.
enum JSONText {
    static func append(_ text: String, to out: inout String) {
        out += "\""
        var needsEscaping = false
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
