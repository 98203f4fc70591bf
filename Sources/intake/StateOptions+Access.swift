import IntakePipeline
import IntakeStore

/// The help of `--operator`, the same on every command that takes it.
enum OperatorHelp {
    static let text = "Who runs the command (default: $INTAKE_OPERATOR, then the OS user); checked against the state's operators."
}

extension StateOptions {
    /// Opens the state and checks that the acting operator may run `command` (exit 2 before anything else
    /// otherwise).
    /// - Parameters:
    ///   - command: the command's row of the role table.
    ///   - store: the store it acts on, for a store-scoped command.
    /// - Returns: the state and the acting operator (for the audit entry).
    /// - Throws: `UsageError` when the state cannot be opened, `AccessError` when the command is refused.
    func open(for command: Access.Command, store: String? = nil) throws -> (state: SQLiteStore, acting: ActingOperator) {
        let state = try StateCommands.open(path)
        let acting = try StateCommands.perform { try Access.require(command, store: store, state: state, operator: operatorName) }
        return (state, acting)
    }
}
