import IntakeCSV
import IntakeModel

/// Reads WooCommerce's built-in product export (current header with `GTIN, UPC, EAN, or ISBN` and older ones;
/// English and Portuguese headers so far), one product or variation per row.
///
/// Rows of type `simple` or `variation` (the type may be a list: `simple, downloadable, virtual`) are
/// variants; `variable` parents, `grouped` and `external` products are not. `Published` 1 is active; 0
/// (private), -1 (draft) and 2 (pending) are not.
public struct WooCommerceProductAdapter: ProductRowAdapter, Sendable {
    private let header: HeaderIndex
    private let type: Int
    private let sku: Int?
    private let name: Int?
    private let published: Int?
    private let attributes: [(name: Int, value: Int)]
    private let connection: ConnectionColumns

    /// Aliases of the columns used, in the languages WooCommerce's exporter writes.
    enum Aliases {
        static let id = ["id"]
        static let type = ["type", "tipo"]
        static let sku = ["sku", "ref", "ref."]
        static let name = ["name", "nome"]
        static let published = ["published", "publicado"]
        static func attributeName(_ n: Int) -> [String] { ["attribute \(n) name", "nome do atributo \(n)"] }
        static func attributeValue(_ n: Int) -> [String] { ["attribute \(n) value(s)", "valores do atributo \(n)"] }
    }

    /// Whether a header is a WooCommerce product export.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: Aliases.id) != nil && header.index(ofAny: Aliases.type) != nil
            && header.index(ofAny: Aliases.name) != nil && header.index(ofAny: Aliases.published) != nil
    }

    public var isConnectionFile: Bool { connection.isPresent }
    public var connectionColumnNames: (uid: String, design: String) { connection.names }
    public var skuColumn: String { sku.map { header.names[$0] } ?? "SKU" }

    /// Resolves the columns of `header` once; `nil` when it has no `Type` column.
    public init?(header: HeaderIndex) {
        guard let type = header.index(ofAny: Aliases.type) else { return nil }
        self.header = header
        self.type = type
        sku = header.index(ofAny: Aliases.sku)
        name = header.index(ofAny: Aliases.name)
        published = header.index(ofAny: Aliases.published)
        var attributes: [(Int, Int)] = []
        var n = 1
        while let nameIndex = header.index(ofAny: Aliases.attributeName(n)), let valueIndex = header.index(ofAny: Aliases.attributeValue(n)) {
            attributes.append((nameIndex, valueIndex))
            n += 1
        }
        self.attributes = attributes
        connection = ConnectionColumns(header: header)
    }

    public mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> ProductRow {
        let types = reader.string(type).lowercased().split(separator: ",").map { $0.trimmingCharacters(in: " ") }
        let publishedText = published.map { reader.string($0).trimmingSpaces } ?? ""
        var inactive: (column: String, value: String, message: String)?
        if let published, !publishedText.isEmpty, publishedText != "1" {
            let state = ["0": "private", "-1": "a draft", "2": "pending review"][publishedText] ?? "not published"
            inactive = (header.names[published], publishedText, "the product is \(state) in the store")
        }
        guard types.contains("simple") || types.contains("variation") else { return ProductRow(variant: nil, inactive: inactive) }
        let title = name.map { reader.string($0).trimmingSpaces } ?? ""
        let options = attributes.compactMap { pair -> VariantOption? in
            let optionName = reader.string(pair.name).trimmingSpaces
            guard !optionName.isEmpty else { return nil }
            // An empty value on a variation means "any value".
            return VariantOption(name: optionName, value: reader.string(pair.value).trimmingSpaces, column: header.names[pair.value])
        }
        let skuText = sku.map { reader.string($0).trimmingSpaces } ?? ""
        var variant = StoreVariant(
            productKey: skuText, productTitle: title, options: types.contains("variation") ? options : [],
            sku: skuText, isActive: inactive == nil, productUID: connection.productUID(reader),
            designFiles: connection.designFiles(reader), position: position)
        variant.explicitLineItemName = title
        return ProductRow(variant: variant, inactive: inactive)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
