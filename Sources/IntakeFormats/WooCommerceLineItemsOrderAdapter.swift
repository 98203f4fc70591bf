import IntakeCSV
import IntakeModel

/// Reads a WooCommerce order export with one row per order and the items in pipe-encoded cells: WebToffee's
/// `line_item_1`, `line_item_2`, … (`name:Hoodie - Red, No|product_id:45|sku:woo-hoodie-red|quantity:2|…`) or
/// SkyVerge's single `line_items` cell (items separated by `;`). Each item becomes one ``OrderRow``: `rows(from:at:issues:)`
/// returns several per record.
///
/// Order-level columns: `order_number` (or `order_id` when it is empty), `billing_email`, `order_currency`,
/// `shipping_method` (or the `method_title` of `shipping_items`), `shipping_first_name`, `shipping_last_name`,
/// `shipping_company`, `shipping_address_1`, `shipping_address_2`, `shipping_city`, `shipping_state`,
/// `shipping_postcode`, `shipping_country`, `shipping_phone` (or `billing_phone`); the `billing_*` address
/// when every shipping field is blank. Item keys: `name`, `sku`, `quantity` (or `qty`); others are ignored.
/// See ``WooCommerceItemCell`` for how leniently cells are read.
public struct WooCommerceLineItemsOrderAdapter: OrderRowAdapter, Sendable {
    private let fields: WooCommerceOrderFields
    /// The item columns in item order: `line_item_1`, `line_item_2`, … or the one `line_items`.
    private let items: [(index: Int, name: String, isList: Bool)]
    /// Whether each line keeps its row's cells (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields. The item fields name the first item column: an
    /// issue about an item's quantity, SKU or name points at the record, and its message names the item.
    public let columns: OrderColumns

    /// Whether a header is this layout: an `order_number` or `order_id` and `line_item_1` or `line_items`.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: WooCommerceOrderFields.Aliases.orderNumber + WooCommerceOrderFields.Aliases.orderID) != nil
            && header.index(ofAny: ["line_item_1", "line_items"]) != nil
    }

    /// Resolves the columns of `header` once.
    /// - Parameter header: the file's header.
    /// - Returns: `nil` without an order reference column or any `line_item_N` / `line_items` column.
    public init?(header: HeaderIndex) {
        guard let fields = WooCommerceOrderFields(header: header) else { return nil }
        var numbered: [(number: Int, index: Int)] = []
        for index in header.indexes(where: { $0.hasPrefix("line_item_") }) {
            if let number = Int(header.normalizedName(index).dropFirst("line_item_".count)), number > 0 {
                numbered.append((number, index))
            }
        }
        var items = numbered.sorted { $0.number < $1.number }.map { (index: $0.index, name: header.names[$0.index], isList: false) }
        if let list = header.index(ofAny: ["line_items"]) { items.append((list, header.names[list], true)) }
        guard !items.isEmpty else { return nil }
        self.fields = fields
        self.items = items
        var columns = fields.columns
        for field in [OrderField.quantity, .sku, .lineName] { columns[field] = items[0].name }
        self.columns = columns
    }

    /// One order row per item of the current record, in item order. A record without items gives none and a
    /// `missing_value` issue; an item cell with no `key:value` pair gives a line rejected as `malformed_row`.
    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        let cells = keepCells ? reader.strings() : []
        var rows: [OrderRow] = []
        for column in items {
            let cell = reader.string(column.index).trimmingSpaces
            guard !cell.isEmpty else { continue }
            for text in column.isList ? WooCommerceItemCell.items(cell) : [cell] {
                let item = WooCommerceItemCell(text)
                var line = OrderLine(
                    position: position, quantityText: item.value("quantity", "qty") ?? "", sku: item.value("sku") ?? "",
                    name: item.value("name", "item_name", "product_name") ?? "", cells: cells)
                if item.isEmpty {
                    line.rejection = Issue(
                        .malformedRow, at: position, order: fields.reference(reader), column: column.name, value: text,
                        message: "the item in \(column.name) is not a list of key:value pairs",
                        hint: "write the item as name:…|sku:…|quantity:… (export it again from the store)")
                }
                rows.append(fields.row(reader, line: line))
            }
        }
        if rows.isEmpty {
            issues.append(
                Issue(.missingValue, at: position, order: fields.reference(reader), column: items[0].name,
                      message: "the order has no line items", hint: "export the order again with its items"))
        }
        return rows
    }
}
