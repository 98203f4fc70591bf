import Foundation
import IntakeModel
@testable import IntakePipeline
import IntakeStore
import Testing

/// The role table and the checks built on it.
@Suite struct AccessTests {
    private static func entry(_ role: Role, stores: [String] = []) -> Operator {
        Operator(name: "someone", role: role, stores: stores, createdAt: "2026-12-01T00:00:00Z")
    }

    /// Who may run what: every command of the table, for each role (store-scoped commands on a store of theirs).
    @Test(arguments: Access.Command.allCases)
    func theRoleTable(command: Access.Command) {
        let admin: Set<Access.Command> = [.catalogImport, .customersAdd, .customersImport, .storesAdd, .operatorsAdd, .operatorsList]
        let storeManager: Set<Access.Command> = [.productsSync, .connectionsImport, .templatesAdd]
        let orderManager: Set<Access.Command> = [.ordersImport, .run, .statusImport, .statusExport]
        let reads = !admin.contains(command) && !storeManager.contains(command) && !orderManager.contains(command)
        #expect(Access.allows(Self.entry(.admin), command, store: "a"))
        #expect(Access.allows(Self.entry(.storeManager, stores: ["a"]), command, store: "a") == (reads || storeManager.contains(command)))
        #expect(Access.allows(Self.entry(.orderManager), command, store: "a") == (reads || orderManager.contains(command)))
        #expect(Access.allows(Self.entry(.readOnly), command, store: "a") == reads)
    }

    @Test func theRoleTableNamesTheCommandsAsTyped() {
        #expect(Access.Command.statusImport.rawValue == "status import")
        #expect(Access.Command.templatesAdd.rawValue == "templates add")
        #expect(Access.Command(rawValue: "connections import") == .connectionsImport)
        #expect(Access.Command.allCases.filter(\.isStoreScoped) == [.productsSync, .connectionsImport])
    }

    @Test func aStoreManagerManagesTheirStores() {
        let sam = Self.entry(.storeManager, stores: ["a", "b"])
        #expect(Access.allows(sam, .connectionsImport, store: "a"))
        #expect(!Access.allows(sam, .connectionsImport, store: "c"))
        #expect(!Access.allows(sam, .productsSync, store: "c"))
        #expect(Access.allows(sam, .templatesAdd))  // templates belong to no store
        let everyStore = Self.entry(.storeManager)
        #expect(Access.allows(everyStore, .connectionsImport, store: "c"))
    }

    @Test func theActingOperatorsName() {
        #expect(Access.actingOperatorName(option: "ada", environment: ["INTAKE_OPERATOR": "olga", "USER": "u"]) == "ada")
        #expect(Access.actingOperatorName(option: nil, environment: ["INTAKE_OPERATOR": "olga", "USER": "u"]) == "olga")
        #expect(Access.actingOperatorName(option: "", environment: ["INTAKE_OPERATOR": "olga"]) == "olga")
        let osUser = Access.actingOperatorName(option: nil, environment: ["INTAKE_OPERATOR": ""])
        #expect(!osUser.isEmpty && osUser != "olga")
    }

    @Test func requireChecksTheStatesOperators() throws {
        let state = try SQLiteStore()
        let nobody = try Access.require(.catalogImport, state: state, operator: "anyone", environment: [:])
        #expect(nobody == ActingOperator(name: "anyone", entry: nil))
        try state.addOperator(Operator(name: "ada", role: .admin, createdAt: "2026-12-01T00:00:00Z"))
        try state.addOperator(Operator(name: "rita", role: .readOnly, createdAt: "2026-12-01T00:00:00Z"))
        #expect(try Access.require(.catalogImport, state: state, operator: "ada", environment: [:]).entry?.role == .admin)
        let unknown = #expect(throws: AccessError.self) { try Access.require(.runsList, state: state, operator: "mallory", environment: [:]) }
        #expect(unknown?.kind == .unknownOperator)
        #expect(unknown?.message == "unknown operator mallory; intake operators list (give --operator NAME or set INTAKE_OPERATOR)")
        let refused = #expect(throws: AccessError.self) {
            try Access.require(.statusImport, state: state, operator: nil, environment: ["INTAKE_OPERATOR": "rita"])
        }
        #expect(refused?.kind == .notPermitted)
        #expect(refused?.message == "the operator rita (read-only) may not run intake status import: it needs the role order-manager (or admin); nothing was read")
    }

    /// A pipeline is judged part by part; a store entry that matches the state asks for nothing.
    @Test func aPipelineNeedsTheRolesOfItsParts() throws {
        let state = try SQLiteStore()
        try state.addCustomer(Customer(name: "Acme", referenceID: "ACME-001"))
        try state.addStore(Store(id: "acme", customerReference: "ACME-001", platform: .shopify, name: "acme"), replace: false, requireCustomer: true)
        try state.addOperator(Operator(name: "ada", role: .admin, createdAt: "2026-12-01T00:00:00Z"))
        try state.addOperator(Operator(name: "olga", role: .orderManager, createdAt: "2026-12-01T00:00:00Z"))
        try state.addOperator(Operator(name: "sam", role: .storeManager, stores: ["acme"], createdAt: "2026-12-01T00:00:00Z"))
        let orders = PipelineFile.Stage.orders(store: "acme", files: [], line: 7)
        let connect = PipelineFile.Stage.connect(store: "acme", files: [], line: 6)
        let same = PipelineFile.StoreEntry(id: "acme", customer: "ACME-001", platform: .shopify, line: 4)
        let nightly = PipelineFile(path: "nightly.yml", name: "nightly", stores: [same], stages: [orders])
        #expect(try Access.require(pipeline: nightly, state: state, operator: "olga", environment: [:]).name == "olga")
        let connectOnly = PipelineFile(path: "connect.yml", name: "connect", stages: [connect])
        #expect(try Access.require(pipeline: connectOnly, state: state, operator: "sam", environment: [:]).name == "sam")

        let everything = PipelineFile(
            path: "all.yml", name: "all", catalog: PipelineFile.FileRef(pattern: "/c.csv", line: 2),
            stores: [PipelineFile.StoreEntry(id: "acme", customer: "ACME-001", platform: .shopify, name: "Renamed", line: 4)],
            stages: [connect, orders])
        let refused = #expect(throws: AccessError.self) { try Access.require(pipeline: everything, state: state, operator: "olga", environment: [:]) }
        #expect(refused?.message == "the operator olga (order-manager) may not run all.yml: its catalog: (line 2) needs the role admin; "
            + "its stores: entry acme (line 4), which adds or changes the store, needs the role admin; "
            + "its connect stage for acme (line 6) needs the role store-manager of acme (or admin); nothing was read")
        #expect(try Access.require(pipeline: everything, state: state, operator: "ada", environment: [:]).name == "ada")

        // A command stands for a one-part pipeline: the refusal names the command.
        let command = PipelineFile(path: PipelineFile.commandLinePath, name: "orders-import", stages: [orders])
        let bySam = #expect(throws: AccessError.self) { try Access.require(pipeline: command, state: state, operator: "sam", environment: [:]) }
        #expect(bySam?.message == "the operator sam (store-manager of acme) may not run intake orders import: it needs the role order-manager (or admin); nothing was read")
    }

    @Test func aRunsCounts() {
        var summary = RunSummary()
        summary.rowsRead = 14
        summary.ordersAccepted = 7
        summary.ordersHeld = 1
        summary.warningsByCode = ["value_too_long": 2]
        summary.stages = [
            RunSummary.Stage(name: "catalog", rowsRead: 30, accepted: 29, errorsByCode: ["invalid_value": 1]),
            RunSummary.Stage(name: "connect", rowsRead: 13, accepted: 13, errorsByCode: [:]),
            RunSummary.Stage(name: "orders", rowsRead: 14, accepted: 12, errorsByCode: ["invalid_email": 2]),
        ]
        let counts = Audit.counts(of: summary)
        #expect(counts["rows_read"] == 14)
        #expect(counts["orders_accepted"] == 7)
        #expect(counts["orders_held"] == 1)
        #expect(counts["catalog_rows_read"] == 30)
        #expect(counts["catalog_accepted"] == 29)
        #expect(counts["connect_accepted"] == 13)
        #expect(counts["orders_rows_read"] == nil)
        #expect(counts["errors"] == 3)
        #expect(counts["warnings"] == 2)
    }
}
