import IntakeModel
import IntakeValidation
import Testing

/// The order and connection rules, on values built in memory (no disk).
@Suite struct OrderRulesTests {
    static let tee = ProductUID("apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0")
    static let old = ProductUID("mug_product_msz_15-oz_mmat_ceramic-white_cl_4-0")

    static var catalog: Catalog {
        Catalog([
            CatalogProduct(uid: tee, title: "T-shirt", category: "apparel", status: .active,
                           attributes: [CatalogAttribute(name: "Size", value: "M"), CatalogAttribute(name: "Color", value: "white")]),
            CatalogProduct(uid: old, title: "Mug", category: "mug", status: .discontinued, attributes: []),
        ])
    }

    static var connections: ConnectionIndex {
        var index = ConnectionIndex()
        index.insert(Connection(sku: "TEE-M-WHITE", lineItemName: "Sunset Tee - M / white", productUID: tee,
                                files: [DesignFile(type: "default", url: "https://files.example.com/sunset.pdf")],
                                position: SourcePosition(file: "conn.csv", line: 2, record: 1)))
        index.noteRejected(sku: "MUG-15", lineItemName: "Mug", position: SourcePosition(file: "conn.csv", line: 9, record: 8), code: .discontinuedProductUID)
        return index
    }

    static func order(_ lines: [(qty: String, sku: String, name: String)], country: String = "DE", postCode: String = "80331",
                      email: String = "anna@example.com", state: String = "BY", street: String = "Hauptstraße 1") -> Order {
        var address = Address()
        address.setName("Anna Müller")
        address.addressLine1 = street
        address.city = "München"
        address.postCode = postCode
        address.state = state
        address.country = country
        address.email = email
        var columns = OrderColumns()
        columns[.country] = "Shipping Country"
        columns[.quantity] = "Lineitem quantity"
        columns[.sku] = "Lineitem sku"
        columns[.postCode] = "Shipping Zip"
        columns[.address1] = "Shipping Address1"
        let orderLines = lines.enumerated().map { index, line in
            OrderLine(position: SourcePosition(file: "orders.csv", line: index + 2, record: index + 1),
                      quantityText: line.qty, sku: line.sku, name: line.name)
        }
        return Order(reference: "#1001", currency: "EUR", address: address,
                     headerPosition: orderLines[0].position, columns: columns, lines: orderLines)
    }

    let validator = OrderValidator(catalog: catalog, connections: connections)

    @Test func aCleanOrderJoinsItsLines() {
        let check = validator.validate(Self.order([("2", "TEE-M-WHITE", ""), ("1", "", "Sunset Tee - M / white")]))
        #expect(check.issues.allSatisfy { $0.isEmpty })
        #expect(!check.isHeld)
        #expect(check.joins.map { $0?.productUID } == [Self.tee, Self.tee])
    }

    /// Lines joined through byte-keyed tables (`connectionKeys`, what the orders fast lane hands the full path) join
    /// as through the index, a SKU in decomposed Unicode included (the index finds it by canonical equivalence).
    @Test func byteKeyedConnectionTablesJoinAsTheIndex() {
        var index = ConnectionIndex()
        index.insert(Connection(sku: "CAF\u{C9}-M", lineItemName: "Caf\u{E9} Tee - M", productUID: Self.tee,
                                files: [DesignFile(type: "default", url: "https://files.example.com/cafe.pdf")],
                                position: SourcePosition(file: "conn.csv", line: 2, record: 1)))
        let bySKU = ByteKeyTable(), byName = ByteKeyTable()
        index.forEachKey(bySKU: true) { key, place in _ = bySKU.insertIfAbsent(key, Int32(place)) }
        index.forEachKey(bySKU: false) { key, place in _ = byName.insertIfAbsent(key, Int32(place)) }
        let plain = OrderValidator(catalog: Self.catalog, connections: index)
        var keyed = plain
        keyed.connectionKeys = ConnectionKeyTables(bySKU: bySKU, byName: byName)
        let order = Self.order([("1", "CAF\u{C9}-M", ""), ("1", "CAFE\u{301}-M", ""), ("1", "", "Cafe\u{301} Tee - M"), ("1", "NOPE", "")])
        let expected = plain.validate(order)
        let check = keyed.validate(order)
        #expect(expected.joins.map { $0?.productUID } == [Self.tee, Self.tee, Self.tee, nil])
        #expect(check.joins.map { $0?.productUID } == expected.joins.map { $0?.productUID })
        #expect(check.issues.map { $0.map(\.code) } == expected.issues.map { $0.map(\.code) })
    }

    @Test func aBadLineHoldsTheWholeOrder() {
        let check = validator.validate(Self.order([("2", "TEE-M-WHITE", ""), ("two", "TEE-M-WHITE", ""), ("1", "NOPE", "")]))
        #expect(check.isHeld)
        #expect(check.issues[0].map(\.code) == [.orderHeld])
        #expect(check.issues[1].map(\.code) == [.invalidQuantity])
        #expect(check.issues[1][0].column == "Lineitem quantity")
        #expect(check.issues[2].map(\.code) == [.unknownProduct])
    }

    @Test func orderLevelProblemsAreReportedOnceOnTheFirstRow() {
        let check = validator.validate(Self.order([("1", "TEE-M-WHITE", ""), ("1", "TEE-M-WHITE", "")], country: "Germany"))
        #expect(check.issues[0].map(\.code) == [.invalidCountry])
        #expect(check.issues[0][0].hint.contains("DE"))
        #expect(check.issues[1].map(\.code) == [.orderHeld])
    }

    @Test(arguments: [
        ("US", "2155", "MA", IssueCode.excelMangledValue),
        ("DE", "ABC", "BY", IssueCode.invalidPostcode),
        ("US", "10001", "", IssueCode.missingValue),
    ])
    func addressRules(country: String, postCode: String, state: String, expected: IssueCode) {
        let check = validator.validate(Self.order([("1", "TEE-M-WHITE", "")], country: country, postCode: postCode, state: state))
        #expect(check.issues[0].map(\.code) == [expected])
    }

    @Test func aLineMatchingARejectedReferenceRowSaysSo() {
        let check = validator.validate(Self.order([("1", "MUG-15", "")]))
        let issue = check.issues[0].first
        #expect(issue?.code == .unknownProduct)
        #expect(issue?.hint.contains("conn.csv line 9") == true)
    }

    @Test func warningsDoNotHoldAnOrder() {
        let check = validator.validate(Self.order([("1", "TEE-M-WHITE", "")], street: String(repeating: "Lange Straße ", count: 4)))
        #expect(check.issues[0].map(\.code) == [.valueTooLong])
        #expect(!check.isHeld)
    }

    @Test func withoutConnectionsTheJoinIsSkipped() {
        let check = OrderValidator(catalog: nil, connections: nil).validate(Self.order([("1", "ANYTHING", "")]))
        #expect(check.issues.allSatisfy { $0.isEmpty })
    }
}

@Suite struct ConnectionRulesTests {
    func variant(uid: String?, url: String?, options: [VariantOption] = [], sku: String = "TEE-M") -> StoreVariant {
        StoreVariant(productKey: "sunset-tee", productTitle: "Sunset Tee", options: options, sku: sku, isActive: true,
                     productUID: uid, designFiles: url.map { [(DesignFile(type: "default", url: $0), "Design file URL")] } ?? [],
                     position: SourcePosition(file: "conn.csv", line: 3, record: 2))
    }

    let validator = ConnectionValidator(catalog: OrderRulesTests.catalog)

    func codes(_ variant: StoreVariant) -> [IssueCode] {
        validator.validate(variant, uidColumn: "Product UID", designColumn: "Design file URL", skuColumn: "Variant SKU").issues.map(\.code)
    }

    @Test func aGoodRowConnects() {
        let result = validator.validate(variant(uid: OrderRulesTests.tee.rawValue, url: "https://f.example.com/a.pdf",
                                                options: [VariantOption(name: "Size", value: "m"), VariantOption(name: "Colour", value: "White")]),
                                        uidColumn: "Product UID", designColumn: "Design file URL", skuColumn: "Variant SKU")
        #expect(result.issues.isEmpty)
        #expect(result.connection?.lineItemName == "Sunset Tee - m / White")
    }

    @Test func eachProblemHasItsCode() {
        #expect(codes(variant(uid: "nope", url: "https://f.example.com/a.pdf")) == [.unknownProductUID])
        #expect(codes(variant(uid: OrderRulesTests.old.rawValue, url: "https://f.example.com/a.pdf")) == [.discontinuedProductUID])
        #expect(codes(variant(uid: OrderRulesTests.tee.rawValue, url: "ftp:/files example/x.pdf")) == [.invalidDesignURL])
        #expect(codes(variant(uid: OrderRulesTests.tee.rawValue, url: "https://f.example.com/a.psd")) == [.unsupportedDesignFormat])
        #expect(codes(variant(uid: OrderRulesTests.tee.rawValue, url: "https://f.example.com/a.pdf",
                              options: [VariantOption(name: "Size", value: "XL", column: "Option1 Value")])) == [.specMismatch])
        #expect(codes(variant(uid: OrderRulesTests.tee.rawValue, url: nil)) == [.missingValue])
        #expect(codes(variant(uid: nil, url: nil, sku: "3.65275E+11")) == [.excelMangledValue])
    }

    @Test func anUnconnectedRowIsNoProblem() {
        #expect(codes(variant(uid: "", url: nil)).isEmpty)
    }
}
