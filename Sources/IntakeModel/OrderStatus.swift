import Foundation

/// Where a published order is in production, as the PSP's systems report it (GelatoConnect's fulfilment statuses,
/// narrowed to what a store can show).
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case created
    case passed
    case inProduction = "in_production"
    case printed
    case shipped
    case delivered
    case canceled
    case failed

    /// The spellings production systems and people use for each status (compared without regard to case, spaces,
    /// hyphens and underscores).
    static let aliases: [String: OrderStatus] = {
        var table: [String: OrderStatus] = [:]
        for status in allCases { table[key(status.rawValue)] = status }
        let more: [(String, OrderStatus)] = [
            ("received", .created), ("order received", .created), ("uploading", .created), ("new", .created),
            ("approved", .passed), ("accepted", .passed),
            ("production", .inProduction), ("in progress", .inProduction), ("printing", .inProduction),
            ("produced", .printed), ("print ready", .printed),
            ("dispatched", .shipped), ("fulfilled", .shipped), ("in transit", .shipped), ("sent", .shipped),
            ("cancelled", .canceled), ("cancel", .canceled),
            ("error", .failed), ("rejected", .failed),
        ]
        for (spelling, status) in more { table[key(spelling)] = status }
        return table
    }()

    private static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !" -_".unicodeScalars.contains($0) })
    }

    /// The status a text names (`in_production`, `In Production`, `cancelled`, `dispatched` ...), or `nil`.
    public init?(spelling: String) {
        guard let status = Self.aliases[Self.key(spelling.trimmingCharacters(in: .whitespaces))] else { return nil }
        self = status
    }

    /// Whether the order has left production (a store marks it fulfilled).
    public var isShipped: Bool { self == .shipped || self == .delivered }
}

/// One status of one published order, as read from a status file.
public struct StatusUpdate: Sendable, Hashable {
    /// The store the order came from.
    public var store: String
    /// The order's reference, as published (`orderReferenceId`).
    public var reference: String
    /// The status.
    public var status: OrderStatus
    /// The carrier (`DHL`, `UPS` ...), when shipped.
    public var carrier: String
    /// The tracking number, when shipped.
    public var trackingNumber: String
    /// The tracking URL, when shipped.
    public var trackingURL: String
    /// When it happened, ISO 8601 in UTC (`2026-11-24T09:15:00Z`).
    public var time: String
    /// Where it was read.
    public var position: SourcePosition

    /// Creates an update.
    public init(store: String, reference: String, status: OrderStatus, carrier: String = "", trackingNumber: String = "",
                trackingURL: String = "", time: String, position: SourcePosition) {
        self.store = store
        self.reference = reference
        self.status = status
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.time = time
        self.position = position
    }
}
