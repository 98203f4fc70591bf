/// A template product: a Product UID with its design files, under a name that manual order lines give in their
/// `Template` column instead of the UID and the URLs (a customer's regularly ordered items: "Menu card A4").
public struct Template: Sendable, Hashable, Codable {
    /// The name order lines give (unique; compared exactly, as written).
    public var name: String
    /// The catalog product.
    public var productUID: ProductUID
    /// The design files, one per print area (`default` for a plain `Design file URL`).
    public var files: [DesignFile]
    /// When it was added or last replaced (ISO 8601, UTC); empty when not recorded yet.
    public var createdAt: String

    /// Creates a template.
    public init(name: String, productUID: ProductUID, files: [DesignFile], createdAt: String = "") {
        self.name = name
        self.productUID = productUID
        self.files = files
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case name, productUID, files, createdAt
    }

    /// Decodes a template whose `productUID` is a plain string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        productUID = ProductUID(try container.decode(String.self, forKey: .productUID))
        files = try container.decode([DesignFile].self, forKey: .files)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt) ?? ""
    }

    /// Encodes the template with its `productUID` as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(productUID.rawValue, forKey: .productUID)
        try container.encode(files, forKey: .files)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
