/// The platform a store runs on.
public enum Platform: String, Sendable, Hashable, Codable, CaseIterable {
    case shopify, etsy, woocommerce, pressero, manual
}

/// The kinds of input file the tool reads (contract §4); the raw value is what `--as` takes.
public enum FileKind: String, Sendable, Hashable, Codable, CaseIterable {
    case catalog
    case customers
    case shopifyProducts = "shopify-products"
    case woocommerceProducts = "woocommerce-products"
    case etsyListings = "etsy-listings"
    case shopifyOrders = "shopify-orders"
    case woocommerceOrders = "woocommerce-orders"
    case etsyOrders = "etsy-orders"
    case manualOrders = "manual-orders"

    /// Whether the file holds order lines.
    public var isOrders: Bool {
        switch self {
        case .shopifyOrders, .woocommerceOrders, .etsyOrders, .manualOrders: true
        default: false
        }
    }

    /// Whether the file is a store's product export (a connection file when it has the two connection columns).
    public var isProducts: Bool {
        switch self {
        case .shopifyProducts, .woocommerceProducts, .etsyListings: true
        default: false
        }
    }
}

/// A print area of a design file: the `type` of a job's file.
public struct DesignFile: Sendable, Hashable, Codable {
    /// `default`, `front`, `back`, `inside`, `neck-inner`, `neck-outer`, `sleeve-left`, `sleeve-right`.
    public var type: String
    /// The file's URL.
    public var url: String

    /// Creates a design file.
    public init(type: String, url: String) {
        self.type = type
        self.url = url
    }
}
