import Foundation
import IntakeCSV
import IntakeTestSupport
import Testing

/// Runs the built `intake` binary, the way an operator or a script does.
///
/// The binary is found, in order: `INTAKE_BIN`; beside the test bundle (the same build and scratch path as
/// the tests: `swift test` builds every product, so `.build/debug/intake` for a plain `swift test`,
/// `.build-e2e/debug/intake` with `--scratch-path .build-e2e`); `<packageRoot>/.build/debug/intake`;
/// `<packageRoot>/.build-e2e/debug/intake`. Tests never build it themselves.
enum Intake {
    /// What one run of the binary did.
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The binary, or `nil` when none was found (tests then fail with `#require`).
    static let binary: URL? = {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["INTAKE_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("intake"))
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("intake"))
        }
        for scratch in [".build", ".build-e2e"] {
            candidates.append(TestPaths.packageRoot.appendingPathComponent("\(scratch)/debug/intake"))
        }
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `intake arguments...` in the package root (so fixture paths in outputs are relative and stable).
    /// - Parameters:
    ///   - arguments: the arguments after `intake`.
    ///   - stdin: a file whose contents go to standard input (standard input is empty otherwise).
    ///   - environment: variables added to the test's own (`INTAKE_LANG` is `en` unless given: outputs do not
    ///     change with the locale of the machine the tests run on).
    ///   - workingDirectory: where to run it instead of the package root.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], workingDirectory: URL? = nil) throws -> Result {
        let binary = try #require(Intake.binary, "no intake binary: build it (swift build) or set INTAKE_BIN")
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["INTAKE_LANG": "en"].merging(environment) { $1 }) { $1 }
        process.currentDirectoryURL = workingDirectory ?? TestPaths.packageRoot
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdin, relativeTo: TestPaths.packageRoot))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Starts `intake arguments...` without waiting for it, its standard output going to the file `stdout` (made
    /// empty first) and its standard error to `stderr` (discarded when nil): for tests that run two at once or
    /// act on a run while it works.
    static func start(_ arguments: [String], stdout: URL, stderr: Pipe? = nil) throws -> Process {
        let binary = try #require(Intake.binary, "no intake binary: build it (swift build) or set INTAKE_BIN")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["INTAKE_LANG": "en"]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The reference data every fixture is checked against.
    static let referenceArguments = [
        "--catalog", "Fixtures/catalog.csv", "--connections", "Fixtures/shopify/products_connected.csv",
    ]

    /// Runs `intake validate inputs... --catalog ... --connections ... --rejects <tmp> extra...` and reads the
    /// rejects file back.
    static func validate(_ inputs: [String], _ extra: [String] = [], stdin: String? = nil) throws -> (Result, Rejects) {
        let scratch = try TemporaryDirectory()
        let rejectsURL = scratch.url.appendingPathComponent("rejects.csv")
        let result = try run(["validate"] + inputs + referenceArguments + ["--rejects", rejectsURL.path] + extra, stdin: stdin)
        let rejects = try Rejects(data: Data(contentsOf: rejectsURL))
        return (result, rejects)
    }
}

/// A directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

extension TemporaryDirectory {
    /// Writes `<name>.yml` here: the fixtures' catalog and customers, the store `acme-shopify` connected with
    /// `Fixtures/shopify/products_connected.csv`, one orders stage per file of `orders` (absolute paths), then
    /// `tail` (more top-level YAML); returns its path.
    func acmeShopifyPipeline(_ name: String, orders: [String], tail: String = "") throws -> String {
        let root = TestPaths.packageRoot.path
        var lines = [
            "name: \(name)", "catalog: \(root)/Fixtures/catalog.csv", "customers: \(root)/Fixtures/customers.csv", "stores:",
            "  - { id: acme-shopify, customer: ACME-001, platform: shopify }", "stages:",
            "  - connect: { store: acme-shopify, files: \(root)/Fixtures/shopify/products_connected.csv }",
        ]
        lines += orders.map { "  - orders: { store: acme-shopify, files: \($0) }" }
        let path = url.appendingPathComponent("\(name).yml").path
        try (lines.joined(separator: "\n") + "\n" + tail).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Generates `data/` here with `../shared/bench/gen_dataset.py` (`orders` orders, 300 products; once) and
    /// `customers.csv`, and writes `<name>.yml`: the bench's nightly job (catalog, connect, orders) with `state`
    /// and `output` (relative to this directory or absolute) and `jobs`; returns its path.
    func benchPipeline(_ name: String, orders: Int, state: String = "state.sqlite", output: String = "out", jobs: String = "jsonl") throws -> String {
        let data = url.appendingPathComponent("data").path
        if !FileManager.default.fileExists(atPath: data) {
            let generator = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/gen_dataset.py").path
            try #require(FileManager.default.fileExists(atPath: generator), "needs ../shared/bench/gen_dataset.py")
            let generate = Process()
            generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            generate.arguments = ["python3", generator, data, "--orders", "\(orders)", "--products", "300"]
            try generate.run()
            generate.waitUntilExit()
            try #require(generate.terminationStatus == 0)
            try "Name,Customer Reference ID\nBench Shop,BENCH-1\n".write(
                toFile: url.appendingPathComponent("customers.csv").path, atomically: true, encoding: .utf8)
        }
        let path = url.appendingPathComponent("\(name).yml").path
        try """
            name: \(name)
            state: \(state)
            catalog: data/catalog.csv
            stores:
              - { id: bench-shop, customer: BENCH-1, platform: shopify }
            customers: customers.csv
            stages:
              - connect: { store: bench-shop, files: data/shopify_products_mapped.csv }
              - orders: { store: bench-shop, files: data/shopify_orders.csv }
            output:
              dir: \(output)/{run}
              jobs: \(jobs)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A `rejects.csv`, parsed with the project's own reader.
struct Rejects {
    /// One row: the contract's columns (§5), as strings.
    struct Row: Equatable, CustomStringConvertible {
        var file, line, record, order, column, value, severity, code, message, hint: String

        var description: String { "\(code)@\(file):\(line)/\(record)[\(column)]" }
    }

    static let header = ["file", "line", "record", "order", "column", "value", "severity", "code", "message", "hint"]

    var header: [String]
    var rows: [Row]

    init(data: Data) throws {
        let reader = try CSVReader(source: MemoryByteSource([UInt8](data)))
        guard try reader.next() else {
            header = []
            rows = []
            return
        }
        header = reader.strings()
        var rows: [Row] = []
        while try reader.next() {
            #expect(reader.problem == nil, "rejects.csv record \(reader.recordNumber) is not well-formed CSV")
            var cells = reader.strings()
            #expect(cells.count == Self.header.count, "rejects.csv record \(reader.recordNumber) has \(cells.count) fields")
            cells += Array(repeating: "", count: max(0, Self.header.count - cells.count))
            rows.append(
                Row(file: cells[0], line: cells[1], record: cells[2], order: cells[3], column: cells[4], value: cells[5],
                    severity: cells[6], code: cells[7], message: cells[8], hint: cells[9]))
        }
        self.rows = rows
    }

    /// The rows of `code`.
    func rows(_ code: String) -> [Row] { rows.filter { $0.code == code } }
}

/// The `--json` summary, parsed.
struct Summary {
    let object: [String: Any]

    init(_ data: Data) throws {
        object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "the --json output is not a JSON object")
    }

    func int(_ key: String) -> Int? { object[key] as? Int }
    func counts(_ key: String) -> [String: Int] { object[key] as? [String: Int] ?? [:] }
    var files: [[String: Any]] { object["files"] as? [[String: Any]] ?? [] }
    var notes: [String] { object["warnings"] as? [String] ?? [] }
}
