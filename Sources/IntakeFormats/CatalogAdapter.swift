import IntakeCSV
import IntakeModel

/// Reads catalog rows: `Product UID`, `Title`, `Category`, `Status`; every other named column is an attribute.
public struct CatalogAdapter: Sendable {
    private let header: HeaderIndex
    private let uid: Int
    private let title: Int?
    private let category: Int?
    private let status: Int?
    private let attributes: [Int]

    /// Resolves the columns of `header` once; `nil` when it has no `Product UID` column.
    public init?(header: HeaderIndex) {
        guard let uid = header.index(ofAny: ColumnAliases.productUID) else { return nil }
        self.header = header
        self.uid = uid
        self.title = header.index(ofAny: ColumnAliases.catalogTitle)
        self.category = header.index(ofAny: ColumnAliases.catalogCategory)
        self.status = header.index(ofAny: ColumnAliases.catalogStatus)
        let known = Set([uid, title, category, status].compactMap { $0 })
        self.attributes = (0..<header.count).filter { !known.contains($0) && !header.names[$0].isEmpty }
    }

    /// Adapts the reader's current record; issues go to `issues`.
    /// - Returns: the product, or `nil` when the row cannot be one.
    public func product(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> CatalogProduct? {
        let uidText = reader.string(uid).trimmingSpaces
        guard !uidText.isEmpty else {
            issues.append(
                Issue(.missingValue, at: position, column: header.names[uid], message: "the row has no Product UID",
                      hint: "fill in the Product UID, or delete the row"))
            return nil
        }
        var productStatus = CatalogStatus.active
        if let status {
            let text = reader.string(status).trimmingSpaces
            switch text.lowercased() {
            case "", "active", "enabled", "available": productStatus = .active
            case "discontinued", "inactive", "disabled", "retired": productStatus = .discontinued
            default:
                issues.append(
                    Issue(.invalidValue, at: position, column: header.names[status], value: text,
                          message: "the status '\(text)' is neither active nor discontinued",
                          hint: "write active or discontinued"))
                return nil
            }
        }
        let attributes = self.attributes.compactMap { index -> CatalogAttribute? in
            let value = reader.string(index).trimmingSpaces
            return value.isEmpty ? nil : CatalogAttribute(name: header.names[index], value: value)
        }
        return CatalogProduct(
            uid: ProductUID(uidText), title: title.map { reader.string($0).trimmingSpaces } ?? "",
            category: category.map { reader.string($0).trimmingSpaces } ?? "", status: productStatus,
            attributes: attributes)
    }
}
