import IntakeCSV
import IntakeFormats
import IntakeModel
import Testing

@Suite struct ShopifyOrderAdapterTests {
    static func rows(_ header: [String], _ cells: [[String: String]]) throws -> (rows: [OrderRow], adapter: ShopifyOrderAdapter) {
        let text = ([header] + cells.map { Headers.row(header, $0) }).map(csvLine).joined(separator: "\n") + "\n"
        let records = try Records(text)
        let adapter = try #require(ShopifyOrderAdapter(header: records.header))
        var rows: [OrderRow] = []
        while let position = try records.next() { rows.append(adapter.row(from: records.reader, at: position)) }
        return (rows, adapter)
    }

    static func order(_ cells: [String: String]) -> [String: String] {
        ["Name": "#1001", "Email": "a@example.com", "Lineitem quantity": "1", "Lineitem name": "Mug", "Lineitem sku": "MUG",
         "Shipping Name": "Anna Maria Müller", "Shipping Address1": "Main St 1", "Shipping City": "Medford",
         "Shipping Country": "US"].merging(cells) { $1 }
    }

    /// Shopify writes all-digit ZIPs with a leading `'`; the adapter removes it. Other postcodes stay as written.
    @Test(arguments: [
        ("'02155", "02155"), ("'8000", "8000"), ("'75008", "75008"), ("02155", "02155"), ("V2C 1A1", "V2C 1A1"),
        ("EH7 4AA", "EH7 4AA"), (" '3511 NK", "3511 NK"), ("", ""),
    ])
    func zipApostropheIsStripped(_ written: String, _ read: String) throws {
        let (rows, _) = try Self.rows(Headers.shopifyOrders, [Self.order(["Shipping Zip": written])])
        #expect(rows.first?.address.postCode == read)
    }

    @Test func orderFieldsAndLine() throws {
        let (rows, adapter) = try Self.rows(Headers.shopifyOrders, [
            Self.order([
                "Currency": "USD", "Shipping Method": "Express", "Shipping Province": "MA", "Shipping Zip": "'02155",
                "Shipping Company": "Acme Inc.", "Shipping Address2": "Suite 4", "Shipping Phone": "+1 781-555-0143",
                "Phone": "+1 000", "Lineitem quantity": " 2 ", "Lineitem sku": "", "Lineitem name": "Harbour Lights Hoodie - L",
            ]),
        ])
        let row = try #require(rows.first)
        #expect(row.reference == "#1001")
        #expect(row.currency == "USD")
        #expect(row.shippingMethod == "Express")
        #expect(row.address.firstName == "Anna")
        #expect(row.address.lastName == "Maria Müller")
        #expect(row.address.companyName == "Acme Inc.")
        #expect(row.address.addressLine1 == "Main St 1")
        #expect(row.address.addressLine2 == "Suite 4")
        #expect(row.address.city == "Medford")
        #expect(row.address.state == "MA")
        #expect(row.address.country == "US")
        #expect(row.address.email == "a@example.com")
        #expect(row.address.phone == "+1 781-555-0143")  // Shipping Phone before the order's Phone
        #expect(row.line.quantityText == "2")
        #expect(row.line.sku == "")
        #expect(row.line.name == "Harbour Lights Hoodie - L")
        #expect(row.line.position == SourcePosition(file: "memory.csv", line: 2, record: 1))
        #expect(adapter.columns[.postCode] == "Shipping Zip")
        #expect(adapter.columns[.address1] == "Shipping Address1")
        #expect(adapter.columns[.state] == "Shipping Province")
        #expect(adapter.columns[.phone] == "Shipping Phone")
        #expect(adapter.columns[.sku] == "Lineitem sku")
        #expect(adapter.columns[.lineName] == "Lineitem name")
        #expect(adapter.columns[.reference] == "Name")
        #expect(adapter.columns[.customerReference] == "")
    }

    /// Older exports: `Shipping Street` when there is no `Shipping Address1`; the order's `Phone` when there is
    /// no `Shipping Phone`.
    @Test func olderHeaderAliases() throws {
        let header = ["Name", "Email", "Lineitem quantity", "Lineitem name", "Lineitem sku", "Shipping Name", "Shipping Street",
                      "Shipping City", "Shipping Zip", "Shipping Country", "Phone"]
        let (rows, adapter) = try Self.rows(header, [["Name": "#7", "Shipping Street": "Nørregade 14", "Phone": "+45 86 12 34 56", "Lineitem quantity": "1"]])
        #expect(rows.first?.address.addressLine1 == "Nørregade 14")
        #expect(rows.first?.address.phone == "+45 86 12 34 56")
        #expect(adapter.columns[.address1] == "Shipping Street")
        #expect(adapter.columns[.phone] == "Phone")
        #expect(adapter.columns[.state] == "")
    }

    @Test func headerWithoutOrderColumns() {
        #expect(ShopifyOrderAdapter(header: HeaderIndex(Headers.shopifyProductsClassic)) == nil)
        #expect(ShopifyOrderAdapter(header: HeaderIndex(["Name", "Email"])) == nil)
    }
}

@Suite struct OrderAssemblerTests {
    static func row(_ reference: String, line: Int, city: String = "") -> OrderRow {
        var address = Address()
        address.city = city
        return OrderRow(
            reference: reference, currency: city.isEmpty ? "" : "EUR", address: address,
            line: OrderLine(position: SourcePosition(file: "o.csv", line: line, record: line - 1), quantityText: "1", sku: "S\(line)", name: ""))
    }

    static func assemble(_ rows: [OrderRow]) -> [Order] {
        var assembler = OrderAssembler(columns: OrderColumns())
        var orders: [Order] = []
        for row in rows {
            if let order = assembler.add(row) { orders.append(order) }
        }
        if let order = assembler.finish() { orders.append(order) }
        return orders
    }

    /// Consecutive rows with one reference make one order; the same reference after another order starts a new
    /// one (the pipeline reports that as duplicate_order).
    @Test func groupsConsecutiveRows() {
        let orders = Self.assemble([
            Self.row("#1001", line: 2, city: "München"), Self.row("#1001", line: 3), Self.row("#1002", line: 4, city: "Leeds"),
            Self.row("#1001", line: 5, city: "Berlin"), Self.row("#1001", line: 6),
        ])
        #expect(orders.map(\.reference) == ["#1001", "#1002", "#1001"])
        #expect(orders.map { $0.lines.map(\.position.line) } == [[2, 3], [4], [5, 6]])
        #expect(orders.map(\.headerPosition.line) == [2, 4, 5])
        // Order-level fields come from the first row.
        #expect(orders.map(\.address.city) == ["München", "Leeds", "Berlin"])
        #expect(orders.map(\.currency) == ["EUR", "EUR", "EUR"])
    }

    @Test func addReturnsThePreviousOrderWhenTheNextStarts() {
        var assembler = OrderAssembler(columns: OrderColumns())
        #expect(assembler.add(Self.row("#1", line: 2)) == nil)
        #expect(assembler.add(Self.row("#1", line: 3)) == nil)
        let finished = assembler.add(Self.row("#2", line: 4))
        #expect(finished?.reference == "#1")
        #expect(finished?.lines.count == 2)
        #expect(assembler.finish()?.reference == "#2")
        #expect(assembler.finish() == nil)
    }

    /// Rows without a reference never join each other.
    @Test func emptyReferencesStayApart() {
        let orders = Self.assemble([Self.row("", line: 2), Self.row("", line: 3)])
        #expect(orders.map(\.lines.count) == [1, 1])
    }

    @Test func noRowsNoOrders() {
        #expect(Self.assemble([]).isEmpty)
    }

    /// The clean orders fixture through adapter and assembler: 8 orders, their lines and positions.
    @Test func ordersFixture() throws {
        let records = try Records(fixture: "shopify/orders_export_1.csv")
        let adapter = try #require(ShopifyOrderAdapter(header: records.header))
        var assembler = OrderAssembler(columns: adapter.columns)
        var orders: [Order] = []
        while let position = try records.next() {
            #expect(records.reader.problem == nil)
            if let order = assembler.add(adapter.row(from: records.reader, at: position)) { orders.append(order) }
        }
        if let order = assembler.finish() { orders.append(order) }
        #expect(orders.map(\.reference) == ["#1001", "#1002", "#1003", "#1004", "#1005", "#1006", "#1007", "#1008"])
        #expect(orders.map(\.lines.count) == [2, 1, 2, 1, 2, 1, 2, 3])
        // #1001's Note Attributes holds a CRLF: its second row starts on line 4.
        #expect(orders[0].lines.map(\.position.line) == [2, 4])
        #expect(orders[0].address.city == "München")
        #expect(orders[0].address.lastName == "Müller")
        #expect(orders[2].address.postCode == "02155")
        #expect(orders[2].address.state == "MA")
        #expect(orders[2].lines[0].sku == "")
        #expect(orders[2].lines[0].name == "Harbour Lights Hoodie - L")
        #expect(orders[2].lines[1].name == "Alpine Dawn Poster - 30 × 40 cm")
        #expect(orders[3].address.firstName == "Søren")
        #expect(orders[3].address.addressLine2 == "2. tv")
        #expect(orders[4].address.firstName == "Élodie")
        #expect(orders[6].address.companyName == "Weiß & Söhne GmbH")
        #expect(orders[7].lines.map(\.quantityText) == ["2", "1", "1"])
        #expect(orders.last?.lines.last?.position == SourcePosition(file: "shopify/orders_export_1.csv", line: 16, record: 14))
    }
}
