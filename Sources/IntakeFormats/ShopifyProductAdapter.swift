import IntakeCSV
import IntakeModel

/// Reads a Shopify product export (classic or 2024+ header), one variant per row; a connection file when it
/// has `Product UID` and `Design file URL` columns.
///
/// Product-level fields (title, option names, status) are only on a product's first row: they are carried
/// forward to the following rows of the same `Handle`. Image-only rows (no option value, SKU or price) are not
/// variants.
public struct ShopifyProductAdapter: Sendable {
    private let header: HeaderIndex
    private let handle: Int
    private let title: Int?
    private let status: Int?
    private let published: Int?
    private let sku: Int?
    private let price: Int?
    private let optionNames: [Int?]
    private let optionValues: [Int?]
    private let uid: Int?
    private let designColumns: [(index: Int, area: String)]

    private var currentHandle = ""
    private var currentTitle = ""
    private var currentOptionNames: [String] = ["", "", ""]
    private var currentActive = true

    /// Whether the file carries connection columns.
    public var isConnectionFile: Bool { uid != nil && !designColumns.isEmpty }

    /// The name of the status column, when there is one.
    public var statusColumn: String { status.map { header.names[$0] } ?? "" }

    /// Resolves the columns of `header` once; `nil` when it has no `Handle` column.
    public init?(header: HeaderIndex) {
        guard let handle = header.index(ofAny: ColumnAliases.shopifyHandle) else { return nil }
        self.header = header
        self.handle = handle
        self.title = header.index(ofAny: ColumnAliases.shopifyTitle)
        self.status = header.index(ofAny: ColumnAliases.shopifyStatus)
        self.published = header.index(ofAny: ColumnAliases.shopifyPublished)
        self.sku = header.index(ofAny: ColumnAliases.shopifySKU)
        self.price = header.index(ofAny: ColumnAliases.shopifyPrice)
        self.optionNames = (1...3).map { header.index(ofAny: ColumnAliases.shopifyOptionName($0)) }
        self.optionValues = (1...3).map { header.index(ofAny: ColumnAliases.shopifyOptionValue($0)) }
        self.uid = header.index(ofAny: ColumnAliases.productUID)
        self.designColumns = FormatDetector.designColumns(header)
    }

    /// One row of the export, adapted.
    public struct Row: Sendable {
        /// The variant, or `nil` for an image-only row or a row without a handle.
        public var variant: StoreVariant?
        /// Whether the row starts a new product (its first row carries the product-level fields).
        public var startsProduct: Bool
        /// The product's status as written on its first row (`active`, `draft`, `archived`).
        public var statusText: String
        /// Whether the product is published, as written on its first row.
        public var publishedText: String
    }

    /// Adapts the reader's current record; format-level issues go to `issues`.
    public mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> Row {
        let handleText = reader.string(handle).trimmingSpaces
        guard !handleText.isEmpty else {
            issues.append(
                Issue(.missingValue, at: position, column: header.names[handle],
                      message: "the row has no \(header.names[handle])",
                      hint: "every row of a product needs its handle; copy it from the product's first row"))
            return Row(variant: nil, startsProduct: false, statusText: "", publishedText: "")
        }
        let startsProduct = handleText != currentHandle
        var statusText = ""
        var publishedText = ""
        if startsProduct {
            currentHandle = handleText
            currentTitle = title.map { reader.string($0).trimmingSpaces } ?? ""
            currentOptionNames = optionNames.map { $0.map { reader.string($0).trimmingSpaces } ?? "" }
            statusText = status.map { reader.string($0).trimmingSpaces } ?? ""
            publishedText = published.map { reader.string($0).trimmingSpaces } ?? ""
            let statusActive = statusText.isEmpty || statusText.lowercased() == "active"
            let publishedActive = publishedText.isEmpty || !["false", "no", "0"].contains(publishedText.lowercased())
            currentActive = statusActive && publishedActive
        }
        let values = optionValues.map { $0.map { reader.string($0).trimmingSpaces } ?? "" }
        let skuText = sku.map { reader.string($0).trimmingSpaces } ?? ""
        let hasPrice = price.map { !reader.isEmpty($0) } ?? false
        guard values.contains(where: { !$0.isEmpty }) || !skuText.isEmpty || hasPrice else {
            return Row(variant: nil, startsProduct: startsProduct, statusText: statusText, publishedText: publishedText)
        }
        var options: [VariantOption] = []
        for (index, value) in values.enumerated() where !value.isEmpty {
            options.append(VariantOption(name: currentOptionNames[index], value: value, column: optionValues[index].map { header.names[$0] } ?? ""))
        }
        var files: [(file: DesignFile, column: String)] = []
        for column in designColumns {
            let url = reader.string(column.index).trimmingSpaces
            if !url.isEmpty { files.append((DesignFile(type: column.area, url: url), header.names[column.index])) }
        }
        let variant = StoreVariant(
            productKey: handleText, productTitle: currentTitle, options: options, sku: skuText, isActive: currentActive,
            productUID: uid.map { reader.string($0).trimmingSpaces }, designFiles: files, position: position)
        return Row(variant: variant, startsProduct: startsProduct, statusText: statusText, publishedText: publishedText)
    }

    /// Names of the connection columns, for issues: (`Product UID`, first design column).
    public var connectionColumnNames: (uid: String, design: String) {
        (uid.map { header.names[$0] } ?? "Product UID", designColumns.first.map { header.names[$0.index] } ?? "Design file URL")
    }

    /// The name of the SKU column.
    public var skuColumn: String { sku.map { header.names[$0] } ?? "Variant SKU" }
}
