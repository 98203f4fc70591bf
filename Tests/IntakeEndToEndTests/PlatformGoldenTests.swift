import Foundation
import IntakeTestSupport
import Testing

/// Golden outputs per platform: `validate --json` and rejects.csv of each platform's fixtures, and the outputs
/// of the all-platforms pipeline run. Re-record with `INTAKE_RECORD_GOLDEN=1`.
@Suite struct PlatformGoldenTests {
    static let cases: [(fixture: String, connections: String)] = [
        ("Fixtures/woocommerce/orders_line_items.csv", "Fixtures/woocommerce/products_connected_de.csv"),
        ("Fixtures/woocommerce/orders_per_item.csv", "Fixtures/woocommerce/products_connected_de.csv"),
        ("Fixtures/woocommerce/products_connected_de.csv", "Fixtures/woocommerce/products_connected_de.csv"),
        ("Fixtures/etsy/EtsySoldOrderItems2026.csv", "Fixtures/etsy/EtsyListingsDownload.csv"),
        ("Fixtures/etsy/EtsySoldOrders2026.csv", "Fixtures/etsy/EtsyListingsDownload.csv"),
        ("Fixtures/etsy/EtsyListingsDownload.csv", "Fixtures/etsy/EtsyListingsDownload.csv"),
        ("Fixtures/manual/orders_manual.csv", "Fixtures/shopify/products_connected.csv"),
        ("Fixtures/pressero/orders_pressero.csv", "Fixtures/shopify/products_connected.csv"),
    ]

    func compare(_ data: Data, golden name: String) throws {
        let golden = GoldenTests.directory.appendingPathComponent(name)
        if GoldenTests.recording {
            try FileManager.default.createDirectory(at: GoldenTests.directory, withIntermediateDirectories: true)
            try data.write(to: golden)
            return
        }
        let expected = try #require(try? Data(contentsOf: golden), "no golden file \(name); record it with INTAKE_RECORD_GOLDEN=1")
        #expect(data == expected, "\(name) differs:\n\(String(decoding: data, as: UTF8.self))")
    }

    @Test(arguments: cases.map { [$0.fixture, $0.connections] })
    func validateMatchesGolden(_ arguments: [String]) throws {
        let scratch = try TemporaryDirectory()
        let rejects = scratch.url.appendingPathComponent("rejects.csv")
        let result = try Intake.run(["validate", arguments[0], "--catalog", "Fixtures/catalog.csv", "--connections", arguments[1],
                                     "--rejects", rejects.path, "--json"])
        #expect([0, 1].contains(result.status), "stderr: \(result.stderr)")
        let folder = (arguments[0] as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? ""
        let stem = folder + "_" + ((arguments[0] as NSString).lastPathComponent as NSString).deletingPathExtension
        try compare(GoldenTests.normalised(result.stdout), golden: "\(stem).summary.json")
        try compare(Data(contentsOf: rejects), golden: "\(stem).rejects.csv")
    }

    @Test func allPlatformsRunMatchesGolden() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.path + "/out"
        let result = try Intake.run(["run", "pipelines/all-platforms.yml", "--state", scratch.url.path + "/s.sqlite", "--out", out, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        try compare(Data(contentsOf: URL(fileURLWithPath: out + "/jobs.jsonl")), golden: "all-platforms.jobs.jsonl")
        try compare(Data(contentsOf: URL(fileURLWithPath: out + "/rejects.csv")), golden: "all-platforms.rejects.csv")
        // The run id and the duration vary; everything else is stable.
        var summary = String(decoding: GoldenTests.normalised(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))), as: UTF8.self)
        summary = summary.replacingOccurrences(of: #""run" : "[^"]*""#, with: #""run" : "RUN""#, options: .regularExpression)
        try compare(Data(summary.utf8), golden: "all-platforms.summary.json")
    }
}
