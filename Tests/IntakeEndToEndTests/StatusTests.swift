import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// Status updates with the built binary: the demo publishes its orders, production's status files come back,
/// the stores get their tracking files and postbacks.
@Suite struct StatusTests {
    /// A state where the demo pipeline published #1001-#1008 of acme-shopify.
    func published() throws -> (TemporaryDirectory, String) {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        let result = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/demo", "--quiet"])
        try #require(result.status == 0, "\(result.stderr)")
        return (scratch, state)
    }

    static let files = ["Fixtures/status/production_status.csv", "Fixtures/status/postbacks.jsonl"]

    static let shopifyCSV = """
        Order Name,Fulfillment Status,Tracking Company,Tracking Number,Tracking URL\r
        #1003,fulfilled,UPS,1Z999AA10123456784,https://www.ups.com/track?tracknum=1Z999AA10123456784\r
        #1001,fulfilled,DHL,00340434161094042557,https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557\r
        #1005,fulfilled,DHL Paket,00340434161094042559,https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042559\r
        #1008,fulfilled,PostNL,3SABCD1234567,https://jouw.postnl.nl/track-and-trace/3SABCD1234567-NL-1012AB\r

        """

    @Test("status import: every row checked, in file order; a status imported twice is recorded once")
    func importChecksEveryRow() throws {
        let (scratch, state) = try published()
        let rejects = scratch.url.path + "/rejects.csv"
        var result = try Intake.run(["status", "import", "--store", "acme-shopify"] + Self.files + ["--state", state, "--rejects", rejects, "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try Summary(result.stdout)
        #expect(summary.notes.contains("status: 1 row(s) of other stores than acme-shopify left out"))
        let rows = try Rejects(data: Data(contentsOf: URL(fileURLWithPath: rejects))).rows
        #expect(rows.map { "\($0.line) \($0.code) \($0.column) \($0.value)" } == [
            "7 invalid_value order #1099",
            "8 invalid_value Status lost in space",
            "9 invalid_value Tracking URL ftp://tracking.example.com/01234567890123",
            "10 invalid_value Time yesterday",
        ])
        #expect(rows.first?.message == "order #1099 of the store acme-shopify was never published")
        let stages = try #require(summary.object["stages"] as? [[String: Any]])
        #expect(stages.first?["name"] as? String == "status" && stages.first?["accepted"] as? Int == 7 && stages.first?["rows_read"] as? Int == 12)

        // Again: nothing new (the same statuses), the same export.
        result = try Intake.run(["status", "import", "--store", "acme-shopify"] + Self.files + ["--state", state, "--quiet"])
        #expect(result.status == 1)
        result = try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == Self.shopifyCSV)
        // #1001's history, once each, oldest first.
        result = try Intake.run(["status", "show", "--store", "acme-shopify", "#1001", "--state", state])
        #expect(result.stdoutText.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(2).joined(separator: " ") } == [
            "2026-11-24T06:10:00Z in_production", "2026-11-24T15:42:00Z shipped",
        ])
        result = try Intake.run(["status", "show", "--store", "acme-shopify", "#1001", "--state", state, "--json"])
        let history = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: String]])
        #expect(history.map { $0["status"] } == ["in_production", "shipped"])
        #expect(history.last?["source"] == "Fixtures/status/production_status.csv:3")
    }

    @Test("status export: each platform's file, postbacks with the jobs' items, --since")
    func exportWritesWhatStoresTake() throws {
        let (scratch, state) = try published()
        defer { withExtendedLifetime(scratch) {} }
        _ = try Intake.run(["status", "import", "--store", "acme-shopify"] + Self.files + ["--state", state, "--quiet"])
        func export(_ extra: [String]) throws -> String {
            let result = try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdoutText
        }
        #expect(try export(["--format", "etsy"]).hasPrefix("Order ID,Carrier,Tracking Number,Ship Date\r\n#1003,UPS,1Z999AA10123456784,2026-11-24\r\n"))
        #expect(try export(["--format", "woocommerce"]).hasPrefix(
            "order_id,tracking_provider,tracking_number,date_shipped,status_shipped\r\n#1003,UPS,1Z999AA10123456784,2026-11-24,1\r\n"))
        let postbacks = try export(["--format", "jsonl"]).split(separator: "\n").map(String.init)
        // Every order's latest status (canceled and printed too), oldest first.
        #expect(postbacks.count == 6)
        #expect(postbacks.first == ##"{"event":"order_status_updated","store":"acme-shopify","customer":{"referenceId":"ACME-001"},"order":{"referenceId":"#1004"},"status":"canceled","items":[{"itemReferenceId":"#1004-1","productUid":"apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_l_gco_black_gpr_4-0","quantity":1}],"shipment":{"carrier":"","tracking":{"code":"","url":""}},"time":"2026-11-24T09:00:00Z"}"##)
        #expect(postbacks.last?.contains(##""order":{"referenceId":"#1008"},"status":"delivered""##) == true)
        for line in postbacks {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
        }
        // --since: the orders whose latest status is that late.
        #expect(try export(["--since", "2026-11-25"]) == """
            Order Name,Fulfillment Status,Tracking Company,Tracking Number,Tracking URL\r
            #1005,fulfilled,DHL Paket,00340434161094042559,https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042559\r
            #1008,fulfilled,PostNL,3SABCD1234567,https://jouw.postnl.nl/track-and-trace/3SABCD1234567-NL-1012AB\r

            """)
        let bad = try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state, "--since", "last week"])
        #expect(bad.status == 2)
        #expect(try Intake.run(["status", "export", "--store", "nobody", "--state", state]).status == 2)
        #expect(try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state, "--format", "xml"]).status == 2)
    }

    @Test("a dry run records no status")
    func aDryRunRecordsNothing() throws {
        let (scratch, state) = try published()
        defer { withExtendedLifetime(scratch) {} }
        let result = try Intake.run(["status", "import", "--store", "acme-shopify"] + Self.files + ["--state", state, "--dry-run", "--quiet"])
        #expect(result.status == 1)
        let export = try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state])
        #expect(export.stdoutText == "Order Name,Fulfillment Status,Tracking Company,Tracking Number,Tracking URL\r\n")
    }

    @Test("the round trip as shipped: demo.yml publishes, status.yml takes the statuses back to the store")
    func theStatusPipelineRoundTrips() throws {
        let (scratch, state) = try published()
        let out = scratch.url.path + "/status"
        let result = try Intake.run(["run", "pipelines/status.yml", "--state", state, "--out", out, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")  // the fixture's four bad rows
        let csv = try String(contentsOfFile: out + "/status/acme-shopify-shopify-tracking.csv", encoding: .utf8)
        #expect(csv == Self.shopifyCSV)
        let postbacks = try String(contentsOfFile: out + "/status/acme-shopify-postbacks.jsonl", encoding: .utf8)
        #expect(postbacks.split(separator: "\n").count == 6)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("<code>invalid_value</code>"))
        // What the run recorded is what `status export` gives later.
        let export = try Intake.run(["status", "export", "--store", "acme-shopify", "--state", state])
        #expect(export.stdoutText == csv)
    }
}
