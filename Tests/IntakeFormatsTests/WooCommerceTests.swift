import Foundation
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeTestSupport
import Testing

/// WooCommerce product exports (every language the exporter writes, parents after variations, `id:N`, any-value
/// attributes, list types, `Published`) and the order layouts of the export plugins (line items in cells, a row per
/// item, a store's column mapping). Reads `Fixtures/woocommerce/` and the real exports in `../shared/realworld/`.
@Suite struct WooCommerceTests {
    typealias ModelIssue = IntakeModel.Issue

    // MARK: - Reading

    /// A product file adapted row by row: each row with the `ID` it was read from.
    struct Products {
        var rows: [(id: String, row: ProductRow)] = []
        var issues: [ModelIssue] = []
        var adapter: WooCommerceProductAdapter
        var header: HeaderIndex

        /// The variants, in file order.
        var variants: [StoreVariant] { rows.flatMap(\.row.variants) }

        /// The row read from the record with this `ID`.
        func row(_ id: String) throws -> ProductRow {
            try #require(rows.first { $0.id == id }?.row, "no row with ID \(id)")
        }

        /// The variant of the record with this `ID`.
        func variant(_ id: String) throws -> StoreVariant {
            try #require(try row(id).variant, "row \(id) has no variant")
        }
    }

    static func products(_ records: Records) throws -> Products {
        #expect(WooCommerceProductAdapter.matches(records.header))
        let adapter = try #require(WooCommerceProductAdapter(header: records.header))
        var products = Products(adapter: adapter, header: records.header)
        let id = records.header.index(ofAny: ["id"])
        while let position = try records.next() {
            let row = products.adapter.row(from: records.reader, at: position, issues: &products.issues)
            products.rows.append((id.map { records.reader.string($0) } ?? "", row))
        }
        return products
    }

    static func products(_ header: [String], _ rows: [[String]]) throws -> Products {
        try products(Records(([header] + rows).map(csvLine).joined(separator: "\n") + "\n"))
    }

    static func realworld(_ name: String) throws -> Records {
        try Records(fixture: TestPaths.realworld.appendingPathComponent(name).path)
    }

    /// Every order row of a file, with the issues the adapter reported.
    static func orderRows(_ records: Records, adapter: some OrderRowAdapter) throws -> (rows: [OrderRow], issues: [ModelIssue]) {
        var adapter = adapter
        var rows: [OrderRow] = []
        var issues: [ModelIssue] = []
        while let position = try records.next() {
            rows += adapter.rows(from: records.reader, at: position, issues: &issues)
        }
        return (rows, issues)
    }

    /// The orders the rows form, as the pipeline groups them.
    static func orders(_ rows: [OrderRow], columns: OrderColumns) -> [Order] {
        var assembler = OrderAssembler(columns: columns)
        var orders = rows.compactMap { assembler.add($0) }
        if let last = assembler.finish() { orders.append(last) }
        return orders
    }

    // MARK: - Products: languages

    /// One header per language the exporter writes (`ID`, `Type`, `SKU`, `Name`, `Published`, `Regular price`,
    /// `Parent`, `Attribute 1 name`, `Attribute 1 value(s)`), including older German and both French apostrophes.
    static let languages: [(language: String, header: [String])] = [
        ("en", ["ID", "Type", "SKU", "Name", "Published", "Regular price", "Parent", "Attribute 1 name", "Attribute 1 value(s)"]),
        ("da", ["ID", "Type", "Varenummer", "Navn", "Udgivet", "Normalpris", "Forælder", "Egenskab 1 navn", "Egenskab 1 værdi(er)"]),
        ("de", ["ID", "Typ", "Artikelnummer", "Name", "Veröffentlicht", "Regulärer Preis", "Übergeordnetes Produkt",
                "Name des Merkmals 1", "Wert(e) des Merkmals 1"]),
        ("de, older", ["ID", "Typ", "Artikelnummer", "Name", "Veröffentlicht", "Regulärer Preis", "Übergeordnetes Produkt",
                       "Attribut 1 Name", "Attribut 1 Wert(e)"]),
        ("fr ’", ["ID", "Type", "UGS", "Nom", "Publié", "Tarif régulier", "Parent", "Nom de l’attribut 1", "Valeur(s) de l’attribut 1"]),
        ("fr '", ["ID", "Type", "UGS", "Nom", "Publié", "Tarif régulier", "Parent", "Nom de l'attribut 1", "Valeur(s) de l'attribut 1"]),
        ("it", ["ID", "Tipo", "SKU", "Nome", "Pubblicato", "Prezzo di listino", "Genitore", "Nome dell'attributo 1",
                "Valore dell'attributo 1"]),
        ("pt-PT", ["ID", "Tipo", "REF", "Nome", "Publicado", "Preço normal", "Ascendente", "Nome do atributo 1", "Valor(es) do atributo 1"]),
        ("pt-BR", ["ID", "Tipo", "REF", "Nome", "Publicado", "Preço", "Produto ascendente", "Nome do atributo 1", "Valores do atributo 1"]),
        ("es", ["ID", "Tipo", "SKU", "Nombre", "Publicado", "Precio normal", "Superior", "Nombre del atributo 1",
                "Valor(es) del atributo 1"]),
        ("nl", ["ID", "Type", "SKU", "Naam", "Gepubliceerd", "Reguliere prijs", "Hoofdproduct", "Attribuut 1 naam", "Attribuut 1 waarde(n)"]),
    ]

    /// Each language's header is recognised, and its SKU, parent and attribute columns are found: a variation
    /// gets its parent's name as title and its attribute as option.
    @Test(arguments: languages)
    func everyLanguage(_ language: String, _ header: [String]) throws {
        let products = try Self.products(header, [
            ["10", "variable", "POSTER", "Poster Nordlicht", "1", "", "", "Format", "A4, A3"],
            ["11", "variation", "POSTER-A3", "Poster Nordlicht - A3", "1", "19,90", "POSTER", "Format", "A3"],
        ])
        #expect(FormatDetector.detect(products.header) == .woocommerceProducts, "\(language)")
        #expect(products.adapter.skuColumn == header[2])
        #expect(products.variants.count == 1)
        let variant = try products.variant("11")
        #expect(variant.productTitle == "Poster Nordlicht", "\(language): the parent's name")
        #expect(variant.productKey == "POSTER")
        #expect(variant.sku == "POSTER-A3")
        #expect(variant.options == [VariantOption(name: "Format", value: "A3", column: header[8])])
        #expect(variant.lineItemName == "Poster Nordlicht - A3")
        #expect(variant.isActive)
        #expect(products.issues.isEmpty)
    }

    /// Other kinds' headers are not taken for a WooCommerce product export.
    @Test(arguments: [
        Headers.shopifyProductsClassic, Headers.shopifyOrders,
        ["Order Reference", "SKU", "Quantity", "Nom", "Prénom", "Type"],
        ["Product UID", "Title", "Category", "Status", "Size", "Color"],
    ])
    func otherHeadersDoNotMatch(_ header: [String]) {
        #expect(!WooCommerceProductAdapter.matches(HeaderIndex(header)))
    }

    // MARK: - Products: the fixtures

    /// German connection file: BOM, translated header, two variations before their `id:205` parent, a parent
    /// named by SKU whose variations leave Color empty ("any"), a draft, a list type, a grouped product.
    @Test func connectedGermanExport() throws {
        let products = try Self.products(Records(fixture: "woocommerce/products_connected_de.csv"))
        #expect(products.header.names.first == "ID", "the BOM is gone")
        #expect(products.adapter.isConnectionFile)
        #expect(products.adapter.connectionColumnNames == ("Product UID", "Design file URL"))
        #expect(products.adapter.skuColumn == "Artikelnummer")
        #expect(products.rows.count == 14)
        #expect(products.variants.map(\.sku) == [
            "BERGSEE-TEE-S-WEISS", "BERGSEE-TEE-M-SCHWARZ", "BERGSEE-TEE-L-WEISS", "STERN-HOODIE-M", "STERN-HOODIE-L",
            "STERN-HOODIE-XL", "ALPEN-POSTER-A3", "ALPEN-POSTER-30X40", "BECHER-MORGENROT-11", "BECHER-ABENDROT-15",
            "VORLAGE-GRUSSKARTE",
        ])

        // Before the parent: the title comes from the variation's own name.
        let early = try products.variant("201")
        #expect(early.productTitle == "Bergsee T-Shirt")
        #expect(early.productKey == "id:205")
        #expect(early.lineItemName == "Bergsee T-Shirt - S, white")
        #expect(early.options.map(\.value) == ["S", "white"])
        #expect(early.options.map(\.column) == ["Wert(e) des Merkmals 1", "Wert(e) des Merkmals 2"])
        #expect(try products.row("205").variants.isEmpty, "a variable parent is no variant")
        // After the parent: its name.
        let late = try products.variant("206")
        #expect(late.productTitle == "Bergsee T-Shirt")
        #expect(late.productKey == "id:205")

        // Color left empty on the hoodie's variations: any colour, so no option to contradict the catalog.
        let hoodie = try products.variant("212")
        #expect(hoodie.productTitle == "Sternenhimmel Hoodie")
        #expect(hoodie.productKey == "STERN-HOODIE")
        #expect(hoodie.options == [VariantOption(name: "Size", value: "L", column: "Wert(e) des Merkmals 1")])
        #expect(hoodie.lineItemName == "Sternenhimmel Hoodie - L")
        #expect(hoodie.productUID == "apparel_product_gca_hoodie_gsc_pullover_gcu_unisex_gqa_heavy_gsi_l_gco_navy_gpr_4-0")
        #expect(hoodie.designFiles.map(\.file) == [DesignFile(type: "default", url: "https://files.example.com/acme-prints/sternenhimmel-hoodie-front.png")])

        // Simple products: no options; their own name; keyed by SKU.
        let poster = try products.variant("221")
        #expect(poster.options.isEmpty)
        #expect(poster.lineItemName == "Alpenpanorama Poster 30 × 40 cm")
        #expect(poster.productKey == "ALPEN-POSTER-30X40")

        // The draft is connected but not active, and says so once.
        let draft = try products.row("231")
        #expect(draft.variant?.isActive == false)
        #expect(draft.inactive?.column == "Veröffentlicht")
        #expect(draft.inactive?.value == "-1")
        #expect(draft.inactive?.message.contains("draft") == true)
        #expect(products.rows.filter { $0.row.inactive != nil }.map(\.id) == ["231"])

        // `simple, downloadable, virtual` is a variant, not connected; a grouped product is none.
        let download = try products.variant("240")
        #expect(download.productUID == "")
        #expect(download.designFiles.isEmpty)
        #expect(try products.row("250").variants.isEmpty)
        #expect(products.issues.isEmpty)
    }

    /// Every connected variant of the German file names a catalog Product UID whose attributes agree with the
    /// variant's options (so the fixture connects without `spec_mismatch`).
    @Test func connectedGermanExportAgreesWithCatalog() throws {
        let catalog = try Records(fixture: "catalog.csv")
        let uid = try #require(catalog.header.index(ofAny: ["product uid"]))
        var attributes: [String: [String: String]] = [:]
        while try catalog.next() != nil {
            var values: [String: String] = [:]
            for index in 4..<catalog.header.count { values[catalog.header.normalizedName(index)] = catalog.reader.string(index) }
            attributes[catalog.reader.string(uid)] = values
        }
        let products = try Self.products(Records(fixture: "woocommerce/products_connected_de.csv"))
        let connected = products.variants.filter { !($0.productUID ?? "").isEmpty }
        #expect(connected.count == 10)
        for variant in connected {
            let product = try #require(attributes[variant.productUID ?? ""], "\(variant.sku): not in the catalog")
            for option in variant.options {
                #expect(product[option.name.lowercased()] == option.value, "\(variant.sku): \(option.name)")
            }
        }
    }

    /// French export: `Nom de l’attribut 1` with the typographic apostrophe, parent by SKU, no connection columns,
    /// private and pending products.
    @Test func frenchExport() throws {
        let products = try Self.products(Records(fixture: "woocommerce/products_export_fr.csv"))
        #expect(!products.adapter.isConnectionFile)
        #expect(products.adapter.skuColumn == "UGS")
        #expect(products.variants.map(\.sku) == ["AFFICHE-CALANQUES-A4", "AFFICHE-CALANQUES-A3", "MUG-LAVANDE", "MUG-MISTRAL", "TOTE-PROVENCE"])
        let a3 = try products.variant("303")
        #expect(a3.productTitle == "Affiche Calanques")
        #expect(a3.options == [VariantOption(name: "Format", value: "A3", column: "Valeur(s) de l’attribut 1")])
        #expect(a3.productUID == nil, "no connection column")
        #expect(try products.row("311").inactive?.message == "the product is private in the store")
        #expect(try products.row("312").inactive?.message == "the product is pending review in the store")
        #expect(try products.variant("311").isActive == false)
        #expect(try products.variant("310").isActive)
    }

    // MARK: - Products: the real exports

    /// WooCommerce's own sample export (English): 2 variable parents, 9 variations, 11 simple products (2 of them
    /// `simple, downloadable, virtual`), a grouped and an external product; the T-shirt's variations leave Size
    /// empty ("any").
    @Test func realSampleExport() throws {
        let products = try Self.products(Self.realworld("woocommerce_sample_products.csv"))
        #expect(FormatDetector.detect(products.header) == .woocommerceProducts)
        #expect(products.rows.count == 24)
        #expect(products.variants.count == 20)
        #expect(products.issues.isEmpty)
        #expect(products.rows.allSatisfy { $0.row.inactive == nil })
        let hoodie = try products.variant("758")
        #expect(hoodie.productTitle == "Hoodie")
        #expect(hoodie.productKey == "cc-hoodie")
        #expect(hoodie.lineItemName == "Hoodie - Red, No")
        #expect(hoodie.options.map(\.value) == ["Red", "No"])
        let tee = try products.variant("883")
        #expect(tee.productTitle == "T-Shirt")
        #expect(tee.options == [VariantOption(name: "Color", value: "Blue", column: "Attribute 1 value(s)")], "Size is any")
        #expect(try products.variant("753").lineItemName == "Album")
        for id in ["741", "742", "871", "872"] { #expect(try products.row(id).variants.isEmpty, "\(id)") }
        #expect(products.variants.allSatisfy { $0.productUID == nil })
    }

    /// A real Brazilian-Portuguese export: `Tipo`, `REF`, `Nome`, `Publicado`, `Produto ascendente`; a plugin's
    /// parent type (`registrations`) with `variation, virtual` rows naming it `id:N`, no SKUs.
    @Test func realPortugueseExport() throws {
        let products = try Self.products(Self.realworld("woocommerce_products_export_pt_br.csv"))
        #expect(FormatDetector.detect(products.header) == .woocommerceProducts)
        #expect(products.adapter.skuColumn == "REF")
        #expect(products.rows.count == 11)
        #expect(products.variants.count == 6)
        let single = try products.variant("66")
        #expect(single.productTitle == "Single date registration")
        #expect(single.productKey == "id:65")
        #expect(single.sku == "")
        #expect(single.lineItemName == #"Single date registration - {"type":"single","date":"2020-12-12"}"#)
        #expect(single.options == [VariantOption(name: "Dates", value: #"{"type":"single","date":"2020-12-12"}"#, column: "Valores do atributo 1")])
        #expect(try products.variant("74").productTitle == "Mixed date registration")
        #expect(try products.row("75").variants.isEmpty, "grouped")
        #expect(products.issues.isEmpty)
    }

    // MARK: - Products: rules

    static let englishHeader = ["ID", "Type", "SKU", "Name", "Published", "Parent", "Attribute 1 name", "Attribute 1 value(s)",
                                "Attribute 2 name", "Attribute 2 value(s)"]

    /// `Published`: only 1 (or blank) is active; 0 is private (a disabled variation), -1 a draft, 2 pending.
    @Test(arguments: [
        ("simple", "1", nil), ("simple", "", nil), ("simple", "0", "the product is private in the store"),
        ("simple", "-1", "the product is a draft in the store"), ("simple", "2", "the product is pending review in the store"),
        ("variation", "0", "the variation is disabled in the store"),
        ("simple", "publish", "the product is not published in the store (Published is 'publish', not 1)"),
    ] as [(String, String, String?)])
    func publishedSemantics(_ type: String, _ published: String, _ message: String?) throws {
        let products = try Self.products(Self.englishHeader, [["7", type, "MUG", "Mug", published, "", "", "", "", ""]])
        let row = try products.row("7")
        #expect(row.inactive?.message == message)
        #expect(row.inactive?.column == (message == nil ? nil : "Published"))
        #expect(row.variant?.isActive == (message == nil))
    }

    /// A variation of a parent that is not active (seen earlier) is not active either; the parent's row reports it.
    @Test func variationOfDraftParent() throws {
        let products = try Self.products(Self.englishHeader, [
            ["1", "variable", "TEE", "Tee", "-1", "", "Size", "S, M", "", ""],
            ["2", "variation", "TEE-S", "Tee - S", "1", "TEE", "Size", "S", "", ""],
        ])
        #expect(try products.row("1").inactive?.value == "-1")
        #expect(try products.row("2").inactive == nil)
        #expect(try products.variant("2").isActive == false)
    }

    /// Parents after their variations, `id:N` references, a variation name without the `- values` suffix, an empty
    /// variation name, list types with odd spacing and case.
    @Test func parentsAndTitles() throws {
        let products = try Self.products(Self.englishHeader, [
            // Parent (ID 20, no SKU) comes last.
            ["21", "variation", "CARD-A6", "Greeting card - A6, Matte", "1", "id:20", "Format", "A6", "Finish", "Matte"],
            ["22", "variation", "CARD-A5", "Karte gross", "1", "id:20", "Format", "A5", "Finish", ""],
            ["23", "Variation,  Virtual", "CARD-X", "", "1", "id:20", "Format", "A4", "Finish", "Gloss"],
            ["20", "variable", "", "Greeting card", "1", "", "Format", "A6, A5, A4", "Finish", "Matte, Gloss"],
            ["24", "variation", "CARD-A4", "", "1", "id: 20", "Format", "A4", "Finish", ""],
            ["25", " SIMPLE , downloadable", "PDF", "Card template", "1", "", "", "", "", ""],
        ])
        #expect(try products.variant("21").productTitle == "Greeting card", "suffix ' - A6, Matte' cut off")
        #expect(try products.variant("22").productTitle == "Karte gross", "no suffix: the name as it is")
        #expect(try products.variant("22").options.map(\.name) == ["Format"], "Finish is any")
        let unnamed = try products.variant("23")
        #expect(unnamed.productTitle == "")
        #expect(unnamed.lineItemName == "", "no name and no parent yet: matched by SKU only")
        let after = try products.variant("24")
        #expect(after.productTitle == "Greeting card")
        #expect(after.lineItemName == "Greeting card - A4", "WooCommerce's '<parent> - <values>' for an unnamed variation")
        #expect(after.productKey == "id: 20")
        #expect(try products.variant("25").productKey == "PDF")
        #expect(products.variants.count == 5)
    }

    /// A variation value with the exporter's `\,` is one value with a comma.
    @Test func escapedCommaInValue() throws {
        let products = try Self.products(Self.englishHeader, [
            ["31", "variation", "P-1", "Print - 10\\, 20", "1", "P", "Size", "10\\, 20", "", ""],
        ])
        #expect(try products.variant("31").options.first?.value == "10, 20")
    }

    // MARK: - Orders: line items in cells (WebToffee)

    @Test func lineItemsFixture() throws {
        let records = try Records(fixture: "woocommerce/orders_line_items.csv")
        #expect(WooCommerceOrders.matches(records.header))
        #expect(WooCommerceLineItemsOrderAdapter.matches(records.header))
        #expect(!WooCommercePerItemOrderAdapter.matches(records.header))
        #expect(!ManualOrderAdapter.matches(records.header))
        let adapter = try #require(WooCommerceLineItemsOrderAdapter(header: records.header))
        #expect(try WooCommerceOrders.adapter(for: records.header) is WooCommerceLineItemsOrderAdapter)
        let (rows, issues) = try Self.orderRows(records, adapter: adapter)
        #expect(issues.isEmpty)
        #expect(rows.count == 11, "one row per line item")
        let orders = Self.orders(rows, columns: adapter.columns)
        #expect(orders.map(\.reference) == ["5001", "5002", "5003", "5004", "5005", "5006", "5007"])
        #expect(orders.map(\.lines.count) == [2, 1, 1, 3, 1, 2, 1])

        let first = try #require(orders.first)
        #expect(first.currency == "EUR")
        #expect(first.shippingMethod == "Pauschal")
        #expect(first.address.firstName == "Lena")
        #expect(first.address.lastName == "Hoffmann")
        #expect(first.address.addressLine1 == "Hauptstraße 12")
        #expect(first.address.postCode == "80331")
        #expect(first.address.country == "DE")
        #expect(first.address.email == "lena.hoffmann@example.com")
        #expect(first.address.phone == "+49 89 1234567", "billing_phone when shipping_phone is empty; the ' guard removed")
        #expect(first.lines.map(\.sku) == ["BERGSEE-TEE-S-WEISS", "ALPEN-POSTER-A3"])
        #expect(first.lines.map(\.quantityText) == ["2", "1"])
        #expect(first.lines.map(\.name) == ["Bergsee T-Shirt - S, white", "Alpenpanorama Poster A3"])
        #expect(first.lines.allSatisfy { $0.position.line == 2 && $0.position.record == 1 })

        // Shipping fields left blank: the billing address.
        let spanish = orders[4]
        #expect(spanish.address.city == "Madrid")
        #expect(spanish.address.state == "M")
        #expect(spanish.address.addressLine2 == "3º B")
        #expect(spanish.address.country == "ES")
        // An unescaped | inside a name stays in the name.
        #expect(orders[5].lines[1].name == "Kaffeebecher Morgenrot | Edition 2026")
        #expect(orders[5].lines[1].sku == "BECHER-MORGENROT-11")

        #expect(adapter.columns[.reference] == "order_number")
        #expect(adapter.columns[.quantity] == "line_item_1")
        #expect(adapter.columns[.sku] == "line_item_1")
        #expect(adapter.columns[.address1] == "shipping_address_1")
        #expect(adapter.columns[.postCode] == "shipping_postcode")
        #expect(adapter.columns[.phone] == "shipping_phone")
        #expect(adapter.columns[.email] == "billing_email")
    }

    static let lineItemHeader = ["order_id", "order_number", "shipping_first_name", "shipping_last_name", "shipping_country",
                                 "shipping_method", "shipping_items", "line_item_1", "line_item_2", "line_item_10"]

    /// Item cells read leniently: escaped separators, a value holding `:`, unknown keys, `qty`, items in column-number
    /// order (`line_item_10` after `line_item_2`), empty item cells skipped, `order_id` when `order_number` is empty,
    /// the shipping method from `shipping_items`.
    @Test func lineItemCells() throws {
        let text = ([Self.lineItemHeader,
                     ["77", "", "Anna", "Berg", "de", "", "method_id:flat_rate:3|method_title:Versand DHL|total:4.90",
                      #"name:Mug \| 11\:00 edition|sku:MUG\:11|qty:3|meta:Aufdruck: Anna"#, "",
                      "product_id:9|name:Poster|sku:P-9|quantity: 1 "]]).map(csvLine).joined(separator: "\n") + "\n"
        let records = try Records(text)
        var adapter = try #require(WooCommerceLineItemsOrderAdapter(header: records.header))
        adapter.keepCells = true
        let (rows, issues) = try Self.orderRows(records, adapter: adapter)
        #expect(issues.isEmpty)
        #expect(rows.map(\.line.name) == ["Mug | 11:00 edition", "Poster"])
        #expect(rows.map(\.line.sku) == ["MUG:11", "P-9"])
        #expect(rows.map(\.line.quantityText) == ["3", "1"])
        #expect(rows.map(\.reference) == ["77", "77"])
        #expect(rows.first?.shippingMethod == "Versand DHL")
        #expect(rows.first?.address.country == "DE")
        #expect(rows.allSatisfy { $0.line.cells.count == Self.lineItemHeader.count }, "each line keeps its row's cells")
    }

    /// SkyVerge's one-row-per-order layout: all items in one `line_items` cell, separated by `;`.
    @Test func lineItemsInOneCell() throws {
        let header = ["order_id", "order_number", "shipping_country", "line_items"]
        let cell = "id:1|name:Mug; blue|product_id:4|sku:MUG-B|quantity:2|subtotal:10.00;id:2|name:Tee|sku:TEE-M|quantity:1"
        let records = try Records([header, ["9", "1009", "NL", cell]].map(csvLine).joined(separator: "\n") + "\n")
        #expect(WooCommerceOrders.matches(records.header))
        let adapter = try #require(WooCommerceLineItemsOrderAdapter(header: records.header))
        let (rows, _) = try Self.orderRows(records, adapter: adapter)
        #expect(rows.map(\.line.name) == ["Mug; blue", "Tee"])
        #expect(rows.map(\.line.sku) == ["MUG-B", "TEE-M"])
        #expect(adapter.columns[.quantity] == "line_items")
    }

    /// An order with no items gives no row and a `missing_value`; an item cell that is no `key:value` list gives a
    /// line rejected as `malformed_row` (so its order is held).
    @Test func emptyAndMalformedItems() throws {
        let header = ["order_number", "shipping_country", "line_item_1", "line_item_2"]
        let records = try Records([header, ["1", "DE", "", ""], ["2", "DE", "name:Mug|sku:MUG|quantity:1", "Mug x 2"]]
            .map(csvLine).joined(separator: "\n") + "\n")
        let adapter = try #require(WooCommerceLineItemsOrderAdapter(header: records.header))
        var issues: [ModelIssue] = []
        let position = try #require(try records.next())
        #expect(adapter.rows(from: records.reader, at: position, issues: &issues).isEmpty)
        #expect(issues.map(\.code) == [.missingValue])
        #expect(issues.first?.column == "line_item_1")
        #expect(issues.first?.order == "1")
        issues = []
        let second = try #require(try records.next())
        let rows = adapter.rows(from: records.reader, at: second, issues: &issues)
        #expect(issues.isEmpty)
        #expect(rows.count == 2)
        #expect(rows[0].line.rejection == nil)
        #expect(rows[1].line.rejection?.code == .malformedRow)
        #expect(rows[1].line.rejection?.column == "line_item_2")
        #expect(rows[1].line.rejection?.value == "Mug x 2")
    }

    // MARK: - Orders: a row per item (SkyVerge)

    @Test func perItemFixture() throws {
        let records = try Records(fixture: "woocommerce/orders_per_item.csv")
        #expect(WooCommercePerItemOrderAdapter.matches(records.header))
        #expect(!WooCommerceLineItemsOrderAdapter.matches(records.header))
        #expect(!ManualOrderAdapter.matches(records.header))
        #expect(try WooCommerceOrders.adapter(for: records.header) is WooCommercePerItemOrderAdapter)
        let adapter = try #require(WooCommercePerItemOrderAdapter(header: records.header))
        let (rows, issues) = try Self.orderRows(records, adapter: adapter)
        #expect(issues.isEmpty)
        #expect(rows.count == 7)
        let orders = Self.orders(rows, columns: adapter.columns)
        #expect(orders.map(\.reference) == ["6101", "6102", "6103", "6104"])
        #expect(orders.map(\.lines.count) == [2, 1, 1, 3])
        let us = orders[2]
        #expect(us.address.state == "MA")
        #expect(us.address.postCode == "02155")
        #expect(us.address.addressLine2 == "Apt 3")
        #expect(us.address.phone == "+1 781-555-0143")
        #expect(us.currency == "USD")
        #expect(us.shippingMethod == "Express")
        #expect(orders[3].lines.map(\.sku) == ["BERGSEE-TEE-M-SCHWARZ", "ALPEN-POSTER-30X40", "STERN-HOODIE-M"])
        #expect(orders[3].lines.map(\.quantityText) == ["1", "2", "1"])
        #expect(orders[3].lines.map(\.position.line) == [6, 7, 8])
        #expect(adapter.columns[.quantity] == "item_quantity")
        #expect(adapter.columns[.sku] == "item_sku")
        #expect(adapter.columns[.lineName] == "item_name")
        #expect(adapter.columns[.reference] == "order_number")
    }

    // MARK: - Orders: a store's column mapping

    static let customMapping = [
        "reference": "Order #", "email": "Customer E-mail", "fullName": "Recipient", "company": "Company Name",
        "address1": "Street", "address2": "Street 2", "city": "Town", "state": "Region", "post_code": "ZIP",
        "country": "country code", "phone": "Telephone", "currency": "Currency", "shippingMethod": "Delivery",
        "lineName": "Product", "sku": "Product SKU", "quantity": "Qty Ordered",
    ]

    /// A plugin layout no preset knows, read through the mapping (field names in either spelling, headers
    /// case-insensitive); order fields only on an order's first row, as AlgolPlus writes them by default.
    @Test func mappedFixture() throws {
        let records = try Records(fixture: "woocommerce/orders_custom_plugin.csv")
        #expect(FormatDetector.detect(records.header) == nil, "needs the mapping")
        #expect(!WooCommerceOrders.matches(records.header))
        #expect(WooCommerceMappedOrderAdapter.matches(records.header, mapping: Self.customMapping))
        #expect(try WooCommerceOrders.adapter(for: records.header, mapping: Self.customMapping) is WooCommerceMappedOrderAdapter)
        let adapter = try WooCommerceMappedOrderAdapter(header: records.header, mapping: Self.customMapping)
        let (rows, issues) = try Self.orderRows(records, adapter: adapter)
        #expect(issues.isEmpty)
        let orders = Self.orders(rows, columns: adapter.columns)
        #expect(orders.map(\.reference) == ["AC-7001", "AC-7002", "AC-7003"])
        #expect(orders.map(\.lines.count) == [1, 3, 2])
        let dutch = orders[1]
        #expect(dutch.address.firstName == "Daan")
        #expect(dutch.address.lastName == "de Vries")
        #expect(dutch.address.postCode == "1016 GV")
        #expect(dutch.address.country == "NL")
        #expect(dutch.shippingMethod == "Express")
        #expect(dutch.lines.map(\.sku) == ["BERGSEE-TEE-M-SCHWARZ", "ALPEN-POSTER-30X40", "STERN-HOODIE-M"])
        #expect(dutch.lines.map(\.name)[1] == "Alpenpanorama Poster 30 × 40 cm")
        #expect(orders[0].address.firstName == "Søren")
        #expect(adapter.columns[.postCode] == "ZIP")
        #expect(adapter.columns[.country] == "Country Code", "as the file spells it")
        #expect(adapter.columns[.firstName] == "Recipient")
        #expect(adapter.columns[.lastName] == "Recipient")
    }

    /// A mapped header the file lacks is an error that names it (all of them, in field order).
    @Test func mappingNamesMissingHeaders() throws {
        let header = HeaderIndex(["Order #", "Qty", "SKU"])
        var mapping = ["reference": "Order #", "quantity": "Qty", "sku": "SKU", "city": "Town", "country": "Land"]
        #expect(WooCommerceMappedOrderAdapter.missingHeaders(in: header, mapping: mapping) == ["Town", "Land"])
        #expect(!WooCommerceMappedOrderAdapter.matches(header, mapping: mapping))
        #expect(throws: WooCommerceMappedOrderAdapter.MappingError(missingHeaders: ["Town", "Land"])) {
            try WooCommerceMappedOrderAdapter(header: header, mapping: mapping)
        }
        do {
            _ = try WooCommerceMappedOrderAdapter(header: header, mapping: mapping)
        } catch {
            #expect("\(error)" == "columns mapping: the file has no column 'Town', 'Land'")
        }
        mapping["city"] = nil
        mapping["country"] = nil
        #expect(throws: Never.self) { try WooCommerceMappedOrderAdapter(header: header, mapping: mapping) }
    }

    /// Unknown field names and unmapped required fields are errors of the mapping itself (`check`, at load time).
    @Test func mappingChecksFields() throws {
        #expect(throws: WooCommerceMappedOrderAdapter.MappingError(unknownFields: ["zipcode"], unmappedFields: ["sku"])) {
            try WooCommerceMappedOrderAdapter.check(["reference": "Order", "quantity": "Qty", "zipcode": "ZIP"])
        }
        #expect(throws: WooCommerceMappedOrderAdapter.MappingError(unmappedFields: ["reference", "quantity"])) {
            try WooCommerceMappedOrderAdapter.check(["lineName": "Item"])
        }
        #expect(throws: Never.self) { try WooCommerceMappedOrderAdapter.check(["Reference": "O", "QUANTITY": "Q", "product_uid": "UID"]) }
        #expect(WooCommerceMappedOrderAdapter.field(named: "post-code") == .postCode)
        #expect(WooCommerceMappedOrderAdapter.field(named: "shipping_method") == .shippingMethod)
        #expect(WooCommerceMappedOrderAdapter.fieldNames.count == OrderField.allCases.count)
        #expect(WooCommerceMappedOrderAdapter.fieldNames.contains("lineName"))
    }

    /// With a mapping, first and last name columns win over the full name; an empty one falls back to it.
    @Test func mappedNames() throws {
        let header = ["Order", "Qty", "SKU", "First", "Last", "Name", "Design"]
        let records = try Records([header, ["1", "2", "S", "Ida", "Holm", "", "https://x.example.com/a.pdf"],
                                   ["2", "1", "S", "", "", "Jonas van Dijk", ""]].map(csvLine).joined(separator: "\n") + "\n")
        let adapter = try WooCommerceMappedOrderAdapter(header: records.header, mapping: [
            "reference": "Order", "quantity": "Qty", "sku": "SKU", "firstName": "First", "lastName": "Last",
            "fullName": "Name", "designURL": "Design",
        ])
        let (rows, _) = try Self.orderRows(records, adapter: adapter)
        #expect(rows.map(\.address.firstName) == ["Ida", "Jonas"])
        #expect(rows.map(\.address.lastName) == ["Holm", "van Dijk"])
        #expect(rows[0].line.designFiles == [DesignFile(type: "default", url: "https://x.example.com/a.pdf")])
        #expect(rows[1].line.designFiles.isEmpty)
    }

    /// A store's mapping reads the files it fits (and files no preset fits, to report what they lack); a preset
    /// export given to a store with a mapping is still read by its preset.
    @Test func mappingOrPreset() throws {
        let custom = try Records(fixture: "woocommerce/orders_custom_plugin.csv").header
        let preset = try Records(fixture: "woocommerce/orders_line_items.csv").header
        #expect(WooCommerceOrders.matches(custom, mapping: Self.customMapping))
        #expect(WooCommerceOrders.usesMapping(custom, mapping: Self.customMapping))
        #expect(WooCommerceOrders.missingColumns(in: custom, mapping: Self.customMapping).isEmpty)
        #expect(!WooCommerceOrders.usesMapping(preset, mapping: Self.customMapping))
        #expect(try WooCommerceOrders.adapter(for: preset, mapping: Self.customMapping) is WooCommerceLineItemsOrderAdapter)
        #expect(WooCommerceOrders.missingColumns(in: preset, mapping: Self.customMapping).isEmpty)

        var typo = Self.customMapping
        typo["quantity"] = "Quantity Ordered"
        #expect(!WooCommerceOrders.matches(custom, mapping: typo))
        #expect(WooCommerceOrders.usesMapping(custom, mapping: typo))
        #expect(WooCommerceOrders.missingColumns(in: custom, mapping: typo) == ["Quantity Ordered"])
        #expect(throws: WooCommerceMappedOrderAdapter.MappingError(missingHeaders: ["Quantity Ordered"])) {
            try WooCommerceOrders.adapter(for: custom, mapping: typo)
        }
        #expect(WooCommerceOrders.missingColumns(in: HeaderIndex(["order_number", "shipping_country"])) == ["line_item_1"])
    }

    /// The presets do not take other kinds' headers, nor do those kinds take the presets'.
    @Test func orderLayoutsStayApart() throws {
        #expect(!WooCommerceOrders.matches(HeaderIndex(Headers.shopifyOrders)))
        #expect(!WooCommerceOrders.matches(HeaderIndex(["Order Reference", "SKU", "Quantity", "Country"])))
        #expect(try WooCommerceOrders.adapter(for: HeaderIndex(["Order Reference", "SKU", "Quantity"])) == nil)
        let products = try Records(fixture: "woocommerce/products_connected_de.csv")
        #expect(!WooCommerceOrders.matches(products.header))
        for file in ["orders_line_items.csv", "orders_per_item.csv"] {
            let header = try Records(fixture: "woocommerce/" + file).header
            #expect(!WooCommerceProductAdapter.matches(header), "\(file)")
            #expect(ShopifyOrderAdapter(header: header) == nil, "\(file)")
            #expect(!ManualOrderAdapter.matches(header), "\(file)")
        }
    }
}
