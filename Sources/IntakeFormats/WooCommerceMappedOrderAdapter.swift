import IntakeCSV
import IntakeModel

/// Reads an order export of any layout, one row per line item, through a store's `columns:` mapping: for export
/// plugins whose columns are user-configured labels (AlgolPlus "Advanced Order Export for WooCommerce") or
/// that no preset knows.
///
/// The mapping goes from our field name to their header: `{reference: "Order #", quantity: "Qty", sku: "Item SKU",
/// fullName: "Ship to", …}`. Field names are the ``OrderField`` cases: `reference`, `customerReference`,
/// `email`, `currency`, `shippingMethod`, `quantity`, `sku`, `lineName`, `productUID`, `designURL`,
/// `fullName`, `firstName`, `lastName`, `company`, `address1`, `address2`, `city`, `postCode`, `state`,
/// `country`, `phone`; they compare ignoring case, `_`, `-` and spaces (`post_code` is `postCode`). Headers
/// compare as ``HeaderIndex`` compares them (case- and space-insensitive). `reference`, `quantity`, and one of
/// `sku`, `lineName` or `productUID` must be mapped. `fullName` is split at its first space when `firstName`
/// and `lastName` are not mapped (or are empty on a row).
///
/// A broken mapping is an error, not a silent fallback: `init(header:mapping:)` throws a ``MappingError`` that
/// names every unknown field, every unmapped required field and every mapped header the file lacks.
///
/// ```swift
/// let adapter = try WooCommerceMappedOrderAdapter(header: header, mapping: ["reference": "Order #", "quantity": "Qty", "sku": "SKU"])
/// ```
public struct WooCommerceMappedOrderAdapter: OrderRowAdapter, Sendable {
    /// What is wrong with a mapping, all problems at once.
    public struct MappingError: Error, Sendable, CustomStringConvertible, Equatable {
        /// Mapping keys that are no field name, as written.
        public var unknownFields: [String]
        /// Required fields the mapping does not map (`sku` stands for "one of sku, lineName, productUID").
        public var unmappedFields: [String]
        /// The mapped headers the file lacks, as the mapping writes them, in field order.
        public var missingHeaders: [String]

        /// Creates an error.
        public init(unknownFields: [String] = [], unmappedFields: [String] = [], missingHeaders: [String] = []) {
            self.unknownFields = unknownFields
            self.unmappedFields = unmappedFields
            self.missingHeaders = missingHeaders
        }

        public var description: String {
            var parts: [String] = []
            if !unknownFields.isEmpty {
                parts.append("unknown field\(unknownFields.count == 1 ? "" : "s") \(Self.list(unknownFields)) (known: \(WooCommerceMappedOrderAdapter.fieldNames.joined(separator: ", ")))")
            }
            if !unmappedFields.isEmpty {
                parts.append("no column mapped for \(Self.list(unmappedFields))")
            }
            if !missingHeaders.isEmpty {
                parts.append("the file has no column \(Self.list(missingHeaders))")
            }
            return "columns mapping: " + parts.joined(separator: "; ")
        }

        private static func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
    }

    private let indexes: [OrderField: Int]
    /// Whether each line keeps its row's cells (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields (the mapped headers as the file spells them).
    public let columns: OrderColumns

    /// The field names a mapping may use, in ``OrderField`` order.
    public static let fieldNames: [String] = OrderField.allCases.map { String(describing: $0) }

    /// The field a mapping key names (`postCode`, `post_code`, `PostCode`), or `nil`.
    public static func field(named name: String) -> OrderField? {
        let key = comparable(name)
        return OrderField.allCases.first { comparable(String(describing: $0)) == key }
    }

    /// Checks a mapping on its own (no file needed), e.g. when a pipeline file is loaded.
    /// - Throws: ``MappingError`` with the unknown and the unmapped required fields.
    public static func check(_ mapping: [String: String]) throws {
        let unknown = mapping.keys.filter { field(named: $0) == nil }.sorted()
        let mapped = Set(mapping.compactMap { key, value in value.trimmingSpaces.isEmpty ? nil : field(named: key) })
        var unmapped: [String] = []
        if !mapped.contains(.reference) { unmapped.append("reference") }
        if !mapped.contains(.quantity) { unmapped.append("quantity") }
        if mapped.isDisjoint(with: [.sku, .lineName, .productUID, .template]) { unmapped.append("sku") }
        if !unknown.isEmpty || !unmapped.isEmpty { throw MappingError(unknownFields: unknown, unmappedFields: unmapped) }
    }

    /// The mapped headers a file lacks, as the mapping writes them, in field order (for `missing_column` issues).
    public static func missingHeaders(in header: HeaderIndex, mapping: [String: String]) -> [String] {
        resolved(mapping).compactMap { _, name in header.index(ofAny: [HeaderIndex.normalize(name)]) == nil ? name : nil }
    }

    /// Whether a file has every header a (valid) mapping names: how a mapped store's file is recognised.
    public static func matches(_ header: HeaderIndex, mapping: [String: String]) -> Bool {
        (try? check(mapping)) != nil && missingHeaders(in: header, mapping: mapping).isEmpty
    }

    /// Resolves the mapped columns of `header` once.
    /// - Parameters:
    ///   - header: the file's header.
    ///   - mapping: our field name → their header.
    /// - Throws: ``MappingError`` when the mapping names an unknown field, leaves `reference`, `quantity` or
    ///   every one of `sku`/`lineName`/`productUID` unmapped, or names headers `header` lacks.
    public init(header: HeaderIndex, mapping: [String: String]) throws {
        var error = MappingError()
        do { try Self.check(mapping) } catch let problem as MappingError { error = problem }
        error.missingHeaders = Self.missingHeaders(in: header, mapping: mapping)
        guard error == MappingError() else { throw error }
        var indexes: [OrderField: Int] = [:]
        var columns = OrderColumns()
        for (field, name) in Self.resolved(mapping) {
            guard let index = header.index(ofAny: [HeaderIndex.normalize(name)]) else { continue }
            indexes[field] = index
            columns[field] = header.names[index]
        }
        if columns[.fullName].isEmpty { columns[.fullName] = columns[.firstName] }
        if columns[.firstName].isEmpty { columns[.firstName] = columns[.fullName] }
        if columns[.lastName].isEmpty { columns[.lastName] = columns[.fullName] }
        self.indexes = indexes
        self.columns = columns
    }

    /// The order row of the current record.
    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        func text(_ field: OrderField) -> String { indexes[field].map { reader.string($0).trimmingSpaces } ?? "" }
        var address = Address()
        address.firstName = text(.firstName)
        address.lastName = text(.lastName)
        if address.firstName.isEmpty && address.lastName.isEmpty { address.setName(text(.fullName)) }
        address.companyName = text(.company)
        address.addressLine1 = text(.address1)
        address.addressLine2 = text(.address2)
        address.city = text(.city)
        address.postCode = text(.postCode)
        address.state = text(.state)
        address.country = WooCommerceOrderFields.countryCode(text(.country))
        address.email = text(.email)
        address.phone = text(.phone)
        let design = text(.designURL)
        let line = OrderLine(
            position: position, quantityText: text(.quantity), sku: text(.sku), name: text(.lineName),
            productUID: text(.productUID), designFiles: design.isEmpty ? [] : [DesignFile(type: "default", url: design)],
            cells: keepCells ? reader.strings() : [], template: text(.template))
        return [OrderRow(reference: text(.reference), customerReference: text(.customerReference), currency: text(.currency),
                         shippingMethod: text(.shippingMethod), address: address, line: line)]
    }

    // MARK: - Helpers

    private static func comparable(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " }.map(Character.init))
    }

    /// The valid, non-empty entries of `mapping` in field order.
    private static func resolved(_ mapping: [String: String]) -> [(field: OrderField, header: String)] {
        mapping.compactMap { key, value -> (OrderField, String)? in
            guard let field = field(named: key), !value.trimmingSpaces.isEmpty else { return nil }
            return (field, value.trimmingSpaces)
        }.sorted { $0.0.rawValue < $1.0.rawValue }
    }
}
