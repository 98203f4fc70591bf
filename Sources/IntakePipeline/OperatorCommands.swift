import Foundation
import IntakeModel
import IntakeStore

/// `intake operators add`: who may do what with a state.
public enum OperatorCommands {
    /// What adding an operator did.
    public struct AddOutcome: Sendable {
        /// The operator added.
        public var added: Operator
        /// Something the operator should know (after the first operator, who is now allowed to do what).
        public var note: String?
    }

    /// The stores of `--stores a,b`: split at commas, spaces trimmed, empty ones dropped.
    /// - Parameter text: the option's value.
    /// - Returns: the store ids, in order, each once.
    public static func storeList(_ text: String) -> [String] {
        var stores: [String] = []
        for part in text.split(separator: ",") {
            let id = part.trimmingCharacters(in: .whitespaces)
            if !id.isEmpty && !stores.contains(id) { stores.append(id) }
        }
        return stores
    }

    /// Adds an operator and its audit entry, in one transaction. With no operators yet anyone may add one, and it
    /// must be an admin (otherwise nobody could add the others); after that, only an admin may.
    /// - Parameters:
    ///   - name: the new operator's name.
    ///   - role: their role.
    ///   - stores: a store manager's stores (empty: all); each must exist.
    ///   - state: the state.
    ///   - option: `--operator` of the acting operator, if given.
    ///   - command: the command line, for the audit entry.
    /// - Returns: the operator added, and a note when it was the first.
    /// - Throws: `AccessError` when the acting operator may not add operators, `UsageError` for a name that is
    ///   taken or malformed, unknown stores, `--stores` on another role than store-manager, or a first operator
    ///   who is not an admin.
    public static func add(
        name: String, role: Role, stores: [String], state: any OperatorStore, operator option: String?, command: String
    ) throws -> AddOutcome {
        guard name.range(of: "^[A-Za-z0-9][A-Za-z0-9._@-]*$", options: .regularExpression) != nil else {
            throw UsageError("an operator's name is letters, digits, '.', '_', '-' and '@', starting with a letter or digit (e.g. jonas.becker)")
        }
        let acting = try StateCommands.perform { try Access.require(.operatorsAdd, state: state, operator: option) }
        if !stores.isEmpty {
            guard role == .storeManager else { throw UsageError("--stores is for a store-manager; a \(role.rawValue) is not limited to stores") }
            let known = Set(try StateCommands.perform { try state.stores() }.map(\.id))
            let unknown = stores.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw UsageError("no store \(unknown.joined(separator: ", ")) in the state (intake stores list); add it first (intake stores add)")
            }
        }
        let added = Operator(name: name, role: role, stores: stores, createdAt: UTCTime.now.iso8601)
        try StateCommands.perform {
            try Audit.record(command: command, by: acting, counts: ["operators_added": 1], in: state) { try state.addOperator(added) }
        }
        var note: String?
        if acting.entry == nil && acting.name != name {
            note = "the state has operators now: only they may use it, so \(acting.name) may not; act as \(name) with --operator \(name) or INTAKE_OPERATOR=\(name)"
        }
        return AddOutcome(added: added, note: note)
    }
}
