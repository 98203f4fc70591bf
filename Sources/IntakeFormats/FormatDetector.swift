import IntakeModel

/// Recognises a file's kind from its header.
public enum FormatDetector {
    /// The kind a header belongs to, or `nil` when no known kind fits or two fit equally well.
    ///
    /// Each kind's matcher looks for the columns that identify it (in every language it is exported in); when
    /// more than one matches, the kind with more of its required columns present wins, and a tie is ambiguous.
    public static func detect(_ header: HeaderIndex) -> FileKind? {
        let candidates = matchers.filter { $0.matches(header) }.map(\.kind)
        guard candidates.count > 1 else { return candidates.first }
        let scored = candidates.map { kind in (kind, score(header, kind)) }.sorted { $0.1 > $1.1 }
        return scored[0].1 > scored[1].1 ? scored[0].0 : nil
    }

    /// Why a header was not recognised, for the operator: the closest kinds and the columns they miss.
    public static func explain(_ header: HeaderIndex) -> String {
        let candidates = matchers.filter { $0.matches(header) }.map(\.kind)
        if candidates.count > 1 {
            return "the header fits several kinds equally well (\(candidates.map(\.rawValue).joined(separator: ", "))); give --as KIND"
        }
        let closest = FileKind.allCases.compactMap { kind -> (FileKind, Double, [String])? in
            let required = RequiredColumns.of(kind)
            guard !required.isEmpty else { return nil }
            let missing = RequiredColumns.missing(in: header, kind: kind)
            return (kind, Double(required.count - missing.count) / Double(required.count), missing)
        }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(2)
        guard !closest.isEmpty else { return "the header does not look like any known file kind" }
        let described = closest.map { "\($0.0.rawValue) (missing \($0.2.prefix(4).joined(separator: ", "))\($0.2.count > 4 ? ", ..." : ""))" }
        return "the header does not look like any known file kind; closest: \(described.joined(separator: "; "))"
    }

    private static func score(_ header: HeaderIndex, _ kind: FileKind) -> Int {
        RequiredColumns.of(kind).count - RequiredColumns.missing(in: header, kind: kind).count
    }

    /// The identifying test of each kind, most specific first.
    static let matchers: [(kind: FileKind, matches: @Sendable (HeaderIndex) -> Bool)] = [
        (.shopifyOrders, { $0.contains("name") && $0.contains("lineitem quantity") }),
        (.etsyOrders, { EtsyOrderAdapter.matches($0) }),
        (.etsyListings, { EtsyListingAdapter.matches($0) }),
        (.manualOrders, { ManualOrderAdapter.matches($0) }),
        (.woocommerceOrders, { WooCommerceOrders.matches($0) }),
        (.shopifyProducts, { header in
            (header.contains("handle") || header.contains("url handle"))
                && (header.contains("variant sku") || header.contains("sku") || header.contains("option1 value") || header.contains("title"))
        }),
        (.woocommerceProducts, { WooCommerceProductAdapter.matches($0) }),
        (.customers, { CustomersAdapter.matches($0) }),
        (.catalog, { header in
            header.index(ofAny: ColumnAliases.productUID) != nil
                && (header.contains("status") || header.contains("title") || header.contains("category"))
                && header.index(ofAny: ColumnAliases.designURL) == nil
        }),
    ]

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
        case .etsyListings:
            return EtsyListingAdapter.requiredColumns(connection: connection)
        case .etsyOrders:
            return EtsyOrderAdapter.requiredColumns
        case .manualOrders:
            typealias A = ManualOrderAdapter.Aliases
            return [("Order Reference", A.reference), ("Quantity", A.quantity), ("First Name", A.firstName),
                    ("Address Line 1", A.address1), ("City", A.city), ("Country", A.country)]
        case .customers:
            return [("Name", ["name", "customer name", "company"])]
        case .woocommerceProducts:
            let base = WooCommerceProductAdapter.requiredColumns
            return connection ? base + [("Product UID", ColumnAliases.productUID)] : base
        case .woocommerceOrders:
            return WooCommerceOrders.requiredColumns
        case .shopifyOrders:
            return [
                ("Name", ColumnAliases.shopifyOrderName), ("Email", ColumnAliases.shopifyEmail),
                ("Lineitem quantity", ColumnAliases.shopifyQuantity), ("Lineitem name", ColumnAliases.shopifyLineName),
                ("Lineitem sku", ColumnAliases.shopifyLineSKU), ("Shipping Name", ColumnAliases.shopifyShippingName),
                ("Shipping Address1", ColumnAliases.shopifyAddress1), ("Shipping City", ColumnAliases.shopifyCity),
                ("Shipping Zip", ColumnAliases.shopifyZip), ("Shipping Country", ColumnAliases.shopifyCountry),
            ]
        }
    }

    /// The names of the required columns the header lacks.
    public static func missing(in header: HeaderIndex, kind: FileKind, connection: Bool = false) -> [String] {
        of(kind, connection: connection).compactMap { header.index(ofAny: $0.aliases) == nil ? $0.name : nil }
    }
}
