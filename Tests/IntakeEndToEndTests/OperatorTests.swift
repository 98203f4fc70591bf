import Foundation
import IntakeTestSupport
import Testing

/// Operators, roles and the audit trail (issue 8), with the built binary.
@Suite struct OperatorTests {
    /// A state in a folder of its own.
    final class Workspace {
        let scratch: TemporaryDirectory
        let state: String

        init() throws {
            scratch = try TemporaryDirectory()
            state = scratch.url.appendingPathComponent("state.sqlite").path
        }

        /// `intake arguments... --state STATE [--operator NAME]`; `INTAKE_OPERATOR` is empty (unset) unless given.
        func intake(_ arguments: [String], as name: String? = nil, environment: [String: String] = [:], stdin: String? = nil) throws -> Intake.Result {
            try Intake.run(arguments + ["--state", state] + (name.map { ["--operator", $0] } ?? []),
                           stdin: stdin, environment: ["INTAKE_OPERATOR": ""].merging(environment) { $1 })
        }

        func path(_ name: String) -> String { scratch.url.appendingPathComponent(name).path }

        /// The audit trail as `intake audit --json` prints it, newest first.
        func audit(as name: String? = nil) throws -> [[String: Any]] {
            let result = try intake(["audit", "--json"], as: name)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        }

        /// The ids of the runs recorded, newest first.
        func runIDs(as name: String? = nil) throws -> [String] {
            let result = try intake(["runs", "list", "--json"], as: name)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]).compactMap { $0["id"] as? String }
        }

        /// Two customers with a Shopify store each (`acme-shopify`, `nordlys-shopify`) and the catalog, added while
        /// the state has no operators; then `ada` (admin), `olga` (order-manager), `sam` (store-manager of
        /// acme-shopify) and `rita` (read-only).
        static func withOperators() throws -> Workspace {
            let workspace = try Workspace()
            for command in [
                ["customers", "add", "Acme", "--ref", "ACME-001"], ["customers", "add", "Nordlys", "--ref", "NORD-002"],
                ["stores", "add", "acme-shopify", "--customer", "ACME-001", "--platform", "shopify"],
                ["stores", "add", "nordlys-shopify", "--customer", "NORD-002", "--platform", "shopify"],
                ["catalog", "import", "Fixtures/catalog.csv", "--quiet"],
            ] {
                let result = try workspace.intake(command)
                try #require(result.status == 0, "\(command): \(result.stderr)")
            }
            try #require(try workspace.intake(["operators", "add", "ada", "--role", "admin"]).status == 0)
            for (name, role, stores) in [("olga", "order-manager", nil), ("sam", "store-manager", "acme-shopify"), ("rita", "read-only", nil)] {
                let result = try workspace.intake(["operators", "add", name, "--role", role] + (stores.map { ["--stores", $0] } ?? []), as: "ada")
                try #require(result.status == 0, "\(result.stderr)")
            }
            return workspace
        }
    }

    /// The first operator must be an admin; after that only an admin adds operators; `operators list` lists them.
    @Test func theFirstOperatorMustBeAnAdmin() throws {
        let workspace = try Workspace()
        var result = try workspace.intake(["operators", "add", "rita", "--role", "read-only"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("first operator must be an admin"))
        result = try workspace.intake(["operators", "add", "ada", "--role", "admin"], as: "ada")
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["operators", "add", "rita", "--role", "read-only"], as: "ada")
        #expect(result.status == 0, "\(result.stderr)")
        // Only an admin adds operators, and a name is taken once.
        result = try workspace.intake(["operators", "add", "eve", "--role", "admin"], as: "rita")
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs the role admin"))
        result = try workspace.intake(["operators", "add", "rita", "--role", "admin"], as: "ada")
        #expect(result.status == 2)
        #expect(result.stderr.contains("exists already"))
        result = try workspace.intake(["operators", "add", "sam", "--role", "store-manager", "--stores", "no-such-store"], as: "ada")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no store no-such-store"))
        result = try workspace.intake(["operators", "list"], as: "ada")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(3).joined(separator: "\t") }
        #expect(lines == ["name\trole\tstores", "ada\tadmin\t", "rita\tread-only\t"])
        result = try workspace.intake(["operators", "list", "--json"], as: "ada")
        let listed = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        #expect(listed.map { $0["role"] as? String } == ["admin", "read-only"])
        // Listing operators is for admins.
        #expect(try workspace.intake(["operators", "list"], as: "rita").status == 2)
    }

    /// A read-only operator reads but imports nothing: the refusal names the role needed, and nothing is recorded.
    @Test func aReadOnlyOperatorCannotImportOrders() throws {
        let workspace = try Workspace.withOperators()
        let auditBefore = try workspace.audit(as: "ada").count
        let out = workspace.path("out")
        let result = try workspace.intake(["orders", "import", "--store", "acme-shopify", "Fixtures/shopify/orders_export_1.csv", "--out", out], as: "rita")
        #expect(result.status == 2)
        #expect(result.stderr.contains("rita (read-only)"))
        #expect(result.stderr.contains("order-manager"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try workspace.audit(as: "ada").count == auditBefore)
        // What read-only may do.
        for command in [["customers", "list"], ["stores", "list"], ["runs", "list"], ["audit"],
                        ["validate", "Fixtures/shopify/orders_export_1.csv", "--quiet"]] {
            let allowed = try workspace.intake(command, as: "rita")
            #expect(allowed.status == 0 || allowed.status == 1, "\(command): \(allowed.stderr)")
        }
        #expect(try workspace.intake(["products", "export", "--store", "acme-shopify"], as: "rita").stderr.contains("no products yet"))
    }

    /// A store manager connects the products of their stores only.
    @Test func aStoreManagerConnectsTheirStoresOnly() throws {
        let workspace = try Workspace.withOperators()
        var result = try workspace.intake(["connections", "import", "--store", "nordlys-shopify", "Fixtures/shopify/products_connected.csv"], as: "sam")
        #expect(result.status == 2)
        #expect(result.stderr.contains("store-manager of nordlys-shopify"))
        result = try workspace.intake(["connections", "import", "--store", "acme-shopify", "Fixtures/shopify/products_connected.csv", "--quiet"], as: "sam")
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["products", "sync", "--store", "acme-shopify", "Fixtures/shopify/products_export.csv", "--quiet"], as: "sam")
        #expect(result.status == 0, "\(result.stderr)")
        // Neither orders nor the catalog are a store manager's; an admin may do it all.
        result = try workspace.intake(["orders", "import", "--store", "acme-shopify", "Fixtures/shopify/orders_export_1.csv", "--out", workspace.path("out")], as: "sam")
        #expect(result.status == 2)
        #expect(try workspace.intake(["catalog", "import", "Fixtures/catalog.csv"], as: "sam").status == 2)
        result = try workspace.intake(["connections", "import", "--store", "nordlys-shopify", "Fixtures/shopify/products_connected.csv", "--quiet"], as: "ada")
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// An order manager runs a pipeline of orders, but not one that imports the catalog: refused part by part
    /// before anything is read, nothing recorded.
    @Test func anOrderManagerRunsOrdersPipelinesOnly() throws {
        let workspace = try Workspace.withOperators()
        #expect(try workspace.intake(["connections", "import", "--store", "acme-shopify", "Fixtures/shopify/products_connected.csv", "--quiet"], as: "sam").status == 0)
        let root = TestPaths.packageRoot.path
        let withCatalog = workspace.path("with-catalog.yml")
        try """
            name: with-catalog
            catalog: \(root)/Fixtures/catalog.csv
            stages:
              - orders: { store: acme-shopify, files: \(root)/Fixtures/shopify/orders_export_1.csv }
            """.write(toFile: withCatalog, atomically: true, encoding: .utf8)
        let runsBefore = try workspace.runIDs(as: "ada")
        let auditBefore = try workspace.audit(as: "ada").count
        var result = try workspace.intake(["run", withCatalog, "--out", workspace.path("out/{run}"), "--verbose"], as: "olga")
        #expect(result.status == 2)
        #expect(result.stderr.contains("olga (order-manager)"))
        #expect(result.stderr.contains("catalog: (line 2) needs the role admin"))
        #expect(!result.stderr.contains("stage catalog started"), "nothing is read: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("out")))
        #expect(try workspace.runIDs(as: "ada") == runsBefore)
        #expect(try workspace.audit(as: "ada").count == auditBefore)

        let ordersOnly = workspace.path("orders-only.yml")
        try """
            name: orders-only
            stages:
              - orders: { store: acme-shopify, files: \(root)/Fixtures/shopify/orders_export_1.csv }
            """.write(toFile: ordersOnly, atomically: true, encoding: .utf8)
        result = try workspace.intake(["run", ordersOnly, "--out", workspace.path("out/{run}"), "--json"], as: "olga")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Summary(result.stdout).int("orders_accepted") == 8)
        let entry = try #require(try workspace.audit(as: "olga").first)
        #expect(entry["operator"] as? String == "olga")
        let runs = try workspace.runIDs(as: "olga")
        #expect(runs.count == runsBefore.count + 1)
        #expect(runs.contains(entry["run"] as? String ?? "-") && !runsBefore.contains(entry["run"] as? String ?? "-"))
    }

    /// `--operator` comes before `INTAKE_OPERATOR`, which comes before the OS user; a name the state does not
    /// know is refused.
    @Test func whoActs() throws {
        let workspace = try Workspace.withOperators()
        // operators list is for admins: ada may, rita may not.
        #expect(try workspace.intake(["operators", "list"], as: "ada", environment: ["INTAKE_OPERATOR": "rita"]).status == 0)
        #expect(try workspace.intake(["operators", "list"], as: "rita", environment: ["INTAKE_OPERATOR": "ada"]).status == 2)
        #expect(try workspace.intake(["operators", "list"], environment: ["INTAKE_OPERATOR": "ada"]).status == 0)
        #expect(try workspace.intake(["operators", "list"], environment: ["INTAKE_OPERATOR": "rita"]).status == 2)
        // The OS user (no option, no INTAKE_OPERATOR) is none of them.
        var result = try workspace.intake(["customers", "list"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown operator"))
        result = try workspace.intake(["customers", "list"], as: "mallory")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown operator mallory; intake operators list"))
        // validate too, when the state exists.
        result = try workspace.intake(["validate", "Fixtures/shopify/orders_export_1.csv", "--quiet"], as: "mallory")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown operator mallory"))
    }

    /// Without operators everything is allowed, and everything that changes the state is in the audit trail,
    /// newest first: who, the command line, the run, the input files with their SHA-256, the counts. A dry run
    /// and validate add nothing; `runs show` prints the run's entry.
    @Test func theAuditTrail() throws {
        let workspace = try Workspace()
        let tess = ["INTAKE_OPERATOR": "tess"]
        var result = try workspace.intake(["customers", "add", "Acme Prints GmbH", "--ref", "ACME-001"], environment: tess)
        #expect(result.status == 0, "\(result.stderr)")
        let pipeline = try workspace.scratch.acmeShopifyPipeline("audited", orders: [TestPaths.packageRoot.path + "/Fixtures/shopify/orders_export_1.csv"])
        result = try workspace.intake(["run", pipeline, "--out", workspace.path("out/{run}"), "--quiet"], environment: tess)
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["orders", "import", "--store", "acme-shopify", "Fixtures/drops/orders_2026-11-23.zip", "--out", workspace.path("zip"), "--quiet"],
                                      environment: tess)
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["orders", "import", "--store", "acme-shopify", "-", "--out", workspace.path("stdin"), "--quiet"],
                                      environment: tess, stdin: "Fixtures/shopify/orders_export_1.csv")
        #expect(result.status == 0, "\(result.stderr)")

        // Record nothing: a dry run, validate, reads.
        let entries = try workspace.audit()
        result = try workspace.intake(["run", pipeline, "--out", workspace.path("dry/{run}"), "--dry-run", "--quiet"], environment: tess)
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["validate", "Fixtures/shopify/orders_export_1.csv", "--quiet"], environment: tess)
        #expect(result.status == 0, "\(result.stderr)")
        _ = try workspace.intake(["runs", "list"])
        #expect(try workspace.audit().count == entries.count)

        try #require(entries.count == 4)
        let runs = try workspace.runIDs()
        try #require(runs.count == 3)
        #expect(entries.map { $0["operator"] as? String } == ["tess", "tess", "tess", "tess"])
        // Newest first: by id (runs list orders runs by their start, to the second).
        let ids = entries.compactMap { $0["id"] as? Int }
        #expect(ids == ids.sorted(by: >) && ids.count == 4)
        let runOfEntry = entries.map { $0["run"] as? String ?? "" }
        #expect(Set(runOfEntry.prefix(3)) == Set(runs))
        #expect(runOfEntry[3] == "")
        for entry in entries { #expect((entry["at"] as? String)?.hasSuffix("Z") == true) }
        func files(_ entry: [String: Any]) -> [String: String] {
            Dictionary(((entry["files"] as? [[String: Any]]) ?? []).map { ($0["path"] as? String ?? "", $0["sha256"] as? String ?? "") }) { $1 }
        }
        func counts(_ entry: [String: Any]) -> [String: Int] { entry["counts"] as? [String: Int] ?? [:] }
        let orders = try TestSHA256.hex(file: "Fixtures/shopify/orders_export_1.csv")

        // Newest: the import from standard input, hashed as it was read.
        #expect((entries[0]["command"] as? String)?.hasPrefix("intake orders import --store acme-shopify - --out") == true)
        #expect(files(entries[0]) == ["-": orders])
        #expect((entries[0]["files"] as? [[String: Any]])?.first?["bytes"] as? Int == 6877)
        #expect(counts(entries[0])["orders_duplicate"] == 8)
        // The zip: the archive's own digest.
        #expect(files(entries[1]) == ["Fixtures/drops/orders_2026-11-23.zip": try TestSHA256.hex(file: "Fixtures/drops/orders_2026-11-23.zip")])
        // The pipeline: every input, its counts.
        #expect((entries[2]["command"] as? String)?.hasPrefix("intake run \(pipeline)") == true)
        var expected: [String: String] = [:]
        for fixture in ["catalog.csv", "customers.csv", "shopify/products_connected.csv", "shopify/orders_export_1.csv"] {
            // Named as the run shows inputs: relative to its directory (the package root) when inside it.
            expected["Fixtures/\(fixture)"] = try TestSHA256.hex(file: "Fixtures/\(fixture)")
        }
        #expect(files(entries[2]) == expected)
        #expect(counts(entries[2])["orders_accepted"] == 8)
        #expect(counts(entries[2])["line_items_accepted"] == 14)
        #expect(counts(entries[2])["connect_accepted"] == 13)
        #expect(counts(entries[2])["catalog_rows_read"] ?? 0 > 0)
        // The oldest: customers add, no run, no files.
        #expect(entries[3]["command"] as? String == "intake customers add Acme Prints GmbH --ref ACME-001 --state \(workspace.state)")
        #expect(files(entries[3]).isEmpty)
        #expect(counts(entries[3]) == ["customers_added": 1])

        // The text form: one line per entry, short hashes, counts other than 0.
        result = try workspace.intake(["audit", "--limit", "2"])
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\ttess\tintake orders import --store acme-shopify -"))
        #expect(lines[1].contains("- (6877 bytes, sha256 \(orders.prefix(12)))"))
        #expect(lines[1].contains("orders_duplicate=8"))
        #expect(!lines[1].contains("orders_accepted=0"))

        // runs show: the run's entry.
        result = try workspace.intake(["runs", "show", runOfEntry[2]])
        #expect(result.status == 0, "\(result.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let audit = try #require(shown["audit"] as? [String: Any])
        #expect(audit["operator"] as? String == "tess")
        #expect(audit["run"] as? String == runOfEntry[2])
        #expect(files(audit) == expected)
    }

    /// Status updates and templates, with roles: an order manager imports statuses and a read-only operator shows
    /// them; a store manager adds templates, recorded in the audit trail; a read-only operator may not.
    @Test func statusesAndTemplatesFollowTheRoles() throws {
        let workspace = try Workspace.withOperators()
        var result = try workspace.intake(["status", "import", "--store", "acme-shopify", "Fixtures/status/postbacks.jsonl", "--quiet"], as: "rita")
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs the role order-manager"))
        result = try workspace.intake(["status", "export", "--store", "acme-shopify"], as: "sam")
        #expect(result.status == 2)
        result = try workspace.intake(["status", "show", "--store", "acme-shopify", "#1001"], as: "rita")
        #expect(result.status == 0, "\(result.stderr)")
        // An order manager's status import is a run of its own, its file hashed into the audit trail (the orders
        // were never published here: its rows are invalid_value, and the run is recorded all the same).
        result = try workspace.intake(["status", "import", "--store", "acme-shopify", "Fixtures/status/postbacks.jsonl", "--quiet"], as: "olga")
        #expect(result.status == 1, "\(result.stderr)")
        result = try workspace.intake(["audit", "--json", "--limit", "1"], as: "rita")
        let imported = try #require((try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])?.first)
        #expect(imported["operator"] as? String == "olga")
        let files = (imported["files"] as? [[String: Any]]) ?? []
        #expect(files.map { $0["path"] as? String } == ["Fixtures/status/postbacks.jsonl"])
        #expect(files.first?["sha256"] as? String == (try TestSHA256.hex(file: "Fixtures/status/postbacks.jsonl")))
        let url = "https://files.example.com/acme-prints/templates/menu-a4.pdf"
        let add = ["templates", "add", "menu-a4", "--product-uid", "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver", "--design-url", url]
        result = try workspace.intake(add, as: "rita")
        #expect(result.status == 2)
        #expect(result.stderr.contains("store-manager"))
        result = try workspace.intake(add, as: "sam")
        #expect(result.status == 0, "\(result.stderr)")
        result = try workspace.intake(["audit", "--json", "--limit", "1"], as: "rita")
        let newest = try #require((try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])?.first)
        #expect(newest["operator"] as? String == "sam")
        #expect((newest["counts"] as? [String: Int])?["templates_added"] == 1)
        #expect(try workspace.intake(["templates", "list"], as: "rita").stdoutText.contains("menu-a4"))
    }
}
