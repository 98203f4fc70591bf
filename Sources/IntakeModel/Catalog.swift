/// A catalog Product UID, such as `flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver`. Opaque: the
/// catalog's attribute columns, not the UID's parts, say what the product is.
public struct ProductUID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The UID as written.
    public var rawValue: String

    /// Wraps a UID.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (lhs: ProductUID, rhs: ProductUID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a catalog product can still be produced.
public enum CatalogStatus: String, Sendable, Hashable, Codable {
    /// Produced.
    case active
    /// No longer produced: connections and orders naming it are rejected.
    case discontinued
}

/// One named attribute of a catalog product (`Size` = `M`); blank values are not stored.
public struct CatalogAttribute: Sendable, Hashable, Codable {
    /// The column name in the catalog file.
    public var name: String
    /// The value.
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One row of the PSP's production catalog.
public struct CatalogProduct: Sendable, Hashable, Codable {
    /// The Product UID.
    public var uid: ProductUID
    /// A human title.
    public var title: String
    /// The category (`apparel`, `wall-art` ...).
    public var category: String
    /// Whether it is still produced.
    public var status: CatalogStatus
    /// Its attributes in file order (blank = not applicable, not stored).
    public var attributes: [CatalogAttribute]

    /// Creates a product.
    public init(uid: ProductUID, title: String, category: String, status: CatalogStatus, attributes: [CatalogAttribute]) {
        self.uid = uid
        self.title = title
        self.category = category
        self.status = status
        self.attributes = attributes
    }
}

/// The production catalog, keyed by Product UID.
public struct Catalog: Sendable {
    /// The products by UID.
    public private(set) var products: [ProductUID: CatalogProduct] = [:]

    /// Creates an empty catalog.
    public init() {}

    /// Creates a catalog holding `products` (a later duplicate UID replaces an earlier one).
    public init(_ products: some Sequence<CatalogProduct>) {
        for product in products { self.products[product.uid] = product }
    }

    /// Adds or replaces a product.
    public mutating func insert(_ product: CatalogProduct) {
        products[product.uid] = product
    }

    /// The product with `uid`, if the catalog has it.
    public subscript(uid: ProductUID) -> CatalogProduct? { products[uid] }

    /// The number of products.
    public var count: Int { products.count }
}
