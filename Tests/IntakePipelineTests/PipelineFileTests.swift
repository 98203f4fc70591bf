import Foundation
import IntakeModel
import IntakePipeline
import Testing

/// `Pipelines/` next to this file.
private let pipelinesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Pipelines").path

private func fixture(_ name: String) -> String { pipelinesFolder + "/" + name }

/// The folder above `Pipelines/`: where `../` in the fixtures leads.
private let testsFolder = URL(fileURLWithPath: pipelinesFolder).deletingLastPathComponent().path

/// The path the inline YAML of the tests pretends to come from.
private let inlinePath = "/srv/intake/pipelines/test.yml"

/// A small valid file in flow style, one entry a line, that the error cases vary.
private let base = """
    name: nightly
    stores:
      - { id: acme-shopify, customer: ACME-001, platform: shopify }
    stages:
      - orders: { store: acme-shopify, files: orders.csv }

    """

private func parse(_ yaml: String, path: String = inlinePath) throws -> PipelineFile {
    try PipelineFile.parse(yaml: yaml, path: path)
}

@Suite struct PipelineFileTests {
    // MARK: Valid files

    @Test func contractExampleParses() throws {
        let path = fixture("nightly.yml")
        let file = try PipelineFile.load(path: path)
        let expected = PipelineFile(
            path: path,
            name: "nightly",
            state: testsFolder + "/.intake/state.sqlite",
            catalog: .init(pattern: testsFolder + "/Fixtures/catalog.csv", line: 3, isGlob: false),
            customers: .init(pattern: testsFolder + "/Fixtures/customers.csv", line: 4, isGlob: false),
            stores: [
                .init(id: "acme-shopify", customer: "ACME-001", platform: .shopify, name: "Acme on Shopify", line: 6)
            ],
            stages: [
                .connect(
                    store: "acme-shopify",
                    files: [
                        .init(pattern: testsFolder + "/Fixtures/shopify/products_connected.csv", line: 8, isGlob: false)
                    ],
                    line: 8),
                .orders(
                    store: "acme-shopify",
                    files: [
                        .init(pattern: testsFolder + "/Fixtures/shopify/orders_*.csv", line: 9, isGlob: true),
                        .init(pattern: testsFolder + "/Fixtures/drops/*.zip", line: 9, isGlob: true),
                    ],
                    line: 9),
            ],
            outputDirectoryTemplate: testsFolder + "/out/{pipeline}/{run}",
            jobs: .jsonl, bundle: .none, report: false, onLineError: .holdOrder, maxErrorRate: 0.5)
        #expect(file == expected)
        #expect(file.stages.map(\.keyword) == ["connect", "orders"])
        #expect(file.stages.map(\.store) == ["acme-shopify", "acme-shopify"])
        #expect(file.stages[1].files.map(\.isGlob) == [true, true])
        #expect(file.stages.map(\.line) == [8, 9])
    }

    @Test func leftOutKeysTakeTheirDefaults() throws {
        let path = fixture("minimal.yml")
        let file = try PipelineFile.load(path: path)
        #expect(file.name == "minimal")
        #expect(file.state == nil)
        #expect(file.catalog == nil)
        #expect(file.customers == nil)
        #expect(file.stores.isEmpty)
        #expect(file.outputDirectoryTemplate == "out/{pipeline}/{run}")
        #expect(file.outputDirectoryTemplate == PipelineFile.defaultOutputDirectoryTemplate)
        #expect(file.jobs == .jsonl)
        #expect(file.bundle == .none)
        #expect(file.report == false)
        #expect(file.onLineError == .holdOrder)
        #expect(file.maxErrorRate == nil)
        // A stage may name a store that `stores:` leaves out: the runner looks for it in the state.
        // A single string is a list of one file.
        #expect(
            file.stages == [
                .orders(store: "manual-desk", files: [.init(pattern: pipelinesFolder + "/orders.csv", line: 4)], line: 4)
            ])
        #expect(file.outputDirectory(run: "r1", date: "2025-03-01") == "out/minimal/r1")
    }

    @Test func blockStyleWithEveryOption() throws {
        let path = fixture("block-style.yml")
        let file = try PipelineFile.load(path: path)
        #expect(file.name == "EU weekend / rush")
        #expect(file.state == "/var/lib/intake/state.sqlite")
        #expect(
            file.stores == [
                .init(
                    id: "etsy-eu", customer: "1001", platform: .etsy, name: "etsy-eu",
                    columns: ["sku": "Variation SKU", "quantity": "Qty"], line: 5),
                .init(id: "woo", customer: "WOO-7", platform: .woocommerce, line: 11),
            ])
        #expect(
            file.stages == [
                .sync(store: "woo", files: [.init(pattern: pipelinesFolder + "/woo/products.csv", line: 17)], line: 15),
                .connect(
                    store: "etsy-eu",
                    files: [
                        .init(pattern: pipelinesFolder + "/etsy/connected.csv", line: 21),
                        .init(pattern: "/srv/drops/etsy", line: 22),
                    ],
                    line: 18),
                .orders(
                    store: "legacy-desk",
                    files: [.init(pattern: pipelinesFolder + "/drops/order?.csv", line: 25, isGlob: true)], line: 23),
            ])
        #expect(file.outputDirectoryTemplate == "/srv/out/{date}/{pipeline}-{run}")
        #expect(file.jobs == .both)
        #expect(file.bundle == .tarGzip)
        #expect(file.report == true)
        #expect(file.onLineError == .dropLine)
        #expect(file.maxErrorRate == 0)
        #expect(file.safeName == "EU-weekend-rush")
        #expect(file.outputDirectory(run: "20250301-0200", date: "2025-03-01")
            == "/srv/out/2025-03-01/EU-weekend-rush-20250301-0200")
    }

    @Test(arguments: [
        ("jsonl", PipelineFile.JobsFormat.jsonl), ("files", .files), ("both", .both),
    ])
    func jobsFormats(text: String, expected: PipelineFile.JobsFormat) throws {
        #expect(try parse(base + "output: { jobs: \(text) }\n").jobs == expected)
    }

    @Test(arguments: [
        ("none", PipelineFile.BundleFormat.none), ("tar.gz", .tarGzip), ("zip", .zip),
    ])
    func bundleFormats(text: String, expected: PipelineFile.BundleFormat) throws {
        #expect(try parse(base + "output: { bundle: \(text) }\n").bundle == expected)
    }

    @Test(arguments: [("0", 0.0), ("1", 1.0), ("0.25", 0.25), ("1.0", 1.0), (".5", 0.5)])
    func maxErrorRateBounds(text: String, expected: Double) throws {
        #expect(try parse(base + "policy: { max_error_rate: \(text) }\n").maxErrorRate == expected)
    }

    @Test func pathsResolveAgainstTheFilesFolder() throws {
        let yaml = base + """
            state: ./state/../state.sqlite
            catalog: /abs/catalog.csv
            customers: ../../shared//customers.csv
            output: { dir: "{date}/./{pipeline}" }

            """
        let file = try parse(yaml)
        #expect(file.state == "/srv/intake/pipelines/state.sqlite")
        #expect(file.catalog == .init(pattern: "/abs/catalog.csv", line: 7, isGlob: false))
        #expect(file.customers == .init(pattern: "/srv/shared/customers.csv", line: 8, isGlob: false))
        #expect(file.outputDirectoryTemplate == "/srv/intake/pipelines/{date}/{pipeline}")
        #expect(file.stages.first?.files.first?.pattern == "/srv/intake/pipelines/orders.csv")
    }

    @Test func relativePipelinePathResolvesAgainstTheCurrentDirectory() throws {
        let file = try parse(base, path: "pipelines/nightly.yml")
        let cwd = FileManager.default.currentDirectoryPath
        #expect(file.path == "pipelines/nightly.yml")
        #expect(file.stages.first?.files.first?.pattern == URL(fileURLWithPath: cwd).appendingPathComponent(
            "pipelines/orders.csv").standardized.path)
    }

    @Test func storeNameDefaultsToTheId() throws {
        let file = try parse(base)
        #expect(file.stores == [.init(id: "acme-shopify", customer: "ACME-001", platform: .shopify, name: "acme-shopify", line: 3)])
    }

    @Test(arguments: [
        ("nightly", "nightly"), ("EU weekend / rush", "EU-weekend-rush"), ("../../etc", "etc"),
        ("Zürich_2", "Zürich_2"), ("***", "pipeline"), (" .hidden ", "hidden"), ("v1.2", "v1.2"),
    ])
    func pipelinePlaceholderIsFileSafe(name: String, expected: String) throws {
        let file = try parse(base.replacingOccurrences(of: "name: nightly", with: "name: \"\(name)\""))
        #expect(file.name == name)
        #expect(file.safeName == expected)
        #expect(file.outputDirectory(run: "r", date: "d") == "out/\(expected)/r")
    }

    @Test func placeholdersAreReplacedEverywhere() throws {
        let file = try parse(base + "output: { dir: \"/o/{pipeline}/{date}/{run}-{date}\" }\n")
        #expect(file.outputDirectoryTemplate == "/o/{pipeline}/{date}/{run}-{date}")
        #expect(file.outputDirectory(run: "20250301T020000-7", date: "2025-03-01")
            == "/o/nightly/2025-03-01/20250301T020000-7-2025-03-01")
    }

    // MARK: Errors

    @Test(arguments: badFiles)
    func badFileIsRejected(_ bad: BadFile) throws {
        let error = try #require(throws: PipelineFileError.self) { try parse(bad.yaml) }
        #expect(error.path == inlinePath)
        #expect(error.key == bad.key)
        #expect(error.line == bad.line)
        if let column = bad.column { #expect(error.column == column) }
        #expect(error.message.contains(bad.message), "\(error.message)")
    }

    @Test func descriptionNamesFileLineColumnAndKey() throws {
        let path = fixture("unknown-key.yml")
        let error = try #require(throws: PipelineFileError.self) { try PipelineFile.load(path: path) }
        #expect(error == PipelineFileError(
            path: path, line: 12, column: 5, key: "stages[1].orders",
            message: "unknown key 'fils' (expected: store, files)"))
        #expect(error.description == "\(path):12:5: stages[1].orders: unknown key 'fils' (expected: store, files)")
    }

    @Test func descriptionLeavesOutWhatIsUnknown() {
        #expect(PipelineFileError(path: "p.yml", line: 3, key: "stages", message: "m").description == "p.yml:3: stages: m")
        #expect(PipelineFileError(path: "p.yml", key: "", message: "m").description == "p.yml: m")
    }

    @Test func missingPipelineFile() throws {
        let path = NSTemporaryDirectory() + "no-such-pipeline-\(UUID().uuidString).yml"
        let error = try #require(throws: PipelineFileError.self) { try PipelineFile.load(path: path) }
        #expect(error.path == path)
        #expect(error.line == nil)
        #expect(error.message.contains("no such pipeline file"))
    }

    @Test func invalidYAMLGivesYamsLineAndColumn() throws {
        let error = try #require(throws: PipelineFileError.self) {
            try parse("name: nightly\nstages:\n  - orders: { store: a, files: [x.csv }\n")
        }
        #expect(error.key == "")
        #expect(error.line == 3)
        #expect(error.column != nil)
        #expect(error.message.hasPrefix("invalid YAML: "))
    }

    // MARK: Files on disk

    @Test func checkFilesExistAcceptsFilesFoldersAndUnmatchedGlobs() throws {
        let folder = try TemporaryFolder()
        try folder.write("catalog.csv")
        try folder.write("drops/a.csv")
        try folder.write("pipelines/nightly.yml", """
            name: nightly
            catalog: ../catalog.csv
            stages:
              - orders: { store: s, files: [../drops, ../drops/a.csv, "../nothing/*.zip"] }

            """)
        let file = try PipelineFile.load(path: folder.path + "/pipelines/nightly.yml")
        try file.checkFilesExist()
    }

    @Test func checkFilesExistNamesTheMissingFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("drops/a.csv")
        try folder.write("pipelines/nightly.yml", """
            name: nightly
            stages:
              - connect: { store: s, files: ../drops/a.csv }
              - orders:
                  store: s
                  files:
                    - ../drops/a.csv
                    - ../drops/b.csv

            """)
        let path = folder.path + "/pipelines/nightly.yml"
        let file = try PipelineFile.load(path: path)
        let error = try #require(throws: PipelineFileError.self) { try file.checkFilesExist() }
        #expect(error == PipelineFileError(
            path: path, line: 8, key: "stages[1].orders.files", message: "no such file: \(folder.path)/drops/b.csv"))
    }

    @Test(arguments: ["catalog", "customers"])
    func checkFilesExistWantsReferenceFilesNotFolders(key: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("drops/a.csv")
        try folder.write("nightly.yml", "name: n\n\(key): drops\nstages: [ { orders: { store: s, files: drops } } ]\n")
        let path = folder.path + "/nightly.yml"
        let file = try PipelineFile.load(path: path)
        let error = try #require(throws: PipelineFileError.self) { try file.checkFilesExist() }
        #expect(error.key == key)
        #expect(error.line == 2)
        #expect(error.message == "\(folder.path)/drops is a folder; expected a file")

        try FileManager.default.removeItem(atPath: folder.path + "/drops")
        let missing = try #require(throws: PipelineFileError.self) { try file.checkFilesExist() }
        #expect(missing.key == key)
        #expect(missing.message == "no such file: \(folder.path)/drops")
    }
}

// MARK: - Error cases

/// A file that must be rejected, and the error it must give.
struct BadFile: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var key: String
    var line: Int
    var column: Int?
    var message: String

    var testDescription: String { label }
}

/// `base` with `line` (from 1) replaced by `text`.
private func base(replacing line: Int, with text: String) -> String {
    var lines = base.components(separatedBy: "\n")
    lines[line - 1] = text
    return lines.joined(separator: "\n")
}

private let badFiles: [BadFile] = [
    // Unknown keys: the key of the mapping, the line and column of the unknown key, the keys allowed.
    BadFile(
        label: "unknown top-level key", yaml: base + "outptu:\n  dir: x\n", key: "", line: 6, column: 1,
        message: "unknown key 'outptu' (expected: name, state, catalog, customers, stores, stages, output, policy)"),
    BadFile(
        label: "unknown store key",
        yaml: base(replacing: 3, with: "  - { id: a, customer: C, platform: shopify, colour: red }"),
        key: "stores[0]", line: 3, column: 46,
        message: "unknown key 'colour' (expected: id, customer, platform, name, columns, integration_id)"),
    BadFile(
        label: "unknown stage key", yaml: base(replacing: 5, with: "  - orders: { store: a, fils: x.csv }"),
        key: "stages[0].orders", line: 5, column: 25, message: "unknown key 'fils' (expected: store, files)"),
    BadFile(
        label: "unknown output key", yaml: base + "output:\n  dir: out\n  format: zip\n", key: "output", line: 8,
        column: 3, message: "unknown key 'format' (expected: dir, jobs, bundle, report, routes)"),
    BadFile(
        label: "unknown policy key", yaml: base + "policy:\n  max_errors: 3\n", key: "policy", line: 7, column: 3,
        message: "unknown key 'max_errors' (expected: on_line_error, max_error_rate)"),
    BadFile(
        label: "unknown stage kind", yaml: base(replacing: 5, with: "  - import: { store: a, files: x.csv }"),
        key: "stages[0]", line: 5, column: 5, message: "unknown stage 'import' (expected: connect, orders, sync, status)"),

    // Wrong types: the key of the value and its line.
    BadFile(
        label: "files: 3", yaml: base(replacing: 5, with: "  - orders: { store: a, files: 3 }"),
        key: "stages[0].orders.files", line: 5, column: 32,
        message: "expected text; found the number 3 (put it in quotes if it is meant as text)"),
    BadFile(
        label: "files: a mapping", yaml: base(replacing: 5, with: "  - orders: { store: a, files: { x: y } }"),
        key: "stages[0].orders.files", line: 5, column: 32,
        message: "expected a path, a glob, or a list of them; found a mapping"),
    BadFile(
        label: "files: an empty list", yaml: base(replacing: 5, with: "  - orders: { store: a, files: [] }"),
        key: "stages[0].orders.files", line: 5, message: "expected at least one file"),
    BadFile(
        label: "files: a number in a list",
        yaml: base(replacing: 5, with: "  - orders: { store: a, files: [a.csv, 3] }"),
        key: "stages[0].orders.files[1]", line: 5, column: 40, message: "expected text; found the number 3"),
    BadFile(
        label: "max_error_rate: lots", yaml: base + "policy:\n  max_error_rate: lots\n", key: "policy.max_error_rate",
        line: 7, column: 19, message: "expected a number from 0 to 1; found 'lots'"),
    BadFile(
        label: "max_error_rate: 1.5", yaml: base + "policy:\n  max_error_rate: 1.5\n", key: "policy.max_error_rate",
        line: 7, column: 19, message: "found 1.5"),
    BadFile(
        label: "max_error_rate: -0.1", yaml: base + "policy: { max_error_rate: -0.1 }\n",
        key: "policy.max_error_rate", line: 6, message: "expected a number from 0 to 1"),
    BadFile(
        label: "max_error_rate: 50%", yaml: base + "policy: { max_error_rate: 50% }\n",
        key: "policy.max_error_rate", line: 6, message: "found '50%'"),
    BadFile(
        label: "stages not a list",
        yaml: "name: n\nstages:\n  orders: { store: a, files: x.csv }\n", key: "stages", line: 3, column: 3,
        message: "expected a list of stages"),
    BadFile(
        label: "stages empty", yaml: "name: n\nstages: []\n", key: "stages", line: 2, column: 9,
        message: "expected at least one stage"),
    BadFile(
        label: "stages: nothing", yaml: "name: n\nstages:\n", key: "stages", line: 2,
        message: "found nothing"),
    BadFile(
        label: "a stage with two keys",
        yaml: base(replacing: 5, with: "  - { orders: { store: a, files: x.csv }, connect: { store: a, files: y.csv } }"),
        key: "stages[0]", line: 5, column: 43,
        message: "a stage has exactly one key, its kind (connect, orders, sync or status); found 'orders', 'connect'"),
    BadFile(
        label: "a stage body under-indented",
        yaml: "name: n\nstages:\n  - orders:\n    store: a\n    files: x.csv\n", key: "stages[0]", line: 4, column: 5,
        message: "found 'orders', 'store', 'files' (indent store and files under orders)"),
    BadFile(
        label: "a stage not a mapping", yaml: base(replacing: 5, with: "  - orders.csv"), key: "stages[0]", line: 5,
        column: 5, message: "expected a stage"),
    BadFile(
        label: "a stage body not a mapping", yaml: base(replacing: 5, with: "  - orders: orders.csv"),
        key: "stages[0].orders", line: 5, column: 13, message: "expected a mapping with the keys store, files"),
    BadFile(
        label: "platform: amazon",
        yaml: base(replacing: 3, with: "  - { id: a, customer: C, platform: amazon }"),
        key: "stores[0].platform", line: 3, column: 37,
        message: "expected one of shopify, etsy, woocommerce, pressero, manual; found 'amazon'"),
    BadFile(
        label: "jobs: xml", yaml: base + "output:\n  jobs: xml\n", key: "output.jobs", line: 7, column: 9,
        message: "expected one of jsonl, files, both; found 'xml'"),
    BadFile(
        label: "jobs: nothing", yaml: base + "output:\n  jobs:\n", key: "output.jobs", line: 7, column: 8,
        message: "expected one of jsonl, files, both; found nothing"),
    BadFile(
        label: "bundle: rar", yaml: base + "output: { bundle: rar }\n", key: "output.bundle", line: 6,
        message: "expected one of none, tar.gz, zip; found 'rar'"),
    BadFile(
        label: "on_line_error: skip", yaml: base + "policy: { on_line_error: skip }\n", key: "policy.on_line_error",
        line: 6, message: "expected one of hold_order, drop_line; found 'skip'"),
    BadFile(
        label: "report: maybe", yaml: base + "output: { report: maybe }\n", key: "output.report", line: 6,
        message: "expected true or false; found 'maybe'"),
    BadFile(
        label: "name: a list", yaml: base(replacing: 1, with: "name: [a, b]"), key: "name", line: 1, column: 7,
        message: "expected text; found a list"),
    BadFile(
        label: "name: nothing", yaml: base(replacing: 1, with: "name:"), key: "name", line: 1,
        message: "expected text; found nothing"),
    BadFile(
        label: "name: empty string", yaml: base(replacing: 1, with: "name: \"\""), key: "name", line: 1,
        message: "expected text; found an empty string"),
    BadFile(
        label: "customer: a number", yaml: base(replacing: 3, with: "  - { id: a, customer: 1001, platform: etsy }"),
        key: "stores[0].customer", line: 3, column: 24, message: "(put it in quotes if it is meant as text)"),
    BadFile(
        label: "stores not a list", yaml: base(replacing: 2, with: "stores: acme").replacingOccurrences(
            of: "  - { id: acme-shopify, customer: ACME-001, platform: shopify }\n", with: ""),
        key: "stores", line: 2, column: 9, message: "expected a list of stores"),
    BadFile(
        label: "columns not a mapping",
        yaml: base(replacing: 3, with: "  - { id: a, customer: C, platform: etsy, columns: [sku] }"),
        key: "stores[0].columns", line: 3, column: 52, message: "expected a mapping of our field names"),
    BadFile(
        label: "a column header not text",
        yaml: base(replacing: 3, with: "  - { id: a, customer: C, platform: etsy, columns: { sku: [a] } }"),
        key: "stores[0].columns.sku", line: 3, column: 59, message: "expected text; found a list"),
    BadFile(
        label: "unknown placeholder", yaml: base + "output: { dir: \"out/{name}/{run}\" }\n", key: "output.dir",
        line: 6, message: "unknown placeholder '{name}' (expected: {pipeline}, {run}, {date})"),
    BadFile(
        label: "unmatched brace", yaml: base + "output: { dir: \"out/{run\" }\n", key: "output.dir", line: 6,
        message: "unmatched '{'"),
    BadFile(
        label: "state: a number", yaml: base + "state: 7\n", key: "state", line: 6, column: 8,
        message: "expected text; found the number 7"),

    // Missing required keys: the key and line of the enclosing mapping.
    BadFile(
        label: "missing name", yaml: "# a comment\nstages:\n  - orders: { store: a, files: x.csv }\n", key: "", line: 2,
        column: 1, message: "missing required key 'name'"),
    BadFile(
        label: "missing stages", yaml: "name: n\nstores: []\n", key: "", line: 1, message: "missing required key 'stages'"),
    BadFile(
        label: "missing stage store", yaml: base(replacing: 5, with: "  - orders: { files: x.csv }"),
        key: "stages[0].orders", line: 5, column: 13, message: "missing required key 'store'"),
    BadFile(
        label: "missing stage files (block style)", yaml: "name: n\nstages:\n  - sync:\n      store: a\n",
        key: "stages[0].sync", line: 4, column: 7, message: "missing required key 'files'"),
    BadFile(
        label: "missing store id", yaml: base(replacing: 3, with: "  - { customer: C, platform: etsy }"),
        key: "stores[0]", line: 3, column: 5, message: "missing required key 'id'"),
    BadFile(
        label: "missing store customer", yaml: base(replacing: 3, with: "  - { id: a, platform: etsy }"),
        key: "stores[0]", line: 3, column: 5, message: "missing required key 'customer'"),
    BadFile(
        label: "missing store platform", yaml: base(replacing: 3, with: "  - { id: a, customer: C }"),
        key: "stores[0]", line: 3, column: 5, message: "missing required key 'platform'"),

    // Duplicates.
    BadFile(
        label: "duplicate store id",
        yaml: base(
            replacing: 3,
            with: "  - { id: a, customer: C, platform: etsy }\n  - { id: b, customer: C, platform: etsy }\n"
                + "  - { id: a, customer: D, platform: manual }"),
        key: "stores[2].id", line: 5, column: 11, message: "duplicate store id 'a' (first used on line 3)"),
    BadFile(
        label: "duplicate key", yaml: base + "name: again\n", key: "", line: 1,
        message: "the key 'name' appears more than once"),

    // Not a pipeline file at all.
    BadFile(label: "empty file", yaml: "", key: "", line: 1, column: 1, message: "the pipeline file is empty"),
    BadFile(
        label: "only comments", yaml: "# nothing yet\n", key: "", line: 1, message: "the pipeline file is empty"),
    BadFile(
        label: "a list at the top", yaml: "- name: n\n", key: "", line: 1, column: 1,
        message: "expected a mapping with the keys name, state"),
    BadFile(
        label: "invalid YAML", yaml: "name: n\nstages: [\n  - a: b\n", key: "", line: 3,
        message: "invalid YAML: "),
    BadFile(
        label: "tab indentation", yaml: "name: n\nstages:\n\t- orders: {}\n", key: "", line: 3, column: 1,
        message: "invalid YAML: found character that cannot start any token"),
]

// MARK: - Helpers

/// A folder under the temporary directory, removed when the value goes away.
private final class TemporaryFolder {
    let path: String

    init() throws {
        path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pipeline-file-\(UUID().uuidString)")
            .standardized.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `relativePath`, creating its folders.
    func write(_ relativePath: String, _ contents: String = "x\n") throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
}
