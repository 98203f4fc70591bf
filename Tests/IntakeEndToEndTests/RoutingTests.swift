import Foundation
import IntakeTestSupport
import Testing

/// `output.routes`: each job goes to the hot folder of the first route whose conditions it meets, exactly once.
@Suite struct RoutingTests {
    /// The routes of most tests: one per condition kind, in this order (first match wins).
    static let routes = """
          - { name: nordlys, to: hot/nordlys, when: { customer: NORD-002 } }
          - { name: apparel, to: hot/apparel, when: { category: apparel } }
          - { name: posters-nl, to: hot/posters, when: { product_uid_prefix: flat_product_, country: NL } }
          - { name: gb-shop, to: hot/gb, when: { store: acme-shopify, country: [GB, IE] } }
          - { name: rest, to: hot/other, default: true }
        """

    /// Where each route's orders go with `routes`: the WooCommerce store's customer first (6103 is apparel only,
    /// but the customer's route comes first), then the apparel-only Shopify orders, the Dutch poster, the British
    /// mug; the mixed orders (a T-shirt with a poster or a mug) go to the default route.
    static let expected: [String: [String]] = [
        "nordlys": ["6101", "6102", "6103", "6104"],
        "apparel": ["#1004", "#1007"],
        "posters": ["#1006"],
        "gb": ["#1002"],
        "other": ["#1001", "#1003", "#1005", "#1008"],
    ]

    /// Writes `routing.yml` in `scratch`: the fixtures' Shopify store (ACME-001) and WooCommerce store (NORD-002,
    /// one row per item: the full path), `output` as given.
    static func pipeline(in scratch: TemporaryDirectory, jobs: String = "both", routes: String? = RoutingTests.routes, extra: String = "",
                         orders: String = "Fixtures/shopify/orders_export_1.csv") throws -> String {
        let root = TestPaths.packageRoot.path
        var text = """
            name: routing
            catalog: \(root)/Fixtures/catalog.csv
            customers: \(root)/Fixtures/customers.csv
            stores:
              - { id: acme-shopify, customer: ACME-001, platform: shopify }
              - { id: nordlys-woo, customer: NORD-002, platform: woocommerce }
            stages:
              - connect: { store: acme-shopify, files: \(root)/Fixtures/shopify/products_connected.csv }
              - connect: { store: nordlys-woo, files: \(root)/Fixtures/woocommerce/products_connected_de.csv }
              - orders: { store: acme-shopify, files: \(root)/\(orders) }
              - orders: { store: nordlys-woo, files: \(root)/Fixtures/woocommerce/orders_per_item.csv }
            output:
              dir: out/{run}
              jobs: \(jobs)

            """
        if let routes { text += "  routes:\n" + routes.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n" }
        text += extra + "\n"
        let path = scratch.url.path + "/routing.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ pipeline: String, in scratch: TemporaryDirectory, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Intake.Result {
        try Intake.run(["run", pipeline, "--state", scratch.url.path + "/state.sqlite", "--quiet"] + extra, environment: environment)
    }

    /// The orders in each hot folder (by folder name), from the job files (`<store>/<order>.json`) and, separately,
    /// the `.jsonl` files' lines; hidden entries are listed apart.
    struct HotFolders {
        var files: [String: [String]] = [:]
        var lines: [String: [String]] = [:]
        var hidden: [String] = []
        var visibleFiles: [String] = []

        init(_ root: String) throws {
            let fileManager = FileManager.default
            guard fileManager.fileExists(atPath: root) else { return }
            for folder in try fileManager.contentsOfDirectory(atPath: root).sorted() {
                let path = root + "/" + folder
                guard let walker = fileManager.enumerator(atPath: path) else { continue }
                while let relative = walker.nextObject() as? String {
                    let full = path + "/" + relative
                    if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                        if !relative.contains("/") { hidden.append(folder + "/" + relative) }
                        continue
                    }
                    var isDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                    visibleFiles.append(folder + "/" + relative)
                    let data = try Data(contentsOf: URL(fileURLWithPath: full))
                    if relative.hasSuffix(".jsonl") {
                        for line in data.split(separator: UInt8(ascii: "\n")) {
                            let job = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], "\(full): not a job line")
                            lines[folder, default: []].append(job["orderReferenceId"] as? String ?? "?")
                        }
                    } else {
                        let job = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(full): not a whole job")
                        files[folder, default: []].append(job["orderReferenceId"] as? String ?? "?")
                    }
                }
            }
            for key in files.keys { files[key]?.sort() }
            for key in lines.keys { lines[key]?.sort() }
        }

        /// Every order delivered, with how many times, over all folders and both layouts.
        var deliveries: [String: Int] {
            var counts: [String: Int] = [:]
            for order in files.values.joined() { counts[order, default: 0] += 1 }
            return counts
        }
    }

    @Test func eachConditionKindRoutesItsJobsAndTheDefaultTakesTheRest() throws {
        let scratch = try TemporaryDirectory()
        let result = try Self.run(try Self.pipeline(in: scratch), in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let hot = try HotFolders(scratch.url.path + "/hot")
        #expect(hot.files == Self.expected)
        #expect(hot.lines == Self.expected)
        #expect(hot.hidden.isEmpty)
        // The run's own copy: routes/<name>/ holds what the folder received.
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out").first)
        let output = scratch.url.path + "/out/" + run
        for (route, folder) in [("nordlys", "nordlys"), ("apparel", "apparel"), ("posters-nl", "posters"), ("gb-shop", "gb"), ("rest", "other")] {
            let routed = try FileManager.default.subpathsOfDirectory(atPath: output + "/routes/" + route).sorted()
            let delivered = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.path + "/hot/" + folder).sorted()
            #expect(routed == delivered)
            #expect(routed.contains("\(route)-\(run).jsonl"))
            for file in routed where file.hasSuffix("json") || file.hasSuffix("jsonl") {
                #expect(FileManager.default.contents(atPath: output + "/routes/\(route)/" + file)
                        == FileManager.default.contents(atPath: scratch.url.path + "/hot/\(folder)/" + file), "\(route)/\(file)")
            }
        }
        // A routed job is the job of jobs/: the same bytes.
        #expect(FileManager.default.contents(atPath: output + "/routes/apparel/acme-shopify/%231004.json")
                == FileManager.default.contents(atPath: output + "/jobs/acme-shopify/%231004.json"))
    }

    @Test func theFirstRouteThatMatchesWins() throws {
        let scratch = try TemporaryDirectory()
        // #1007 (DE, a hoodie and a T-shirt) meets both; the country route comes first. #1001 (DE, mixed) meets only
        // the country route; #1004 (DK, a T-shirt) only the apparel route.
        let routes = """
              - { name: germany, to: hot/de, when: { country: DE } }
              - { name: apparel, to: hot/apparel, when: { category: apparel } }
              - { name: rest, to: hot/other, default: true }
            """
        let result = try Self.run(try Self.pipeline(in: scratch, jobs: "files", routes: routes), in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let hot = try HotFolders(scratch.url.path + "/hot")
        #expect(hot.files["de"] == ["#1001", "#1007", "6101"])
        #expect(hot.files["apparel"] == ["#1004", "6103"])
        #expect(hot.files["other"] == ["#1002", "#1003", "#1005", "#1006", "#1008", "6102", "6104"])
        #expect(hot.lines.isEmpty, "jobs: files delivers no .jsonl")
    }

    @Test(arguments: ["both", "jsonl"])
    func theFastLaneAndTheFullPathRouteAlike(jobs: String) throws {
        var delivered: [[String: [String]]] = []
        var bytes: [[String: Data]] = []
        for slow in [false, true] {
            let scratch = try TemporaryDirectory()
            let result = try Self.run(try Self.pipeline(in: scratch, jobs: jobs), in: scratch, environment: slow ? ["INTAKE_SLOW_PATH": "1"] : [:])
            #expect(result.status == 0, "\(result.stderr)")
            let hot = try HotFolders(scratch.url.path + "/hot")
            delivered.append(hot.lines)
            // Job files by name; each folder's `.jsonl` by folder (its name holds the run id).
            var contents: [String: Data] = [:]
            for file in hot.visibleFiles {
                let key = file.hasSuffix(".jsonl") ? String(file.prefix { $0 != "/" }) + "/*.jsonl" : file
                contents[key] = FileManager.default.contents(atPath: scratch.url.path + "/hot/" + file)
            }
            bytes.append(contents)
        }
        #expect(delivered[0] == Self.expected)
        #expect(delivered[0] == delivered[1])
        #expect(bytes[0].count == (jobs == "both" ? 17 : 5))
        #expect(bytes[0] == bytes[1])
    }

    @Test func theManifestListsEachRoutesJobs() throws {
        let scratch = try TemporaryDirectory()
        let result = try Self.run(try Self.pipeline(in: scratch, jobs: "files", extra: "  bundle: tar.gz"), in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out").first)
        let output = scratch.url.path + "/out/" + run
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json"))) as? [String: Any])
        let routes = try #require(manifest["routes"] as? [[String: Any]])
        #expect(routes.map { $0["name"] as? String } == ["nordlys", "apparel", "posters-nl", "gb-shop", "rest"])
        #expect(routes.map { $0["jobs"] as? Int } == [4, 2, 1, 1, 4])
        #expect(routes.map { $0["to"] as? String } == ["nordlys", "apparel", "posters", "gb", "other"].map { scratch.url.standardizedFileURL.path + "/hot/" + $0 })
        #expect(routes[1]["files"] as? [String] == ["routes/apparel/acme-shopify/%231004.json", "routes/apparel/acme-shopify/%231007.json"])
        // Every route's file is among the manifest's files, with its size and digest; routes.json says the same.
        let listed = Set((manifest["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        for route in routes {
            for file in route["files"] as? [String] ?? [] { #expect(listed.contains(file), "\(file)") }
        }
        #expect(listed.contains("routes.json"))
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/routes.json"))) as? [String: Any])
        #expect(NSArray(array: plan["routes"] as? [Any] ?? []) == NSArray(array: routes))
        #expect(plan["run"] as? String == run)
    }

    @Test func withoutRoutesTheOutputsAreAsBefore() throws {
        var jobs: [Data?] = []
        for routes in [nil, Self.routes] {
            let scratch = try TemporaryDirectory()
            let result = try Self.run(try Self.pipeline(in: scratch, jobs: "jsonl", routes: routes), in: scratch)
            #expect(result.status == 0, "\(result.stderr)")
            let run = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out").first)
            let output = scratch.url.path + "/out/" + run
            let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            #expect(files == (routes == nil ? ["jobs.jsonl", "rejects.csv", "summary.json"] : ["jobs.jsonl", "rejects.csv", "routes", "routes.json", "summary.json"]))
            jobs.append(FileManager.default.contents(atPath: output + "/jobs.jsonl"))
        }
        #expect(jobs[0] != nil && jobs[0] == jobs[1], "routing changes no job")
    }

    @Test func aFolderOnAnotherFileSystemGetsCopies() throws {
        // /dev/shm is a tmpfs where there is one: another file system than the scratch folder's, so no hard links.
        var shm = stat(), scratchStat = stat()
        let scratch = try TemporaryDirectory()
        guard stat("/dev/shm", &shm) == 0, stat(scratch.url.path, &scratchStat) == 0, shm.st_dev != scratchStat.st_dev else { return }
        let elsewhere = "/dev/shm/intake-e2e-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let routes = Self.routes.replacingOccurrences(of: "to: hot/other", with: "to: \(elsewhere)/other")
        let result = try Self.run(try Self.pipeline(in: scratch, routes: routes), in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let hot = try HotFolders(elsewhere)
        #expect(hot.files["other"] == Self.expected["other"])
        #expect(hot.lines["other"] == Self.expected["other"])
        #expect(hot.hidden.isEmpty)
        var file = stat()
        #expect(stat(elsewhere + "/other/acme-shopify/%231001.json", &file) == 0 && file.st_nlink == 1, "a copy, not a link")
    }

    @Test func aRerunDeliversNothingAgain() throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try Self.pipeline(in: scratch)
        #expect(try Self.run(pipeline, in: scratch).status == 0)
        let first = try HotFolders(scratch.url.path + "/hot")
        let second = try Self.run(pipeline, in: scratch)
        #expect(second.status == 0, "every order a duplicate_order warning: \(second.stderr)")
        let again = try HotFolders(scratch.url.path + "/hot")
        #expect(again.visibleFiles == first.visibleFiles)
        #expect(again.deliveries.values.allSatisfy { $0 == 1 } && again.deliveries.count == 12)
        #expect(again.hidden.isEmpty)
    }

    @Test func aDryRunOrAnAbortedRunDeliversNothing() throws {
        let scratch = try TemporaryDirectory()
        let dry = try Self.run(try Self.pipeline(in: scratch), in: scratch, ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/hot"))
        let aborted = try Self.run(
            try Self.pipeline(in: scratch, extra: "policy:\n  max_error_rate: 0", orders: "Fixtures/bad/orders_invalid_quantity.csv"), in: scratch)
        #expect(aborted.status == 4, "\(aborted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/hot"))
    }

    @Test func aFolderThatCannotBeWrittenPublishesNothing() throws {
        let scratch = try TemporaryDirectory()
        // A file where the apparel folder should be: its staging folder cannot be made.
        try Data("not a folder\n".utf8).write(to: scratch.url.appendingPathComponent("blocked"))
        let routes = Self.routes.replacingOccurrences(of: "to: hot/apparel", with: "to: blocked/apparel")
        let pipeline = try Self.pipeline(in: scratch, routes: routes)
        let result = try Self.run(pipeline, in: scratch)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("blocked/apparel"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/out").filter { !$0.hasPrefix(".") }.isEmpty)
        let hot = try HotFolders(scratch.url.path + "/hot")
        #expect(hot.visibleFiles.isEmpty && hot.hidden.isEmpty, "\(hot.visibleFiles) \(hot.hidden)")
        // Nothing was recorded: with the folder there, the next run delivers every order.
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("blocked"))
        #expect(try Self.run(pipeline, in: scratch).status == 0)
        #expect(try HotFolders(scratch.url.path + "/blocked").files["apparel"] == ["#1004", "#1007"])
    }

    /// SIGKILL while staging, after the ledger, after the rename, and after the first job was moved in: the
    /// folders never hold a half-written job, and the next run leaves every order delivered exactly once.
    @Test(arguments: ["route.staged-one", "publish.after-ledger", "publish.after-rename", "route.moved-one"])
    func aKilledRunIsFinishedOrUndoneByTheNext(fault: String) throws {
        let scratch = try TemporaryDirectory()
        let pipeline = try Self.pipeline(in: scratch)
        let killed = try Self.run(pipeline, in: scratch, environment: ["INTAKE_FAULT": fault])
        #expect(killed.status == SIGKILL, "the run should have been killed: \(killed.stderr)")
        let meanwhile = try HotFolders(scratch.url.path + "/hot")  // every visible file parses as a whole job
        if fault == "route.staged-one" || fault == "publish.after-ledger" {
            #expect(meanwhile.visibleFiles.isEmpty, "nothing is delivered before the run is published: \(meanwhile.visibleFiles)")
        }
        let next = try Self.run(pipeline, in: scratch)
        #expect(next.status == 0, "\(next.stderr)")
        let hot = try HotFolders(scratch.url.path + "/hot")
        #expect(hot.files == Self.expected)
        #expect(hot.lines == Self.expected)
        #expect(hot.hidden.isEmpty, "staging folders left: \(hot.hidden)")
        let runs = try Intake.run(["runs", "list", "--state", scratch.url.path + "/state.sqlite"]).stdoutText
        #expect(!runs.contains("\tpublishing\t"), "\(runs)")
    }
}

/// `pipelines/routing.yml` runs as shipped, on the fixtures, with its hot folders under `out/` beside it.
@Suite struct ShippedRoutingPipelineTests {
    @Test func runsAsShipped() throws {
        let scratch = try TemporaryDirectory()
        // The pipeline's `../Fixtures` and `../out` resolve inside the scratch folder, so the run writes nothing
        // into the checkout.
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("pipelines"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("pipelines/routing.yml"),
                                         to: scratch.url.appendingPathComponent("pipelines/routing.yml"))
        try FileManager.default.createSymbolicLink(at: scratch.url.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: TestPaths.packageRoot.appendingPathComponent("Fixtures"))
        let result = try Intake.run(["run", "pipelines/routing.yml", "--json"], workingDirectory: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let hot = try RoutingTests.HotFolders(scratch.url.path + "/out/hotfolders")
        #expect(hot.deliveries.count == 12 && hot.deliveries.values.allSatisfy { $0 == 1 }, "\(hot.files)")
        #expect(hot.files.keys.sorted() == ["apparel", "mixed", "mugs-uk", "nordlys", "posters-benelux"])
        #expect(hot.hidden.isEmpty)
    }
}
