/// A usage or configuration error: nothing was read (exit code 2).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do, for the operator.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The contract's exit codes (§7).
public enum ExitStatus: Int32, Sendable {
    /// Every row accepted (warnings allowed).
    case success = 0
    /// Finished; some rows rejected.
    case rowsRejected = 1
    /// Usage or configuration error; nothing read.
    case usage = 2
    /// Finished, but an input file or archive entry was skipped.
    case fileSkipped = 3
    /// Aborted by policy; nothing published.
    case aborted = 4
    /// Internal error (a bug).
    case internalError = 5
}
