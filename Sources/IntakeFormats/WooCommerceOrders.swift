import IntakeCSV
import IntakeModel

/// WooCommerce order exports (`woocommerce-orders`). Core WooCommerce has no order export, so these are the
/// layouts the common export plugins write (formats.md §4):
///
/// - ``WooCommerceLineItemsOrderAdapter``: one row per order, the items in `line_item_1`, `line_item_2`, …
///   cells (WebToffee "Order Export & Import") or in one `line_items` cell (SkyVerge "Customer/Order/Coupon
///   Export", Default format).
/// - ``WooCommercePerItemOrderAdapter``: one row per item, `item_sku`, `item_name`, `item_quantity` (SkyVerge,
///   "Default – One Row per Item").
/// - ``WooCommerceMappedOrderAdapter``: any other layout (AlgolPlus "Advanced Order Export", custom plugins),
///   through a store's `columns:` mapping.
public enum WooCommerceOrders {
    /// Whether a header is one of the preset layouts, or the layout `mapping` describes (every mapped header
    /// present). `FormatDetector` asks without a mapping; a caller that knows the store's mapping asks with it.
    public static func matches(_ header: HeaderIndex, mapping: [String: String] = [:]) -> Bool {
        WooCommerceLineItemsOrderAdapter.matches(header) || WooCommercePerItemOrderAdapter.matches(header)
            || (!mapping.isEmpty && WooCommerceMappedOrderAdapter.matches(header, mapping: mapping))
    }

    /// Whether a store's mapping, rather than a preset, reads the file: the mapping is given and either all its
    /// headers are there, or no preset fits (then its missing headers are what to report). A store with a mapping
    /// can still import a preset export (a WebToffee file after a plugin change) without editing the pipeline.
    public static func usesMapping(_ header: HeaderIndex, mapping: [String: String]) -> Bool {
        !mapping.isEmpty
            && (WooCommerceMappedOrderAdapter.missingHeaders(in: header, mapping: mapping).isEmpty
                || !(WooCommerceLineItemsOrderAdapter.matches(header) || WooCommercePerItemOrderAdapter.matches(header)))
    }

    /// The adapter for a WooCommerce order file: the store's mapping when it reads the file
    /// (``usesMapping(_:mapping:)``), otherwise the preset layout the header matches.
    /// - Parameters:
    ///   - header: the file's header.
    ///   - mapping: the store's `columns:` mapping (our field name → their header); empty for the presets.
    /// - Returns: the adapter, or `nil` when no mapping applies and no preset fits.
    /// - Throws: ``WooCommerceMappedOrderAdapter/MappingError`` when the mapping reads the file but names an
    ///   unknown field, leaves a required field unmapped, or names headers the file lacks.
    public static func adapter(for header: HeaderIndex, mapping: [String: String] = [:]) throws -> (any OrderRowAdapter)? {
        if usesMapping(header, mapping: mapping) { return try WooCommerceMappedOrderAdapter(header: header, mapping: mapping) }
        if let adapter = WooCommerceLineItemsOrderAdapter(header: header) { return adapter }
        return WooCommercePerItemOrderAdapter(header: header)
    }

    /// The columns to report as `missing_column` for a WooCommerce order file: the mapped headers it lacks when
    /// the mapping reads it, otherwise the ``requiredColumns`` it lacks.
    public static func missingColumns(in header: HeaderIndex, mapping: [String: String] = [:]) -> [String] {
        if usesMapping(header, mapping: mapping) { return WooCommerceMappedOrderAdapter.missingHeaders(in: header, mapping: mapping) }
        return requiredColumns.compactMap { header.index(ofAny: $0.aliases) == nil ? $0.name : nil }
    }

    /// The columns a preset WooCommerce order export cannot do without, as `RequiredColumns.of(.woocommerceOrders)`
    /// reports them. (A mapped file is checked against its mapping instead:
    /// ``WooCommerceMappedOrderAdapter/missingHeaders(in:mapping:)``.)
    public static let requiredColumns: [(name: String, aliases: [String])] = [
        ("order_number", WooCommerceOrderFields.Aliases.orderNumber + WooCommerceOrderFields.Aliases.orderID),
        ("line_item_1", ["line_item_1", "line_items"] + WooCommercePerItemOrderAdapter.Aliases.quantity),
        ("shipping_country", ["shipping_country", "billing_country"]),
    ]
}

/// The order-level columns the plugins share (`order_number`, `billing_email`, `shipping_*` …), resolved once per
/// file, and read into an ``OrderRow`` for each line.
struct WooCommerceOrderFields: Sendable {
    enum Aliases {
        static let orderNumber = ["order_number", "order_number_formatted"]
        static let orderID = ["order_id"]
        static let email = ["billing_email", "customer_email", "email"]
        static let currency = ["order_currency", "currency"]
        static let shippingMethod = ["shipping_method", "shipping_method_title"]
        static let shippingItems = ["shipping_items"]
    }

    /// One address's columns, `shipping_*` or `billing_*`.
    struct AddressColumns: Sendable {
        let firstName, lastName, company, address1, address2, city, state, postCode, country, phone: Int?

        init(_ header: HeaderIndex, prefix: String) {
            func find(_ keys: String...) -> Int? { header.index(ofAny: keys.map { prefix + "_" + $0 }) }
            firstName = find("first_name")
            lastName = find("last_name")
            company = find("company")
            address1 = find("address_1", "address1")
            address2 = find("address_2", "address2")
            city = find("city")
            state = find("state")
            postCode = find("postcode", "post_code", "zip")
            country = find("country")
            phone = find("phone")
        }

        /// Whether the row has no name, street, city, postcode or country in these columns.
        func isBlank(_ text: (Int?) -> String) -> Bool {
            [firstName, lastName, address1, city, postCode, country].allSatisfy { text($0).isEmpty }
        }
    }

    let orderNumber: Int?
    let orderID: Int?
    let email: Int?
    let currency: Int?
    let shippingMethod: Int?
    let shippingItems: Int?
    let shipping: AddressColumns
    let billing: AddressColumns
    /// The order-level part of the file's ``OrderColumns``.
    let columns: OrderColumns

    /// `nil` without `order_number` or `order_id`.
    init?(header: HeaderIndex) {
        orderNumber = header.index(ofAny: Aliases.orderNumber)
        orderID = header.index(ofAny: Aliases.orderID)
        guard orderNumber != nil || orderID != nil else { return nil }
        email = header.index(ofAny: Aliases.email)
        currency = header.index(ofAny: Aliases.currency)
        shippingMethod = header.index(ofAny: Aliases.shippingMethod)
        shippingItems = header.index(ofAny: Aliases.shippingItems)
        shipping = AddressColumns(header, prefix: "shipping")
        billing = AddressColumns(header, prefix: "billing")
        let pairs: [(OrderField, Int?)] = [
            (.reference, orderNumber ?? orderID), (.email, email), (.currency, currency),
            (.shippingMethod, shippingMethod ?? shippingItems), (.firstName, shipping.firstName ?? billing.firstName),
            (.fullName, shipping.firstName ?? billing.firstName), (.lastName, shipping.lastName ?? billing.lastName),
            (.company, shipping.company ?? billing.company), (.address1, shipping.address1 ?? billing.address1),
            (.address2, shipping.address2 ?? billing.address2), (.city, shipping.city ?? billing.city),
            (.postCode, shipping.postCode ?? billing.postCode), (.state, shipping.state ?? billing.state),
            (.country, shipping.country ?? billing.country), (.phone, shipping.phone ?? billing.phone),
        ]
        self.columns = OrderColumns(header: header, pairs)
    }

    /// The order reference of the current record: `order_number`, or `order_id` when that is empty.
    func reference(_ reader: CSVReader) -> String {
        let number = orderNumber.map { reader.string($0).trimmingSpaces } ?? ""
        return number.isEmpty ? (orderID.map { reader.string($0).trimmingSpaces } ?? "") : number
    }

    /// The order row of `line` in the current record. The shipping address is used, or the billing address
    /// when every shipping field is blank (an order that needs no shipping, or a plugin that leaves them out).
    func row(_ reader: CSVReader, line: OrderLine) -> OrderRow {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        let source = shipping.isBlank(text) && !billing.isBlank(text) ? billing : shipping
        var address = Address()
        address.firstName = text(source.firstName)
        address.lastName = text(source.lastName)
        address.companyName = text(source.company)
        address.addressLine1 = text(source.address1)
        address.addressLine2 = text(source.address2)
        address.city = text(source.city)
        address.postCode = text(source.postCode)
        address.state = text(source.state)
        address.country = Self.countryCode(text(source.country))
        address.email = text(email)
        let shippingPhone = text(shipping.phone)
        address.phone = shippingPhone.isEmpty ? text(billing.phone) : shippingPhone
        var method = text(shippingMethod)
        if method.isEmpty, let shippingItems, let first = WooCommerceItemCell.items(reader.string(shippingItems)).first {
            let cell = WooCommerceItemCell(first)
            method = cell.value("method_title", "method_id", "name") ?? ""
        }
        return OrderRow(reference: reference(reader), currency: text(currency), shippingMethod: method, address: address, line: line)
    }

    /// WooCommerce stores ISO alpha-2 codes; a lowercase one is upper-cased, anything else is kept for the
    /// validator to judge.
    static func countryCode(_ text: String) -> String {
        text.count == 2 ? text.uppercased() : text
    }
}
