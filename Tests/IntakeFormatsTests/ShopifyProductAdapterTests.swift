import IntakeCSV
import IntakeFormats
import IntakeModel
import Testing

@Suite struct ShopifyProductAdapterTests {
    typealias ModelIssue = IntakeModel.Issue

    /// Adapts every record of `text`.
    static func adapt(_ text: String) throws -> (rows: [ProductRow], issues: [ModelIssue], adapter: ShopifyProductAdapter) {
        let records = try Records(text)
        var adapter = try #require(ShopifyProductAdapter(header: records.header))
        var rows: [ProductRow] = []
        var issues: [ModelIssue] = []
        while let position = try records.next() {
            rows.append(adapter.row(from: records.reader, at: position, issues: &issues))
        }
        return (rows, issues, adapter)
    }

    static func classic(_ rows: [[String: String]], extra: [String] = []) -> String {
        let header = Headers.shopifyProductsClassic + extra
        return ([header] + rows.map { Headers.row(header, $0) }).map(csvLine).joined(separator: "\n") + "\n"
    }

    /// Title and option names are on a product's first row only; continuation rows get them carried forward.
    @Test func forwardFillsTitleAndOptionNames() throws {
        let text = Self.classic([
            ["Handle": "sunset-tee", "Title": "Sunset Tee", "Body (HTML)": "<p>Soft,\nprinted on demand</p>", "Option1 Name": "Size",
             "Option1 Value": "M", "Option2 Name": "Color", "Option2 Value": "white", "Variant SKU": "TEE-M-W",
             "Variant Price": "24.00", "Status": "active", "Published": "TRUE"],
            ["Handle": "sunset-tee", "Option1 Value": "L", "Option2 Value": "white", "Variant SKU": "TEE-L-W", "Variant Price": "24.00"],
            ["Handle": "harbour-hoodie", "Title": "Harbour Hoodie", "Option1 Name": "Size", "Option1 Value": "XL",
             "Variant SKU": "HOOD-XL", "Variant Price": "49.00", "Status": "active"],
        ])
        let (rows, issues, _) = try Self.adapt(text)
        #expect(issues.isEmpty)
        let variants = rows.compactMap(\.variant)
        #expect(variants.count == 3)
        #expect(variants.map(\.productTitle) == ["Sunset Tee", "Sunset Tee", "Harbour Hoodie"])
        #expect(variants.map(\.productKey) == ["sunset-tee", "sunset-tee", "harbour-hoodie"])
        #expect(variants[1].options == [
            VariantOption(name: "Size", value: "L", column: "Option1 Value"),
            VariantOption(name: "Color", value: "white", column: "Option2 Value"),
        ])
        // The next product starts afresh: no Color carried over from the tee.
        #expect(variants[2].options.map(\.name) == ["Size"])
        #expect(variants.map(\.lineItemName) == ["Sunset Tee - M / white", "Sunset Tee - L / white", "Harbour Hoodie - XL"])
        #expect(variants.map(\.sku) == ["TEE-M-W", "TEE-L-W", "HOOD-XL"])
        // The Body (HTML) spans two lines: the second record starts on line 4.
        #expect(variants.map(\.position.line) == [2, 4, 5])
        #expect(variants.map(\.position.record) == [1, 2, 3])
        #expect(variants.map(\.isActive) == [true, true, true])
        #expect(variants.allSatisfy { $0.productUID == nil && $0.designFiles.isEmpty })
    }

    /// Rows with only image columns are no variants; a single-variant product's line item is its title.
    @Test func imageOnlyRowsAndDefaultTitle() throws {
        let text = Self.classic([
            ["Handle": "jeans", "Title": "Example Jeans", "Option1 Name": "Size", "Option1 Value": "30", "Variant SKU": "PNT-30",
             "Variant Price": "49.99", "Image Src": "https://cdn.example.com/jeans-1.jpg", "Image Position": "1", "Status": "active"],
            ["Handle": "jeans", "Image Src": "https://cdn.example.com/jeans-2.jpg", "Image Position": "2", "Image Alt Text": "Back"],
            ["Handle": "mug", "Title": "Morning Mug", "Option1 Name": "Title", "Option1 Value": "Default Title",
             "Variant SKU": "MUG-11", "Variant Price": "14.00", "Status": "active"],
            // A variant known by its price alone (no option value, no SKU) is still a variant.
            ["Handle": "sticker", "Title": "Sticker", "Variant Price": "3.00", "Status": "active"],
        ])
        let (rows, issues, _) = try Self.adapt(text)
        #expect(issues.isEmpty)
        #expect(rows.map { $0.variant == nil } == [false, true, false, false])
        #expect(rows[2].variant?.lineItemName == "Morning Mug")
        #expect(rows[2].variant?.options == [VariantOption(name: "Title", value: "Default Title", column: "Option1 Value")])
        #expect(rows[3].variant?.lineItemName == "Sticker")
        #expect(rows[3].variant?.options.isEmpty == true)
    }

    /// Draft, archived or unpublished products are flagged once, on their first row; all their variants are
    /// inactive.
    @Test func inactiveProducts() throws {
        let text = Self.classic([
            ["Handle": "winter", "Title": "Winter Poster", "Option1 Name": "Format", "Option1 Value": "A4", "Variant SKU": "W-A4",
             "Status": "draft", "Published": "FALSE"],
            ["Handle": "winter", "Option1 Value": "A3", "Variant SKU": "W-A3"],
            ["Handle": "hat", "Title": "Beanie", "Option1 Name": "Title", "Option1 Value": "Default Title", "Variant SKU": "HAT",
             "Status": "archived"],
            ["Handle": "cap", "Title": "Cap", "Option1 Name": "Title", "Option1 Value": "Default Title", "Variant SKU": "CAP",
             "Status": "active", "Published": "false"],
            ["Handle": "tote", "Title": "Tote", "Option1 Name": "Title", "Option1 Value": "Default Title", "Variant SKU": "TOTE",
             "Status": "active", "Published": "TRUE"],
        ])
        let (rows, _, _) = try Self.adapt(text)
        #expect(rows.map { $0.inactive?.column } == ["Status", nil, "Status", "Published", nil])
        #expect(rows.map { $0.inactive?.value } == ["draft", nil, "archived", "false", nil])
        #expect(rows.map { $0.variant?.isActive } == [false, false, false, false, true])
    }

    /// The 2024+ names (`URL handle`, `SKU`, `Price`, `Option1 name`, `Published on online store`) read the same.
    @Test func shopify2024Header() throws {
        let header = Headers.shopifyProducts2024
        let rows = [
            ["Title": "Alpine Dawn Poster", "URL handle": "alpine-dawn-poster", "Status": "active", "Published on online store": "TRUE",
             "SKU": "ADP-A3", "Option1 name": "Format", "Option1 value": "A3", "Price": "19.00"],
            ["URL handle": "alpine-dawn-poster", "SKU": "ADP-30X40", "Option1 value": "30 × 40 cm", "Price": "24.00"],
            ["URL handle": "alpine-dawn-poster", "Product image URL": "https://cdn.example.com/alpine-2.jpg", "Image position": "2"],
            ["Title": "Draft Mug", "URL handle": "draft-mug", "Status": "active", "Published on online store": "FALSE",
             "SKU": "MUG", "Option1 name": "Title", "Option1 value": "Default Title", "Price": "14.00"],
        ].map { Headers.row(header, $0) }
        let (adapted, issues, adapter) = try Self.adapt(([header] + rows).map(csvLine).joined(separator: "\n"))
        #expect(issues.isEmpty)
        #expect(adapter.skuColumn == "SKU")
        #expect(adapted.map { $0.variant?.sku } == ["ADP-A3", "ADP-30X40", nil, "MUG"])
        #expect(adapted.map { $0.variant?.lineItemName } == ["Alpine Dawn Poster - A3", "Alpine Dawn Poster - 30 × 40 cm", nil, "Draft Mug"])
        #expect(adapted[1].variant?.options.first?.name == "Format")
        #expect(adapted[1].variant?.options.first?.column == "Option1 value")
        #expect(adapted[3].inactive?.column == "Published on online store")
        #expect(adapted[3].variant?.isActive == false)
    }

    @Test func classicSKUColumnName() throws {
        let (_, _, adapter) = try Self.adapt(Self.classic([]))
        #expect(adapter.skuColumn == "Variant SKU")
        #expect(!adapter.isConnectionFile)
    }

    /// The connection columns: the Product UID, one design file per print area.
    @Test func connectionColumns() throws {
        let extra = ["Product UID", "Design file URL", "Design file URL (back)"]
        let text = Self.classic([
            ["Handle": "tee", "Title": "Tee", "Option1 Name": "Size", "Option1 Value": "M", "Variant SKU": "TEE-M",
             "Product UID": " apparel_product_gca_t-shirt_gsi_m ", "Design file URL": "https://files.example.com/front.pdf",
             "Design file URL (back)": "https://files.example.com/back.png", "Status": "active"],
            ["Handle": "tee", "Option1 Value": "L", "Variant SKU": "TEE-L"],
        ], extra: extra)
        let (rows, _, adapter) = try Self.adapt(text)
        #expect(adapter.isConnectionFile)
        #expect(adapter.connectionColumnNames.uid == "Product UID")
        #expect(adapter.connectionColumnNames.design == "Design file URL")
        let first = try #require(rows[0].variant)
        #expect(first.productUID == "apparel_product_gca_t-shirt_gsi_m")
        #expect(first.designFiles.map(\.file) == [
            DesignFile(type: "default", url: "https://files.example.com/front.pdf"),
            DesignFile(type: "back", url: "https://files.example.com/back.png"),
        ])
        #expect(first.designFiles.map(\.column) == ["Design file URL", "Design file URL (back)"])
        // Not connected yet: an empty UID, no design files.
        #expect(rows[1].variant?.productUID == "")
        #expect(rows[1].variant?.designFiles.isEmpty == true)
    }

    @Test func rowWithoutHandle() throws {
        let text = Self.classic([["Handle": "", "Title": "Lost", "Option1 Name": "Size", "Option1 Value": "M", "Variant SKU": "LOST"]])
        let (rows, issues, _) = try Self.adapt(text)
        #expect(rows.first?.variant == nil)
        #expect(issues.map(\.code) == [.missingValue])
        #expect(issues.first?.column == "Handle")
        #expect(issues.first?.position.line == 2)
    }

    /// The connection fixture: 13 rows, one image-only; the draft product is flagged on line 15.
    @Test func connectionFixture() throws {
        let records = try Records(fixture: "shopify/products_connected.csv")
        var adapter = try #require(ShopifyProductAdapter(header: records.header))
        var variants: [StoreVariant] = []
        var inactive: [(Int, String)] = []
        var issues: [IntakeModel.Issue] = []
        var rows = 0
        while let position = try records.next() {
            rows += 1
            let row = adapter.row(from: records.reader, at: position, issues: &issues)
            if let variant = row.variant { variants.append(variant) }
            if let flag = row.inactive { inactive.append((position.line, flag.value)) }
        }
        #expect(rows == 13)
        #expect(issues.isEmpty)
        #expect(variants.count == 12)
        #expect(inactive.map(\.0) == [15])
        #expect(inactive.map(\.1) == ["draft"])
        #expect(variants.map(\.lineItemName) == [
            "Sunset Over Fjord T-Shirt - M / White", "Sunset Over Fjord T-Shirt - L / White",
            "Sunset Over Fjord T-Shirt - XL / White", "Sunset Over Fjord T-Shirt - M / Black",
            "Sunset Over Fjord T-Shirt - L / Black", "Harbour Lights Hoodie - M", "Harbour Lights Hoodie - L",
            "Harbour Lights Hoodie - XL", "Alpine Dawn Poster - A3", "Alpine Dawn Poster - 30 × 40 cm", "Morning Ritual Mug",
            "Winter Market Poster - A4",
        ])
        #expect(variants.allSatisfy { $0.productUID?.isEmpty == false && $0.designFiles.count == 1 })
    }
}

@Suite struct LineItemNameTests {
    static func variant(_ title: String, _ options: [(String, String)]) -> StoreVariant {
        StoreVariant(
            productKey: "key", productTitle: title, options: options.map { VariantOption(name: $0.0, value: $0.1) }, sku: "",
            isActive: true, productUID: nil, designFiles: [], position: SourcePosition(file: "x.csv", line: 2, record: 1))
    }

    @Test func titleAndVariantTitle() {
        #expect(Self.variant("Title", [("Size", "M"), ("Color", "white")]).lineItemName == "Title - M / white")
        #expect(Self.variant("Alpine Dawn Poster", [("Format", "30 × 40 cm")]).lineItemName == "Alpine Dawn Poster - 30 × 40 cm")
        #expect(Self.variant("Tee", [("Size", "M"), ("Color", "white"), ("Fit", "slim")]).lineItemName == "Tee - M / white / slim")
    }

    @Test func singleVariantProductIsItsTitle() {
        #expect(Self.variant("Morning Ritual Mug", [("Title", "Default Title")]).lineItemName == "Morning Ritual Mug")
        #expect(Self.variant("Sticker", []).lineItemName == "Sticker")
    }

    /// The name as it was first written (arrays of values joined), against the one-string construction.
    @Test(arguments: [
        ("Tee", [("Size", ""), ("Color", "white")]), ("Tee", [("Title", "Default Title"), ("Size", "M")]),
        ("", [("Size", "M")]), ("Caf\u{E9} \"Noir\"", [("Gr\u{F6}\u{DF}e", "XL"), ("Farbe", "Wei\u{DF} 😀"), ("x", "Default Title")]),
        ("Mug", [("A", ""), ("B", "")]), ("e\u{301}", [("A", "\u{301}x")]),
    ])
    func nameIsTheTitleAndTheShownValues(title: String, options: [(String, String)]) {
        let values = options.map(\.1).filter { !$0.isEmpty && $0 != "Default Title" }
        let expected = values.isEmpty ? title : "\(title) - \(values.joined(separator: " / "))"
        let name = Self.variant(title, options).lineItemName
        #expect(name == expected)
        #expect(Array(name.utf8) == Array(expected.utf8))
    }

    @Test func explicitNameWins() {
        var variant = Self.variant("Hoodie", [("Color", "Red")])
        variant.explicitLineItemName = "Hoodie - Red, No"
        #expect(variant.lineItemName == "Hoodie - Red, No")
    }
}
