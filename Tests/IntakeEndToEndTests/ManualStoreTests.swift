import Foundation
import IntakeTestSupport
import Testing

/// Manual and Pressero stores: the template, its translated headers, Product UID lines, customer checks.
@Suite struct ManualStoreTests {
    func pipeline(in scratch: TemporaryDirectory, platform: String, files: [String]) throws -> String {
        let root = TestPaths.packageRoot.path
        let path = scratch.url.path + "/p.yml"
        try """
            name: manual
            catalog: \(root)/Fixtures/catalog.csv
            customers: \(root)/Fixtures/customers.csv
            stores:
              - { id: acme-\(platform), customer: ACME-001, platform: \(platform) }
            stages:
              - connect: { store: acme-\(platform), files: \(root)/Fixtures/shopify/products_connected.csv }
              - orders: { store: acme-\(platform), files: [\(files.map { root + "/" + $0 }.joined(separator: ", "))] }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ platform: String, _ files: [String]) throws -> (Intake.Result, Rejects, JobsFile) {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.path + "/out"
        let result = try Intake.run(["run", try pipeline(in: scratch, platform: platform, files: files), "--state", scratch.url.path + "/s.sqlite", "--out", out, "--json"])
        return (result, try Rejects(data: Data(contentsOf: URL(fileURLWithPath: out + "/rejects.csv"))), try JobsFile(path: out + "/jobs.jsonl"))
    }

    @Test func theManualTemplate() throws {
        let (result, rejects, jobs) = try run("manual", ["Fixtures/manual/orders_manual.csv"])
        #expect(result.status == 1, "\(result.stderr)")
        let errors = rejects.rows.filter { $0.severity == "error" }.map(\.description)
        #expect(errors == [
            "missing_value@Fixtures/manual/orders_manual.csv:5/4[Design file URL]",
            "unknown_customer@Fixtures/manual/orders_manual.csv:6/5[Customer Reference ID]",
        ])
        #expect(jobs.jobs.map { $0["orderReferenceId"] as? String } == ["PO-2026-0101", "PO-2026-0102"])
        let first = try #require(jobs.jobs.first)
        let items = try #require(first["items"] as? [[String: Any]])
        #expect(items.first?["productUid"] as? String == "flat_product_pf_a3_pt_200-gsm-80lb-uncoated_cl_4-0_ver")
        #expect((items.first?["files"] as? [[String: Any]])?.first?["url"] as? String == "https://files.example.com/acme-prints/campaigns/spring-sale-a3.pdf")
        #expect(items.last?["productUid"] as? String == "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0")
        #expect(first["customerReferenceId"] as? String == "ACME-001")
        #expect(jobs.jobs.last?["shipmentMethodUid"] as? String == "express")
    }

    @Test func germanHeadersSemicolonsAndABOM() throws {
        let (result, rejects, jobs) = try run("manual", ["Fixtures/manual/orders_manual_de.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(rejects.rows.filter { $0.severity == "error" }.isEmpty)
        #expect(jobs.jobs.count == 2)
        let address = jobs.jobs.last?["shippingAddress"] as? [String: Any]
        #expect(address?["city"] as? String == "København N")
    }

    @Test func presseroIntegrationIDMustBeTheCustomers() throws {
        let (result, rejects, jobs) = try run("pressero", ["Fixtures/pressero/orders_pressero.csv"])
        #expect(result.status == 1)
        #expect(rejects.rows("unknown_customer").map(\.line) == ["4", "5"])
        #expect(rejects.rows("unknown_customer").first?.column == "Integration ID")
        #expect(jobs.jobs.map { $0["orderReferenceId"] as? String } == ["PR-7001"])
    }

    @Test func theTemplateCommandWritesWhatTheManualStoreReads() throws {
        let result = try Intake.run(["orders", "template"])
        #expect(result.status == 0)
        let table = try Table(data: result.stdout)
        #expect(table.header.first == "Order Reference")
        #expect(table.header.contains("Product UID") && table.header.contains("Design file URL"))
        #expect(table.rows.count == 1)
        let scratch = try TemporaryDirectory()
        let path = scratch.url.path + "/template.csv"
        try result.stdout.write(to: URL(fileURLWithPath: path))
        let validate = try Intake.run(["validate", path, "--catalog", "Fixtures/catalog.csv", "--json"])
        #expect(validate.status == 0, "the example row must validate: \(validate.stdoutText)")
        #expect(validate.stdoutText.contains("\"manual-orders\""))
    }
}

/// A Pressero store's `integration_id:` stands for files without an `Integration ID` column.
@Suite struct PresseroIntegrationIDTests {
    @Test func aStoreIntegrationIDOtherThanTheCustomersHoldsEveryOrder() throws {
        let scratch = try TemporaryDirectory()
        var table = try Table(path: TestPaths.fixture("manual/orders_manual.csv"))
        let column = try #require(table.header.firstIndex(of: "Customer Reference ID"))
        table.header.remove(at: column)
        for index in table.rows.indices { table.rows[index].remove(at: column) }
        let orders = scratch.url.path + "/orders.csv"
        try table.write(to: orders)
        let root = TestPaths.packageRoot.path
        for (integrationID, expectedHeld) in [("NORD-002", true), ("ACME-001", false)] {
            let pipeline = scratch.url.path + "/\(integrationID).yml"
            try """
                name: b2b
                catalog: \(root)/Fixtures/catalog.csv
                customers: \(root)/Fixtures/customers.csv
                stores:
                  - { id: b2b, customer: ACME-001, platform: pressero, integration_id: \(integrationID) }
                stages:
                  - connect: { store: b2b, files: \(root)/Fixtures/shopify/products_connected.csv }
                  - orders: { store: b2b, files: \(orders) }
                """.write(toFile: pipeline, atomically: true, encoding: .utf8)
            let result = try Intake.run(["run", pipeline, "--state", scratch.url.path + "/\(integrationID).sqlite", "--out", scratch.url.path + "/out-\(integrationID)", "--json"])
            let summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
            let unknown = (summary?["errors_by_code"] as? [String: Int])?["unknown_customer"] ?? 0
            #expect(expectedHeld ? unknown == table.rows.count : unknown == 0, "\(integrationID): \(unknown)")
        }
    }
}
