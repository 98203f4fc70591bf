import IntakeCSV
import IntakeModel

/// Reads a Shopify orders export (`orders_export_1.csv`, the 79-column header and older ones): one row per line
/// item, order-level fields on an order's first row only.
public struct ShopifyOrderAdapter: OrderRowAdapter, Sendable {
    /// The column index of `Name` (the order reference).
    public let name: Int
    /// The column index of `Email`.
    public let email: Int?
    /// The column index of `Currency`.
    public let currency: Int?
    /// The column index of `Shipping Method`.
    public let shippingMethod: Int?
    /// The column index of `Lineitem quantity`.
    public let quantity: Int
    /// The column index of `Lineitem name`.
    public let lineName: Int?
    /// The column index of `Lineitem sku`.
    public let lineSKU: Int?
    /// The column index of `Shipping Name`.
    public let shippingName: Int?
    /// The column index of `Shipping Address1`.
    public let address1: Int?
    /// The column index of `Shipping Address2`.
    public let address2: Int?
    /// The column index of `Shipping Company`.
    public let company: Int?
    /// The column index of `Shipping City`.
    public let city: Int?
    /// The column index of `Shipping Zip`.
    public let zip: Int?
    /// The column index of `Shipping Province`.
    public let province: Int?
    /// The column index of `Shipping Country`.
    public let country: Int?
    /// The column index of `Shipping Phone`.
    public let phone: Int?
    /// Whether each line keeps its row's cells (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields.
    public let columns: OrderColumns

    /// Resolves the columns of `header` once; `nil` without `Name` and `Lineitem quantity`.
    public init?(header: HeaderIndex) {
        guard let name = header.index(ofAny: ColumnAliases.shopifyOrderName),
            let quantity = header.index(ofAny: ColumnAliases.shopifyQuantity)
        else { return nil }
        self.name = name
        self.quantity = quantity
        email = header.index(ofAny: ColumnAliases.shopifyEmail)
        currency = header.index(ofAny: ColumnAliases.shopifyCurrency)
        shippingMethod = header.index(ofAny: ColumnAliases.shopifyShippingMethod)
        lineName = header.index(ofAny: ColumnAliases.shopifyLineName)
        lineSKU = header.index(ofAny: ColumnAliases.shopifyLineSKU)
        shippingName = header.index(ofAny: ColumnAliases.shopifyShippingName)
        address1 = header.index(ofAny: ColumnAliases.shopifyAddress1)
        address2 = header.index(ofAny: ColumnAliases.shopifyAddress2)
        company = header.index(ofAny: ColumnAliases.shopifyCompany)
        city = header.index(ofAny: ColumnAliases.shopifyCity)
        zip = header.index(ofAny: ColumnAliases.shopifyZip)
        province = header.index(ofAny: ColumnAliases.shopifyProvince)
        country = header.index(ofAny: ColumnAliases.shopifyCountry)
        phone = header.index(ofAny: ColumnAliases.shopifyPhone)
        let pairs: [(OrderField, Int?)] = [
            (.reference, name), (.email, email), (.currency, currency), (.shippingMethod, shippingMethod),
            (.quantity, quantity), (.lineName, lineName), (.sku, lineSKU), (.fullName, shippingName),
            (.firstName, shippingName), (.lastName, shippingName), (.company, company), (.address1, address1),
            (.address2, address2), (.city, city), (.postCode, zip), (.state, province), (.country, country),
            (.phone, phone),
        ]
        self.columns = OrderColumns(header: header, pairs)
    }

    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        [row(from: reader, at: position)]
    }

    /// Adapts the reader's current record. With `orderFields` false (a row known to continue the order before
    /// it, whose order-level fields nobody reads) only the reference and the line are read. `keepRecord`: see
    /// `line(from:at:keepRecord:encodedCells:)`.
    public func row(
        from reader: CSVReader, at position: SourcePosition, orderFields: Bool = true, keepRecord: Bool = true,
        encodedCells: consuming (bytes: [UInt8], fields: Int)? = nil
    ) -> OrderRow {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        let line = line(from: reader, at: position, keepRecord: keepRecord, encodedCells: encodedCells)
        guard orderFields else { return OrderRow(reference: text(name), address: Address(), line: consume line) }
        // The line consumed, not copied (a retain and a release per string of it otherwise).
        return OrderRow(
            reference: text(name), currency: text(currency), shippingMethod: text(shippingMethod), address: address(from: reader),
            line: consume line)
    }

    /// The order whose first row is the reader's current record, with its line: what `OrderAssembler.add(_:)` makes
    /// of `row(from:at:)`'s row, built in place, with room for `lineCapacity` lines (`line(from:at:)` gives the
    /// others). The full path of the orders fast lane, whose held orders come with their rows grouped, builds them
    /// so: a row moved into the assembler and out as an order cost ~1,700 instructions an order (its ~350 bytes
    /// copied some nine times, the row's address copied and the row destroyed).
    public func order(
        from reader: CSVReader, at position: SourcePosition, lineCapacity: Int, keepRecord: Bool = true,
        encodedCells: consuming (bytes: [UInt8], fields: Int)? = nil
    ) -> Order {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        var lines: [OrderLine] = []
        lines.reserveCapacity(max(lineCapacity, 1))
        lines.append(line(from: reader, at: position, keepRecord: keepRecord, encodedCells: encodedCells))
        return Order(
            reference: text(name), currency: text(currency), shippingMethod: text(shippingMethod), address: address(from: reader),
            headerPosition: position, columns: columns, lines: consume lines)
    }

    /// The shipping address (with the order's e-mail and phone) of the reader's current record, an order's first row.
    private func address(from reader: CSVReader) -> Address {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        var address = Address()
        // From the field's bytes when it has no doubled quotes (they are the UTF-8 of `text(shippingName)`).
        if let shippingName, let bytes = reader.plainTrimmedBytes(shippingName) {
            address.setName(trimmedUTF8: bytes)
        } else {
            address.setName(text(shippingName))
        }
        address.companyName = text(company)
        address.addressLine1 = text(address1)
        address.addressLine2 = text(address2)
        address.city = text(city)
        var postCode = text(zip)
        // Shopify prefixes numeric ZIPs with ' so that spreadsheets keep their leading zeros.
        if postCode.utf8.first == UInt8(ascii: "'") { postCode.removeFirst() }
        address.postCode = postCode
        address.state = text(province)
        address.country = text(country)
        address.email = text(email)
        address.phone = text(phone)
        return address
    }

    /// The line item of the reader's current record, all a row continuing the order in hand adds to it.
    /// - Parameter keepRecord: whether the line keeps its record for fix files (when `keepCells`); a caller that
    ///   gives the line its `encodedCells` as it reads it passes `false` (the record would be a copy nobody reads).
    /// - Parameter encodedCells: the line's `encodedCells`, given here so that a caller need not change the row
    ///   it gets back (a `var` row handed on was copied whole, ~500 instructions a held row).
    public func line(
        from reader: CSVReader, at position: SourcePosition, keepRecord: Bool = true, encodedCells: consuming (bytes: [UInt8], fields: Int)? = nil
    ) -> OrderLine {
        let quantityText = reader.trimmedString(quantity)
        let sku = lineSKU.map { reader.trimmedString($0) } ?? ""
        let name = lineName.map { reader.trimmedString($0) } ?? ""
        // Built where it is returned with all its fields (a `var` line changed after was built as a temporary and
        // copied out: ~350 instructions a line).
        guard keepCells && keepRecord else {
            return OrderLine(position: position, quantityText: quantityText, sku: sku, name: name, encodedCells: encodedCells)
        }
        return OrderLine(position: position, quantityText: quantityText, sku: sku, name: name,
                         record: (reader.recordBytes(), reader.dialect.delimiter), encodedCells: encodedCells)
    }

    /// A row continuing the order in hand: the line item alone (the order-level fields and the reference stay
    /// empty: `OrderAssembler.append(_:)` takes the line only).
    public func continuation(
        from reader: CSVReader, at position: SourcePosition, keepRecord: Bool = true, encodedCells: consuming (bytes: [UInt8], fields: Int)? = nil
    ) -> OrderRow {
        OrderRow(reference: "", address: Address(), line: line(from: reader, at: position, keepRecord: keepRecord, encodedCells: encodedCells))
    }

    /// Whether the reader's current record continues the order `assembler` has in hand, read on the reference's
    /// bytes (no `String`); `false` also when only building its `String` could tell (doubled quotes, bytes that
    /// differ but may decode to the same), which `OrderAssembler.add(_:)` then decides.
    public func continues(_ assembler: OrderAssembler, reader: CSVReader) -> Bool {
        guard let bytes = reader.plainTrimmedBytes(name) else { return false }
        return assembler.continues(referenceUTF8: bytes)
    }
}
