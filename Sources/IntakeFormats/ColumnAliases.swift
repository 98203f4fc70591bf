/// The names each column goes by, normalised (lowercase, single spaces). The first is the canonical spelling.
public enum ColumnAliases {
    // Connection columns, added to a product export for bulk connection.
    /// Names of the product UID column, normalised.
    public static let productUID = ["product uid", "productuid", "product_uid", "product-uid", "gelato product uid", "uid"]
    /// Names of the design file URL column, normalised.
    public static let designURL = ["design file url", "design url", "design_file_url", "design-file-url", "design file", "file url", "print file url"]
    /// The print areas a `Design file URL (<area>)` column may name.
    public static let printAreas = ["front", "back", "inside", "neck-inner", "neck-outer", "sleeve-left", "sleeve-right"]

    // Catalog.
    /// Names of the catalog title column, normalised.
    public static let catalogTitle = ["title", "name", "product title"]
    /// Names of the catalog category column, normalised.
    public static let catalogCategory = ["category", "product category"]
    /// Names of the catalog status column, normalised.
    public static let catalogStatus = ["status"]

    // Shopify products: the classic header and the 2024+ names.
    /// Names of the Shopify handle column, normalised.
    public static let shopifyHandle = ["handle", "url handle"]
    /// Names of the Shopify title column, normalised.
    public static let shopifyTitle = ["title"]
    /// Names of the Shopify status column, normalised.
    public static let shopifyStatus = ["status"]
    /// Names of the Shopify published column, normalised.
    public static let shopifyPublished = ["published", "published on online store"]
    /// Names of the Shopify variant SKU column, normalised.
    public static let shopifySKU = ["variant sku", "sku"]
    /// Names of the Shopify price column, normalised.
    public static let shopifyPrice = ["variant price", "price"]
    /// Names of the Shopify option name column, normalised.
    public static func shopifyOptionName(_ n: Int) -> [String] { ["option\(n) name"] }
    /// Names of the Shopify option value column, normalised.
    public static func shopifyOptionValue(_ n: Int) -> [String] { ["option\(n) value"] }

    // Shopify orders.
    /// Names of the Shopify order name column, normalised.
    public static let shopifyOrderName = ["name"]
    /// Names of the Shopify email column, normalised.
    public static let shopifyEmail = ["email"]
    /// Names of the Shopify currency column, normalised.
    public static let shopifyCurrency = ["currency"]
    /// Names of the Shopify shipping method column, normalised.
    public static let shopifyShippingMethod = ["shipping method"]
    /// Names of the Shopify quantity column, normalised.
    public static let shopifyQuantity = ["lineitem quantity"]
    /// Names of the Shopify line name column, normalised.
    public static let shopifyLineName = ["lineitem name"]
    /// Names of the Shopify line-item SKU column, normalised.
    public static let shopifyLineSKU = ["lineitem sku"]
    /// Names of the Shopify shipping name column, normalised.
    public static let shopifyShippingName = ["shipping name"]
    /// Names of the Shopify address1 column, normalised.
    public static let shopifyAddress1 = ["shipping address1", "shipping street"]
    /// Names of the Shopify address2 column, normalised.
    public static let shopifyAddress2 = ["shipping address2"]
    /// Names of the Shopify company column, normalised.
    public static let shopifyCompany = ["shipping company"]
    /// Names of the Shopify city column, normalised.
    public static let shopifyCity = ["shipping city"]
    /// Names of the Shopify zip column, normalised.
    public static let shopifyZip = ["shipping zip"]
    /// Names of the Shopify province column, normalised.
    public static let shopifyProvince = ["shipping province"]
    /// Names of the Shopify country column, normalised.
    public static let shopifyCountry = ["shipping country"]
    /// Names of the Shopify phone column, normalised.
    public static let shopifyPhone = ["shipping phone", "phone"]
    /// Names of the Shopify cancelled at column, normalised.
    public static let shopifyCancelledAt = ["cancelled at"]
}
