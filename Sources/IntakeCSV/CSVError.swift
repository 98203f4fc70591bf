/// A CSV file that cannot be read at all (as opposed to a record with a problem, which is data).
public struct CSVError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// The bytes are in an encoding the reader cannot decode.
        case encoding
    }

    /// What went wrong.
    public var kind: Kind
    /// An operator-facing explanation.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
