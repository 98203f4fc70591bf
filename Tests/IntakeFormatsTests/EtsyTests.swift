import Foundation
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeTestSupport
import Testing

/// Etsy fixtures and the headers as Etsy writes them (formats.md §5).
enum EtsyFixtures {
    static let listings = "etsy/EtsyListingsDownload.csv"
    static let soldOrderItems = "etsy/EtsySoldOrderItems2026.csv"
    static let soldOrders = "etsy/EtsySoldOrders2026.csv"

    static let listingHeader =
        ["TITLE", "DESCRIPTION", "PRICE", "CURRENCY_CODE", "QUANTITY", "TAGS", "MATERIALS"] + (1...10).map { "IMAGE\($0)" }
        + ["VARIATION 1 TYPE", "VARIATION 1 NAME", "VARIATION 1 VALUES", "VARIATION 2 TYPE", "VARIATION 2 NAME", "VARIATION 2 VALUES", "SKU"]

    static let soldOrderItemsHeader = """
        Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Order Shipping,\
        Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,Ship Address1,\
        Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,Listings Type,\
        Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU
        """.split(separator: ",").map(String.init)

    static let soldOrdersHeader = """
        Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,Street 1,\
        Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,Coupon Details,\
        Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,\
        Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,\
        InPerson Discount,InPerson Location,SKU
        """.split(separator: ",").map(String.init)

    /// Stands in for `Countries.alpha2(forName:)` (IntakeValidation, which this test target does not import): the
    /// names the fixtures use, and codes.
    static let countryCode: @Sendable (String) -> String? = { name in
        let names = ["united states": "US", "germany": "DE", "deutschland": "DE", "united kingdom": "GB", "denmark": "DK",
                     "danmark": "DK", "france": "FR"]
        if name.count == 2, name.allSatisfy(\.isLetter) { return name.uppercased() }
        return names[name.lowercased()]
    }

    static func csv(_ header: [String], _ rows: [[String: String]]) -> String {
        ([header] + rows.map { Headers.row(header, $0) }).map(csvLine).joined(separator: "\n") + "\n"
    }

    /// Adapts every record of a listings download.
    static func listings(_ records: Records) throws -> (rows: [ProductRow], issues: [IntakeModel.Issue], adapter: EtsyListingAdapter) {
        var adapter = try #require(EtsyListingAdapter(header: records.header))
        var rows: [ProductRow] = []
        var issues: [IntakeModel.Issue] = []
        while let position = try records.next() {
            #expect(records.reader.problem == nil)
            rows.append(adapter.row(from: records.reader, at: position, issues: &issues))
        }
        return (rows, issues, adapter)
    }

    /// Adapts every record of an order export and groups the rows into orders.
    static func orders(_ records: Records) throws -> (orders: [Order], adapter: EtsyOrderAdapter) {
        let adapter = try #require(EtsyOrderAdapter(header: records.header, countryCode: countryCode))
        var assembler = OrderAssembler(columns: adapter.columns)
        var orders: [Order] = []
        while let position = try records.next() {
            #expect(records.reader.problem == nil)
            var issues: [IntakeModel.Issue] = []
            for row in adapter.rows(from: records.reader, at: position, issues: &issues) {
                if let order = assembler.add(row) { orders.append(order) }
            }
            #expect(issues.isEmpty)
        }
        if let order = assembler.finish() { orders.append(order) }
        return (orders, adapter)
    }
}

@Suite struct EtsyDetectionTests {
    @Test(arguments: [EtsyFixtures.listings, EtsyFixtures.soldOrderItems, EtsyFixtures.soldOrders])
    func etsyFixturesMatchTheirAdapterOnly(_ fixture: String) throws {
        let header = try Records(fixture: fixture).header
        #expect(EtsyListingAdapter.matches(header) == (fixture == EtsyFixtures.listings))
        #expect(EtsyOrderAdapter.matches(header) == (fixture != EtsyFixtures.listings))
        #expect(!WooCommerceProductAdapter.matches(header))
        #expect(ShopifyProductAdapter(header: header) == nil)
        #expect(ShopifyOrderAdapter(header: header) == nil)
    }

    @Test func layouts() throws {
        #expect(EtsyOrderAdapter.layout(of: try Records(fixture: EtsyFixtures.soldOrderItems).header) == .soldOrderItems)
        #expect(EtsyOrderAdapter.layout(of: try Records(fixture: EtsyFixtures.soldOrders).header) == .soldOrders)
        #expect(EtsyOrderAdapter.layout(of: HeaderIndex(EtsyFixtures.soldOrderItemsHeader)) == .soldOrderItems)
        #expect(EtsyOrderAdapter.layout(of: HeaderIndex(EtsyFixtures.soldOrdersHeader)) == .soldOrders)
        // Older exports without the SKU, VAT and InPerson columns.
        #expect(EtsyOrderAdapter.layout(of: HeaderIndex(Array(EtsyFixtures.soldOrderItemsHeader.prefix(28)))) == .soldOrderItems)
        #expect(EtsyOrderAdapter.layout(of: HeaderIndex(["Order ID", "Ship Country"])) == nil)
    }

    /// EtsySoldOrderItems has `Order ID`, `Quantity` and `SKU`, which the manual template also accepts: the
    /// detector must ask the Etsy adapter first.
    @Test func soldOrderItemsAlsoFitTheManualTemplate() throws {
        #expect(ManualOrderAdapter.matches(try Records(fixture: EtsyFixtures.soldOrderItems).header))
    }

    /// The connected listings download is a connection file; without the two columns it is a plain export.
    @Test func listingsConnectionColumns() throws {
        let header = try Records(fixture: EtsyFixtures.listings).header
        #expect(FormatDetector.isConnectionFile(header))
        #expect(try #require(EtsyListingAdapter(header: header)).isConnectionFile)
        let plain = HeaderIndex(EtsyFixtures.listingHeader)
        #expect(EtsyListingAdapter.matches(plain))
        #expect(try #require(EtsyListingAdapter(header: plain)).isConnectionFile == false)
    }

    @Test(arguments: [
        "catalog.csv", "customers.csv", "shopify/products_connected.csv", "shopify/products_export.csv",
        "shopify/orders_export_1.csv", "manual/orders_manual.csv", "manual/orders_manual_de.csv", "pressero/orders_pressero.csv",
        "bad/unrecognized.csv",
    ])
    func otherFixturesAreNotEtsy(_ fixture: String) throws {
        let header = try Records(fixture: fixture).header
        #expect(!EtsyListingAdapter.matches(header))
        #expect(!EtsyOrderAdapter.matches(header))
        #expect(EtsyOrderAdapter(header: header, countryCode: EtsyFixtures.countryCode) == nil)
    }

    @Test func realExportsAreNotEtsy() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.realworld.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let header = try Records(fixture: TestPaths.realworld.appendingPathComponent(file).path).header
            #expect(!EtsyListingAdapter.matches(header), "\(file)")
            #expect(!EtsyOrderAdapter.matches(header), "\(file)")
        }
    }

    @Test func requiredColumns() {
        #expect(EtsyListingAdapter.requiredColumns(connection: false).map(\.name) == ["TITLE"])
        #expect(EtsyListingAdapter.requiredColumns(connection: true).map(\.name) == ["TITLE", "Product UID"])
        // Both order layouts have every required column.
        for header in [EtsyFixtures.soldOrderItemsHeader, EtsyFixtures.soldOrdersHeader].map(HeaderIndex.init) {
            #expect(EtsyOrderAdapter.requiredColumns.allSatisfy { header.index(ofAny: $0.aliases) != nil })
        }
        #expect(EtsyOrderAdapter.requiredColumns.map(\.name) == [
            "Order ID", "Quantity", "Ship Name", "Ship Address1", "Ship City", "Ship Zipcode", "Ship Country",
        ])
    }
}

@Suite struct EtsyListingAdapterTests {
    static let tee = [
        "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_s_gco_white_gpr_4-0",
        "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0",
        "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_l_gco_white_gpr_4-0",
    ]

    /// The connected fixture: one row per listing, one variant per SKU, aligned with UIDs and design URLs.
    @Test func connectedFixture() throws {
        let records = try Records(fixture: EtsyFixtures.listings)
        let (rows, issues, adapter) = try EtsyFixtures.listings(records)
        #expect(issues.isEmpty)
        #expect(adapter.skuColumn == "SKU")
        #expect(adapter.connectionColumnNames == ("Product UID", "Design file URL"))
        #expect(rows.map(\.variants.count) == [8, 3, 4, 1, 2, 2, 1])
        // Quoted multi-line descriptions (one with a CRLF inside): records start on these lines.
        #expect(rows.map { $0.variants.first?.position.line } == [2, 8, 12, 14, 16, 18, 19])
        #expect(rows.allSatisfy { $0.inactive == nil && $0.variants.allSatisfy { $0.isActive } })

        // Sunset tee: 8 SKUs, 8 UIDs, one design file for all; Primary color outer, Size inner.
        let tee = rows[0].variants
        #expect(tee.map(\.sku) == (4011...4018).map { "67B0D2F41A9C3_\($0)" })
        #expect(tee.map { $0.options.map(\.value) } == [
            ["White", "S"], ["White", "M"], ["White", "L"], ["White", "XL"], ["Black", "S"], ["Black", "M"], ["Black", "L"], ["Black", "XL"],
        ])
        #expect(tee[5].options == [
            VariantOption(name: "Primary color", value: "Black", column: "VARIATION 1 VALUES"),
            VariantOption(name: "Size", value: "M", column: "VARIATION 2 VALUES"),
        ])
        #expect(tee.allSatisfy { $0.productUID?.contains("_gsi_\($0.options[1].value.lowercased())_gco_\($0.options[0].value.lowercased())_") == true })
        #expect(tee.allSatisfy { $0.designFiles.map(\.file) == [DesignFile(type: "default", url: "https://files.example.com/nordlicht-studio/designs/sunset-over-fjord/front.pdf")] })
        #expect(tee.allSatisfy { $0.designFiles.map(\.column) == ["Design file URL"] })
        let title = "Sunset Over Fjord T-Shirt | Unisex Crewneck Tee | Nordic Summer Gift"
        #expect(tee.allSatisfy { $0.productKey == title && $0.productTitle == title && $0.lineItemName == title })

        // Hoodie: 3 SKUs, 3 UIDs, 3 design files.
        let hoodie = rows[1].variants
        #expect(hoodie.map { $0.options.map(\.value) } == [["M"], ["L"], ["XL"]])
        #expect(hoodie.allSatisfy { $0.designFiles.first?.file.url.hasSuffix("front-\($0.options[0].value.lowercased()).pdf") == true })
        #expect(hoodie.map(\.productUID) == ["m", "l", "xl"].map { "apparel_product_gca_hoodie_gsc_pullover_gcu_unisex_gqa_heavy_gsi_\($0)_gco_navy_gpr_4-0" })

        // Poster: SKUs written with spaces after the commas.
        #expect(rows[2].variants.map(\.sku) == (2001...2004).map { "67B0D2F41A9C5_\($0)" })
        #expect(rows[2].variants.map { $0.options.first?.value } == ["A4", "A3", "A2", "30 x 40 cm"])

        // Mug: no variations, one SKU.
        #expect(rows[3].variants.map(\.sku) == ["67B0D2F41A9C6_1101"])
        #expect(rows[3].variants[0].options.isEmpty)
        #expect(rows[3].variants[0].lineItemName == "Coffee = Happiness Mug | 11 oz Ceramic")

        // A malformed SKU with an empty suffix is kept as written.
        #expect(rows[4].variants.map(\.sku) == ["67B0D2F41A9C7_4021", "67B0D2F41A9C7_"])
        #expect(rows[4].variants.map { $0.options.map(\.value) } == [["White", "M"], ["White", "L"]])

        // 2 SKUs for 2 × 2 combinations: no options, but still connected.
        #expect(rows[5].variants.map(\.options) == [[], []])
        #expect(rows[5].variants.map(\.productUID) == ["mug_product_msz_11-oz_mmat_ceramic-white_cl_4-0", "mug_product_msz_15-oz_mmat_ceramic-white_cl_4-0"])

        // A digital download: no SKU, not connected.
        let download = try #require(rows[6].variant)
        #expect(download.sku == "")
        #expect(download.productUID == "")
        #expect(download.designFiles.isEmpty)
    }

    static func adapt(_ rows: [[String: String]], extra: [String] = ["Product UID", "Design file URL"]) throws -> (rows: [ProductRow], issues: [IntakeModel.Issue]) {
        let result = try EtsyFixtures.listings(Records(EtsyFixtures.csv(EtsyFixtures.listingHeader + extra, rows)))
        return (result.rows, result.issues)
    }

    static func listing(_ cells: [String: String]) -> [String: String] {
        ["TITLE": "Tee", "CURRENCY_CODE": "EUR", "PRICE": "20", "VARIATION 1 NAME": "Size", "VARIATION 1 VALUES": "S,M,L",
         "SKU": "T-S,T-M,T-L"].merging(cells) { $1 }
    }

    /// One UID or URL for all SKUs; one per SKU; empty entries stay in place.
    @Test func alignment() throws {
        let (rows, issues) = try Self.adapt([
            Self.listing(["Product UID": Self.tee[1], "Design file URL": "https://x.example.com/a.pdf"]),
            Self.listing(["Product UID": Self.tee.joined(separator: ", "), "Design file URL": "https://x.example.com/s.pdf,https://x.example.com/m.pdf,https://x.example.com/l.pdf"]),
            Self.listing(["Product UID": "\(Self.tee[0]),,\(Self.tee[2])", "Design file URL": "https://x.example.com/a.pdf"]),
            Self.listing(["Product UID": "", "Design file URL": ""]),
        ])
        #expect(issues.isEmpty)
        #expect(rows[0].variants.map(\.productUID) == Array(repeating: Self.tee[1], count: 3))
        #expect(rows[0].variants.map { $0.designFiles.map(\.file.url) } == Array(repeating: ["https://x.example.com/a.pdf"], count: 3))
        #expect(rows[1].variants.map(\.productUID) == Self.tee)
        #expect(rows[1].variants.map { $0.designFiles.map(\.file.url) } == ["s", "m", "l"].map { ["https://x.example.com/\($0).pdf"] })
        #expect(rows[2].variants.map(\.productUID) == [Self.tee[0], "", Self.tee[2]])
        #expect(rows[3].variants.map(\.productUID) == ["", "", ""])
        #expect(rows[3].variants.allSatisfy { $0.designFiles.isEmpty })
    }

    /// A list that is neither one value nor one per SKU: `missing_value` on its column, and the listing is not
    /// connected.
    @Test func misalignedListIsAnIssue() throws {
        let (rows, issues) = try Self.adapt([
            Self.listing(["Product UID": "\(Self.tee[0]),\(Self.tee[1])", "Design file URL": "https://x.example.com/a.pdf"]),
            Self.listing(["Product UID": Self.tee[0], "Design file URL": "https://x.example.com/a.pdf,https://x.example.com/b.pdf,https://x.example.com/c.pdf,https://x.example.com/d.pdf"]),
        ])
        #expect(issues.map(\.code) == [.missingValue, .missingValue])
        #expect(issues.map(\.column) == ["Product UID", "Design file URL"])
        #expect(issues.map(\.position.line) == [2, 3])
        #expect(issues[0].message == "Product UID lists 2 values, but the listing has 3 SKUs")
        #expect(issues[1].message == "Design file URL lists 4 values, but the listing has 3 SKUs")
        #expect(issues[0].value == "\(Self.tee[0]),\(Self.tee[1])")
        #expect(issues.allSatisfy { $0.severity == .error && $0.hint.contains("SKU") })
        // The variants are read, unconnected.
        #expect(rows.map(\.variants.count) == [3, 3])
        #expect(rows.allSatisfy { $0.variants.allSatisfy { $0.productUID == nil && $0.designFiles.isEmpty } })
    }

    /// Several print areas: each design column aligns on its own.
    @Test func printAreaColumns() throws {
        let (rows, issues) = try Self.adapt(
            [Self.listing(["Product UID": Self.tee[0], "Design file URL": "https://x.example.com/f.pdf",
                           "Design file URL (back)": "https://x.example.com/bs.pdf,,https://x.example.com/bl.pdf"])],
            extra: ["Product UID", "Design file URL", "Design file URL (back)"])
        #expect(issues.isEmpty)
        #expect(rows[0].variants.map { $0.designFiles.map(\.file) } == [
            [DesignFile(type: "default", url: "https://x.example.com/f.pdf"), DesignFile(type: "back", url: "https://x.example.com/bs.pdf")],
            [DesignFile(type: "default", url: "https://x.example.com/f.pdf")],
            [DesignFile(type: "default", url: "https://x.example.com/f.pdf"), DesignFile(type: "back", url: "https://x.example.com/bl.pdf")],
        ])
    }

    /// The i-th SKU gets the i-th combination, variation 1 outermost, when the counts agree; otherwise no options.
    @Test(arguments: [
        ("S,M", "White,Black", "1,2,3,4", [["S", "White"], ["S", "Black"], ["M", "White"], ["M", "Black"]]),
        ("S,M,L", "", "1,2,3", [["S"], ["M"], ["L"]]),
        ("", "White,Black", "1,2", [["White"], ["Black"]]),
        ("S,M", "White,Black", "1,2,3", [[], [], []]),
        ("S,M", "White,Black", "1", [[]]),
        ("S", "", "", [["S"]]),
        ("", "", "1,2", [[], []]),
    ] as [(String, String, String, [[String]])])
    func cartesianOptions(_ values1: String, _ values2: String, _ skus: String, _ expected: [[String]]) throws {
        let (rows, issues) = try Self.adapt(
            [Self.listing(["VARIATION 1 NAME": "Size", "VARIATION 1 VALUES": values1, "VARIATION 2 TYPE": "Color",
                           "VARIATION 2 NAME": "", "VARIATION 2 VALUES": values2, "SKU": skus])],
            extra: [])
        #expect(issues.isEmpty)
        #expect(rows[0].variants.map { $0.options.map(\.value) } == expected)
        // An empty name falls back to the type.
        #expect(rows[0].variants.allSatisfy { $0.options.map(\.name).allSatisfy { $0 == "Size" || $0 == "Color" } })
        #expect(rows[0].variants.allSatisfy { $0.productUID == nil })
    }

    /// No SKU and no variations: one variant with SKU "", named by its title.
    @Test func singleVariantWithoutSKU() throws {
        let (rows, issues) = try Self.adapt([["TITLE": " Wallpaper ", "CURRENCY_CODE": "EUR"]], extra: [])
        #expect(issues.isEmpty)
        let variant = try #require(rows.first?.variant)
        #expect(rows.first?.variants.count == 1)
        #expect(variant.sku == "")
        #expect(variant.options.isEmpty)
        #expect(variant.productKey == "Wallpaper")
        #expect(variant.lineItemName == "Wallpaper")
    }

    /// Writing a listing's connections back into one row reads back as the same connections.
    @Test(arguments: [
        ([] as [String], ""), (["u"], "u"), (["u", "u", "u"], "u"), (["a", "b", "c"], "a,b,c"), (["a", "", "a"], "a,,a"),
    ])
    func connectionCellRoundTrip(_ values: [String], _ cell: String) throws {
        #expect(EtsyListingAdapter.connectionCell(values) == cell)
        guard !values.isEmpty else { return }
        let uids = values.map { $0.isEmpty ? "" : Self.tee[["a": 0, "b": 1, "c": 2, "u": 1][$0]!] }
        let skus = (1...values.count).map { "S\($0)" }.joined(separator: ",")
        let (rows, issues) = try Self.adapt([
            Self.listing(["SKU": skus, "Product UID": EtsyListingAdapter.connectionCell(uids), "Design file URL": "https://x.example.com/a.pdf"]),
        ])
        #expect(issues.isEmpty)
        #expect(rows[0].variants.map(\.productUID) == uids)
    }

    @Test func headerWithoutTitle() {
        #expect(EtsyListingAdapter(header: HeaderIndex(["SKU", "PRICE"])) == nil)
        #expect(!EtsyListingAdapter.matches(HeaderIndex(["TITLE", "SKU"])))
    }
}

@Suite struct EtsyOrderAdapterTests {
    /// EtsySoldOrderItems: rows grouped by `Order ID`, order fields from the first row, countries as codes, ZIPs
    /// as written.
    @Test func soldOrderItemsFixture() throws {
        let (orders, adapter) = try EtsyFixtures.orders(Records(fixture: EtsyFixtures.soldOrderItems))
        #expect(adapter.layout == .soldOrderItems)
        #expect(orders.map(\.reference) == ["3601100001", "3601100002", "3601100003", "3601100004", "3601100005", "3601100006"])
        #expect(orders.map(\.lines.count) == [2, 1, 2, 1, 1, 1])
        #expect(orders.map(\.address.country) == ["DE", "US", "GB", "DK", "FR", "DE"])
        #expect(orders.map(\.currency) == ["EUR", "USD", "GBP", "DKK", "EUR", "EUR"])
        #expect(orders.map(\.shippingMethod) == ["", "", "", "", "", ""])
        #expect(orders.allSatisfy { $0.address.email.isEmpty && $0.address.phone.isEmpty })
        // Connecticut's 06084 lost its leading zero in a spreadsheet: kept as written for the validator.
        #expect(orders[1].address.postCode == "6084")
        #expect(orders[1].address.state == "CT")
        #expect(orders[1].address.firstName == "Megan")
        #expect(orders[1].address.lastName == "O'Connor")
        #expect(orders[0].address.addressLine1 == "Kastanienallee 41")
        #expect(orders[0].address.addressLine2 == "Hinterhaus")
        #expect(orders[0].address.city == "Berlin")
        #expect(orders[0].address.postCode == "10435")
        #expect(orders[3].address.firstName == "Søren")
        #expect(orders[3].address.lastName == "Kjær")
        #expect(orders[3].address.addressLine2 == "2. tv")
        #expect(orders[0].lines.map(\.sku) == ["67B0D2F41A9C3_4012", "67B0D2F41A9C6_1101"])
        #expect(orders[0].lines.map(\.quantityText) == ["2", "1"])
        #expect(orders[2].lines.map(\.quantityText) == ["1", "2"])
        #expect(orders.map(\.headerPosition.line) == [2, 4, 5, 7, 8, 9])
        #expect(orders[2].lines.map(\.position.line) == [5, 6])
        // The malformed SKU is kept; the line's name is the Item Name, without the variations.
        #expect(orders[3].lines[0].sku == "67B0D2F41A9C7_")
        #expect(orders[3].lines[0].name == "Fjord Wave Tee – White Crewneck")
        #expect(orders[0].lines[0].name == "Sunset Over Fjord T-Shirt | Unisex Crewneck Tee | Nordic Summer Gift")
        // No SKU: the line is joined by its name.
        #expect(orders[5].lines[0].sku == "")
        #expect(orders[5].lines[0].name == "Coffee = Happiness Mug | 11 oz Ceramic")
        #expect(orders[5].lines[0].quantityText == "3")
        #expect(adapter.columns[.reference] == "Order ID")
        #expect(adapter.columns[.quantity] == "Quantity")
        #expect(adapter.columns[.lineName] == "Item Name")
        #expect(adapter.columns[.sku] == "SKU")
        #expect(adapter.columns[.firstName] == "Ship Name")
        #expect(adapter.columns[.lastName] == "Ship Name")
        #expect(adapter.columns[.address1] == "Ship Address1")
        #expect(adapter.columns[.postCode] == "Ship Zipcode")
        #expect(adapter.columns[.state] == "Ship State")
        #expect(adapter.columns[.country] == "Ship Country")
        #expect(adapter.columns[.currency] == "Currency")
        #expect(adapter.columns[.email] == "")
        #expect(adapter.columns[.shippingMethod] == "")
    }

    /// EtsySoldOrders, re-saved by a spreadsheet as tab-separated: one row per order; comma-joined SKUs become
    /// lines of quantity 1, a single SKU takes `Number of Items`.
    @Test func soldOrdersFixture() throws {
        let records = try Records(fixture: EtsyFixtures.soldOrders)
        #expect(records.reader.dialect.delimiter == UInt8(ascii: "\t"))
        let (orders, adapter) = try EtsyFixtures.orders(records)
        #expect(adapter.layout == .soldOrders)
        #expect(orders.map(\.reference) == ["3601200011", "3601200012", "3601200013", "3601200014", "3601200015"])
        #expect(orders.map { $0.lines.map(\.sku) } == [
            ["67B0D2F41A9C3_4013", "67B0D2F41A9C3_4017", "67B0D2F41A9C6_1101"], ["67B0D2F41A9C5_2001"],
            ["67B0D2F41A9C4_5532", "67B0D2F41A9C3_4011"], ["67B0D2F41A9C8_1101"], ["67B0D2F41A9C7_4021"],
        ])
        #expect(orders.map { $0.lines.map(\.quantityText) } == [["1", "1", "1"], ["2"], ["1", "1"], ["1"], ["1"]])
        #expect(orders.allSatisfy { $0.lines.allSatisfy { $0.name.isEmpty && $0.position.line == $0.position.record + 1 } })
        #expect(orders.map(\.address.country) == ["US", "DE", "GB", "FR", "DK"])
        // Massachusetts' 02155 without its leading zero, kept as written.
        #expect(orders[0].address.postCode == "2155")
        #expect(orders[0].address.state == "MA")
        #expect(orders[0].address.addressLine1 == "45 Riverside Ave")
        #expect(orders[0].address.addressLine2 == "Apt 2")
        #expect(orders[1].address.firstName == "Anna")
        #expect(orders[1].address.lastName == "Müller")
        // No First Name / Last Name: split from Full Name.
        #expect(orders[4].address.firstName == "Mette")
        #expect(orders[4].address.lastName == "Lund Kristensen")
        #expect(orders[4].address.city == "København K")
        #expect(adapter.columns[.quantity] == "Number of Items")
        #expect(adapter.columns[.lineName] == "")
        #expect(adapter.columns[.fullName] == "Full Name")
        #expect(adapter.columns[.firstName] == "First Name")
        #expect(adapter.columns[.lastName] == "Last Name")
        #expect(adapter.columns[.address1] == "Street 1")
        #expect(adapter.columns[.address2] == "Street 2")
    }

    static func rows(_ header: [String], _ cells: [[String: String]], keepCells: Bool = false) throws -> [OrderRow] {
        let records = try Records(EtsyFixtures.csv(header, cells))
        var adapter = try #require(EtsyOrderAdapter(header: records.header, countryCode: EtsyFixtures.countryCode))
        adapter.keepCells = keepCells
        var rows: [OrderRow] = []
        var issues: [IntakeModel.Issue] = []
        while let position = try records.next() { rows += adapter.rows(from: records.reader, at: position, issues: &issues) }
        #expect(issues.isEmpty)
        return rows
    }

    /// Names go through the country function; what it does not know is kept as written (the validator reports
    /// `invalid_country`).
    @Test(arguments: [
        ("United States", "US"), ("Deutschland", "DE"), (" germany ", "DE"), ("de", "DE"), ("GB", "GB"), ("Atlantis", "Atlantis"),
        ("", ""),
    ])
    func countryNames(_ written: String, _ read: String) throws {
        let rows = try Self.rows(EtsyFixtures.soldOrderItemsHeader, [["Order ID": "1", "Ship Country": written, "Quantity": "1"]])
        #expect(rows.first?.address.country == read)
    }

    /// ZIPs are trimmed, never repaired or reformatted.
    @Test(arguments: [("6084", "6084"), (" 02155 ", "02155"), ("'02155", "'02155"), ("EH7 5JA", "EH7 5JA"), ("1.0435E+4", "1.0435E+4")])
    func zipKeptAsWritten(_ written: String, _ read: String) throws {
        let rows = try Self.rows(EtsyFixtures.soldOrdersHeader, [["Order ID": "1", "Ship Zipcode": written, "Number of Items": "1"]])
        #expect(rows.first?.address.postCode == read)
    }

    /// EtsySoldOrders' SKU cell: one line per SKU (quantity 1); one SKU or none takes `Number of Items`.
    @Test(arguments: [
        ("A,B,C", "3", [("A", "1"), ("B", "1"), ("C", "1")]),
        ("A, B", "5", [("A", "1"), ("B", "1")]),
        ("A", "4", [("A", "4")]),
        ("A,", "2", [("A", "2")]),
        ("", "2", [("", "2")]),
    ] as [(String, String, [(String, String)])])
    func soldOrdersSKUExpansion(_ skus: String, _ items: String, _ expected: [(String, String)]) throws {
        let rows = try Self.rows(EtsyFixtures.soldOrdersHeader, [["Order ID": "9", "SKU": skus, "Number of Items": items, "Full Name": "Jo Lee"]], keepCells: true)
        #expect(rows.map(\.line.sku) == expected.map(\.0))
        #expect(rows.map(\.line.quantityText) == expected.map(\.1))
        #expect(rows.allSatisfy { $0.reference == "9" && $0.address.firstName == "Jo" && $0.line.position.line == 2 })
        // Every line keeps the whole row, for fix files.
        #expect(rows.allSatisfy { line in
            line.line.record.map { CSVReader.cells(ofRecord: $0.bytes, delimiter: $0.delimiter).count } == EtsyFixtures.soldOrdersHeader.count
        })
    }

    /// An e-mail column, should an export have one, is read; otherwise the e-mail stays empty (never invented).
    @Test func emailWhenTheExportHasOne() throws {
        let rows = try Self.rows(EtsyFixtures.soldOrderItemsHeader + ["Buyer Email"], [["Order ID": "1", "Buyer Email": " jo@example.com "]])
        #expect(rows.first?.address.email == "jo@example.com")
        let without = try Self.rows(EtsyFixtures.soldOrderItemsHeader, [["Order ID": "1", "Buyer": "jolee"]])
        #expect(without.first?.address.email == "")
    }

    @Test(arguments: [
        ("Size:M,Primary color:Black", [("Size", "M"), ("Primary color", "Black")]),
        ("Size: M, Primary color: Black", [("Size", "M"), ("Primary color", "Black")]),
        ("Primary color:White,Size:L,Personalization:Til Søren, med kærlighed", [("Primary color", "White"), ("Size", "L"), ("Personalization", "Til Søren, med kærlighed")]),
        ("Personalization:Time: 10:30", [("Personalization", "Time: 10:30")]),
        ("Happy birthday, Anna", [("", "Happy birthday, Anna")]),
        ("", []),
    ] as [(String, [(String, String)])])
    func variations(_ text: String, _ expected: [(String, String)]) {
        let options = EtsyOrderAdapter.variations(text)
        #expect(options.map(\.name) == expected.map(\.0))
        #expect(options.map(\.value) == expected.map(\.1))
        #expect(options.allSatisfy { $0.column == "Variations" })
    }
}
