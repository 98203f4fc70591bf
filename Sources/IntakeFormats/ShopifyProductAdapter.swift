import IntakeCSV
import IntakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a Shopify product export (classic or 2024+ header), one variant per row; a connection file when it
/// has `Product UID` and `Design file URL` columns.
///
/// Product-level fields (title, option names, status) are only on a product's first row: they are carried
/// forward to the following rows of the same `Handle`. Image-only rows (no option value, SKU or price) are not
/// variants.
public struct ShopifyProductAdapter: ProductRowAdapter, Sendable {
    private let header: HeaderIndex
    private let handle: Int
    private let title: Int?
    private let status: Int?
    private let published: Int?
    private let sku: Int?
    private let price: Int?
    private let optionNames: [Int?]
    private let optionValues: [Int?]
    private var connection: ConnectionColumns

    private var currentHandle = ""
    /// `currentHandle`'s UTF-8, compared with the next row's handle field.
    private var currentHandleBytes: [UInt8] = []
    private var currentTitle = ""
    private var currentOptionNames: [String] = ["", "", ""]
    private var currentActive = true

    /// Whether the file carries connection columns.
    public var isConnectionFile: Bool { connection.isPresent }

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
        self.connection = ConnectionColumns(header: header)
    }

    /// Adapts the reader's current record; format-level issues go to `issues`.
    public mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> ProductRow {
        // Fields are trimmed on their bytes and decoded once (`trimmedString`), and a product's following rows
        // reuse its handle when the bytes are the same: a `String` per field made and trimmed again cost 5,500
        // instructions a row, three quarters of the reading thread's share of a connect stage (8,215 variants).
        let handleText: String
        if let bytes = reader.plainTrimmedBytes(handle), currentHandleBytes.withUnsafeBufferPointer({ Self.equal($0, bytes) }) {
            handleText = currentHandle  // equal bytes decode to the same string
        } else {
            handleText = reader.trimmedString(handle)
        }
        guard !handleText.isEmpty else {
            issues.append(
                Issue(.missingValue, at: position, column: header.names[handle],
                      message: "the row has no \(header.names[handle])",
                      hint: "every row of a product needs its handle; copy it from the product's first row"))
            return ProductRow(variant: nil)
        }
        var inactive: (column: String, value: String, message: String)?
        if handleText != currentHandle {
            currentHandle = handleText
            currentHandleBytes = Array(handleText.utf8)
            currentTitle = title.map { reader.trimmedString($0) } ?? ""
            currentOptionNames = optionNames.map { $0.map { reader.trimmedString($0) } ?? "" }
            let statusText = status.map { reader.trimmedString($0) } ?? ""
            let publishedText = published.map { reader.trimmedString($0) } ?? ""
            if let status, !statusText.isEmpty, statusText.lowercased() != "active" {
                inactive = (header.names[status], statusText, "the product is \(statusText) in the store")
            } else if let published, ["false", "no", "0"].contains(publishedText.lowercased()) {
                inactive = (header.names[published], publishedText, "the product is not published in the store")
            }
            currentActive = inactive == nil
        }
        // The options straight from the cells (no array of values first): this runs for every variant row.
        var options: [VariantOption] = []
        for (index, column) in optionValues.enumerated() {
            guard let column, !reader.isEmpty(column) else { continue }
            let value = reader.trimmedString(column)
            guard !value.isEmpty else { continue }
            if options.isEmpty { options.reserveCapacity(optionValues.count - index) }
            options.append(VariantOption(name: currentOptionNames[index], value: value, column: header.names[column]))
        }
        let skuText = sku.map { reader.trimmedString($0) } ?? ""
        let hasPrice = price.map { !reader.isEmpty($0) } ?? false
        guard !options.isEmpty || !skuText.isEmpty || hasPrice else {
            return ProductRow(variant: nil, inactive: inactive)
        }
        let variant = StoreVariant(
            productKey: handleText, productTitle: currentTitle, options: options, sku: skuText, isActive: currentActive,
            productUID: connection.productUID(reader), designFiles: connection.designFiles(reader), position: position)
        return ProductRow(variant: variant, inactive: inactive)
    }

    /// Whether two byte runs are the same (`memcmp`, not a generic `elementsEqual`: 280 instructions a row).
    private static func equal(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard let a = x.baseAddress, let b = y.baseAddress else { return true }
        return memcmp(a, b, x.count) == 0
    }

    /// Names of the connection columns, for issues: (`Product UID`, first design column).
    public var connectionColumnNames: (uid: String, design: String) {
        connection.names
    }

    /// The name of the SKU column.
    public var skuColumn: String { sku.map { header.names[$0] } ?? "Variant SKU" }
}
