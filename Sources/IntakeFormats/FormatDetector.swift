import IntakeModel

/// Recognises a file's kind from its header.
public enum FormatDetector {
    /// The kind a header belongs to, or `nil` when no known kind fits.
    public static func detect(_ header: HeaderIndex) -> FileKind? {
        let has = header.contains
        if has("name") && has("lineitem quantity") { return .shopifyOrders }
        if ManualOrderAdapter.matches(header) { return .manualOrders }
        if (has("handle") || has("url handle")) && (has("variant sku") || has("sku") || has("option1 value") || has("title")) {
            return .shopifyProducts
        }
        if WooCommerceProductAdapter.matches(header) { return .woocommerceProducts }
        if CustomersAdapter.matches(header) { return .customers }
        if header.index(ofAny: ColumnAliases.productUID) != nil,
            has("status") || has("title") || has("category"),
            header.index(ofAny: ColumnAliases.designURL) == nil
        {
            return .catalog
        }
        return nil
    }

    /// Whether a product export carries the two connection columns (`Product UID`, `Design file URL`, or one
    /// `Design file URL (<area>)` per print area).
    public static func isConnectionFile(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: ColumnAliases.productUID) != nil && !designColumns(header).isEmpty
    }

    /// The design file columns of a header with their print area: plain `Design file URL` is `default`,
    /// `Design file URL (back)` is `back`.
    public static func designColumns(_ header: HeaderIndex) -> [(index: Int, area: String)] {
        var result: [(Int, String)] = []
        for index in 0..<header.count {
            let name = header.normalizedName(index)
            if ColumnAliases.designURL.contains(name) {
                result.append((index, "default"))
                continue
            }
            for alias in ColumnAliases.designURL where name.hasPrefix(alias + " (") && name.hasSuffix(")") {
                let area = String(name.dropFirst(alias.count + 2).dropLast())
                if ColumnAliases.printAreas.contains(area) || area == "default" { result.append((index, area)) }
                break
            }
        }
        return result
    }
}

/// The columns a kind cannot do without: the name reported (as the platform spells it) and its aliases.
public enum RequiredColumns {
    /// Required columns of `kind` (a connection file also needs `Product UID`).
    public static func of(_ kind: FileKind, connection: Bool = false) -> [(name: String, aliases: [String])] {
        switch kind {
        case .catalog:
            return [("Product UID", ColumnAliases.productUID)]
        case .shopifyProducts:
            let base = [("Handle", ColumnAliases.shopifyHandle)]
            return connection ? base + [("Product UID", ColumnAliases.productUID)] : base
        case .manualOrders:
            typealias A = ManualOrderAdapter.Aliases
            return [("Order Reference", A.reference), ("Quantity", A.quantity), ("First Name", A.firstName),
                    ("Address Line 1", A.address1), ("City", A.city), ("Country", A.country)]
        case .customers:
            return [("Name", ["name", "customer name", "company"])]
        case .woocommerceProducts:
            let base = [("Type", ["type", "tipo"])]
            return connection ? base + [("Product UID", ColumnAliases.productUID)] : base
        case .shopifyOrders:
            return [
                ("Name", ColumnAliases.shopifyOrderName), ("Email", ColumnAliases.shopifyEmail),
                ("Lineitem quantity", ColumnAliases.shopifyQuantity), ("Lineitem name", ColumnAliases.shopifyLineName),
                ("Lineitem sku", ColumnAliases.shopifyLineSKU), ("Shipping Name", ColumnAliases.shopifyShippingName),
                ("Shipping Address1", ColumnAliases.shopifyAddress1), ("Shipping City", ColumnAliases.shopifyCity),
                ("Shipping Zip", ColumnAliases.shopifyZip), ("Shipping Country", ColumnAliases.shopifyCountry),
            ]
        default:
            return []
        }
    }

    /// The names of the required columns the header lacks.
    public static func missing(in header: HeaderIndex, kind: FileKind, connection: Bool = false) -> [String] {
        of(kind, connection: connection).compactMap { header.index(ofAny: $0.aliases) == nil ? $0.name : nil }
    }
}
