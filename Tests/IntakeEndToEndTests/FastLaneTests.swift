import Foundation
import IntakeTestSupport
import Testing

/// The fast lane of Shopify orders (bytes in, job JSON out, on two threads) against the full path
/// (`INTAKE_SLOW_PATH=1`): on an export full of the problems real exports have, every output file is the same,
/// byte for byte.
@Suite(.serialized) struct FastLaneTests {
    /// A Shopify orders export made from the fixture's rows with damage of every kind the checks know.
    static func export(orders: Int, seed: UInt64) throws -> String {
        let template = try Table(path: TestPaths.fixture("shopify/orders_export_1.csv"))
        let column = Dictionary(template.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func index(_ name: String) throws -> Int { try #require(column[name], "the fixture has no \(name) column") }
        let name = try index("Name"), quantity = try index("Lineitem quantity"), sku = try index("Lineitem sku")
        let lineName = try index("Lineitem name"), email = try index("Email"), method = try index("Shipping Method")
        let shipName = try index("Shipping Name"), address1 = try index("Shipping Address1"), address2 = try index("Shipping Address2")
        let company = try index("Shipping Company"), city = try index("Shipping City"), zip = try index("Shipping Zip")
        let province = try index("Shipping Province"), country = try index("Shipping Country"), currency = try index("Currency")
        let orderLevel = Set(template.header.indices).subtracting([name, quantity, sku, lineName, try index("Lineitem price")])
        let firstRows = template.rows.filter { !$0[email].isEmpty && !$0[country].isEmpty }
        var random = SplitMix64(seed: seed)
        var rows: [[String]] = []
        var names: [String] = []
        for number in 0..<orders {
            var first = random.pick(firstRows)
            var reference = "#\(5000 + number)"
            if random.chance(2), let earlier = names.last(where: { _ in random.chance(30) }) { reference = earlier }  // comes again
            if random.chance(1) { reference = "" }
            if random.chance(1) { reference = " \(reference) " }
            // The same reference written precomposed on one row and decomposed on the next (equal as `String`s).
            if random.chance(1) { reference = "#\(5000 + number)é" }
            names.append(reference)
            first[name] = reference
            if random.chance(3) { first[quantity] = random.pick(["0", "1.5", " 3 ", "abc", "", "0007", "1000001", "+2", "٣", "2\u{301}"]) }
            if random.chance(3) { first[country] = random.pick(["XX", "", "de", "Germany", "US", "GB", " de ", "DE\u{301}", "Deutschland"]) }
            if random.chance(3) { first[zip] = random.pick(["'01234", "", "1234", "'", "'\u{301}1", " 80331 ", "SW1A 1AA"]) }
            if random.chance(3) {
                first[email] = random.pick(["bad", "", "a@b.co", "x y@z.de", "ops@acme-prints.example.com", "Zoë@exämple.de", "a@b.c\u{301}om"])
            }
            if random.chance(3) { first[sku] = random.pick(["", "UNKNOWN-1", "1.23E+11", " \(first[sku]) ", first[sku] + "\u{301}", "ＳＫＵ"]) }
            if random.chance(3) {
                first[shipName] = random.pick(["\u{301}Anna Müller", "Anna\u{a0}Müller", "Cher", "Dr. Maximiliane Wolkenkuckucksheim-Sonnenberg", "Zoë \"Zee\" Ölund", "'=cmd", "A\tB C", "  Anna   Maria  ",
                                            "Anna \u{301}Müller"])
            }
            if random.chance(2) { first[address1] = random.pick(["", String(repeating: "Lange Straße ", count: 4), "=1+1"]) }
            if random.chance(2) { first[address2] = random.pick(["back\\slash", "line\nbreak", "c:\\temp \"q\""]) }
            if random.chance(2) { first[company] = random.pick(["Tab\tCo", "@home", "'quoted'", "-5"]) }
            if random.chance(3) { first[method] = random.pick(["Express", "DHL EXPRESS", "Exprèss", "express delivery", "Standard"]) }
            if random.chance(2) { first[province] = "" }
            if random.chance(1) { first[city] = "" }
            if random.chance(1) { first[currency] = random.pick(["€\u{7}", "eur", "E\u{301}UR"]) }
            if random.chance(2) { first[city] = random.pick(["São Paulo", "Sa\u{303}o Paulo", "\u{301}Köln"]) }
            rows.append(first)
            for _ in 0..<random.below(3) {
                var line = random.pick(template.rows)
                for index in orderLevel { line[index] = "" }
                line[name] = reference
                // The next row of a decomposed-accent order carries the precomposed form.
                if reference.hasSuffix("é") { line[name] = String(reference.dropLast()) + "e\u{301}" }
                if random.chance(5) { line[quantity] = random.pick(["-1", "", "2"]) }
                if random.chance(5) { line[sku] = random.pick(["", "NOPE", line[sku]]) }
                if random.chance(3) { line[lineName] = "" }
                rows.append(line)
            }
        }
        var text = ""
        func quoted(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || random.chance(1)
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        text += template.header.map(quoted).joined(separator: ",") + "\r\n"
        for row in rows {
            var cells = row.map(quoted)
            if random.chance(1) { cells.removeLast() }  // wrong_field_count
            text += cells.joined(separator: ",") + "\r\n"
            if random.chance(1) { text += "\r\n" }  // a blank line
        }
        return text
    }

    /// Runs the pipeline both ways and compares every file.
    @Test(arguments: [(UInt64(1), "jsonl"), (UInt64(2), "both"), (UInt64(3), "jsonl")])
    func theFastLaneWritesWhatTheFullPathWrites(seed: UInt64, jobs: String) throws {
        let scratch = try TemporaryDirectory()
        let exportPath = scratch.url.appendingPathComponent("orders_export_1.csv").path
        try Self.export(orders: 400, seed: seed).write(toFile: exportPath, atomically: true, encoding: .utf8)
        let pipelinePath = try scratch.acmeShopifyPipeline("lane", orders: [exportPath], tail: "output:\n  jobs: \(jobs)\n")
        let outputs = try Self.runBothWays(pipelinePath, in: scratch, expecting: 1)
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for (path, fast) in outputs[0] {
            #expect(fast == outputs[1][path], "\(path) differs between the fast lane and the full path")
        }
        let summary = try Summary(try #require(outputs[0]["summary.json"]))
        #expect((summary.int("orders_accepted") ?? 0) > 150)
        #expect((summary.int("orders_held") ?? 0) > 30)
        #expect((summary.int("orders_duplicate") ?? 0) > 0)
        if jobs == "both" { #expect(outputs[0].keys.contains { $0.hasPrefix("jobs/acme-shopify/") }) }

        // `validate` too: its rejects and its summary.
        var validated: [(Data, Data)] = []
        for slow in ["0", "1"] {
            let rejects = scratch.url.appendingPathComponent("validate-\(slow).csv").path
            let result = try Intake.run(["validate", exportPath] + Intake.referenceArguments + ["--rejects", rejects, "--json"],
                                        environment: ["INTAKE_SLOW_PATH": slow])
            #expect(result.status == 1, "\(result.stderr)")
            validated.append((try Data(contentsOf: URL(fileURLWithPath: rejects)), Self.withoutTimings(result.stdout)))
        }
        #expect(validated[0].0 == validated[1].0)
        #expect(validated[0].1 == validated[1].1)
    }

    /// An archive entry whose name the `source` metadata cuts to its last 100 characters, which here are clusters
    /// of many bytes (a letter with 30 combining accents each; a file system would refuse such a name, an archive
    /// holds it): the job lines written in place in `jobs.jsonl` reserve room by bytes, and both paths write the
    /// same files.
    @Test func anEntryNameOfLongCharactersIsWrittenAsTheFullPathWritesIt() throws {
        let scratch = try TemporaryDirectory()
        let cluster = "e" + String(repeating: "\u{301}", count: 30)
        let entryName = "orders " + String(repeating: cluster, count: 60) + ".csv"
        let plain = scratch.url.appendingPathComponent("orders.csv").path
        try Self.export(orders: 60, seed: 5).write(toFile: plain, atomically: true, encoding: .utf8)
        let archive = scratch.url.appendingPathComponent("export.tar").path
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-cf", archive, "-C", scratch.url.path, "--transform", "s/.*/\(entryName)/", "orders.csv"]
        try tar.run()
        tar.waitUntilExit()
        try #require(tar.terminationStatus == 0)
        let pipelinePath = try scratch.acmeShopifyPipeline("long-name", orders: [archive])
        let outputs = try Self.runBothWays(pipelinePath, in: scratch, expecting: 1)
        #expect(outputs[0] == outputs[1])
        let jobs = String(decoding: try #require(outputs[0]["jobs.jsonl"]), as: UTF8.self)
        #expect(jobs.contains(cluster + cluster))
    }

    /// An export cut off inside a gzip stream: both paths hold the order in hand, report `corrupt_archive`, and
    /// publish the same files.
    @Test func anExportCutOffMidwayEndsTheSameOnBothPaths() throws {
        let scratch = try TemporaryDirectory()
        let plain = scratch.url.appendingPathComponent("orders_export_1.csv").path
        try Self.export(orders: 300, seed: 7).write(toFile: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-9", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let cut = scratch.url.appendingPathComponent("orders_export_1.csv.gz").path
        try compressed.prefix(compressed.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
        let pipelinePath = try scratch.acmeShopifyPipeline("cut", orders: [cut])
        let outputs = try Self.runBothWays(pipelinePath, in: scratch, expecting: 3)
        #expect(outputs[0] == outputs[1])
        let rejects = try Rejects(data: try #require(outputs[0]["rejects.csv"]))
        #expect(rejects.rows("corrupt_archive").count == 1)
        let summary = try Summary(try #require(outputs[0]["summary.json"]))
        #expect((summary.int("orders_accepted") ?? 0) > 50)
    }

    /// Runs the pipeline with the fast lane, then with the full path, each on a fresh state; the files each
    /// published. The fast lane runs twice, its address checks on the reading thread and then on the output thread
    /// (`INTAKE_ADDRESS_CHECKS`; a run picks batch by batch): both must publish the same files.
    static func runBothWays(_ pipelinePath: String, in scratch: TemporaryDirectory, expecting status: Int32) throws -> [[String: Data]] {
        let runs = try [("lane", "0"), ("lane", "1"), ("output", "0")].map { checks, slow in
            let out = scratch.url.appendingPathComponent("out-\(checks)-\(slow)").path
            let state = scratch.url.appendingPathComponent("state-\(checks)-\(slow).sqlite").path
            let result = try Intake.run(["run", pipelinePath, "--state", state, "--out", out],
                                        environment: ["INTAKE_SLOW_PATH": slow, "INTAKE_ADDRESS_CHECKS": checks])
            #expect(result.status == status, "\(result.stderr)")
            return try files(in: out)
        }
        #expect(runs[0].keys.sorted() == runs[2].keys.sorted())
        for (path, laneChecked) in runs[0] {
            #expect(laneChecked == runs[2][path], "\(path) differs between address checks on the reading and on the output thread")
        }
        return Array(runs.prefix(2))
    }

    /// Every file under `directory` by relative path; `summary.json` without its run id and duration.
    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            files[relative] = relative == "summary.json" ? withoutTimings(data) : data
        }
        return files
    }

    static func withoutTimings(_ data: Data) -> Data {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return Data(lines.filter { !$0.contains("\"duration_ms\"") && !$0.contains("\"run\"") }.joined(separator: "\n").utf8)
    }
}
