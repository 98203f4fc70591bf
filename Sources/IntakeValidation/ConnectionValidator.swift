import IntakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                uid: uid, product: product, specs: product.attributes.map { (ValueChecks.normalizedSpec($0.name), ValueChecks.normalizedSpec($0.value), $0) })
        }
        self.products = products
        self.productsByBytes = UIDTable(products)
    }

    /// A catalog product with its attributes normalized once (not once per variant row); a class, so that a
    /// look-up per row shares it instead of copying the product.
    private final class CatalogEntry: Sendable {
        let product: CatalogProduct
        let specs: [(name: String, value: String, attribute: CatalogAttribute)]
        /// The product's UID (the bytes `UIDTable` finds) as the connections that write it with those bytes share it.
        let sharedUID: SharedProductUID

        init(uid: ProductUID, product: CatalogProduct, specs: [(name: String, value: String, attribute: CatalogAttribute)]) {
            self.product = product
            self.specs = specs
            self.sharedUID = SharedProductUID(uid)
        }
    }

    /// The catalog's products by UID: one hash of the UID per row finds the product and its specs.
    private let products: [ProductUID: CatalogEntry]
    /// The same products by the bytes of their UIDs, tried first.
    private let productsByBytes: UIDTable

    /// The catalog entry of a variant's Product UID, and whether the variant writes it with the catalog's bytes.
    private func catalogEntry(_ uid: String) -> (entry: CatalogEntry, sameBytes: Bool)? {
        if let entry = productsByBytes.entry(uid) { return (entry, true) }
        return products[ProductUID(uid)].map { ($0, false) }
    }

    /// Catalog entries by the UTF-8 of their Product UIDs: open addressing on the `ByteHash` of the
    /// bytes, compared with `memcmp`. A hit is a UID with the same bytes, so the same `ProductUID`; a miss asks
    /// the dictionary, which also finds a UID written with other bytes that `String` deems equal. Hashing the
    /// 87-byte UIDs of the bench as `String`s cost 950 instructions a look-up, 8M of the 81M of the thread
    /// that checks a 100,000-order bench's 8,215 variants.
    private struct UIDTable: Sendable {
        private let keys: [[UInt8]]
        private let entries: [CatalogEntry]
        /// Index + 1 into `keys` and `entries`; 0 is an empty slot.
        private let slots: [Int32]
        private let mask: Int

        init(_ products: [ProductUID: CatalogEntry]) {
            var keys: [[UInt8]] = []
            var entries: [CatalogEntry] = []
            var capacity = 16
            while capacity < products.count * 2 { capacity *= 2 }
            var slots = [Int32](repeating: 0, count: capacity)
            for (uid, entry) in products {
                let key = Array(uid.rawValue.utf8)
                var slot = key.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & (capacity - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                keys.append(key)
                entries.append(entry)
                slots[slot] = Int32(keys.count)
            }
            self.keys = keys
            self.entries = entries
            self.slots = slots
            self.mask = capacity - 1
        }

        func entry(_ uid: String) -> CatalogEntry? {
            ValueChecks.withUTF8Bytes(uid) { bytes -> CatalogEntry? in
                var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
                while true {
                    let found = Int(slots[slot])
                    guard found != 0 else { return nil }
                    let same = keys[found - 1].withUnsafeBufferPointer { key in
                        guard key.count == bytes.count else { return false }
                        guard let stored = key.baseAddress, let looked = bytes.baseAddress else { return true }  // both empty
                        return memcmp(stored, looked, key.count) == 0
                    }
                    if same { return entries[found - 1] }
                    slot = (slot + 1) & mask
                }
            }
        }

        private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            ByteHash.hash(UnsafeRawBufferPointer(bytes))
        }
    }

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
        // The catalog's own UID object when the bytes are the same (the connection then says the same as with its
        // own copy), so that later steps know connections to one product apart by object.
        var sharedUID: SharedProductUID?
        if !uidText.isEmpty, catalog != nil {
            if let (entry, sameBytes) = catalogEntry(uidText) {
                if sameBytes { sharedUID = entry.sharedUID }
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
            sku: variant.sku, lineItemName: variant.lineItemName, sharedProductUID: sharedUID ?? SharedProductUID(ProductUID(uidText)),
            files: variant.files, position: position)
        return (connection, issues)
    }

    /// A variant option contradicts the catalog product's attribute of the same name (names and values compared
    /// case- and space-insensitively, `×` = `x`, `Colour` = `Color`).
    private func checkSpecs(_ variant: StoreVariant, entry: CatalogEntry, add: (IssueCode, String, String, String, String) -> Void) {
        // Options and attributes are read in place, by index: `for option in` and `first(where:)` copied each
        // option and the found attribute out of their arrays, a retain and a release per string (~3.5M of the 15M
        // this took for the 8,168 variants of the 100,000-order bench).
        let attributes = entry.specs
        let options = variant.options
        for index in options.indices where !options[index].name.isEmpty {
            let name = ValueChecks.normalizedSpec(options[index].name)
            guard let found = attributes.firstIndex(where: { $0.name == name }) else { continue }
            if ValueChecks.normalizedSpec(options[index].value) != attributes[found].value {
                let option = options[index]
                let attribute = attributes[found].attribute
                add(.specMismatch, option.column.isEmpty ? option.name : option.column, option.value,
                    "the variant's \(option.name) is '\(option.value)', but \(entry.product.uid) has \(attribute.name) '\(attribute.value)'",
                    "connect the variant to the Product UID with \(attribute.name) '\(option.value)', or correct the option")
            }
        }
    }
}
