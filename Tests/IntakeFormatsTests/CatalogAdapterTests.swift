import IntakeCSV
import IntakeFormats
import IntakeModel
import Testing

@Suite struct CatalogAdapterTests {
    static func read(_ text: String) throws -> (products: [CatalogProduct?], issues: [IntakeModel.Issue]) {
        let records = try Records(text)
        let adapter = try #require(CatalogAdapter(header: records.header))
        var products: [CatalogProduct?] = []
        var issues: [IntakeModel.Issue] = []
        while let position = try records.next() {
            products.append(adapter.product(from: records.reader, at: position, issues: &issues))
        }
        return (products, issues)
    }

    /// Every column but UID, Title, Category and Status is an attribute; blank attributes are not stored.
    @Test func attributes() throws {
        let (products, issues) = try Self.read("""
            Product UID,Title,Category,Status,Size,Color,Format,Paper
            apparel_product_gca_t-shirt_gsi_m_gco_white,Unisex Crewneck T-shirt,apparel,active,M,white,,
            flat_product_pf_a5_pt_200-gsm,Poster A5,wall-art,discontinued,,,A5,200 gsm uncoated
            mug_product_msz_11-oz,Mug 11 oz,mugs,,11 oz,white,,

            """)
        #expect(issues.isEmpty)
        let tee = try #require(products[0])
        #expect(tee.uid == ProductUID("apparel_product_gca_t-shirt_gsi_m_gco_white"))
        #expect(tee.title == "Unisex Crewneck T-shirt")
        #expect(tee.category == "apparel")
        #expect(tee.status == .active)
        #expect(tee.attributes == [CatalogAttribute(name: "Size", value: "M"), CatalogAttribute(name: "Color", value: "white")])
        #expect(products[1]?.status == .discontinued)
        #expect(products[1]?.attributes.map(\.name) == ["Format", "Paper"])
        #expect(products[2]?.status == .active)  // blank status = active
    }

    @Test func rowWithoutUID() throws {
        let (products, issues) = try Self.read("Product UID,Title,Status\n,Orphan,active\n")
        #expect(products == [nil])
        #expect(issues.map(\.code) == [.missingValue])
        #expect(issues.first?.column == "Product UID")
    }

    @Test func unknownStatus() throws {
        let (products, issues) = try Self.read("Product UID,Title,Status\nmug_product_msz_11-oz,Mug,maybe\n")
        #expect(products == [nil])
        #expect(issues.map(\.code) == [.invalidValue])
        #expect(issues.first?.value == "maybe")
    }

    @Test func catalogFixture() throws {
        let records = try Records(fixture: "catalog.csv")
        let adapter = try #require(CatalogAdapter(header: records.header))
        var products: [CatalogProduct] = []
        var issues: [IntakeModel.Issue] = []
        while let position = try records.next() {
            if let product = adapter.product(from: records.reader, at: position, issues: &issues) { products.append(product) }
        }
        #expect(issues.isEmpty)
        #expect(products.count == 20)
        #expect(products.filter { $0.status == .discontinued }.map(\.uid.rawValue) == ["flat_product_pf_a5_pt_200-gsm-80lb-uncoated_cl_4-0_ver"])
        let poster = products.first { $0.uid.rawValue.hasPrefix("flat_product_pf_300x400") }
        #expect(poster?.attributes.first { $0.name == "Format" }?.value == "30 x 40 cm")
    }
}
