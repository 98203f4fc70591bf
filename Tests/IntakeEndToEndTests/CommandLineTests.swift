import Foundation
import IntakeTestSupport
import Testing

/// `intake validate` as a script sees it: what the FILE arguments may be, what goes to stdout, exit codes.
@Suite struct CommandLineTests {
    static let orders = "Fixtures/shopify/orders_export_1.csv"

    // MARK: The clean fixture set

    @Test func cleanOrdersAreAllAccepted() throws {
        let result = try Intake.run(["validate", Self.orders, "--json"] + Intake.referenceArguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Summary(result.stdout)
        #expect(summary.int("rows_read") == 14)
        #expect(summary.int("orders_accepted") == 8)
        #expect(summary.int("line_items_accepted") == 14)
        #expect(summary.int("orders_held") == 0)
        #expect(summary.counts("errors_by_code").isEmpty)
        #expect(summary.counts("warnings_by_code").isEmpty)
        #expect(summary.notes.isEmpty)
    }

    /// The JSON summary has exactly the keys of contract §5 (plus `warnings`, the operator notes).
    @Test func summaryKeys() throws {
        let result = try Intake.run(["validate", Self.orders, "--json"] + Intake.referenceArguments)
        let summary = try Summary(result.stdout)
        let keys: Set<String> = [
            "rows_read", "orders_accepted", "orders_held", "orders_duplicate", "line_items_accepted", "line_items_held",
            "line_items_duplicate", "errors_by_code", "warnings_by_code", "files", "reference_rows_rejected", "stages",
            "run", "duration_ms", "warnings",
        ]
        #expect(Set(summary.object.keys) == keys)
        #expect(summary.object["run"] is NSNull)
        let file = try #require(summary.files.first)
        #expect(file["path"] as? String == Self.orders)
        #expect(file["kind"] as? String == "shopify-orders")
        #expect(file["rows"] as? Int == 14)
    }

    /// Contract §8 "nothing lost": for orders, accepted + held + duplicate line items = rows read.
    @Test(arguments: [
        "Fixtures/shopify/orders_export_1.csv", "Fixtures/bad/orders_missing_value.csv",
        "Fixtures/bad/orders_invalid_quantity.csv", "Fixtures/bad/orders_duplicate.csv",
        "Fixtures/bad/orders_malformed.csv", "Fixtures/bad/orders_wrong_field_count.csv",
        "Fixtures/bad/orders_excel_mangled.csv", "Fixtures/bad/orders_unknown_product.csv",
        "Fixtures/bad/orders_windows1252.csv", "Fixtures/bad/orders_utf16.csv", "Fixtures/bad/orders_sep_line.csv",
    ])
    func everyOrderLineIsAccountedFor(_ fixture: String) throws {
        let result = try Intake.run(["validate", fixture, "--json"] + Intake.referenceArguments)
        let summary = try Summary(result.stdout)
        let accounted = (summary.int("line_items_accepted") ?? -1) + (summary.int("line_items_held") ?? -1)
            + (summary.int("line_items_duplicate") ?? -1)
        #expect(accounted == summary.int("rows_read"))
        #expect((summary.int("rows_read") ?? 0) > 0)
    }

    @Test func heldAndDuplicateCounts() throws {
        let held = try Summary(Intake.run(["validate", "Fixtures/bad/orders_missing_value.csv", "--json"] + Intake.referenceArguments).stdout)
        #expect(held.int("orders_held") == 2)
        #expect(held.int("orders_accepted") == 1)
        #expect(held.int("line_items_held") == 3)
        #expect(held.counts("errors_by_code") == ["missing_value": 2, "order_held": 1])
        let duplicate = try Summary(Intake.run(["validate", "Fixtures/bad/orders_duplicate.csv", "--json"] + Intake.referenceArguments).stdout)
        #expect(duplicate.int("orders_duplicate") == 1)
        #expect(duplicate.int("line_items_duplicate") == 2)
        #expect(duplicate.int("orders_accepted") == 2)
        #expect(duplicate.counts("warnings_by_code") == ["duplicate_order": 2])
    }

    // MARK: Encodings and dialects

    @Test(arguments: [
        ("Fixtures/bad/orders_windows1252.csv", "windows-1252", ";", 3),
        ("Fixtures/bad/orders_utf16.csv", "utf-16le", "tab", 2),
        ("Fixtures/bad/orders_sep_line.csv", "utf-8", ";", 3),
    ])
    func spreadsheetSavedOrdersAreValid(_ fixture: String, _ encoding: String, _ delimiter: String, _ rows: Int) throws {
        let result = try Intake.run(["validate", fixture, "--json"] + Intake.referenceArguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Summary(result.stdout)
        let file = try #require(summary.files.first)
        #expect(file["encoding"] as? String == encoding)
        #expect(file["delimiter"] as? String == delimiter)
        #expect(file["rows"] as? Int == rows)
        #expect(summary.int("orders_accepted") == 2)
        #expect(summary.counts("errors_by_code").isEmpty)
    }

    /// The `sep=` line is physical line 1: the header is line 2, the first record line 3.
    @Test func sepLineShiftsLineNumbers() throws {
        let scratch = try TemporaryDirectory()
        let copy = scratch.url.appendingPathComponent("orders_sep_line.csv")
        var text = try String(contentsOfFile: TestPaths.fixture("bad/orders_sep_line.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: ";ole.lund@example.com;", with: ";ole.lund@example;")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let (result, rejects) = try Intake.validate([copy.path])
        #expect(result.status == 1)
        #expect(rejects.rows.map { [$0.code, $0.line, $0.record, $0.column] } == [["invalid_email", "4", "2", "Email"], ["order_held", "5", "3", ""]])
    }

    /// Names decoded from Windows-1252 reach the checks intact (a mangled `ü` would not match the lines' products).
    @Test func windows1252NamesSurviveDecoding() throws {
        let result = try Intake.run(["validate", "Fixtures/bad/orders_windows1252.csv", "--rejects", "-"] + Intake.referenceArguments)
        #expect(result.status == 0)
        #expect(result.stdoutText == "file,line,record,order,column,value,severity,code,message,hint\r\n")
    }

    // MARK: What FILE may be

    @Test func directoryReadsEveryCSVInside() throws {
        let result = try Intake.run(["validate", "Fixtures/shopify/", "--json"] + Intake.referenceArguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Summary(result.stdout)
        let files = summary.files.map { [$0["path"] as? String ?? "", $0["kind"] as? String ?? ""] }
        #expect(files == [
            ["Fixtures/shopify/orders_export_1.csv", "shopify-orders"],
            ["Fixtures/shopify/products_connected.csv", "shopify-products"],
            ["Fixtures/shopify/products_export.csv", "shopify-products"],
        ])
        #expect(summary.int("rows_read") == 40)
        #expect(summary.counts("warnings_by_code") == ["product_not_active": 2])
    }

    @Test func globMatchesFiles() throws {
        let result = try Intake.run(["validate", "Fixtures/bad/orders_invalid_*.csv", "--json"] + Intake.referenceArguments)
        #expect(result.status == 1)
        let summary = try Summary(result.stdout)
        #expect(summary.files.compactMap { $0["path"] as? String } == [
            "Fixtures/bad/orders_invalid_country.csv", "Fixtures/bad/orders_invalid_email.csv",
            "Fixtures/bad/orders_invalid_postcode.csv", "Fixtures/bad/orders_invalid_quantity.csv",
        ])
        #expect(summary.counts("errors_by_code") == [
            "invalid_country": 2, "invalid_email": 1, "invalid_postcode": 1, "invalid_quantity": 1, "order_held": 1,
        ])
    }

    @Test func globMatchingNothingIsUnreadable() throws {
        let (result, rejects) = try Intake.validate(["Fixtures/bad/no_such_*.csv"])
        #expect(result.status == 3)
        #expect(rejects.rows.map(\.code) == ["unreadable_file"])
        #expect(rejects.rows.first?.file == "Fixtures/bad/no_such_*.csv")
    }

    @Test func standardInput() throws {
        let result = try Intake.run(["validate", "-", "--json"] + Intake.referenceArguments, stdin: Self.orders)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Summary(result.stdout)
        #expect(summary.files.first?["path"] as? String == "-")
        #expect(summary.int("orders_accepted") == 8)
    }

    @Test func standardInputPositions() throws {
        let (result, rejects) = try Intake.validate(["-"], stdin: "Fixtures/bad/orders_invalid_email.csv")
        #expect(result.status == 1)
        #expect(rejects.rows.map { [$0.file, $0.line, $0.record, $0.code] } == [["-", "2", "1", "invalid_email"]])
    }

    /// The archive's two CSV entries are read in entry order; `__MACOSX/` is skipped silently, `README.pdf` is
    /// reported. (The entries have only 4 columns, so they lack the order columns: exit 3.)
    @Test func archiveEntriesAreRead() throws {
        let (result, rejects) = try Intake.validate(["Fixtures/archives/drops.zip"])
        #expect(result.status == 3)
        let files = Array(Set(rejects.rows.map(\.file))).sorted()
        #expect(files == [
            "Fixtures/archives/drops.zip:README.pdf", "Fixtures/archives/drops.zip:orders/orders_1.csv",
            "Fixtures/archives/drops.zip:orders/orders_2.csv",
        ])
        #expect(rejects.rows.first { $0.file.hasSuffix("README.pdf") }?.code == "unrecognized_format")
        #expect(rejects.rows.filter { $0.file.hasSuffix("orders_1.csv") }.map(\.code) == Array(repeating: "missing_column", count: 6))
    }

    @Test func archiveAndFileTogether() throws {
        let result = try Intake.run(["validate", "Fixtures/archives/drops.zip", Self.orders, "--json"] + Intake.referenceArguments)
        // One input skipped outranks the rows of the others: exit 3, but the good file was still read.
        #expect(result.status == 3)
        let summary = try Summary(result.stdout)
        #expect(summary.int("orders_accepted") == 8)
        #expect(summary.files.compactMap { $0["path"] as? String }.contains(Self.orders))
    }

    // MARK: stdout

    @Test func rejectsToStandardOutput() throws {
        let result = try Intake.run(["validate", "Fixtures/bad/orders_value_too_long.csv", "--rejects", "-"] + Intake.referenceArguments)
        #expect(result.status == 0)
        let rejects = try Rejects(data: result.stdout)
        #expect(rejects.header == Rejects.header)
        #expect(rejects.rows.map(\.code) == ["value_too_long", "value_too_long"])
        // Spreadsheet-safe: the phone starting with + is written with a leading ' (and read back without it).
        #expect(result.stdoutText.contains(",'+49 (0)30 847 123 45 ext. 204,"))
        #expect(rejects.rows.last?.value == "+49 (0)30 847 123 45 ext. 204")
    }

    @Test(arguments: [
        ["Fixtures/shopify/orders_export_1.csv"], ["Fixtures/bad/orders_missing_value.csv"], ["Fixtures/bad/empty.csv"],
        ["Fixtures/bad/orders_missing_value.csv", "--quiet"],
    ])
    func nothingOnStandardOutputByDefault(_ arguments: [String]) throws {
        let result = try Intake.run(["validate"] + arguments + Intake.referenceArguments)
        #expect(result.stdout.isEmpty)
        #expect(result.status != 2)
        if arguments.contains("--quiet") {
            #expect(result.stderr.isEmpty)
        } else {
            #expect(result.stderr.contains("rows read"))
        }
    }

    // MARK: Usage errors: exit 2, nothing read

    @Test(arguments: [
        (["--as", "woocommerce-receipts"], "unknown kind"),
        (["--catalog", "Fixtures/no_such_catalog.csv"], "no_such_catalog.csv"),
        (["--connections", "Fixtures/no_such_connections.csv"], "no_such_connections.csv"),
        (["--catalog", "Fixtures/shopify/orders_export_1.csv"], "--catalog"),
        (["--json", "--rejects", "-"], "--json"),
        (["--max-archive-entries", "many"], "many"),
    ])
    func usageErrorExitsTwo(_ extra: [String], _ mention: String) throws {
        let result = try Intake.run(["validate", Self.orders] + extra)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(mention))
    }

    @Test func noFileIsAUsageError() throws {
        let result = try Intake.run(["validate"])
        #expect(result.status == 2)
    }

    @Test func rejectsFileThatCannotBeWritten() throws {
        let result = try Intake.run(["validate", Self.orders, "--rejects", "/nonexistent-dir/rejects.csv"])
        #expect(result.status == 2, "stderr: \(result.stderr)")
    }

    /// `--as` forces the kind: the order export read as a catalog lacks `Product UID`.
    @Test func forcedKind() throws {
        let (result, rejects) = try Intake.validate([Self.orders], ["--as", "catalog"])
        #expect(result.status == 3)
        #expect(rejects.rows.map { [$0.code, $0.line, $0.column] } == [["missing_column", "1", "Product UID"]])
    }
}
