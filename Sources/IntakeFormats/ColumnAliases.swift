/// The names each column goes by, normalised (lowercase, single spaces). The first is the canonical spelling.
public enum ColumnAliases {
    // Connection columns, added to a product export for bulk connection.
    public static let productUID = ["product uid", "productuid", "product_uid", "product-uid", "gelato product uid", "uid"]
    public static let designURL = ["design file url", "design url", "design_file_url", "design-file-url", "design file", "file url", "print file url"]
    /// The print areas a `Design file URL (<area>)` column may name.
    public static let printAreas = ["front", "back", "inside", "neck-inner", "neck-outer", "sleeve-left", "sleeve-right"]

    // Catalog.
    public static let catalogTitle = ["title", "name", "product title"]
    public static let catalogCategory = ["category", "product category"]
    public static let catalogStatus = ["status"]

    // Shopify products: the classic header and the 2024+ names.
    public static let shopifyHandle = ["handle", "url handle"]
    public static let shopifyTitle = ["title"]
    public static let shopifyStatus = ["status"]
    public static let shopifyPublished = ["published", "published on online store"]
    public static let shopifySKU = ["variant sku", "sku"]
    public static let shopifyPrice = ["variant price", "price"]
    public static func shopifyOptionName(_ n: Int) -> [String] { ["option\(n) name"] }
    public static func shopifyOptionValue(_ n: Int) -> [String] { ["option\(n) value"] }

    // Shopify orders.
    public static let shopifyOrderName = ["name"]
    public static let shopifyEmail = ["email"]
    public static let shopifyCurrency = ["currency"]
    public static let shopifyShippingMethod = ["shipping method"]
    public static let shopifyQuantity = ["lineitem quantity"]
    public static let shopifyLineName = ["lineitem name"]
    public static let shopifyLineSKU = ["lineitem sku"]
    public static let shopifyShippingName = ["shipping name"]
    public static let shopifyAddress1 = ["shipping address1", "shipping street"]
    public static let shopifyAddress2 = ["shipping address2"]
    public static let shopifyCompany = ["shipping company"]
    public static let shopifyCity = ["shipping city"]
    public static let shopifyZip = ["shipping zip"]
    public static let shopifyProvince = ["shipping province"]
    public static let shopifyCountry = ["shipping country"]
    public static let shopifyPhone = ["shipping phone", "phone"]
    public static let shopifyCancelledAt = ["cancelled at"]
}
