import Foundation
import IntakeTestSupport
import Testing

/// The `--json` summary and rejects.csv of a few fixtures, compared byte for byte with the files in `Golden/`.
///
/// `duration_ms` is set to 0 before comparing (it is the only value that varies, `run` is null for validate).
/// Re-record after an intended change with `INTAKE_RECORD_GOLDEN=1 swift test --filter GoldenTests`, then read
/// the diff.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["INTAKE_RECORD_GOLDEN"] == "1"

    static let fixtures = [
        "Fixtures/shopify/orders_export_1.csv",
        "Fixtures/bad/orders_missing_value.csv",
        "Fixtures/bad/orders_malformed.csv",
        "Fixtures/bad/connections_bad.csv",
    ]

    /// `"duration_ms" : 123` → `"duration_ms" : 0`.
    static func normalised(_ json: Data) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        let pattern = try! NSRegularExpression(pattern: #""duration_ms"\s*:\s*\d+"#)
        let range = NSRange(text.startIndex..., in: text)
        return Data(pattern.stringByReplacingMatches(in: text, range: range, withTemplate: #""duration_ms" : 0"#).utf8)
    }

    @Test(arguments: fixtures)
    func matchesGolden(_ fixture: String) throws {
        let scratch = try TemporaryDirectory()
        let rejectsURL = scratch.url.appendingPathComponent("rejects.csv")
        let result = try Intake.run(["validate", fixture] + Intake.referenceArguments + ["--rejects", rejectsURL.path, "--json"])
        #expect([0, 1].contains(result.status), "stderr: \(result.stderr)")
        let outputs: [(name: String, data: Data)] = [
            ("summary.json", Self.normalised(result.stdout)),
            ("rejects.csv", try Data(contentsOf: rejectsURL)),
        ]
        let stem = (fixture as NSString).lastPathComponent.replacingOccurrences(of: ".csv", with: "")
        for (name, data) in outputs {
            let golden = Self.directory.appendingPathComponent("\(stem).\(name)")
            if Self.recording {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try data.write(to: golden)
                continue
            }
            let expected = try #require(try? Data(contentsOf: golden), "no golden file \(golden.lastPathComponent); record it with INTAKE_RECORD_GOLDEN=1")
            #expect(data == expected, "\(golden.lastPathComponent) differs:\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// The same inputs give the same bytes (contract §5: deterministic apart from `run` and `duration_ms`).
    @Test func outputIsDeterministic() throws {
        let fixture = "Fixtures/bad/connections_bad.csv"
        let first = try Intake.run(["validate", fixture] + Intake.referenceArguments + ["--rejects", "-"])
        let second = try Intake.run(["validate", fixture] + Intake.referenceArguments + ["--rejects", "-"])
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    /// rejects.csv: the contract's header, CRLF after every record, formula cells neutralised with `'`.
    @Test func rejectsFileShape() throws {
        let golden = try Data(contentsOf: Self.directory.appendingPathComponent("orders_malformed.rejects.csv"))
        let text = String(decoding: golden, as: UTF8.self)
        #expect(text.hasPrefix("file,line,record,order,column,value,severity,code,message,hint\r\n"))
        #expect(text.hasSuffix("\r\n"))
        // Every LF belongs to a CRLF.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
