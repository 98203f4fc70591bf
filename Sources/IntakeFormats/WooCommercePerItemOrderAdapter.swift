import IntakeCSV
import IntakeModel

/// Reads a WooCommerce order export with one row per line item (SkyVerge's "Default – One Row per Item" and
/// similar): `order_number` (or `order_id`), `item_sku`, `item_name`, `item_quantity`, and on every row the
/// order-level columns of ``WooCommerceLineItemsOrderAdapter`` (`billing_email`, `shipping_*` …). Consecutive
/// rows with the same order number form one order.
public struct WooCommercePerItemOrderAdapter: OrderRowAdapter, Sendable {
    /// Header aliases of the item columns, normalised.
    enum Aliases {
        static let quantity = ["item_quantity", "item_qty", "item quantity"]
        static let sku = ["item_sku", "item sku"]
        static let name = ["item_name", "item name"]
    }

    private let fields: WooCommerceOrderFields
    private let quantity: Int
    private let sku: Int?
    private let name: Int?
    /// Whether each line keeps its row's cells (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields.
    public let columns: OrderColumns

    /// Whether a header is this layout: an `order_number` or `order_id`, `item_quantity`, and `item_sku` or
    /// `item_name`.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: WooCommerceOrderFields.Aliases.orderNumber + WooCommerceOrderFields.Aliases.orderID) != nil
            && header.index(ofAny: Aliases.quantity) != nil
            && (header.index(ofAny: Aliases.sku) != nil || header.index(ofAny: Aliases.name) != nil)
    }

    /// Resolves the columns of `header` once.
    /// - Parameter header: the file's header.
    /// - Returns: `nil` without an order reference column or `item_quantity`.
    public init?(header: HeaderIndex) {
        guard let fields = WooCommerceOrderFields(header: header), let quantity = header.index(ofAny: Aliases.quantity) else { return nil }
        self.fields = fields
        self.quantity = quantity
        sku = header.index(ofAny: Aliases.sku)
        name = header.index(ofAny: Aliases.name)
        var columns = fields.columns
        columns[.quantity] = header.names[quantity]
        if let sku { columns[.sku] = header.names[sku] }
        if let name { columns[.lineName] = header.names[name] }
        self.columns = columns
    }

    /// The order row of the current record.
    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        func text(_ index: Int?) -> String { index.map { reader.string($0).trimmingSpaces } ?? "" }
        let line = OrderLine(
            position: position, quantityText: text(quantity), sku: text(sku), name: text(name),
            cells: keepCells ? reader.strings() : [])
        return [fields.row(reader, line: line)]
    }
}
