import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// The seed's onboarding workflow and the exactly-once guarantee, with the built binary.
@Suite(.serialized) struct WorkflowTests {
    /// Step 1–4: customer, store, products synced and exported, connections filled and imported, orders in.
    @Test func theFourStepsOfOnboarding() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.appendingPathComponent("state.sqlite").path
        func intake(_ arguments: [String]) throws -> Intake.Result {
            try Intake.run(arguments + ["--state", state])
        }
        // 1. The customer and its store.
        var result = try intake(["customers", "add", "Acme Prints GmbH", "--ref", "ACME-001", "--description", "Posters and apparel",
                                 "--admin-email", "ops@acme-prints.example.com", "--admin-first-name", "Jonas", "--admin-last-name", "Becker"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try intake(["customers", "add", "Someone Else", "--ref", "ACME-001"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Acme Prints GmbH"))
        result = try intake(["stores", "add", "acme-shopify", "--customer", "ACME-001", "--platform", "shopify", "--name", "Acme on Shopify"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try intake(["stores", "add", "ghost", "--customer", "NOPE-9", "--platform", "shopify"])
        #expect(result.status == 2)
        result = try intake(["customers", "list"])
        #expect(result.stdoutText.contains("Acme Prints GmbH\tACME-001\tops@acme-prints.example.com\tPosters and apparel"))

        // 2. Its products: sync the store's export, export the connection file to fill in.
        result = try intake(["catalog", "import", "Fixtures/catalog.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try intake(["products", "sync", "--store", "acme-shopify", "Fixtures/shopify/products_export.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let exported = scratch.url.appendingPathComponent("to_fill.csv").path
        result = try intake(["products", "export", "--store", "acme-shopify", "-o", exported])
        #expect(result.status == 0, "\(result.stderr)")
        let toFill = try Table(path: exported)
        #expect(toFill.header.suffix(2) == ["Product UID", "Design file URL"])

        // 3. The operator fills Product UID and Design file URL (here: from the fixture that has them), imports it.
        let reference = try Table(path: TestPaths.fixture("shopify/products_connected.csv"))
        #expect(toFill.rows.count == reference.rows.count)
        var filled = toFill
        for index in filled.rows.indices {
            filled.rows[index][filled.header.count - 2] = reference.rows[index][reference.header.count - 2]
            filled.rows[index][filled.header.count - 1] = reference.rows[index][reference.header.count - 1]
        }
        let filledPath = scratch.url.appendingPathComponent("filled.csv").path
        try filled.write(to: filledPath)
        result = try intake(["connections", "import", "--store", "acme-shopify", filledPath, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        // The export now comes back filled in.
        result = try intake(["products", "export", "--store", "acme-shopify"])
        let refilled = try Table(data: result.stdout)
        #expect(refilled.rows.map { $0[$0.count - 2] } == filled.rows.map { $0[$0.count - 2] })

        // 4. Orders in, jobs out.
        let out = scratch.url.appendingPathComponent("out").path
        result = try intake(["orders", "import", "--store", "acme-shopify", "Fixtures/shopify/orders_export_1.csv", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let jobs = try JobsFile(path: out + "/jobs.jsonl")
        #expect(jobs.jobs.count == 8)
        let first = try #require(jobs.jobs.first)
        #expect(first["orderType"] as? String == "order")
        #expect(first["orderReferenceId"] as? String == "#1001")
        #expect(first["customerReferenceId"] as? String == "ACME-001")
        #expect(first["currency"] as? String == "EUR")
        #expect(first["shipmentMethodUid"] as? String == "normal")
        let items = try #require(first["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["itemReferenceId"] as? String == "#1001-1")
        #expect(items[0]["productUid"] as? String == "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0")
        #expect(items[0]["quantity"] as? Int == 2)
        let files = try #require(items[0]["files"] as? [[String: Any]])
        #expect(files.first?["type"] as? String == "default")
        #expect((files.first?["url"] as? String)?.hasSuffix(".pdf") == true)
        let address = try #require(first["shippingAddress"] as? [String: Any])
        #expect(address["firstName"] as? String == "Anna")
        #expect(address["lastName"] as? String == "Müller")
        #expect(address["postCode"] as? String == "80802")
        #expect(address["country"] as? String == "DE")
        #expect(address["email"] as? String == "anna.mueller@example.com")
        let metadata = try #require(first["metadata"] as? [[String: Any]])
        #expect(metadata.first?["key"] as? String == "store")
        #expect(metadata.first?["value"] as? String == "acme-shopify")
        #expect(metadata.last?["value"] as? String == "orders_export_1.csv:2-4")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == 8)
        #expect(summary?["line_items_accepted"] as? Int == 14)

        // Imported again into another folder: every order is a duplicate, nothing is produced twice.
        result = try intake(["orders", "import", "--store", "acme-shopify", "Fixtures/shopify/orders_export_1.csv", "--out", out + "2", "--json"])
        #expect(result.status == 0)
        let again = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(again?["orders_duplicate"] as? Int == 8)
        #expect(again?["orders_accepted"] as? Int == 0)
        #expect(try JobsFile(path: out + "2/jobs.jsonl").jobs.isEmpty)
    }

    /// A store's commands take only its platform's files.
    @Test func anotherPlatformsExportIsAUsageError() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.appendingPathComponent("state.sqlite").path
        _ = try Intake.run(["customers", "add", "Acme", "--ref", "A-1", "--state", state])
        _ = try Intake.run(["stores", "add", "acme-woo", "--customer", "A-1", "--platform", "woocommerce", "--state", state])
        let result = try Intake.run(["connections", "import", "--store", "acme-woo", "Fixtures/shopify/products_connected.csv", "--state", state])
        #expect(result.status == 2)
        #expect(result.stderr.contains("shopify-products") && result.stderr.contains("woocommerce"))
    }

    /// The demo pipeline twice: the second run publishes nothing again and exits 0.
    @Test func runningAPipelineTwicePublishesEachOrderOnce() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.appendingPathComponent("state.sqlite").path
        let first = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/out/{run}", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/out/{run}", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let a = try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: second.stdout) as? [String: Any]
        #expect(a?["orders_accepted"] as? Int == 8)
        #expect(b?["orders_accepted"] as? Int == 0)
        #expect(b?["orders_duplicate"] as? Int == 8)
        let runs = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out")
        #expect(runs.count == 2)
        #expect(!runs.contains { $0.hasPrefix(".") }, "no temporary directory is left")
        let list = try Intake.run(["runs", "list", "--state", state])
        #expect(list.stdoutText.components(separatedBy: "\tpublished\t").count == 3)
    }

    /// A dry run publishes nothing and records nothing.
    @Test func aDryRunRecordsNothing() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.appendingPathComponent("state.sqlite").path
        let dry = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/out/{run}", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out"))?.isEmpty ?? true)
        let real = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/out/{run}", "--json"])
        let summary = try JSONSerialization.jsonObject(with: real.stdout) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == 8)
    }

    /// Killed with SIGKILL at random moments while it runs and publishes, then run to the end: every order is
    /// published exactly once, and no half-written output directory is left where a user would take it for one.
    /// 3,000 orders and 6 kills here; `make crash-test` sets `CRASH_ORDERS=20000` and `CRASH_KILLS=30` (and
    /// `KILL_SEED` replays a seed a failure printed).
    @Test func aKilledRunLosesAndDuplicatesNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let orders = environment["CRASH_ORDERS"].flatMap { Int($0) } ?? 3000
        let kills = environment["CRASH_KILLS"].flatMap { Int($0) } ?? 6
        let scratch = try TemporaryDirectory()
        let data = scratch.url.appendingPathComponent("data").path
        let pipeline = try scratch.benchPipeline("nightly", orders: orders, jobs: "both")
        let binary = try #require(Intake.binary)
        // How long a whole run takes here (in a directory of its own), so that kills land anywhere in one.
        let calibration = scratch.url.appendingPathComponent("calibration")
        try FileManager.default.createDirectory(at: calibration, withIntermediateDirectories: true)
        for name in ["nightly.yml", "customers.csv"] {
            try FileManager.default.copyItem(at: scratch.url.appendingPathComponent(name), to: calibration.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(at: calibration.appendingPathComponent("data"), withDestinationURL: URL(fileURLWithPath: data))
        let started = Date()
        let whole = Process()
        whole.executableURL = binary
        whole.arguments = ["run", calibration.appendingPathComponent("nightly.yml").path, "--quiet"]
        whole.currentDirectoryURL = calibration
        try whole.run()
        whole.waitUntilExit()
        let duration = max(Date().timeIntervalSince(started), 0.05)
        var seed = UInt64(environment["KILL_SEED"] ?? "") ?? UInt64.random(in: 1...1_000_000)
        print("kill seed: \(seed), a whole run: \(duration) s")
        for _ in 0..<kills {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let delay = Double(seed >> 40 % 1000) / 1000 * duration * 1.1
            let process = Process()
            process.executableURL = binary
            process.arguments = ["run", pipeline, "--quiet"]
            process.currentDirectoryURL = scratch.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = Process()
        final.executableURL = binary
        final.arguments = ["run", pipeline, "--quiet"]
        final.currentDirectoryURL = scratch.url
        try final.run()
        final.waitUntilExit()
        #expect(final.terminationStatus <= 1)

        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: data + "/expected_summary.json"))) as? [String: Any]
        let acceptedOrders = (expected?["orders"] as? [String: Any])?["orders_accepted"] as? Int
        let outDirectory = scratch.url.appendingPathComponent("out").path
        let entries = try FileManager.default.contentsOfDirectory(atPath: outDirectory)
        #expect(!entries.contains { $0.hasPrefix(".") }, "a temporary directory was left: \(entries)")
        var published: [String: Int] = [:]
        for entry in entries {
            let directory = outDirectory + "/" + entry
            #expect(FileManager.default.fileExists(atPath: directory + "/summary.json"), "\(entry) is incomplete")
            for job in try JobsFile(path: directory + "/jobs.jsonl").jobs {
                published[job["orderReferenceId"] as? String ?? "", default: 0] += 1
            }
        }
        #expect(published.count == acceptedOrders)
        #expect(published.values.allSatisfy { $0 == 1 }, "an order was published twice")
    }
}

/// A CSV file read into memory (small test files only).
struct Table {
    var header: [String]
    var rows: [[String]]

    init(path: String) throws {
        try self.init(data: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    init(data: Data) throws {
        let reader = try CSVReader(source: MemoryByteSource([UInt8](data)))
        header = try reader.next() ? reader.strings() : []
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings()) }
        self.rows = rows
    }

    func write(to path: String) throws {
        var writer = CSVWriter(sink: try FileByteSink(path: path), spreadsheetSafe: true)
        try writer.writeRow(header)
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
    }
}

/// `jobs.jsonl`, parsed.
struct JobsFile {
    var jobs: [[String: Any]]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        jobs = try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}

/// SIGKILL at the two instants of publishing that matter: after the ledger transaction, and after the rename.
@Suite struct PublishCrashTests {
    func runDemo(state: String, out: String, fault: String?) throws -> Int32 {
        let binary = try #require(Intake.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "pipelines/demo.yml", "--state", state, "--out", out + "/{run}", "--quiet"]
        process.currentDirectoryURL = TestPaths.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["INTAKE_FAULT"] = fault
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func publishedOrders(in out: String) throws -> [String: Int] {
        var published: [String: Int] = [:]
        for entry in try FileManager.default.contentsOfDirectory(atPath: out) where !entry.hasPrefix(".") {
            for job in try JobsFile(path: out + "/" + entry + "/jobs.jsonl").jobs {
                published[job["orderReferenceId"] as? String ?? "", default: 0] += 1
            }
        }
        return published
    }

    @Test(arguments: ["publish.after-ledger", "publish.after-rename"])
    func killedWhilePublishing(fault: String) throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.appendingPathComponent("state.sqlite").path
        let out = scratch.url.appendingPathComponent("out").path
        #expect(try runDemo(state: state, out: out, fault: fault) == SIGKILL, "the run should have been killed")  // Process reports the signal that ended it
        #expect(try runDemo(state: state, out: out, fault: nil) == 0)
        let published = try publishedOrders(in: out)
        #expect(published.count == 8)
        #expect(published.values.allSatisfy { $0 == 1 })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary directories left: \(leftovers)")
        let runs = try Intake.run(["runs", "list", "--state", state]).stdoutText
        #expect(runs.contains(fault == "publish.after-ledger" ? "\trolled_back\t" : "\tpublished\t"))
    }
}

/// The pipelines users copy must run as shipped.
@Suite struct ShippedPipelineTests {
    @Test(arguments: ["pipelines/demo.yml", "pipelines/nightly.yml", "pipelines/bulk-connect.yml"])
    func runsAsShipped(pipeline: String) throws {
        let scratch = try TemporaryDirectory()
        let result = try Intake.run(["run", pipeline, "--state", scratch.url.path + "/state.sqlite", "--out", scratch.url.path + "/out/{run}", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect((summary?["stages"] as? [Any])?.isEmpty == false)
    }

    @Test func aTypoInAPipelineIsAConfigurationErrorWithItsLine() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.url.path + "/typo.yml"
        try "name: typo\nstages:\n  - orders: { store: s, fils: [x.csv] }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Intake.run(["run", path, "--state", scratch.url.path + "/state.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("fils") && result.stderr.contains(":3"))
    }
}

/// A store whose customer is missing: its orders are held with `unknown_customer`, nothing is published.
@Suite struct UnknownCustomerTests {
    @Test func ordersOfAStoreWithoutItsCustomerAreHeld() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = scratch.url.path + "/orphan.yml"
        let root = TestPaths.packageRoot.path
        try """
            name: orphan
            catalog: \(root)/Fixtures/catalog.csv
            stores:
              - { id: orphan-shop, customer: GONE-404, platform: shopify }
            stages:
              - connect: { store: orphan-shop, files: \(root)/Fixtures/shopify/products_connected.csv }
              - orders: { store: orphan-shop, files: \(root)/Fixtures/shopify/orders_export_1.csv }
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let out = scratch.url.path + "/out"
        let result = try Intake.run(["run", pipeline, "--state", scratch.url.path + "/state.sqlite", "--out", out, "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let errors = summary?["errors_by_code"] as? [String: Int]
        #expect(errors?["unknown_customer"] == 8)
        #expect(summary?["orders_accepted"] as? Int == 0)
        let rejects = try Rejects(data: Data(contentsOf: URL(fileURLWithPath: out + "/rejects.csv")))
        let first = try #require(rejects.rows("unknown_customer").first)
        #expect(first.line == "2" && first.record == "1" && first.value == "GONE-404" && first.order == "#1001")
        let fix = try Table(path: out + "/fix/orders_export_1.csv")
        #expect(fix.rows.count == 14)
        #expect(fix.header.last == "Errors")
    }
}

/// A fix file, once fixed, imports cleanly and publishes the orders that were held.
@Suite struct FixFileTests {
    @Test func aFixedFixFileReimportsCleanly() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        _ = try Intake.run(["run", "pipelines/bulk-connect.yml", "--state", state, "--out", scratch.url.path + "/connect"])
        let out = scratch.url.path + "/out"
        var result = try Intake.run(["orders", "import", "--store", "acme-shopify", "Fixtures/bad/orders_invalid_quantity.csv", "--out", out, "--state", state, "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let first = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let held = try #require(first?["orders_held"] as? Int)
        #expect(held > 0)
        var fix = try Table(path: out + "/fix/orders_invalid_quantity.csv")
        let quantity = try #require(fix.header.firstIndex(of: "Lineitem quantity"))
        for index in fix.rows.indices where fix.rows[index].last?.contains("invalid_quantity") == true {
            fix.rows[index][quantity] = "1"
        }
        let fixed = scratch.url.path + "/fixed.csv"
        try fix.write(to: fixed)
        result = try Intake.run(["orders", "import", "--store", "acme-shopify", fixed, "--out", out + "-again", "--state", state, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let second = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(second?["orders_accepted"] as? Int == held)
        #expect(second?["line_items_held"] as? Int == 0)
    }
}

/// Policies, determinism and the bundle of a run.
@Suite struct RunOutputTests {
    func pipeline(in scratch: TemporaryDirectory, orders: String, policy: String) throws -> String {
        try scratch.acmeShopifyPipeline("policy", orders: [TestPaths.packageRoot.path + "/" + orders], tail: "policy:\n\(policy)\n")
    }

    @Test func aboveMaxErrorRateNothingIsPublished() throws {
        let scratch = try TemporaryDirectory()
        let path = try pipeline(in: scratch, orders: "Fixtures/bad/orders_invalid_quantity.csv", policy: "  max_error_rate: 0.01")
        let out = scratch.url.path + "/out"
        let result = try Intake.run(["run", path, "--state", scratch.url.path + "/s.sqlite", "--out", out, "--json"])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let runs = try Intake.run(["runs", "list", "--state", scratch.url.path + "/s.sqlite"]).stdoutText
        #expect(runs.contains("\taborted\t"))
        // Nothing was recorded: the same orders are not duplicates afterwards.
        let again = try Intake.run(["run", try pipeline(in: scratch, orders: "Fixtures/bad/orders_invalid_quantity.csv", policy: "  on_line_error: hold_order"),
                                    "--state", scratch.url.path + "/s.sqlite", "--out", out, "--json"])
        let summary = try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any]
        #expect(summary?["orders_duplicate"] as? Int == 0)
        #expect((summary?["orders_accepted"] as? Int ?? 0) > 0)
    }

    @Test func dropLinePublishesTheGoodLinesOfAnOrder() throws {
        let scratch = try TemporaryDirectory()
        let hold = try Intake.run(["run", try pipeline(in: scratch, orders: "Fixtures/bad/orders_invalid_quantity.csv", policy: "  on_line_error: hold_order"),
                                   "--state", scratch.url.path + "/a.sqlite", "--out", scratch.url.path + "/a", "--json"])
        let drop = try Intake.run(["run", try pipeline(in: scratch, orders: "Fixtures/bad/orders_invalid_quantity.csv", policy: "  on_line_error: drop_line"),
                                   "--state", scratch.url.path + "/b.sqlite", "--out", scratch.url.path + "/b", "--json"])
        let held = try JSONSerialization.jsonObject(with: hold.stdout) as? [String: Any]
        let dropped = try JSONSerialization.jsonObject(with: drop.stdout) as? [String: Any]
        #expect((held?["errors_by_code"] as? [String: Int])?["order_held"] != nil)
        #expect((dropped?["errors_by_code"] as? [String: Int])?["order_held"] == nil)
        #expect((dropped?["line_items_accepted"] as? Int ?? 0) > (held?["line_items_accepted"] as? Int ?? 0))
        for summary in [held, dropped] {
            let total = ["line_items_accepted", "line_items_held", "line_items_duplicate"].map { summary?[$0] as? Int ?? 0 }.reduce(0, +)
            #expect(total == summary?["rows_read"] as? Int)
        }
    }

    @Test func outputsAreDeterministicAndTheBundleMatchesItsManifest() throws {
        let scratch = try TemporaryDirectory()
        var outputs: [String] = []
        for name in ["a", "b"] {
            let out = scratch.url.path + "/" + name
            let result = try Intake.run(["run", "pipelines/demo.yml", "--state", scratch.url.path + "/\(name).sqlite", "--out", out, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(out)
        }
        for file in ["jobs.jsonl", "rejects.csv", "jobs/acme-shopify/%231001.json"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/" + file)) == Data(contentsOf: URL(fileURLWithPath: outputs[1] + "/" + file)), "\(file) differs")
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outputs[0] + "/manifest.json"))) as? [String: Any]
        let files = try #require(manifest?["files"] as? [[String: Any]])
        #expect(files.contains { $0["path"] as? String == "jobs.jsonl" })
        for entry in files {
            let path = outputs[0] + "/" + (entry["path"] as? String ?? "")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(entry["size"] as? Int == data.count)
            let hash = Process()
            hash.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            hash.arguments = [path]
            let pipe = Pipe()
            hash.standardOutput = pipe
            try hash.run()
            hash.waitUntilExit()
            let digest = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            #expect(entry["sha256"] as? String == String(digest))
        }
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        list.arguments = ["-tzf", outputs[0] + "/bundle.tar.gz"]
        let pipe = Pipe()
        list.standardOutput = pipe
        try list.run()
        list.waitUntilExit()
        let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(names.first == "manifest.json")
        #expect(Set(names) == Set(["manifest.json"] + files.compactMap { $0["path"] as? String }))
    }
}

/// One store per platform in one run: the right jobs, exactly once.
@Suite struct AllPlatformsTests {
    @Test func everyPlatformPublishesItsJobsOnce() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        let first = try Intake.run(["run", "pipelines/all-platforms.yml", "--state", state, "--out", scratch.url.path + "/one", "--json"])
        #expect(first.status == 1, "\(first.stderr)")  // the fixtures' planted errors
        let summary = try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == 30)
        #expect(summary?["errors_by_code"] as? [String: Int] == ["excel_mangled_value": 1, "missing_value": 1, "unknown_customer": 3])
        let jobs = try JobsFile(path: scratch.url.path + "/one/jobs.jsonl").jobs
        let stores = Set(jobs.compactMap { ($0["metadata"] as? [[String: Any]])?.first?["value"] as? String })
        #expect(stores == ["acme-shopify", "nordlys-woo", "nordlys-woo-custom", "acme-etsy", "acme-manual", "acme-b2b"])
        let customers = Dictionary(grouping: jobs, by: { ($0["metadata"] as? [[String: Any]])?.first?["value"] as? String ?? "" })
            .mapValues { Set($0.compactMap { $0["customerReferenceId"] as? String }) }
        #expect(customers["nordlys-woo"] == ["NORD-002"])
        #expect(customers["acme-etsy"] == ["ACME-001"])
        for job in jobs {
            let items = job["items"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty && items.allSatisfy { ($0["productUid"] as? String)?.isEmpty == false && ($0["files"] as? [Any])?.isEmpty == false })
            #expect(((job["shippingAddress"] as? [String: Any])?["country"] as? String)?.count == 2)
        }
        let second = try Intake.run(["run", "pipelines/all-platforms.yml", "--state", state, "--out", scratch.url.path + "/two", "--json"])
        let again = try JSONSerialization.jsonObject(with: second.stdout) as? [String: Any]
        #expect(again?["orders_accepted"] as? Int == 0)
        #expect(again?["orders_duplicate"] as? Int == 30)
    }
}

/// `validate --store` takes the store's platform and connections, and the catalog, from the state.
@Suite struct ValidateWithStateTests {
    @Test func theStoreAppliesAndNothingChanges() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        _ = try Intake.run(["run", "pipelines/demo.yml", "--state", state, "--out", scratch.url.path + "/out"])
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        var result = try Intake.run(["validate", "Fixtures/bad/orders_unknown_product.csv", "--state", state, "--store", "acme-shopify", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect((summary?["errors_by_code"] as? [String: Int])?["unknown_product"] != nil)
        result = try Intake.run(["validate", "Fixtures/woocommerce/orders_per_item.csv", "--state", state, "--store", "acme-shopify"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("woocommerce-orders") && result.stderr.contains("shopify"))
        result = try Intake.run(["validate", "Fixtures/shopify/orders_export_1.csv", "--state", state, "--store", "nope"])
        #expect(result.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before, "validate changed the state")
    }
}

/// `--rejects` on a command that publishes a folder: a copy of the folder's rejects.csv where asked.
@Suite struct RejectsCopyTests {
    @Test func ordersImportCopiesRejectsWhereAsked() throws {
        let scratch = try TemporaryDirectory()
        let state = scratch.url.path + "/state.sqlite"
        _ = try Intake.run(["run", "pipelines/bulk-connect.yml", "--state", state, "--out", scratch.url.path + "/connect"])
        let result = try Intake.run(["orders", "import", "--store", "acme-shopify", "Fixtures/bad/orders_invalid_email.csv",
                                     "--out", scratch.url.path + "/out", "--state", state, "--rejects", "-", "--quiet"])
        #expect(result.status == 1)
        let published = try Data(contentsOf: URL(fileURLWithPath: scratch.url.path + "/out/rejects.csv"))
        #expect(result.stdout == published)
        #expect(try Rejects(data: result.stdout).rows("invalid_email").count == 1)
    }
}

/// The ledger has no per-order key in SQLite: the run itself keeps every order once, across its stages and runs.
@Suite struct RepeatedOrdersTests {
    @Test func anOrderIsPublishedOnceAcrossStagesAndRuns() throws {
        let scratch = try TemporaryDirectory()
        let orders = TestPaths.packageRoot.path + "/Fixtures/shopify/orders_export_1.csv"
        let pipeline = try scratch.acmeShopifyPipeline("twice", orders: [orders, orders])
        let state = scratch.url.path + "/state.sqlite"
        var result = try Intake.run(["run", pipeline, "--state", state, "--out", scratch.url.path + "/out/first", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        var summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == 8)
        #expect(summary?["orders_duplicate"] as? Int == 8)
        #expect(try JobsFile(path: scratch.url.path + "/out/first/jobs.jsonl").jobs.count == 8)

        result = try Intake.run(["run", pipeline, "--state", state, "--out", scratch.url.path + "/out/second", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        summary = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(summary?["orders_accepted"] as? Int == 0)
        #expect(summary?["orders_duplicate"] as? Int == 16)
        let rejects = try String(contentsOfFile: scratch.url.path + "/out/second/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("was already published by an earlier run"))
    }

    /// Only accepted orders carry over to a later stage: a held order comes back in it as what it is (held again),
    /// not as a repeat; and the ledger records the accepted one once.
    @Test func aHeldOrderIsNoRepeatInALaterStage() throws {
        let scratch = try TemporaryDirectory()
        let orders = TestPaths.packageRoot.path + "/Fixtures/bad/orders_invalid_email.csv"
        let pipeline = try scratch.acmeShopifyPipeline("held", orders: [orders, orders])
        let state = scratch.url.path + "/state.sqlite"
        var result = try Intake.run(["run", pipeline, "--state", state, "--out", scratch.url.path + "/out/first", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        var summary = try Summary(result.stdout)
        #expect(summary.int("orders_accepted") == 1)
        #expect(summary.int("orders_held") == 2)
        #expect(summary.int("orders_duplicate") == 1)

        result = try Intake.run(["run", pipeline, "--state", state, "--out", scratch.url.path + "/out/second", "--json"])
        summary = try Summary(result.stdout)
        #expect(summary.int("orders_accepted") == 0)
        #expect(summary.int("orders_held") == 2)
        #expect(summary.int("orders_duplicate") == 2)
    }
}
