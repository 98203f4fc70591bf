import IntakeCSV
import IntakeModel

/// Reads an Etsy listings download (`EtsyListingsDownload.csv`, formats.md §5a): one row per listing, all of its
/// variants in that one row. A connection file when it has `Product UID` and `Design file URL` columns.
///
/// - `SKU` holds the variants' SKUs comma-joined (`66F927A9CDAD6_5436,66F927A9CDAD6_5437`); each SKU is a
///   variant. SKUs are kept as written (trimmed), malformed ones such as `66F927AB7799D_` included. An empty
///   `SKU` is one variant with the SKU `""`.
/// - The connection columns may hold comma-separated lists aligned by position with the SKUs: one value
///   applies to every SKU, N values to N SKUs. Any other count is a `missing_value` issue naming the column;
///   the listing's variants are then read, but not connected. (A design file URL with a comma in it must be
///   percent-encoded: `%2C`.)
/// - Options come from `VARIATION N NAME` (or `VARIATION N TYPE` when the name is empty) and the comma list
///   `VARIATION N VALUES`. Etsy lists SKUs in the order of the cartesian product of the values, variation 1
///   outermost: SKU i gets the i-th combination when the SKU count equals the number of combinations;
///   otherwise the variants get no options.
/// - Orders name the listing, not the variant: every variant's line-item name is the listing's `TITLE`, which is
///   also its product key (the download has no listing ID).
/// - The download has no status column: every listing is active.
public struct EtsyListingAdapter: ProductRowAdapter, Sendable {
    /// Header aliases, normalised (lowercase, single spaces).
    enum Aliases {
        static let title = ["title"]
        static let currency = ["currency_code", "currency code"]
        static let sku = ["sku", "skus"]
        static let image1 = ["image1", "image 1"]
        static func variationType(_ n: Int) -> [String] { ["variation \(n) type"] }
        static func variationName(_ n: Int) -> [String] { ["variation \(n) name"] }
        static func variationValues(_ n: Int) -> [String] { ["variation \(n) values"] }
    }

    /// The columns an Etsy listings download cannot do without (a connection file also needs `Product UID`), as
    /// `RequiredColumns.of` lists them.
    /// - Parameter connection: whether the file is a connection file.
    /// - Returns: the name reported when the column is missing, with its aliases.
    public static func requiredColumns(connection: Bool) -> [(name: String, aliases: [String])] {
        let base = [("TITLE", Aliases.title)]
        return connection ? base + [("Product UID", ColumnAliases.productUID)] : base
    }

    /// Whether a header is an Etsy listings download: `TITLE` and `CURRENCY_CODE`, with `IMAGE1` or
    /// `VARIATION 1 VALUES`.
    /// - Parameter header: the file's header.
    /// - Returns: `true` for an Etsy listings download.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: Aliases.title) != nil && header.index(ofAny: Aliases.currency) != nil
            && (header.index(ofAny: Aliases.image1) != nil || header.index(ofAny: Aliases.variationValues(1)) != nil)
    }

    /// The columns of one `VARIATION N` group.
    private struct Variation: Sendable {
        let type: Int?
        let name: Int?
        let values: Int
    }

    private let header: HeaderIndex
    private let title: Int
    private let sku: Int?
    private let variations: [Variation]
    private let connection: ConnectionColumns

    /// Whether the file carries the connection columns.
    public var isConnectionFile: Bool { connection.isPresent }
    /// The file's names of the Product UID column and of the first design file column.
    public var connectionColumnNames: (uid: String, design: String) { connection.names }
    /// The file's name of the SKU column.
    public var skuColumn: String { sku.map { header.names[$0] } ?? "SKU" }

    /// Resolves the columns of `header` once.
    /// - Parameter header: the file's header.
    /// - Returns: `nil` when the header has no `TITLE` column.
    public init?(header: HeaderIndex) {
        guard let title = header.index(ofAny: Aliases.title) else { return nil }
        self.header = header
        self.title = title
        sku = header.index(ofAny: Aliases.sku)
        var variations: [Variation] = []
        var n = 1
        while let values = header.index(ofAny: Aliases.variationValues(n)) {
            variations.append(
                Variation(
                    type: header.index(ofAny: Aliases.variationType(n)), name: header.index(ofAny: Aliases.variationName(n)),
                    values: values))
            n += 1
        }
        self.variations = variations
        connection = ConnectionColumns(header: header)
    }

    /// Adapts the reader's current record: one variant per SKU.
    /// - Parameters:
    ///   - reader: the reader, positioned on the record.
    ///   - position: where the record is.
    ///   - issues: receives a `missing_value` issue per connection column whose list does not align with the SKUs.
    /// - Returns: the listing's variants, in the order of its SKUs.
    public mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> ProductRow {
        let titleText = reader.string(title).trimmingSpaces
        let skus = sku.map { Self.commaList(reader.string($0)) } ?? [""]
        let options = combinations(reader, count: skus.count)

        // The connection columns: each holds one value for all SKUs, or one per SKU.
        var aligned = true
        func list(_ index: Int) -> [String] {
            let values = Self.commaList(reader.string(index))
            guard values.count == 1 || values.count == skus.count else {
                aligned = false
                let name = header.names[index]
                issues.append(
                    Issue(
                        .missingValue, at: position, column: name, value: reader.string(index).trimmingSpaces,
                        message: "\(name) lists \(values.count) values, but the listing has \(skus.count) SKU\(skus.count == 1 ? "" : "s")",
                        hint: "write one value for all of the listing's SKUs, or one per SKU (comma-separated, in the order of \(skuColumn))"))
                return []
            }
            return values
        }
        let uids = connection.uid.map(list)
        let designs = connection.design.map { (area: $0.area, column: header.names[$0.index], urls: list($0.index)) }

        var variants: [StoreVariant] = []
        variants.reserveCapacity(skus.count)
        for (i, skuText) in skus.enumerated() {
            var productUID: String?
            var designFiles: [(file: DesignFile, column: String)] = []
            // A listing whose lists do not align is read but not connected: guessing which value is whose would
            // connect variants to the wrong products.
            if aligned {
                productUID = uids.map { $0.count == 1 ? $0[0] : $0[i] }
                for design in designs {
                    let url = design.urls.count == 1 ? design.urls[0] : design.urls[i]
                    if !url.isEmpty { designFiles.append((DesignFile(type: design.area, url: url), design.column)) }
                }
            }
            var variant = StoreVariant(
                productKey: titleText, productTitle: titleText, options: options?[i] ?? [], sku: skuText, isActive: true,
                productUID: productUID, designFiles: designFiles, position: position)
            variant.explicitLineItemName = titleText
            variants.append(variant)
        }
        return ProductRow(variants: variants)
    }

    /// The options of each of `count` SKUs: the cartesian product of the variations' values, variation 1
    /// outermost; `nil` when the listing has no variations or the product does not have `count` combinations.
    private func combinations(_ reader: CSVReader, count: Int) -> [[VariantOption]]? {
        var axes: [(name: String, values: [String], column: String)] = []
        for variation in variations {
            let values = Self.commaList(reader.string(variation.values)).filter { !$0.isEmpty }
            guard !values.isEmpty else { continue }
            var name = variation.name.map { reader.string($0).trimmingSpaces } ?? ""
            if name.isEmpty { name = variation.type.map { reader.string($0).trimmingSpaces } ?? "" }
            axes.append((name, values, header.names[variation.values]))
        }
        guard !axes.isEmpty else { return nil }
        var product = 1
        for axis in axes {
            let (next, overflow) = product.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, next <= count else { return nil }
            product = next
        }
        guard product == count else { return nil }
        return (0..<count).map { index in
            // Mixed radix: the last variation varies fastest.
            var rest = index
            var options: [VariantOption] = []
            options.reserveCapacity(axes.count)
            for axis in axes.reversed() {
                options.append(VariantOption(name: axis.name, value: axis.values[rest % axis.values.count], column: axis.column))
                rest /= axis.values.count
            }
            return options.reversed()
        }
    }

    /// The cell a connection column of a listing holds for its variants' values, the inverse of reading it: the
    /// one value when all variants share it (or there is one variant), otherwise the values comma-joined in the
    /// order of the SKUs. For writing a listing's connection file back as one row (`products export`).
    /// - Parameter values: one value per SKU, in the order of the `SKU` cell.
    /// - Returns: the cell, e.g. `"uid-s,uid-m,uid-l"`, or `"uid"` for `["uid", "uid", "uid"]`.
    public static func connectionCell(_ values: [String]) -> String {
        guard let first = values.first else { return "" }
        return values.allSatisfy { $0 == first } ? first : values.joined(separator: ",")
    }

    /// A cell's comma-separated values, each trimmed, empty ones kept so that positions stay aligned; an empty
    /// cell is one empty value.
    static func commaList(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    }
}
