import IntakeModel

/// Which adapter reads which kind: the one place a new platform is wired in.
public enum FormatRegistry {
    /// The adapter of an orders kind for a header; `nil` for another kind or when the header lacks its key columns.
    /// - Parameter mapping: a store's `columns:` mapping (our field name → their header), for layouts no preset knows.
    public static func orderAdapter(for kind: FileKind, header: HeaderIndex, mapping: [String: String] = [:]) -> (any OrderRowAdapter)? {
        switch kind {
        case .shopifyOrders: ShopifyOrderAdapter(header: header)
        case .manualOrders: ManualOrderAdapter(header: header)
        default: nil
        }
    }

    /// The adapter of a products kind for a header; `nil` for another kind or when the header lacks its key columns.
    public static func productAdapter(for kind: FileKind, header: HeaderIndex) -> (any ProductRowAdapter)? {
        switch kind {
        case .shopifyProducts: ShopifyProductAdapter(header: header)
        case .woocommerceProducts: WooCommerceProductAdapter(header: header)
        default: nil
        }
    }
}
