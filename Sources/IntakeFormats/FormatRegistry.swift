import IntakeModel

/// Which adapter reads which kind: the one place a new platform is wired in.
public enum FormatRegistry {
    /// The adapter of an orders kind for a header; `nil` for another kind or when the header lacks its key columns.
    /// - Parameters:
    ///   - mapping: a store's `columns:` mapping (our field name → their header), for layouts no preset knows.
    ///   - countryCode: turns a country name (`United States`, `Deutschland`) into its ISO code (the validation
    ///     stage's table, passed in so formats stay below validation).
    public static func orderAdapter(
        for kind: FileKind, header: HeaderIndex, mapping: [String: String] = [:],
        countryCode: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> (any OrderRowAdapter)? {
        switch kind {
        case .shopifyOrders: ShopifyOrderAdapter(header: header)
        case .etsyOrders: EtsyOrderAdapter(header: header, countryCode: countryCode)
        case .manualOrders: ManualOrderAdapter(header: header)
        case .woocommerceOrders: try? WooCommerceOrders.adapter(for: header, mapping: mapping)
        default: nil
        }
    }

    /// The adapter of a products kind for a header; `nil` for another kind or when the header lacks its key columns.
    public static func productAdapter(for kind: FileKind, header: HeaderIndex) -> (any ProductRowAdapter)? {
        switch kind {
        case .shopifyProducts: ShopifyProductAdapter(header: header)
        case .woocommerceProducts: WooCommerceProductAdapter(header: header)
        case .etsyListings: EtsyListingAdapter(header: header)
        default: nil
        }
    }
}
