import IntakeCSV
import IntakeModel

/// Reads WooCommerce's built-in product export (Products → Export), one product or variation per row; a
/// connection file when it has `Product UID` and `Design file URL` columns.
///
/// The header may be in any language the exporter translates it into (see ``Aliases``), the current one (with
/// `GTIN, UPC, EAN, or ISBN`, `Low stock amount`, unit-labelled `Weight (kg)`/`Weight (lbs)`) or an older one:
/// columns are found by name and unknown ones ignored. The reader has already removed the BOM and the `'` the
/// exporter puts before `= + - @`.
///
/// Rows whose `Type` (a list such as `simple, downloadable, virtual`) holds `simple` or `variation` are
/// variants; `variable` parents, `grouped` and `external` products and plugin parent types are not, but their
/// names are remembered so that a later variation naming one as `Parent` (by SKU, or `id:N` when the parent has
/// no SKU) gets the parent's name as its product title. The file streams, so a variation whose parent comes
/// later (the exporter orders rows by ID) takes its title from its own `Name` (`Hoodie - Red, No` → `Hoodie`);
/// its line-item name is its own `Name` either way, which is what WooCommerce writes on order lines.
///
/// A variation's attribute with an empty value means "any value": it is no option, so it cannot contradict the
/// catalog. `Published` 1 is active; 0 (private, or a disabled variation), -1 (draft) and 2 (pending review) are
/// not, and a variation of an inactive parent seen earlier is inactive too.
///
/// ```swift
/// let header = HeaderIndex(reader.strings())
/// guard WooCommerceProductAdapter.matches(header), var adapter = WooCommerceProductAdapter(header: header) else { return }
/// while try reader.next() { let row = adapter.row(from: reader, at: position, issues: &issues) }
/// ```
public struct WooCommerceProductAdapter: ProductRowAdapter, Sendable {
    /// A product that variations may name as their parent.
    private struct Parent: Sendable {
        var name: String
        var isActive: Bool
    }

    private let header: HeaderIndex
    private let id: Int?
    private let type: Int
    private let sku: Int?
    private let name: Int?
    private let published: Int?
    private let parent: Int?
    private let attributes: [(name: Int, value: Int)]
    private var connection: ConnectionColumns
    /// Parents seen so far, by `id:N` and by `sku:SKU`; only non-variant rows, so it stays small.
    private var parents: [String: Parent] = [:]

    /// Types whose rows are sellable variants of their own (WooCommerce Subscriptions' `subscription` included).
    static let simpleTypes: Set<String> = ["simple", "subscription"]
    /// Types whose rows are variations of a parent.
    static let variationTypes: Set<String> = ["variation", "subscription_variation"]

    /// Whether a header is a WooCommerce product export, in any of the languages of ``Aliases``: it has `Type`
    /// and `Name`, `ID` or `SKU`, and `Published`, `Parent` or `Attribute 1 name`.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: Aliases.type) != nil && header.index(ofAny: Aliases.name) != nil
            && (header.index(ofAny: Aliases.id) != nil || header.index(ofAny: Aliases.sku) != nil)
            && (header.index(ofAny: Aliases.published) != nil || header.index(ofAny: Aliases.parent) != nil
                || header.index(ofAny: Aliases.attributeName(1)) != nil)
    }

    /// The columns a WooCommerce product export cannot do without (a connection file also needs `Product UID`),
    /// as `RequiredColumns.of(.woocommerceProducts)` reports them.
    public static let requiredColumns: [(name: String, aliases: [String])] = [("Type", Aliases.type), ("Name", Aliases.name)]

    public var isConnectionFile: Bool { connection.isPresent }
    public var connectionColumnNames: (uid: String, design: String) { connection.names }
    public var skuColumn: String { sku.map { header.names[$0] } ?? "SKU" }

    /// Resolves the columns of `header` once.
    /// - Parameter header: the file's header.
    /// - Returns: `nil` when the header has no `Type` column (in any language).
    public init?(header: HeaderIndex) {
        guard let type = header.index(ofAny: Aliases.type) else { return nil }
        self.header = header
        self.type = type
        id = header.index(ofAny: Aliases.id)
        sku = header.index(ofAny: Aliases.sku)
        name = header.index(ofAny: Aliases.name)
        published = header.index(ofAny: Aliases.published)
        parent = header.index(ofAny: Aliases.parent)
        var attributes: [(Int, Int)] = []
        var n = 1
        while let nameIndex = header.index(ofAny: Aliases.attributeName(n)), let valueIndex = header.index(ofAny: Aliases.attributeValue(n)) {
            attributes.append((nameIndex, valueIndex))
            n += 1
        }
        self.attributes = attributes
        connection = ConnectionColumns(header: header)
    }

    /// Adapts the reader's current record: a variant for a simple product or a variation, none otherwise; the
    /// row's status when it is not published.
    public mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> ProductRow {
        func text(_ index: Int?) -> String { index.map { reader.string($0).trimmingSpaces } ?? "" }
        let types = Self.typeList(reader.string(type))
        let isVariation = types.contains { Self.variationTypes.contains($0) }
        let isSimple = types.contains { Self.simpleTypes.contains($0) }
        let idText = text(id)
        let skuText = text(sku)
        let title = text(name)
        let inactive = inactiveStatus(text(published), isVariation: isVariation)
        guard isVariation || isSimple else {
            // A variable parent (or grouped, external, a plugin's parent type): remembered for its variations.
            let entry = Parent(name: title, isActive: inactive == nil)
            if !idText.isEmpty { parents["id:" + idText] = entry }
            if !skuText.isEmpty { parents["sku:" + skuText] = entry }
            return ProductRow(variant: nil, inactive: inactive)
        }
        var productKey = skuText.isEmpty ? (idText.isEmpty ? title : "id:" + idText) : skuText
        var productTitle = title
        var options: [VariantOption] = []
        var isActive = inactive == nil
        var lineItemName = title
        if isVariation {
            options = attributes.compactMap { pair -> VariantOption? in
                let optionName = reader.string(pair.name).trimmingSpaces
                let value = Self.unescapeList(reader.string(pair.value).trimmingSpaces)
                // An empty value on a variation means "any value": no option to check against the catalog.
                guard !optionName.isEmpty, !value.isEmpty else { return nil }
                return VariantOption(name: optionName, value: value, column: header.names[pair.value])
            }
            let values = options.map(\.value)
            let parentReference = text(parent)
            if !parentReference.isEmpty { productKey = parentReference }
            let known = parents[Self.parentKey(parentReference)]
            if let known { isActive = isActive && known.isActive }
            if let name = known?.name, !name.isEmpty {
                productTitle = name
            } else {
                productTitle = Self.baseTitle(of: title, values: values)
            }
            if title.isEmpty {
                // Older exports can leave a variation's name empty: WooCommerce's own "<parent> - <values>".
                lineItemName = productTitle.isEmpty || values.isEmpty ? productTitle : "\(productTitle) - \(values.joined(separator: ", "))"
            }
        }
        var variant = StoreVariant(
            productKey: productKey, productTitle: productTitle, options: options, sku: skuText, isActive: isActive,
            productUID: connection.productUID(reader), designFiles: connection.designFiles(reader), position: position)
        variant.explicitLineItemName = lineItemName
        return ProductRow(variant: variant, inactive: inactive)
    }

    /// Why a row with `Published` = `text` is not active, or `nil` when it is (1, or blank).
    private func inactiveStatus(_ text: String, isVariation: Bool) -> (column: String, value: String, message: String)? {
        guard let published, !text.isEmpty, text != "1" else { return nil }
        let message: String
        switch text {
        case "0": message = isVariation ? "the variation is disabled in the store" : "the product is private in the store"
        case "-1": message = "the product is a draft in the store"
        case "2": message = "the product is pending review in the store"
        default: message = "the product is not published in the store (Published is '\(text)', not 1)"
        }
        return (header.names[published], text, message)
    }

    /// The types of a `Type` cell, lowercased: `simple, downloadable, virtual` → `simple`, `downloadable`, `virtual`.
    static func typeList(_ cell: String) -> [String] {
        cell.lowercased().split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The key of `parents` a `Parent` cell names: `id:45` by ID, anything else by SKU.
    static func parentKey(_ reference: String) -> String {
        reference.lowercased().hasPrefix("id:") ? "id:" + String(reference.dropFirst(3)).trimmingSpaces : "sku:" + reference
    }

    /// A variation's product title from its own name when its parent is not known (yet): WooCommerce names a
    /// variation `<parent> - <value>, <value>`, so that suffix is cut off; a name without it is kept whole.
    static func baseTitle(of name: String, values: [String]) -> String {
        guard !values.isEmpty else { return name }
        let suffix = " - " + values.joined(separator: ", ")
        guard name.hasSuffix(suffix), name.count > suffix.count else { return name }
        return String(name.dropLast(suffix.count))
    }

    /// A list value as the exporter writes it, with `\,` for a comma inside a value, read as one value.
    static func unescapeList(_ value: String) -> String {
        value.contains("\\,") ? value.replacing("\\,", with: ",") : value
    }
}
