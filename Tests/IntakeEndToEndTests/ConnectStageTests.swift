import Foundation
import IntakeTestSupport
import Testing

/// Product rows are adapted on the reading thread and checked on a second one: issues still come one per row, in
/// file order, and a file cut off midway keeps the issues of every row read before the break.
@Suite struct ConnectStageTests {
    static let catalogUID = "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_s_gco_white_gpr_4-0"

    /// A Shopify connection file of `variants` rows (three per product); every seventh names a Product UID the
    /// catalog lacks. Returns the file and the physical lines of those rows.
    static func connectionFile(variants: Int) -> (text: String, badLines: [Int]) {
        var text = "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Status,Product UID,Design file URL\n"
        var badLines: [Int] = []
        for index in 0..<variants {
            let product = index / 3
            let first = index % 3 == 0
            let uid = index % 7 == 3 ? "flat_product_not_in_the_catalog_\(index)" : catalogUID
            if index % 7 == 3 { badLines.append(index + 2) }
            text += "design-\(product),\(first ? "\"Design #\(product) \"\"Café\"\"\"" : ""),\(first ? "Size" : ""),S,SKU-\(index),19.00,"
            text += "\(first ? "active" : ""),\(uid),https://files.example.com/designs/\(product)/front-\(index).pdf\n"
        }
        return (text, badLines)
    }

    static func validate(_ file: String, in scratch: TemporaryDirectory) throws -> (status: Int32, rejects: Rejects, rows: Int) {
        let rejectsPath = scratch.url.appendingPathComponent("rejects-\(UUID().uuidString).csv").path
        let result = try Intake.run(["validate", file, "--catalog", "Fixtures/catalog.csv", "--rejects", rejectsPath, "--json"])
        let summary = try Summary(result.stdout)
        let rows = summary.files.compactMap { $0["rows"] as? Int }.reduce(0, +)
        return (result.status, try Rejects(data: try Data(contentsOf: URL(fileURLWithPath: rejectsPath))), rows)
    }

    @Test func issuesComeOnePerRowInFileOrder() throws {
        let scratch = try TemporaryDirectory()
        let (text, badLines) = Self.connectionFile(variants: 3_000)
        let path = scratch.url.appendingPathComponent("products_connected.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (status, rejects, rows) = try Self.validate(path, in: scratch)
        #expect(status == 1)
        #expect(rows == 3_000)
        #expect(rejects.rows.map(\.code).allSatisfy { $0 == "unknown_product_uid" })
        #expect(rejects.rows.map { Int($0.line) ?? 0 } == badLines)
    }

    @Test func aFileCutOffMidwayKeepsTheIssuesOfEveryRowRead() throws {
        let scratch = try TemporaryDirectory()
        let (text, badLines) = Self.connectionFile(variants: 20_000)
        let plain = scratch.url.appendingPathComponent("products_connected.csv").path
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-1", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let cut = scratch.url.appendingPathComponent("cut.csv.gz").path
        try compressed.prefix(compressed.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
        let (status, rejects, rows) = try Self.validate(cut, in: scratch)
        #expect(status == 3)
        #expect(rejects.rows("corrupt_archive").count == 1)
        #expect(rows > 1_000 && rows < 20_000)
        // Every row counted as read has its issue, including those of the last batch before the break (the very
        // last row may be cut inside its fields, and then be a row of another problem).
        let expected = badLines.filter { $0 - 1 < rows }
        let reported = rejects.rows("unknown_product_uid").map { Int($0.line) ?? 0 }
        #expect(Array(reported.prefix(expected.count)) == expected)
        #expect(reported.count <= expected.count + 1)
    }
}
