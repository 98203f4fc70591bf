import Foundation
import IntakeTestSupport
import Testing

/// The real exports in `../shared/realworld/`, written by the platforms themselves.
@Suite struct RealWorldTests {
    static func path(_ name: String) -> String { TestPaths.realworld.appendingPathComponent(name).path }

    /// Shopify's own product template: a 12-variant shirt (active), jeans with an image-only row (draft), a
    /// single-variant beanie (archived). Exactly the two inactive products are reported, on their first rows.
    @Test func shopifyProductTemplate() throws {
        let (result, rejects) = try Intake.validate([Self.path("shopify_product_template.csv")])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(rejects.rows.map { [$0.code, $0.line, $0.record, $0.column, $0.value, $0.severity] } == [
            ["product_not_active", "14", "13", "Status", "draft", "warning"],
            ["product_not_active", "18", "17", "Status", "archived", "warning"],
        ])
        let summary = try Summary(Intake.run(["validate", Self.path("shopify_product_template.csv"), "--json"]).stdout)
        #expect(summary.files.first?["kind"] as? String == "shopify-products")
        #expect(summary.files.first?["rows"] as? Int == 17)
    }

    // Issue 4 adds the woocommerce kinds. The tool reads WooCommerce product exports already: the expectations
    // below pin what it does now (kind, rows, no issues); the lead updates them as issue 4 lands.
    @Test(arguments: [("woocommerce_sample_products.csv", 24), ("woocommerce_products_export_pt_br.csv", 11)])
    func wooCommerceProductExport(_ name: String, _ rows: Int) throws {
        let scratch = try TemporaryDirectory()
        let rejectsURL = scratch.url.appendingPathComponent("rejects.csv")
        let result = try Intake.run(["validate", Self.path(name), "--json", "--rejects", rejectsURL.path] + Intake.referenceArguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Summary(result.stdout)
        #expect(summary.files.first?["kind"] as? String == "woocommerce-products")
        #expect(summary.files.first?["rows"] as? Int == rows)
        #expect(try Rejects(data: Data(contentsOf: rejectsURL)).rows.isEmpty)
    }
}
