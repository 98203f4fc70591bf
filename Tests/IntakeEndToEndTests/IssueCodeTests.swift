import Foundation
import IntakeTestSupport
import Testing

/// One fixture run: the fixture, the exit code it must give, and every row its rejects.csv must hold.
struct IssueCase: CustomTestStringConvertible, Sendable {
    /// An expected rejects.csv row: code, file, line, record, column ("" = empty cell).
    struct Expected: Equatable, Sendable, CustomStringConvertible {
        var code: String
        var file: String
        var line: String
        var record: String
        var column: String

        var description: String { "\(code)@\(file):\(line)/\(record)[\(column)]" }
    }

    /// What the case is about (the issue code it proves).
    var name: String
    var inputs: [String]
    var extra: [String] = []
    var exit: Int32
    var expected: [Expected]

    var testDescription: String { "\(name): \(inputs.joined(separator: " ")) \(extra.joined(separator: " "))" }

    init(_ name: String, _ input: String, _ extra: [String] = [], exit: Int32, _ rows: [(String, String, String, String)], file: String? = nil) {
        self.name = name
        self.inputs = [input]
        self.extra = extra
        self.exit = exit
        self.expected = rows.map { Expected(code: $0.0, file: file ?? input, line: $0.1, record: $0.2, column: $0.3) }
    }

    init(_ name: String, _ input: String, _ extra: [String] = [], exit: Int32, rows: [Expected]) {
        self.name = name
        self.inputs = [input]
        self.extra = extra
        self.exit = exit
        self.expected = rows
    }
}

/// Every issue code of contract §6 that `validate` can raise for these kinds, each proved by a fixture: the exit
/// code, and the complete rejects.csv (code, file, line, record, column of every row, in order). A fixture
/// triggers exactly its code (plus `order_held` on the other lines of a held order, and the missing columns of
/// the 4-column CSVs inside the archive fixtures).
@Suite struct IssueCodeTests {
    static let bad = "Fixtures/bad/"
    static let archives = "Fixtures/archives/"

    /// The codes the archive fixtures' 4-column CSVs miss as shopify-orders files.
    static func missingColumns(_ file: String) -> [IssueCase.Expected] {
        ["Lineitem name", "Shipping Name", "Shipping Address1", "Shipping City", "Shipping Zip", "Shipping Country"].map {
            IssueCase.Expected(code: "missing_column", file: file, line: "1", record: "", column: $0)
        }
    }

    static let cases: [IssueCase] = [
        // File level: the file or entry is skipped, exit 3.
        IssueCase("unreadable_file", bad + "does_not_exist.csv", exit: 3, [("unreadable_file", "", "", "")]),
        IssueCase("empty_file", bad + "empty.csv", exit: 3, [("empty_file", "", "", "")]),
        IssueCase("unrecognized_format", bad + "unrecognized.csv", exit: 3, [("unrecognized_format", "1", "", "")]),
        IssueCase("missing_column", bad + "orders_missing_column.csv", exit: 3, [("missing_column", "1", "", "Shipping Country")]),
        IssueCase("duplicate_column", bad + "orders_duplicate_column.csv", exit: 3, [("duplicate_column", "1", "", "Email")]),
        IssueCase("encoding_error", bad + "orders_utf16_nobom.csv", exit: 3, [("encoding_error", "", "", "")]),
        IssueCase("corrupt_archive", archives + "truncated.zip", exit: 3,
                  [("corrupt_archive", "", "", "")], file: archives + "truncated.zip:orders.csv"),
        IssueCase("unsafe_archive_entry", archives + "zip-slip.zip", exit: 3, rows: [
            .init(code: "unsafe_archive_entry", file: archives + "zip-slip.zip:../evil.csv", line: "", record: "", column: ""),
            .init(code: "unsafe_archive_entry", file: archives + "zip-slip.zip:/etc/evil.csv", line: "", record: "", column: ""),
        ] + missingColumns(archives + "zip-slip.zip:ok.csv")),
        IssueCase("unsafe_archive_entry", archives + "links.tar", exit: 3, rows: missingColumns(archives + "links.tar:ok.csv") + [
            .init(code: "unsafe_archive_entry", file: archives + "links.tar:symlink.csv", line: "", record: "", column: ""),
            .init(code: "unsafe_archive_entry", file: archives + "links.tar:hardlink.csv", line: "", record: "", column: ""),
            .init(code: "unsafe_archive_entry", file: archives + "links.tar:null.csv", line: "", record: "", column: ""),
            .init(code: "unsafe_archive_entry", file: archives + "links.tar:pipe.csv", line: "", record: "", column: ""),
        ]),
        // The 11th of 50 entries passes the limit; the first 10 are read (and lack the order columns).
        IssueCase("archive_limit_exceeded", archives + "many-entries.zip", ["--max-archive-entries", "10"], exit: 3,
                  rows: (1...10).flatMap { missingColumns(archives + "many-entries.zip:" + String(format: "orders_%03d.csv", $0)) } + [
                    .init(code: "archive_limit_exceeded", file: archives + "many-entries.zip", line: "", record: "", column: "")
                  ]),

        // Row level: the row (and its order) is rejected, exit 1; warnings alone exit 0.
        IssueCase("malformed_row", bad + "orders_malformed.csv", exit: 1,
                  [("malformed_row", "2", "1", "Lineitem name"), ("malformed_row", "4", "3", "Notes")]),
        IssueCase("wrong_field_count", bad + "orders_wrong_field_count.csv", exit: 1, [("wrong_field_count", "3", "2", "")]),
        IssueCase("missing_value", bad + "orders_missing_value.csv", exit: 1, [
            ("missing_value", "2", "1", "Shipping Address1"), ("order_held", "3", "2", ""),
            ("missing_value", "4", "3", "Shipping Province"),
        ]),
        IssueCase("missing_value", bad + "catalog_bad.csv", exit: 1, [("missing_value", "4", "3", "Product UID")]),
        IssueCase("invalid_quantity", bad + "orders_invalid_quantity.csv", exit: 1,
                  [("order_held", "2", "1", ""), ("invalid_quantity", "3", "2", "Lineitem quantity")]),
        IssueCase("invalid_country", bad + "orders_invalid_country.csv", exit: 1,
                  [("invalid_country", "2", "1", "Shipping Country"), ("invalid_country", "3", "2", "Shipping Country")]),
        IssueCase("invalid_email", bad + "orders_invalid_email.csv", exit: 1, [("invalid_email", "2", "1", "Email")]),
        IssueCase("invalid_postcode", bad + "orders_invalid_postcode.csv", exit: 1, [("invalid_postcode", "2", "1", "Shipping Zip")]),
        IssueCase("excel_mangled_value", bad + "orders_excel_mangled.csv", exit: 1, [
            ("excel_mangled_value", "2", "1", "Lineitem sku"), ("order_held", "3", "2", ""),
            ("excel_mangled_value", "4", "3", "Shipping Zip"),
        ]),
        IssueCase("unknown_product", bad + "orders_unknown_product.csv", exit: 1,
                  [("unknown_product", "2", "1", "Lineitem sku"), ("unknown_product", "3", "2", "Lineitem name")]),
        IssueCase("connection codes", bad + "connections_bad.csv", exit: 1, [
            ("unknown_product_uid", "2", "1", "Product UID"),
            ("invalid_design_url", "3", "2", "Design file URL"),
            ("unsupported_design_format", "4", "3", "Design file URL"),
            ("excel_mangled_value", "5", "4", "Variant SKU"),
            ("spec_mismatch", "6", "5", "Option1 Value"),
            ("discontinued_product_uid", "7", "6", "Product UID"),
            ("product_not_active", "8", "7", "Status"),
        ]),
        // The record starts on line 15: the first product's Body (HTML) spans two lines.
        IssueCase("product_not_active", "Fixtures/shopify/products_connected.csv", exit: 0, [("product_not_active", "15", "13", "Status")]),
        IssueCase("value_too_long", bad + "orders_value_too_long.csv", exit: 0,
                  [("value_too_long", "2", "1", "Shipping Address1"), ("value_too_long", "3", "2", "Shipping Phone")]),
        IssueCase("duplicate_order", bad + "orders_duplicate.csv", exit: 0,
                  [("duplicate_order", "5", "4", "Name"), ("duplicate_order", "6", "5", "Name")]),
    ]

    @Test(arguments: cases)
    func fixtureGivesItsCodeAtItsPosition(_ testCase: IssueCase) throws {
        let (result, rejects) = try Intake.validate(testCase.inputs, testCase.extra)
        #expect(result.status == testCase.exit, "stderr: \(result.stderr)")
        #expect(rejects.header == Rejects.header)
        let actual = rejects.rows.map {
            IssueCase.Expected(code: $0.code, file: $0.file, line: $0.line, record: $0.record, column: $0.column)
        }
        #expect(actual == testCase.expected)
        // Severity follows the code: the three warning codes of §6 are warnings, everything else an error.
        for row in rejects.rows {
            let warning = ["product_not_active", "value_too_long", "duplicate_order"].contains(row.code)
            #expect(row.severity == (warning ? "warning" : "error"), "\(row)")
            #expect(!row.message.isEmpty && !row.hint.isEmpty, "\(row) needs a message and a hint")
        }
        // Nothing goes to stdout without --json or --rejects -.
        #expect(result.stdout.isEmpty)
    }

    /// The codes of contract §6 (`unknown_customer` waits for customers).
    static let contractCodes: Set<String> = [
        "unreadable_file", "empty_file", "unrecognized_format", "missing_column", "duplicate_column", "encoding_error",
        "corrupt_archive", "unsafe_archive_entry", "archive_limit_exceeded", "malformed_row", "wrong_field_count",
        "missing_value", "invalid_quantity", "invalid_country", "invalid_email", "invalid_postcode", "excel_mangled_value",
        "unknown_product", "unknown_product_uid", "discontinued_product_uid", "invalid_design_url",
        "unsupported_design_format", "spec_mismatch", "product_not_active", "value_too_long", "unknown_customer",
        "duplicate_order", "order_held",
    ]

    @Test func everyContractCodeHasACase() {
        let covered = Set(Self.cases.flatMap { $0.expected.map(\.code) })
        let uncovered = Self.contractCodes.subtracting(covered).subtracting(["unknown_customer"])
        #expect(uncovered.isEmpty, "no end-to-end case for \(uncovered.sorted())")
        #expect(covered.isSubset(of: Self.contractCodes), "codes outside the contract: \(covered.subtracting(Self.contractCodes).sorted())")
    }

    /// The values in rejects.csv are the offending cells, as read (the `'` guard of spreadsheet safety removed).
    @Test func rejectsCarryTheOffendingValues() throws {
        let (_, rejects) = try Intake.validate([Self.bad + "orders_excel_mangled.csv"])
        #expect(rejects.rows("excel_mangled_value").map(\.value) == ["3.65275E+11", "2155"])
        #expect(rejects.rows("excel_mangled_value").map(\.order) == ["#1061", "#1062"])
        #expect(rejects.rows("excel_mangled_value").last?.hint.contains("02155") == true)
        let (_, countries) = try Intake.validate([Self.bad + "orders_invalid_country.csv"])
        #expect(countries.rows.map(\.value) == ["UK", "Germany"])
        #expect(countries.rows.map(\.hint) == ["write GB instead", "write DE instead"])
    }

    /// Contract §2: a reference row with an error is left out of the join, counted in `reference_rows_rejected`,
    /// and named in the hint of a line that then fails to match; a connection with only a warning (a draft
    /// product) still joins.
    @Test func rejectedReferenceRowsAreNamedInTheHint() throws {
        let scratch = try TemporaryDirectory()
        let rejectsURL = scratch.url.appendingPathComponent("rejects.csv")
        let result = try Intake.run([
            "validate", Self.bad + "orders_rejected_connection.csv", "--catalog", "Fixtures/catalog.csv",
            "--connections", "Fixtures/shopify/products_connected.csv", Self.bad + "connections_bad.csv",
            "--rejects", rejectsURL.path, "--json",
        ])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let rejects = try Rejects(data: Data(contentsOf: rejectsURL))
        #expect(rejects.rows.map { [$0.code, $0.line, $0.column] } == [
            ["unknown_product", "2", "Lineitem sku"], ["unknown_product", "3", "Lineitem name"],
        ])
        #expect(rejects.rows.map(\.hint) == [
            "its connection at Fixtures/bad/connections_bad.csv line 2 was rejected (unknown_product_uid); fix that row first",
            "its connection at Fixtures/bad/connections_bad.csv line 6 was rejected (spec_mismatch); fix that row first",
        ])
        let summary = try Summary(result.stdout)
        #expect(summary.int("reference_rows_rejected") == 6)
        #expect(summary.int("orders_accepted") == 1)  // #1143, the draft poster
        #expect(summary.notes.contains { $0.hasPrefix("--connections: 6 reference row(s) rejected") })
        // The reference files' own issues are not in the report of the FILE arguments.
        #expect(summary.counts("warnings_by_code").isEmpty)
    }

    /// Without reference data the join is skipped, and the summary says so.
    @Test func withoutReferenceData() throws {
        let result = try Intake.run(["validate", Self.bad + "orders_unknown_product.csv", "--json"])
        #expect(result.status == 0)
        let summary = try Summary(result.stdout)
        #expect(summary.counts("errors_by_code").isEmpty)
        #expect(summary.notes.contains { $0.contains("no --connections given") })
    }

    /// A bomb: `bad/catalog_bomb.csv.gz` expands 16 MiB from 57 KB (ratio ~290). Its rows are a catalog, so they are
    /// read until the ratio limit (100 past the first MiB) stops the entry mid-file.
    @Test func compressionRatioLimit() throws {
        let (result, rejects) = try Intake.validate(
            [TestPaths.fixture("bad/catalog_bomb.csv.gz")], ["--max-archive-ratio", "100", "--archive-ratio-grace", "1048576"])
        #expect(result.status == 3)
        let rows = rejects.rows("archive_limit_exceeded")
        #expect(rows.count == 1)
        #expect(rows.first?.file.hasSuffix("catalog_bomb.csv.gz:catalog_bomb.csv") == true)
    }
}
