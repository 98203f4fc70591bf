import IntakeModel

/// Checks store variants of a product export or connection file, and turns the good ones into connections.
/// Pure: no I/O.
public struct ConnectionValidator: Sendable {
    /// The catalog to check Product UIDs and specs against; `nil` skips those checks. Fixed at creation: the
    /// look-up table below is built from it.
    public let catalog: Catalog?

    /// Creates a validator.
    public init(catalog: Catalog? = nil) {
        self.catalog = catalog
        var products: [ProductUID: CatalogEntry] = [:]
        products.reserveCapacity(catalog?.count ?? 0)
        for (uid, product) in catalog?.products ?? [:] {
            products[uid] = CatalogEntry(
                product: product, specs: product.attributes.map { (ValueChecks.normalizedSpec($0.name), ValueChecks.normalizedSpec($0.value), $0) })
        }
        self.products = products
    }

    /// A catalog product with its attributes normalized once (not once per variant row); a class, so that a
    /// look-up per row shares it instead of copying the product.
    private final class CatalogEntry: Sendable {
        let product: CatalogProduct
        let specs: [(name: String, value: String, attribute: CatalogAttribute)]

        init(product: CatalogProduct, specs: [(name: String, value: String, attribute: CatalogAttribute)]) {
            self.product = product
            self.specs = specs
        }
    }

    /// The catalog's products by UID: one hash of the UID per row finds the product and its specs.
    private let products: [ProductUID: CatalogEntry]

    /// Validates one variant.
    /// - Parameters:
    ///   - variant: the variant read from the file.
    ///   - uidColumn: the file's name of the Product UID column.
    ///   - designColumn: the file's name of the (first) design file column.
    ///   - skuColumn: the file's name of the SKU column.
    /// - Returns: the connection when the row connects the variant and has no error, and the row's issues.
    public func validate(_ variant: StoreVariant, uidColumn: String, designColumn: String, skuColumn: String) -> (connection: Connection?, issues: [Issue]) {
        var issues: [Issue] = []
        let position = variant.position
        func add(_ code: IssueCode, _ column: String, _ value: String, _ message: String, _ hint: String) {
            issues.append(Issue(code, at: position, column: column, value: value, message: message, hint: hint))
        }
        if ValueChecks.looksExcelMangled(variant.sku) {
            add(.excelMangledValue, skuColumn, variant.sku, "the SKU '\(variant.sku)' was turned into a number in scientific notation by a spreadsheet",
                "restore the SKU from the store, and format the column as text before saving")
        }
        guard let uidText = variant.productUID else { return (nil, issues) }
        if uidText.isEmpty && variant.designFiles.isEmpty { return (nil, issues) }  // not connected: nothing to check
        if uidText.isEmpty {
            add(.missingValue, uidColumn, "", "the row has a design file but no Product UID", "fill in the catalog Product UID of this variant")
        }
        if variant.designFiles.isEmpty {
            add(.missingValue, designColumn, "", "the row has a Product UID but no design file URL", "fill in the URL of the print file")
        }
        for (file, column) in variant.designFiles {
            if let problem = DesignFileRule.problem(file.url) { add(problem.code, column, file.url, problem.message, problem.hint) }
        }
        if !uidText.isEmpty, catalog != nil {
            if let entry = products[ProductUID(uidText)] {
                if entry.product.status == .discontinued {
                    add(.discontinuedProductUID, uidColumn, uidText, "the Product UID '\(uidText)' is discontinued", "connect the variant to an active Product UID")
                }
                checkSpecs(variant, entry: entry, add: add)
            } else {
                add(.unknownProductUID, uidColumn, uidText, "the Product UID '\(uidText)' is not in the catalog",
                    "copy the Product UID exactly from the catalog (intake catalog import shows what it holds)")
            }
        }
        guard !issues.hasError else { return (nil, issues) }
        let connection = Connection(
            sku: variant.sku, lineItemName: variant.lineItemName, productUID: ProductUID(uidText),
            files: variant.designFiles.map(\.file), position: position)
        return (connection, issues)
    }

    /// A variant option contradicts the catalog product's attribute of the same name (names and values compared
    /// case- and space-insensitively, `×` = `x`, `Colour` = `Color`).
    private func checkSpecs(_ variant: StoreVariant, entry: CatalogEntry, add: (IssueCode, String, String, String, String) -> Void) {
        let product = entry.product
        let attributes = entry.specs
        for option in variant.options where !option.name.isEmpty {
            let name = ValueChecks.normalizedSpec(option.name)
            guard let (_, normalizedValue, attribute) = attributes.first(where: { $0.name == name }) else { continue }
            if ValueChecks.normalizedSpec(option.value) != normalizedValue {
                add(.specMismatch, option.column.isEmpty ? option.name : option.column, option.value,
                    "the variant's \(option.name) is '\(option.value)', but \(product.uid) has \(attribute.name) '\(attribute.value)'",
                    "connect the variant to the Product UID with \(attribute.name) '\(option.value)', or correct the option")
            }
        }
    }
}
