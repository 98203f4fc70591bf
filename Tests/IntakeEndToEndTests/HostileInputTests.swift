import Foundation
import IntakeTestSupport
import Testing

/// Inputs built to break a reader (issue 6): each ends in a clear, located code and a documented exit status,
/// never a crash, a hang or unbounded memory. Archives' hostile entries (zip-slip, absolute paths, links,
/// devices, bombs, nesting) are `InputReaderProblemTests`'; encodings (UTF-16 without a BOM) `IssueCodeTests`'.
@Suite struct HostileInputTests {
    static let header = "Name,Email,Financial Status,Lineitem quantity,Lineitem name,Lineitem sku,Shipping Name,"
        + "Shipping Address1,Shipping City,Shipping Zip,Shipping Province,Shipping Country\n"

    static func row(_ reference: String, email: String = "ann@example.com", name: String = "Tee") -> String {
        "\(reference),\(email),paid,1,\(name),ACME-SOF-TEE-M-WHT,Ann Lee,1 Main St,Berlin,10115,,DE\n"
    }

    /// Writes `bytes` to a file of a fresh directory and validates it against the fixtures.
    func validate(_ bytes: [UInt8], name: String = "orders.csv") throws -> (Intake.Result, Rejects, TemporaryDirectory) {
        let scratch = try TemporaryDirectory()
        let path = scratch.url.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let (result, rejects) = try Intake.validate([path])
        return (result, rejects, scratch)
    }

    @Test func aHeaderOfOnlyDelimitersIsNoKnownKind() throws {
        let (result, rejects, _) = try validate(Array((",,,,,,,,,,,\n" + Self.row("#1001")).utf8))
        #expect(result.status == 3)
        #expect(rejects.rows.map(\.code) == ["unrecognized_format"])
    }

    /// 100,000 columns: past the reader's 16,384 fields the header is no header of any kind; the table of fields
    /// never grows past that bound.
    @Test func aHundredThousandColumnsAreNoKnownKind() throws {
        let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n"
        let (result, rejects, _) = try validate(Array((header + String(repeating: "x,", count: 99_999) + "x\n").utf8))
        #expect(result.status == 3)
        #expect(rejects.rows.map(\.code) == ["unrecognized_format"])
    }

    /// A file of NUL bytes (a disk image, a sparse file) is no CSV; a NUL inside a cell is data, which the
    /// checks of its column judge.
    @Test func nulBytesAreNoFileAndBadData() throws {
        let (zeros, zeroRejects, _) = try validate([UInt8](repeating: 0, count: 100_000))
        #expect(zeros.status == 3)
        #expect(zeroRejects.rows.map(\.code) == ["unrecognized_format"])
        let (result, rejects, _) = try validate(Array((Self.header + Self.row("#1001", email: "ann@exa\u{0}mple.com")).utf8))
        #expect(result.status == 1)
        #expect(rejects.rows("invalid_email").map(\.line) == ["2"])
    }

    /// Invalid UTF-8 far into a file that starts as UTF-8 (past the sample the encoding is decided on): the row
    /// and column are named, and every other row is read.
    @Test func invalidUTF8MidFileIsLocated() throws {
        var text = Self.header
        for number in 0..<2_000 { text += Self.row("#\(10_000 + number)") }
        var bytes = Array(text.utf8)
        bytes += Array(Self.row("#99999", name: "T\u{1}e").utf8).map { $0 == 0x01 ? 0xFF : $0 }
        bytes += Array(Self.row("#99998").utf8)
        #expect(bytes.count > 128 << 10)
        let (result, rejects, _) = try validate(bytes)
        #expect(result.status == 1)
        let rows = rejects.rows("encoding_error")
        #expect(rows.map(\.line) == ["2002"])
        #expect(rows.map(\.column) == ["Lineitem name"])
    }

    /// A 100 MB field: its row is past the 16 MiB record limit and rejected (`malformed_row`), the next row is read,
    /// and memory stays bounded by the limit, not the field.
    @Test func aHundredMegabyteFieldRejectsItsRowOnly() throws {
        var bytes = Array((Self.header + "#1001,ann@example.com,paid,1,").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
        bytes += Array((",ACME-SOF-TEE-M-WHT,Ann Lee,1 Main St,Berlin,10115,,DE\n" + Self.row("#1002")).utf8)
        let (result, rejects, _) = try validate(bytes)
        #expect(result.status == 1)
        #expect(rejects.rows.map(\.code) == ["malformed_row"])
        #expect(rejects.rows.first?.line == "2")
        #expect(rejects.rows.first?.message.contains("16777216") == true)
    }

    /// `--rejects` naming an input (as given, through a symbolic link, or the catalog) is refused before anything
    /// is read or written: the input stays as it was.
    @Test func theRejectsFileNeverOverwritesAnInput() throws {
        let scratch = try TemporaryDirectory()
        let input = scratch.url.appendingPathComponent("orders.csv").path
        let original = Array((Self.header + Self.row("#1001", email: "not-an-address")).utf8)
        #expect(FileManager.default.createFile(atPath: input, contents: Data(original)))
        let link = scratch.url.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        for rejects in [input, link] {
            let result = try Intake.run(["validate", input, "--rejects", rejects])
            #expect(result.status == 2)
            #expect(result.stderr.contains("refusing to overwrite"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == Data(original))
        }
        let catalog = scratch.url.appendingPathComponent("catalog.csv").path
        try FileManager.default.copyItem(atPath: TestPaths.fixture("catalog.csv"), toPath: catalog)
        let before = try Data(contentsOf: URL(fileURLWithPath: catalog))
        let result = try Intake.run(["validate", input, "--catalog", catalog, "--rejects", catalog])
        #expect(result.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: catalog)) == before)
    }

    /// A file cut short while it is read (another process truncating it): the reader sees the end where the file
    /// now ends; no crash (files are read, never mapped: no SIGBUS), a status of the contract, every row it did
    /// read accounted for.
    @Test func aFileCutWhileItIsReadEndsWhereTheFileNowEnds() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.url.appendingPathComponent("orders.csv").path
        var text = Self.header
        text.reserveCapacity(64 << 20)
        for number in 0..<600_000 { text += Self.row("#\(100_000 + number / 2)") }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let output = scratch.url.appendingPathComponent("summary.json")
        let errors = Pipe()
        let process = try Intake.start(["validate", path, "--json", "--quiet"], stdout: output, stderr: errors)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(truncate(path, 5 << 20) == 0)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect([0, 1, 3].contains(process.terminationStatus), "exit \(process.terminationStatus): \(stderr)")
        #expect(!stderr.contains("internal error"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect((summary["rows_read"] as? Int ?? 0) > 0)
    }

    /// Every input a fuzz target ever failed on (`Tests/Fuzz/Findings/`, kept by `make fuzz`, which replays them
    /// under AddressSanitizer) still validates to a status of the contract, in plain builds too.
    @Test func theFuzzersFindingsStayFixed() throws {
        let findings = TestPaths.packageRoot.appendingPathComponent("Tests/Fuzz/Findings")
        let targets = try FileManager.default.contentsOfDirectory(atPath: findings.path).sorted()
        var replayed = 0
        for target in targets {
            for name in try FileManager.default.contentsOfDirectory(atPath: findings.appendingPathComponent(target).path).sorted() {
                let path = findings.appendingPathComponent("\(target)/\(name)").path
                let (result, _) = try Intake.validate([path])
                #expect((0...3).contains(result.status), "\(target)/\(name): exit \(result.status): \(result.stderr)")
                replayed += 1
            }
        }
        #expect(replayed > 0)
    }
}
