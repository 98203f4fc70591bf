import Foundation
import IntakeTestSupport
import Testing

/// Template products: `intake templates add | list`, and manual (and Pressero) order lines that name a template.
@Suite struct TemplateTests {
    static let posterA4 = "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
    static let posterA3 = "flat_product_pf_a3_pt_200-gsm-80lb-uncoated_cl_4-0_ver"
    static let menuURL = "https://files.example.com/acme-prints/templates/menu-a4.pdf"
    static let springURL = "https://files.example.com/acme-prints/templates/spring-a3.pdf"

    /// A state with the fixtures' catalog and the templates `menu-a4` and `Poster A3 Spring`.
    static func state(in scratch: TemporaryDirectory) throws -> String {
        let state = scratch.url.path + "/state.sqlite"
        #expect(try Intake.run(["catalog", "import", "Fixtures/catalog.csv", "--state", state, "--quiet"]).status == 0)
        for (name, uid, url) in [("menu-a4", posterA4, menuURL), ("Poster A3 Spring", posterA3, springURL)] {
            let added = try Intake.run(["templates", "add", name, "--product-uid", uid, "--design-url", url, "--state", state])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return state
    }

    @Test func addedTemplatesAreListed() throws {
        let scratch = try TemporaryDirectory()
        let state = try Self.state(in: scratch)
        let list = try Intake.run(["templates", "list", "--state", state])
        #expect(list.status == 0)
        let rows = list.stdoutText.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["name", "product uid", "design file url", "added"])
        #expect(rows.dropFirst().map { Array($0.prefix(3)) } == [["Poster A3 Spring", Self.posterA3, Self.springURL], ["menu-a4", Self.posterA4, Self.menuURL]])
        #expect(rows.dropFirst().allSatisfy { $0.count == 4 && $0[3].hasSuffix("Z") })
        let json = try Intake.run(["templates", "list", "--json", "--state", state])
        let templates = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(templates.map { $0["name"] as? String } == ["Poster A3 Spring", "menu-a4"])
        #expect(templates.last?["productUID"] as? String == Self.posterA4)
        #expect(templates.last?["files"] as? [[String: String]] == [["type": "default", "url": Self.menuURL]])
    }

    struct BadAdd: Sendable, CustomTestStringConvertible {
        var label: String
        var arguments: [String]
        var message: String
        var testDescription: String { label }
    }

    static let badAdds: [BadAdd] = [
        BadAdd(label: "a Product UID not in the catalog", arguments: ["x", "--product-uid", "flat_product_pf_a1", "--design-url", menuURL],
               message: "the Product UID 'flat_product_pf_a1' is not in the catalog"),
        BadAdd(label: "a discontinued Product UID",
               arguments: ["x", "--product-uid", "flat_product_pf_a5_pt_200-gsm-80lb-uncoated_cl_4-0_ver", "--design-url", menuURL],
               message: "the Product UID 'flat_product_pf_a5_pt_200-gsm-80lb-uncoated_cl_4-0_ver' is discontinued"),
        BadAdd(label: "a design URL that is not one", arguments: ["x", "--product-uid", posterA4, "--design-url", "ftp:/files example/x.pdf"],
               message: "--design-url: 'ftp:/files example/x.pdf' is not a usable design file URL"),
        BadAdd(label: "a design file that cannot be printed", arguments: ["x", "--product-uid", posterA4, "--design-url", "https://files.example.com/x.psd"],
               message: "design files of type .psd cannot be printed (unsupported_design_format)"),
        BadAdd(label: "a name already taken", arguments: ["menu-a4", "--product-uid", posterA3, "--design-url", springURL],
               message: "the template 'menu-a4' already exists (\(posterA4)"),
        BadAdd(label: "no name", arguments: [" ", "--product-uid", posterA4, "--design-url", menuURL], message: "a template needs a name"),
    ]

    @Test(arguments: badAdds)
    func aTemplateThatCannotBeAddedIsAUsageError(_ bad: BadAdd) throws {
        let scratch = try TemporaryDirectory()
        let state = try Self.state(in: scratch)
        let result = try Intake.run(["templates", "add"] + bad.arguments + ["--state", state])
        #expect(result.status == 2)
        #expect(result.stderr.contains(bad.message), "\(result.stderr)")
        let list = try Intake.run(["templates", "list", "--state", state]).stdoutText
        #expect(list.split(separator: "\n").count == 3, "nothing added or changed: \(list)")
        #expect(list.contains("menu-a4\t\(Self.posterA4)\t\(Self.menuURL)"))
    }

    @Test func aStateWithoutACatalogTakesNoTemplate() throws {
        let scratch = try TemporaryDirectory()
        let result = try Intake.run(["templates", "add", "menu-a4", "--product-uid", Self.posterA4, "--design-url", Self.menuURL,
                                     "--state", scratch.url.path + "/state.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the state has no catalog"), "\(result.stderr)")
    }

    @Test func replaceChangesATemplate() throws {
        let scratch = try TemporaryDirectory()
        let state = try Self.state(in: scratch)
        let result = try Intake.run(["templates", "add", "menu-a4", "--product-uid", Self.posterA3, "--design-url", Self.springURL, "--replace",
                                     "--state", state])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Intake.run(["templates", "list", "--state", state]).stdoutText.contains("menu-a4\t\(Self.posterA3)\t\(Self.springURL)"))
    }

    /// Runs `files` as the orders of a store on `platform` (customer ACME-001), on a state with the templates.
    func run(_ platform: String, _ files: [String]) throws -> (Intake.Result, Rejects, [String]) {
        let scratch = try TemporaryDirectory()
        let state = try Self.state(in: scratch)
        let root = TestPaths.packageRoot.path
        let pipeline = scratch.url.path + "/p.yml"
        try """
            name: templates
            customers: \(root)/Fixtures/customers.csv
            stores:
              - { id: acme-\(platform), customer: ACME-001, platform: \(platform) }
            stages:
              - connect: { store: acme-\(platform), files: \(root)/Fixtures/shopify/products_connected.csv }
              - orders: { store: acme-\(platform), files: [\(files.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 }.joined(separator: ", "))] }
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let out = scratch.url.path + "/out"
        let result = try Intake.run(["run", pipeline, "--state", state, "--out", out, "--quiet"])
        let jobs = try String(contentsOfFile: out + "/jobs.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        return (result, try Rejects(data: Data(contentsOf: URL(fileURLWithPath: out + "/rejects.csv"))), jobs)
    }

    @Test func manualOrderLinesNameTemplates() throws {
        let (result, rejects, jobs) = try run("manual", ["Fixtures/manual/orders_templates.csv"])
        #expect(result.status == 1, "\(result.stderr)")
        let errors = rejects.rows.filter { $0.severity == "error" }
        #expect(errors.map(\.description) == [
            "unknown_product@Fixtures/manual/orders_templates.csv:5/4[Template]",
            "invalid_value@Fixtures/manual/orders_templates.csv:6/5[Template]",
        ])
        #expect(errors.first?.value == "menu-a5")
        #expect(errors.first?.message == "no template is named 'menu-a5'")
        #expect(errors.first?.hint.contains("intake templates list") == true)
        #expect(errors.last?.message.contains("names the template 'menu-a4' and a Product UID") == true)
        #expect(jobs.count == 2)
        // The template's Product UID and design file, byte for byte, where a Product UID line's would be.
        #expect(jobs.first?.contains(
            #"{"itemReferenceId":"PO-2026-0201-1","productUid":"\#(Self.posterA4)","files":[{"type":"default","url":"\#(Self.menuURL)"}],"quantity":40}"#)
            == true, "\(jobs.first ?? "")")
        #expect(jobs.first?.contains(#""itemReferenceId":"PO-2026-0201-2","productUid":"apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0""#) == true)
        #expect(jobs.last?.contains(
            #""items":[{"itemReferenceId":"PO-2026-0202-1","productUid":"\#(Self.posterA3)","files":[{"type":"default","url":"\#(Self.springURL)"}],"quantity":5}],"shipmentMethodUid":"express""#)
            == true, "\(jobs.last ?? "")")
    }

    @Test func aTemplateLineIsTheJobOfItsProductUIDLine() throws {
        // The same order written with the template's Product UID and URL gives the same job (but for its source).
        let scratch = try TemporaryDirectory()
        var table = try Table(path: TestPaths.fixture("manual/orders_templates.csv"))
        let uid = try #require(table.header.firstIndex(of: "Product UID"))
        let template = try #require(table.header.firstIndex(of: "Template"))
        let url = try #require(table.header.firstIndex(of: "Design file URL"))
        table.rows = [table.rows[2]]
        table.rows[0][uid] = Self.posterA3
        table.rows[0][template] = ""
        table.rows[0][url] = Self.springURL
        let direct = scratch.url.path + "/direct.csv"
        try table.write(to: direct)
        let (_, _, viaTemplate) = try run("manual", ["Fixtures/manual/orders_templates.csv"])
        let (result, _, viaProduct) = try run("manual", [direct])
        #expect(result.status == 0, "\(result.stderr)")
        func withoutSource(_ job: String) -> String { job.components(separatedBy: #"{"key":"source""#)[0] }
        #expect(viaProduct.count == 1 && viaTemplate.count == 2)
        #expect(withoutSource(viaProduct[0]) == withoutSource(viaTemplate[1]))
    }

    @Test func presseroOrderLinesNameTemplatesToo() throws {
        let (result, rejects, jobs) = try run("pressero", ["Fixtures/pressero/orders_pressero_templates.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(rejects.rows.filter { $0.severity == "error" }.isEmpty)
        #expect(jobs.count == 1)
        #expect(jobs.first?.contains(#""productUid":"\#(Self.posterA4)","files":[{"type":"default","url":"\#(Self.menuURL)"}],"quantity":250}"#) == true)
        #expect(jobs.first?.contains(#""productUid":"\#(Self.posterA3)","files":[{"type":"default","url":"\#(Self.springURL)"}],"quantity":20}"#) == true)
    }

    @Test func validateChecksTemplatesAgainstTheState() throws {
        let scratch = try TemporaryDirectory()
        let state = try Self.state(in: scratch)
        let rejects = scratch.url.path + "/rejects.csv"
        let result = try Intake.run(["validate", "Fixtures/manual/orders_templates.csv", "--state", state, "--rejects", rejects])
        #expect(result.status == 1)
        let rows = try Rejects(data: Data(contentsOf: URL(fileURLWithPath: rejects))).rows.filter { $0.severity == "error" }
        #expect(rows.map(\.description) == [
            "unknown_product@Fixtures/manual/orders_templates.csv:5/4[Template]",
            "invalid_value@Fixtures/manual/orders_templates.csv:6/5[Template]",
        ])
    }

    @Test func theOrderTemplateHasATemplateColumn() throws {
        let result = try Intake.run(["orders", "template"])
        let header = try #require(result.stdoutText.split(separator: "\n").first)
        #expect(header.split(separator: ",").contains("Template"))
    }
}
