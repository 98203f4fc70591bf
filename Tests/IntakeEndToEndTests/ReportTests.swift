import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// `--report PATH` and `output.report: true`, with the built binary: one HTML file, whole, with the run's issues
/// as text.
@Suite struct ReportTests {
    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test("validate --report: a bot's markup in the cells stays text")
    func validateWritesAnEscapedReport() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.url.appendingPathComponent("report.html").path
        let result = try Intake.run(["validate", "Fixtures/bad/orders_html_in_cells.csv"] + Intake.referenceArguments + ["--report", path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty && result.stdout.isEmpty)
        let page = try read(path)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<svg onload"))
        #expect(page.contains("<td class=\"value\">&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(page.contains("<td class=\"value\">&quot;&gt;&lt;svg onload=alert(&#39;x&#39;)&gt;</td>"))
        #expect(page.contains("<code>invalid_email</code>") && page.contains("<code>invalid_postcode</code>"))
        #expect(page.contains("Exit status 1: some rows rejected"))
        #expect(page.contains("3 of 3 issues shown"))
        // Nothing of it left behind but the report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["report.html"])
    }

    @Test("--report never overwrites an input")
    func theReportIsNeverAnInput() throws {
        let scratch = try TemporaryDirectory()
        let input = scratch.url.appendingPathComponent("orders.csv").path
        try FileManager.default.copyItem(atPath: TestPaths.packageRoot.path + "/Fixtures/bad/orders_invalid_email.csv", toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let result = try Intake.run(["validate", input, "--report", input])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is an input of this command"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test("connections import and orders import write the report asked for")
    func theImportCommandsWriteReports() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        for command in [["catalog", "import", "Fixtures/catalog.csv"], ["customers", "import", "Fixtures/customers.csv"],
                        ["stores", "add", "acme-shopify", "--customer", "ACME-001", "--platform", "shopify"]] {
            #expect(try Intake.run(command + ["--state", state]).status == 0)
        }
        let connections = scratch.url.path + "/connections.html"
        var result = try Intake.run(["connections", "import", "--store", "acme-shopify", "Fixtures/shopify/products_connected.csv",
                                     "Fixtures/bad/connections_bad.csv", "--state", state, "--report", connections, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        var page = try read(connections)
        for code in ["unknown_product_uid", "invalid_design_url", "unsupported_design_format", "spec_mismatch", "discontinued_product_uid"] {
            #expect(page.contains("<code>\(code)</code>"), "\(code)")
        }
        #expect(page.contains("Fixtures/<wbr>bad/<wbr>connections_bad.csv"))

        let orders = scratch.url.path + "/orders.html"
        result = try Intake.run(["orders", "import", "--store", "acme-shopify", "Fixtures/bad/orders_invalid_quantity.csv",
                                 "--out", scratch.url.path + "/out", "--state", state, "--report", orders, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        page = try read(orders)
        #expect(page.contains("<dt>Orders accepted</dt><dd>1</dd>"))
        #expect(page.contains("<dt>Orders held</dt><dd>1</dd>"))
        #expect(page.contains("<code>invalid_quantity</code>") && page.contains("<code>order_held</code>"))
    }

    @Test("output.report: true publishes report.html with the other outputs, in the bundle too")
    func aPipelinePublishesItsReport() throws {
        let scratch = try TemporaryDirectory()
        let orders = TestPaths.packageRoot.path + "/Fixtures/bad/orders_invalid_country.csv"
        let pipeline = try scratch.acmeShopifyPipeline(
            "reported", orders: [orders], tail: "state: state.sqlite\noutput: { dir: out, report: true, bundle: zip }\n")
        let result = try Intake.run(["run", pipeline, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let out = scratch.url.path + "/out"
        let page = try read(out + "/report.html")
        #expect(page.contains("<title>Intake report · reported</title>"))
        #expect(page.contains("<code>invalid_country</code>"))
        #expect(page.contains("<dt>Orders held</dt><dd>2</dd>"))
        #expect(page.contains("run 20"))  // the run's id
        let manifest = try read(out + "/manifest.json")
        #expect(manifest.contains("\"report.html\""))
    }

    @Test("without output.report a pipeline publishes no report")
    func noReportUnlessAsked() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try scratch.acmeShopifyPipeline(
            "plain", orders: [TestPaths.packageRoot.path + "/Fixtures/shopify/orders_export_1.csv"], tail: "state: state.sqlite\noutput: { dir: out }\n")
        #expect(try Intake.run(["run", pipeline, "--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/out/report.html"))
    }
}

/// Messages and hints in the operator's language: `--lang`, `INTAKE_LANG` or the locale; codes and columns as
/// they are.
@Suite struct LanguageTests {
    static let germanEmail = "Der Wert ist keine E-Mail-Adresse."

    @Test("--lang de: rejects.csv in German, its codes, columns and values unchanged")
    func rejectsInGerman() throws {
        let (result, rejects) = try Intake.validate(["Fixtures/bad/orders_invalid_email.csv"], ["--lang", "de", "--quiet"])
        #expect(result.status == 1)
        let row = try #require(rejects.rows("invalid_email").first)
        #expect(row.message == Self.germanEmail)
        #expect(row.hint.hasPrefix("Schreiben Sie"))
        #expect(row.column == "Email" && row.value == "lena.hoffmann@example" && row.severity == "error")
    }

    @Test("the locale picks the language when --lang does not; a locale without messages is English")
    func theLocalePicks() throws {
        let scratch = try TemporaryDirectory()
        let rejects = scratch.url.appendingPathComponent("rejects.csv").path
        func message(_ environment: [String: String]) throws -> String? {
            _ = try Intake.run(["validate", "Fixtures/bad/orders_invalid_email.csv", "--rejects", rejects, "--quiet"], environment: environment)
            return try Rejects(data: Data(contentsOf: URL(fileURLWithPath: rejects))).rows("invalid_email").first?.message
        }
        #expect(try message(["INTAKE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "de_DE.UTF-8"]) == Self.germanEmail)
        #expect(try message(["INTAKE_LANG": "fr"]) == "La valeur n'est pas une adresse e-mail.")
        #expect(try message(["INTAKE_LANG": "", "LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"])?.contains("is not an e-mail address") == true)
    }

    @Test("a language without messages is a usage error")
    func anUnknownLanguageIsExit2() throws {
        let result = try Intake.run(["validate", "Fixtures/bad/orders_invalid_email.csv", "--lang", "es"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("en, da, de, fr, it, pt"))
    }

    @Test("fix files name their errors in the run's language")
    func fixFilesInDanish() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try scratch.acmeShopifyPipeline(
            "da", orders: [TestPaths.packageRoot.path + "/Fixtures/bad/orders_invalid_email.csv"], tail: "state: state.sqlite\noutput: { dir: out }\n")
        #expect(try Intake.run(["run", pipeline, "--quiet", "--lang", "da"]).status == 1)
        let fix = try String(contentsOfFile: scratch.url.path + "/out/fix/orders_invalid_email.csv", encoding: .utf8)
        #expect(fix.contains("invalid_email: Værdien er ikke en e-mailadresse."))
    }
}
