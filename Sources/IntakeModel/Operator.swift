/// What an operator may do with a state (README: "Operators, roles and the audit trail").
///
/// The roles are not a ladder: a store manager and an order manager each do what the other may not; an admin
/// does everything, and every role does what `readOnly` does.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything: the catalog, customers, stores, operators, and all the other roles do.
    case admin
    /// The products and connections of their stores (all stores when none are named), templates; reads.
    case storeManager = "store-manager"
    /// Order imports, pipelines of orders, status updates; reads.
    case orderManager = "order-manager"
    /// Validates and reads; changes nothing.
    case readOnly = "read-only"
}

/// A person (or a job) who runs `intake` on a state, with their role.
public struct Operator: Sendable, Hashable, Codable {
    /// The name `--operator`, `INTAKE_OPERATOR` or the OS user gives (compared exactly).
    public var name: String
    /// What they may do.
    public var role: Role
    /// For a store manager, the stores they manage; empty means all stores. Ignored for the other roles.
    public var stores: [String]
    /// When they were added (ISO 8601, UTC).
    public var createdAt: String

    /// Creates an operator.
    /// - Parameters:
    ///   - name: the operator's name.
    ///   - role: their role.
    ///   - stores: the stores a store manager manages (empty: all).
    ///   - createdAt: when they were added (ISO 8601, UTC).
    public init(name: String, role: Role, stores: [String] = [], createdAt: String) {
        self.name = name
        self.role = role
        self.stores = stores
        self.createdAt = createdAt
    }

    /// Whether a store manager manages `store` (every store when their list is empty).
    /// - Parameter store: a store id.
    /// - Returns: `true` when `store` is theirs.
    public func manages(store: String) -> Bool {
        stores.isEmpty || stores.contains(store)
    }

    enum CodingKeys: String, CodingKey {
        case name, role, stores
        case createdAt = "created_at"
    }
}

/// An input file of a command as the audit trail keeps it: its path, size and SHA-256.
public struct AuditFile: Sendable, Hashable, Codable {
    /// The path as the command was given it (relative to the working directory when inside it); `-` is
    /// standard input.
    public var path: String
    /// Its size in bytes, as hashed.
    public var bytes: Int64
    /// The SHA-256 of its bytes, 64 lowercase hex digits (of the file itself: an archive's, not its entries').
    public var sha256: String

    /// Creates a file record.
    /// - Parameters:
    ///   - path: the path as given.
    ///   - bytes: its size in bytes.
    ///   - sha256: the SHA-256 of its bytes in lowercase hex.
    public init(path: String, bytes: Int64, sha256: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// One change of a state, as the audit trail records it: who, when, which command, which run, which input
/// files, and what it counted.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Its number in the trail (increasing; 0 before it is recorded).
    public var id: Int64
    /// When it was recorded (ISO 8601, UTC).
    public var at: String
    /// The acting operator's name.
    public var operatorName: String
    /// The command line as typed (`intake orders import --store acme-shopify orders.csv --out out`).
    public var command: String
    /// The run it recorded (`runs show` shows it), or empty for a command that is not a run.
    public var runID: String
    /// The input files the command read.
    public var files: [AuditFile]
    /// What it counted (`rows_read`, `orders_accepted` ... for a run; `customers_added` ...).
    public var counts: [String: Int]

    /// Creates an entry.
    /// - Parameters:
    ///   - id: its number (0 before it is recorded).
    ///   - at: when (ISO 8601, UTC).
    ///   - operatorName: the acting operator.
    ///   - command: the command line.
    ///   - runID: the run, or empty.
    ///   - files: the input files read.
    ///   - counts: what the command counted.
    public init(id: Int64 = 0, at: String, operatorName: String, command: String, runID: String = "", files: [AuditFile] = [],
                counts: [String: Int] = [:]) {
        self.id = id
        self.at = at
        self.operatorName = operatorName
        self.command = command
        self.runID = runID
        self.files = files
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey {
        case id, at, command, files, counts
        case operatorName = "operator"
        case runID = "run"
    }
}
