import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeTestSupport
import Testing

@Suite struct FormatDetectorTests {
    /// Every fixture's header is detected as its kind (`nil`: no known kind); connection files are told apart
    /// from plain product exports.
    @Test(arguments: [
        ("catalog.csv", FileKind.catalog, false),
        ("bad/catalog_bad.csv", .catalog, false),
        ("shopify/products_connected.csv", .shopifyProducts, true),
        ("bad/connections_bad.csv", .shopifyProducts, true),
        ("shopify/orders_export_1.csv", .shopifyOrders, false),
        ("bad/orders_missing_value.csv", .shopifyOrders, false),
        ("bad/orders_missing_column.csv", .shopifyOrders, false),
        ("bad/orders_duplicate_column.csv", .shopifyOrders, false),
        ("bad/orders_malformed.csv", .shopifyOrders, false),
        ("bad/orders_windows1252.csv", .shopifyOrders, false),
        ("bad/orders_utf16.csv", .shopifyOrders, false),
        ("bad/orders_sep_line.csv", .shopifyOrders, false),
        ("archives/orders.csv", .shopifyOrders, false),
    ] as [(String, FileKind, Bool)])
    func fixtureKind(_ fixture: String, _ kind: FileKind, _ connection: Bool) throws {
        let records = try Records(fixture: fixture)
        #expect(FormatDetector.detect(records.header) == kind)
        #expect(FormatDetector.isConnectionFile(records.header) == connection)
    }

    @Test func unrecognizedFixture() throws {
        #expect(FormatDetector.detect(try Records(fixture: "bad/unrecognized.csv").header) == nil)
    }

    @Test(arguments: [
        ("shopify_product_template.csv", FileKind.shopifyProducts),
        ("woocommerce_sample_products.csv", .woocommerceProducts),
        ("woocommerce_products_export_pt_br.csv", .woocommerceProducts),
    ])
    func realExportKind(_ name: String, _ kind: FileKind) throws {
        let header = try Records(fixture: TestPaths.realworld.appendingPathComponent(name).path).header
        #expect(FormatDetector.detect(header) == kind)
        #expect(!FormatDetector.isConnectionFile(header))
    }

    @Test func shopify2024ProductHeader() {
        let header = HeaderIndex(Headers.shopifyProducts2024)
        #expect(FormatDetector.detect(header) == .shopifyProducts)
        #expect(!FormatDetector.isConnectionFile(header))
        #expect(FormatDetector.isConnectionFile(HeaderIndex(Headers.shopifyProducts2024 + ["Product UID", "Design file URL"])))
    }

    /// Names match case- and space-insensitively, in any order.
    @Test func namesAreMatchedLoosely() {
        #expect(FormatDetector.detect(HeaderIndex(["LINEITEM  QUANTITY", " name "])) == .shopifyOrders)
        #expect(FormatDetector.detect(HeaderIndex(["status", "PRODUCT UID"])) == .catalog)
        #expect(FormatDetector.detect(HeaderIndex(["\u{FEFF}Handle", "Title"])) == .shopifyProducts)
    }

    @Test func headersOfNoKnownKind() {
        #expect(FormatDetector.detect(HeaderIndex([])) == nil)
        #expect(FormatDetector.detect(HeaderIndex(["Name", "Email", "Quantity"])) == nil)
        // A catalog has no design files: with one, the header is no catalog (and no product export without Handle).
        #expect(FormatDetector.detect(HeaderIndex(["Product UID", "Title", "Design file URL"])) == nil)
        #expect(FormatDetector.detect(HeaderIndex(["Product UID"])) == nil)
    }

    /// Plain `Design file URL` is the default area; `Design file URL (<area>)` names a print area; unknown areas
    /// are no design column.
    @Test func designColumns() {
        let header = HeaderIndex(["Handle", "Design file URL", "Design File URL (back)", "design file url (sleeve-left)", "Design file URL (pocket)", "Product UID"])
        let columns = FormatDetector.designColumns(header)
        #expect(columns.map(\.index) == [1, 2, 3])
        #expect(columns.map(\.area) == ["default", "back", "sleeve-left"])
        #expect(FormatDetector.designColumns(HeaderIndex(["Handle", "Design file URL (pocket)"])).isEmpty)
    }
}

@Suite struct HeaderIndexTests {
    @Test func normalize() {
        #expect(HeaderIndex.normalize("  Lineitem   Quantity ") == "lineitem quantity")
        #expect(HeaderIndex.normalize("\u{FEFF}Handle") == "handle")
        #expect(HeaderIndex.normalize("Option1\tName") == "option1 name")
        #expect(HeaderIndex.normalize("Größe") == "größe")
    }

    @Test func namesAreKeptAsWrittenButTrimmed() {
        let header = HeaderIndex([" Shipping Zip ", "Email"])
        #expect(header.names == ["Shipping Zip", "Email"])
        #expect(header.normalizedName(0) == "shipping zip")
        #expect(header.count == 2)
    }

    @Test func aliasesAreTriedInOrder() {
        // Shopify's order export has both Shipping Street and Shipping Address1: Address1 wins (first alias).
        let header = HeaderIndex(["Shipping Street", "Shipping Address1"])
        #expect(header.index(ofAny: ColumnAliases.shopifyAddress1) == 1)
        #expect(HeaderIndex(["Shipping Street"]).index(ofAny: ColumnAliases.shopifyAddress1) == 0)
        #expect(HeaderIndex(["City"]).index(ofAny: ColumnAliases.shopifyAddress1) == nil)
    }

    @Test func firstOfTwoEqualNamesIsFound() {
        let header = HeaderIndex(Headers.shopifyOrders + ["EMAIL"])
        #expect(header.index(ofAny: ["email"]) == 1)
        let duplicates = header.duplicates
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.name == "EMAIL")
        #expect(duplicates.first?.first == 1)
        #expect(duplicates.first?.second == 79)
        #expect(HeaderIndex(Headers.shopifyOrders).duplicates.isEmpty)
        // Empty names (trailing commas) are not duplicates of each other.
        #expect(HeaderIndex(["Name", "", ""]).duplicates.isEmpty)
    }
}

@Suite struct RequiredColumnsTests {
    static let orderColumns = [
        "Name", "Email", "Lineitem quantity", "Lineitem name", "Lineitem sku", "Shipping Name", "Shipping Address1",
        "Shipping City", "Shipping Zip", "Shipping Country",
    ]

    @Test func completeOrderHeader() {
        #expect(RequiredColumns.missing(in: HeaderIndex(Headers.shopifyOrders), kind: .shopifyOrders).isEmpty)
        #expect(RequiredColumns.of(.shopifyOrders).map(\.name) == Self.orderColumns)
    }

    @Test func orderHeaderWithoutShippingCountry() {
        let header = HeaderIndex(Headers.shopifyOrders.filter { $0 != "Shipping Country" })
        #expect(RequiredColumns.missing(in: header, kind: .shopifyOrders) == ["Shipping Country"])
    }

    /// The 4-column CSVs of the archive fixtures.
    @Test func archiveFixtureHeader() {
        let header = HeaderIndex(["Name", "Email", "Lineitem quantity", "Lineitem sku"])
        #expect(RequiredColumns.missing(in: header, kind: .shopifyOrders) == [
            "Lineitem name", "Shipping Name", "Shipping Address1", "Shipping City", "Shipping Zip", "Shipping Country",
        ])
    }

    @Test func aliasesAndCaseSatisfyARequirement() {
        let header = HeaderIndex(Headers.shopifyOrders.filter { $0 != "Shipping Address1" }.map { $0.uppercased() })
        #expect(RequiredColumns.missing(in: header, kind: .shopifyOrders).isEmpty)  // SHIPPING STREET stands in
    }

    @Test func productsAndConnections() {
        #expect(RequiredColumns.missing(in: HeaderIndex(Headers.shopifyProductsClassic), kind: .shopifyProducts).isEmpty)
        #expect(RequiredColumns.missing(in: HeaderIndex(Headers.shopifyProducts2024), kind: .shopifyProducts).isEmpty)
        #expect(RequiredColumns.missing(in: HeaderIndex(["Title", "Variant SKU"]), kind: .shopifyProducts) == ["Handle"])
        let withoutUID = HeaderIndex(Headers.shopifyProductsClassic + ["Design file URL"])
        #expect(RequiredColumns.missing(in: withoutUID, kind: .shopifyProducts, connection: true) == ["Product UID"])
        #expect(RequiredColumns.missing(in: withoutUID, kind: .shopifyProducts, connection: false).isEmpty)
    }

    @Test func catalog() {
        #expect(RequiredColumns.missing(in: HeaderIndex(["Title", "Status", "Size"]), kind: .catalog) == ["Product UID"])
        #expect(RequiredColumns.missing(in: HeaderIndex(["product_uid", "Title"]), kind: .catalog).isEmpty)
    }
}
