import Foundation
import IntakeModel
import IntakeStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command refused to the acting operator, or an operator the state does not know: exit 2, nothing read,
/// nothing recorded.
public struct AccessError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public enum Kind: String, Sendable {
        /// The state has operators and the acting one is not among them.
        case unknownOperator = "unknown_operator"
        /// The acting operator's role does not allow the command (or not on that store).
        case notPermitted = "not_permitted"
    }

    /// Why.
    public var kind: Kind
    /// An operator-facing message: who, what, and the role it needs.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Who runs a command: the name the audit trail records, and their operator entry when the state has operators.
public struct ActingOperator: Sendable, Hashable {
    /// The name (`--operator`, `INTAKE_OPERATOR` or the OS user).
    public var name: String
    /// Their entry; `nil` when the state has no operators (everything is allowed then).
    public var entry: Operator?

    /// Creates an acting operator.
    /// - Parameters:
    ///   - name: the name.
    ///   - entry: their operator entry, or `nil` when the state defines none.
    public init(name: String, entry: Operator?) {
        self.name = name
        self.entry = entry
    }

    /// `olga (order-manager)`, `sam (store-manager of shop-a, shop-b)`.
    var described: String {
        guard let entry else { return name }
        if entry.role == .storeManager && !entry.stores.isEmpty {
            return "\(name) (store-manager of \(entry.stores.joined(separator: ", ")))"
        }
        return "\(name) (\(entry.role.rawValue))"
    }
}

/// Who may run what (README: "Operators, roles and the audit trail").
///
/// A state without operators allows everything to everyone (a single-user install stays simple). Once it has
/// operators, the acting one must be among them and their role must allow the command:
///
/// ```swift
/// // in a command's run(), before anything is read:
/// let acting = try Access.require(.statusImport, state: store, operator: options.operatorName)
/// // ... then change the state and record it, in one transaction:
/// try Audit.record(command: commandLine, by: acting, files: [Audit.file(atPath: path)], counts: ["statuses_imported": 12], in: store) {
///     try store.recordStatuses(statuses)
/// }
/// ```
///
/// The acting operator is `--operator NAME`, else `INTAKE_OPERATOR`, else the OS user. This sorts out who does
/// what among honest colleagues (and records it); it is not authentication: anyone who can write the state file
/// can name any operator.
public enum Access {
    /// A command as the role table knows it; the raw value is how it is typed after `intake`.
    public enum Command: String, Sendable, CaseIterable {
        /// `intake validate`: reads.
        case validate
        /// `intake run`: a pipeline, allowed when each of its parts is (`Access` checks them one by one).
        case run
        /// `intake catalog import` (and a pipeline's `catalog:`).
        case catalogImport = "catalog import"
        /// `intake customers add`.
        case customersAdd = "customers add"
        /// `intake customers import` (and a pipeline's `customers:`).
        case customersImport = "customers import"
        /// `intake customers list`.
        case customersList = "customers list"
        /// `intake stores add` (and a pipeline's `stores:` entry that adds or changes a store).
        case storesAdd = "stores add"
        /// `intake stores list`.
        case storesList = "stores list"
        /// `intake products sync` (and a pipeline's `sync:` stage): a store manager of the store.
        case productsSync = "products sync"
        /// `intake products export`: writes a file, changes nothing.
        case productsExport = "products export"
        /// `intake connections import` (and a pipeline's `connect:` stage): a store manager of the store.
        case connectionsImport = "connections import"
        /// `intake orders import` (and a pipeline's `orders:` stage).
        case ordersImport = "orders import"
        /// `intake orders template`: needs no state.
        case ordersTemplate = "orders template"
        /// `intake runs list`.
        case runsList = "runs list"
        /// `intake runs show`.
        case runsShow = "runs show"
        /// `intake operators add`.
        case operatorsAdd = "operators add"
        /// `intake operators list`.
        case operatorsList = "operators list"
        /// `intake audit`.
        case audit
        /// `intake status import`: production's status of published orders.
        case statusImport = "status import"
        /// `intake status export`: status updates for the stores.
        case statusExport = "status export"
        /// `intake status show`: an order's status history.
        case statusShow = "status show"
        /// `intake templates add`: a named Product UID with its design files (not a store's: any store manager).
        case templatesAdd = "templates add"
        /// `intake templates list`.
        case templatesList = "templates list"

        /// The role the command needs besides admin, who may run everything; `readOnly` means every operator.
        public var role: Role {
            switch self {
            case .catalogImport, .customersAdd, .customersImport, .storesAdd, .operatorsAdd, .operatorsList: .admin
            case .productsSync, .connectionsImport, .templatesAdd: .storeManager
            case .ordersImport, .run, .statusImport, .statusExport: .orderManager
            case .validate, .customersList, .storesList, .productsExport, .ordersTemplate, .runsList, .runsShow, .audit, .templatesList, .statusShow:
                .readOnly
            }
        }

        /// Whether the command acts on one store, so that a store manager needs to manage that store.
        public var isStoreScoped: Bool {
            self == .productsSync || self == .connectionsImport
        }
    }

    /// Whether `entry` may run `command` (on `store`, for a store-scoped command). `run` is judged by its parts
    /// (``require(_:store:state:operator:environment:)`` does that for a pipeline); alone it needs order-manager.
    /// - Parameters:
    ///   - entry: the operator.
    ///   - command: the command.
    ///   - store: the store it acts on, for a store-scoped command.
    /// - Returns: `true` when the role allows it.
    public static func allows(_ entry: Operator, _ command: Command, store: String? = nil) -> Bool {
        switch (entry.role, command.role) {
        case (.admin, _), (_, .readOnly): true
        case (.storeManager, .storeManager): !command.isStoreScoped || store.map(entry.manages(store:)) ?? entry.stores.isEmpty
        case (let role, let needed): role == needed
        }
    }

    /// The acting operator's name: `option` (`--operator`), else `INTAKE_OPERATOR`, else the OS user (the
    /// effective user's login name, else `USER`).
    /// - Parameters:
    ///   - option: `--operator`, if given.
    ///   - environment: the process's environment.
    /// - Returns: the name (never empty).
    public static func actingOperatorName(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let name = environment["INTAKE_OPERATOR"], !name.isEmpty { return name }
        if let entry = getpwuid(geteuid()), let login = entry.pointee.pw_name, login.pointee != 0 { return String(cString: login) }
        if let user = environment["USER"], !user.isEmpty { return user }
        return "uid-\(geteuid())"
    }

    /// Checks that the acting operator may run `command`: the one check every command makes, before it reads
    /// anything. With no operators in the state everything is allowed.
    /// - Parameters:
    ///   - command: the command (its row of the role table).
    ///   - store: the store it acts on (store-scoped commands: `products sync`, `connections import`).
    ///   - state: the state (its operators).
    ///   - option: `--operator`, if given.
    ///   - environment: where `INTAKE_OPERATOR` and `USER` are read.
    /// - Returns: the acting operator, for the audit entry.
    /// - Throws: `AccessError` (exit 2) for an operator the state does not know or whose role does not allow
    ///   the command; `StoreError` when the state cannot be read.
    @discardableResult
    public static func require(
        _ command: Command, store: String? = nil, state: any OperatorStore, operator option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ActingOperator {
        let acting = try identify(option: option, state: state, environment: environment)
        guard let entry = acting.entry, !allows(entry, command, store: store) else { return acting }
        throw AccessError(.notPermitted, "the operator \(acting.described) may not run intake \(command.rawValue)\(store.map { " for the store \($0)" } ?? ""): it needs \(needed(command, store: store)); nothing was read")
    }

    /// Who the acting operator is, checked against the state's operators.
    /// - Throws: `AccessError(.unknownOperator)` when the state has operators and the name is not one of them.
    static func identify(option: String?, state: any OperatorStore, environment: [String: String]) throws -> ActingOperator {
        let name = actingOperatorName(option: option, environment: environment)
        let operators = try state.operators()
        guard !operators.isEmpty else { return ActingOperator(name: name, entry: nil) }
        guard let entry = operators.first(where: { $0.name == name }) else {
            throw AccessError(.unknownOperator, "unknown operator \(name); intake operators list (give --operator NAME or set INTAKE_OPERATOR)")
        }
        return ActingOperator(name: name, entry: entry)
    }

    /// Checks a pipeline part by part (what `intake run` and the import commands run): `catalog:` needs
    /// `catalog import`'s role, `customers:` `customers import`'s, a `stores:` entry that adds or changes a store
    /// `stores add`'s, and each stage its command's (`sync` → `products sync`, `connect` → `connections import`
    /// of its store, `orders` → `orders import`). All refusals are named at once.
    /// - Throws: `AccessError` (exit 2) before anything is read.
    static func require(pipeline: PipelineFile, state: any OperatorStore, operator option: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ActingOperator {
        let acting = try identify(option: option, state: state, environment: environment)
        guard let entry = acting.entry else { return acting }
        var parts: [(what: String, command: Command, store: String?)] = []
        if let catalog = pipeline.catalog { parts.append(("catalog: (line \(catalog.line))", .catalogImport, nil)) }
        if let customers = pipeline.customers { parts.append(("customers: (line \(customers.line))", .customersImport, nil)) }
        for store in pipeline.stores {
            let declared = Store(id: store.id, customerReference: store.customer, platform: store.platform, name: store.name)
            // A store entry that matches the state changes nothing (a nightly pipeline declares its stores each time).
            if try state.store(id: store.id) != declared {
                parts.append(("stores: entry \(store.id) (line \(store.line)), which adds or changes the store,", .storesAdd, nil))
            }
        }
        for stage in pipeline.stages {
            let command: Command
            switch stage {
            case .sync: command = .productsSync
            case .connect: command = .connectionsImport
            case .orders: command = .ordersImport
            case .status: command = .statusImport
            }
            parts.append(("\(stage.keyword) stage for \(stage.store) (line \(stage.line))", command, stage.store))
        }
        let refused = parts.filter { !allows(entry, $0.command, store: $0.store) }
        guard !refused.isEmpty else { return acting }
        if pipeline.path == PipelineFile.commandLinePath, let first = refused.first {
            // A command stands for a one-part pipeline: name the command, not its part.
            let store = first.command.isStoreScoped ? first.store : nil
            throw AccessError(.notPermitted, "the operator \(acting.described) may not run intake \(first.command.rawValue)\(store.map { " for the store \($0)" } ?? ""): it needs \(needed(first.command, store: store)); nothing was read")
        }
        let reasons = refused.map { "its \($0.what) needs \(needed($0.command, store: $0.command.isStoreScoped ? $0.store : nil))" }
        throw AccessError(.notPermitted, "the operator \(acting.described) may not run \(pipeline.path): \(reasons.joined(separator: "; ")); nothing was read")
    }

    /// `validate`'s check: only when the state exists (`validate` never creates one), opened read-only.
    /// - Throws: `AccessError(.unknownOperator)` when the state has operators and the acting one is not among them.
    static func requireToValidate(statePath: String, operator option: String?) throws {
        guard FileManager.default.fileExists(atPath: statePath) else { return }
        let state = try StateCommands.perform { try SQLiteStore(readOnlyPath: statePath) }
        _ = try StateCommands.perform { try require(.validate, state: state, operator: option) }
    }

    /// `the role order-manager (or admin)`, `the role store-manager of shop-b (or admin)`.
    private static func needed(_ command: Command, store: String?) -> String {
        switch command.role {
        case .admin: "the role admin"
        case .storeManager where command.isStoreScoped: "the role store-manager\(store.map { " of \($0)" } ?? " of every store") (or admin)"
        case let role: "the role \(role.rawValue) (or admin)"
        }
    }
}

extension PipelineFile {
    /// The `path` of the one-part pipeline an import command stands for (`intake orders import` ...).
    public static let commandLinePath = "(command line)"
}
