import IntakeCSV
import IntakeModel

/// Reads Etsy's order exports (formats.md §5b, §5c), in either layout:
///
/// - **EtsySoldOrderItems** (`EtsySoldOrderItems2026.csv`): one row per line item; `Order ID` groups them, and
///   the order-level fields, repeated on every row, are taken from an order's first row. The line's name is
///   `Item Name` (the listing's title, as in the listings download); `Variations` (`Size:M,Primary color:Black`,
///   personalisation text too) is not part of it: see ``variations(_:)``.
/// - **EtsySoldOrders** (`EtsySoldOrders2026.csv`): one row per order, no item names. `SKU` may hold several SKUs
///   comma-joined: each becomes a line of quantity 1; a single SKU (or none) gets the quantity
///   `Number of Items`. (The export does not say how the items split among several SKUs.)
///
/// Cells are kept as written, trimmed: a ZIP that a spreadsheet stripped of its leading zero (`6084`) stays so,
/// for the validator to report. `Ship Country` holds names (`United States`, `Deutschland`): they become ISO
/// alpha-2 codes through the `countryCode` function given at creation; a name it does not know is kept as
/// written (the validator then reports `invalid_country`). Etsy's exports have no buyer e-mail and no phone:
/// the e-mail is read only when the file has an `Email` (or `Buyer Email`) column, and is empty otherwise.
/// The shipping method is empty.
public struct EtsyOrderAdapter: OrderRowAdapter, Sendable {
    /// The two layouts of Etsy's order exports.
    public enum Layout: String, Sendable, Hashable {
        /// `EtsySoldOrderItems<YYYY>.csv`: one row per line item.
        case soldOrderItems
        /// `EtsySoldOrders<YYYY>.csv`: one row per order.
        case soldOrders
    }

    /// Header aliases, normalised (lowercase, single spaces).
    enum Aliases {
        static let orderID = ["order id"]
        static let itemName = ["item name"]
        static let listingID = ["listing id"]
        static let numberOfItems = ["number of items"]
        static let buyerUserID = ["buyer user id"]
        static let quantity = ["quantity"]
        static let sku = ["sku"]
        static let variations = ["variations"]
        static let currency = ["currency"]
        static let email = ["email", "buyer email", "e-mail"]
        static let shipName = ["ship name"]
        static let fullName = ["full name"]
        static let firstName = ["first name"]
        static let lastName = ["last name"]
        static let address1 = ["ship address1", "street 1"]
        static let address2 = ["ship address2", "street 2"]
        static let city = ["ship city"]
        static let state = ["ship state"]
        static let zip = ["ship zipcode", "ship zip code", "ship zip"]
        static let country = ["ship country"]
    }

    /// The columns an Etsy order export cannot do without, as `RequiredColumns.of` lists them: named as
    /// EtsySoldOrderItems spells them; the aliases accept EtsySoldOrders' `Full Name`, `Street 1` and
    /// `Number of Items`.
    public static let requiredColumns: [(name: String, aliases: [String])] = [
        ("Order ID", Aliases.orderID), ("Quantity", Aliases.quantity + Aliases.numberOfItems),
        ("Ship Name", Aliases.shipName + Aliases.fullName + Aliases.firstName), ("Ship Address1", Aliases.address1),
        ("Ship City", Aliases.city), ("Ship Zipcode", Aliases.zip), ("Ship Country", Aliases.country),
    ]

    /// The layout of a header: `Order ID` with `Item Name` and `Listing ID` or `Ship Name` is EtsySoldOrderItems
    /// (a `Transaction ID` proves nothing: other platforms' order exports have one too); `Order ID` with
    /// `Number of Items` and `Full Name`, `Street 1` or `Buyer User ID` is EtsySoldOrders.
    /// - Parameter header: the file's header.
    /// - Returns: the layout, or `nil` when the header is neither.
    public static func layout(of header: HeaderIndex) -> Layout? {
        func has(_ aliases: [String]) -> Bool { header.index(ofAny: aliases) != nil }
        guard has(Aliases.orderID) else { return nil }
        if has(Aliases.itemName) && (has(Aliases.listingID) || has(Aliases.shipName)) { return .soldOrderItems }
        if has(Aliases.numberOfItems) && (has(Aliases.fullName) || has(["street 1"]) || has(Aliases.buyerUserID)) {
            return .soldOrders
        }
        return nil
    }

    /// Whether a header is one of Etsy's order exports.
    /// - Parameter header: the file's header.
    /// - Returns: `true` for EtsySoldOrderItems and EtsySoldOrders.
    public static func matches(_ header: HeaderIndex) -> Bool { layout(of: header) != nil }

    /// The file's layout.
    public let layout: Layout
    private let orderID: Int
    private let quantity: Int?
    private let itemName: Int?
    private let sku: Int?
    private let currency: Int?
    private let email: Int?
    /// `Ship Name` (EtsySoldOrderItems) or `Full Name` (EtsySoldOrders).
    private let fullName: Int?
    private let firstName: Int?
    private let lastName: Int?
    private let address1: Int?
    private let address2: Int?
    private let city: Int?
    private let state: Int?
    private let zip: Int?
    private let country: Int?
    private let countryCode: @Sendable (String) -> String?
    /// Whether each line keeps its row's cells (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields.
    public let columns: OrderColumns

    /// Resolves the columns of `header` once.
    /// - Parameters:
    ///   - header: the file's header.
    ///   - countryCode: the ISO 3166-1 alpha-2 code of a country name or code as Etsy writes it (`United States`,
    ///     `Deutschland`, `DE`), or `nil` when it is not known; the pipeline passes `Countries.alpha2(forName:)`.
    /// - Returns: `nil` when the header is not an Etsy order export (see ``layout(of:)``).
    public init?(header: HeaderIndex, countryCode: @escaping @Sendable (String) -> String?) {
        guard let layout = Self.layout(of: header), let orderID = header.index(ofAny: Aliases.orderID) else { return nil }
        self.layout = layout
        self.orderID = orderID
        self.countryCode = countryCode
        sku = header.index(ofAny: Aliases.sku)
        currency = header.index(ofAny: Aliases.currency)
        email = header.index(ofAny: Aliases.email)
        address1 = header.index(ofAny: Aliases.address1)
        address2 = header.index(ofAny: Aliases.address2)
        city = header.index(ofAny: Aliases.city)
        state = header.index(ofAny: Aliases.state)
        zip = header.index(ofAny: Aliases.zip)
        country = header.index(ofAny: Aliases.country)
        switch layout {
        case .soldOrderItems:
            quantity = header.index(ofAny: Aliases.quantity)
            itemName = header.index(ofAny: Aliases.itemName)
            fullName = header.index(ofAny: Aliases.shipName)
            firstName = nil
            lastName = nil
        case .soldOrders:
            quantity = header.index(ofAny: Aliases.numberOfItems)
            itemName = nil
            fullName = header.index(ofAny: Aliases.fullName)
            firstName = header.index(ofAny: Aliases.firstName)
            lastName = header.index(ofAny: Aliases.lastName)
        }
        let pairs: [(OrderField, Int?)] = [
            (.reference, orderID), (.email, email), (.currency, currency), (.quantity, quantity), (.lineName, itemName),
            (.sku, sku), (.fullName, fullName), (.firstName, firstName ?? fullName), (.lastName, lastName ?? fullName),
            (.address1, address1), (.address2, address2), (.city, city), (.postCode, zip), (.state, state),
            (.country, country),
        ]
        self.columns = OrderColumns(header: header, pairs)
    }

    /// Adapts the reader's current record.
    /// - Parameters:
    ///   - reader: the reader, positioned on the record.
    ///   - position: where the record is.
    ///   - issues: unused: Etsy rows have no format-level problems of their own.
    /// - Returns: one row for EtsySoldOrderItems; one per SKU for EtsySoldOrders.
    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        var address = Address()
        let first = text(firstName)
        let last = text(lastName)
        if first.isEmpty && last.isEmpty {
            address.setName(text(fullName))
        } else {
            address.firstName = first
            address.lastName = last
        }
        address.addressLine1 = text(address1)
        address.addressLine2 = text(address2)
        address.city = text(city)
        address.postCode = text(zip)
        address.state = text(state)
        let countryText = text(country)
        address.country = countryText.isEmpty ? "" : countryCode(countryText) ?? countryText
        address.email = text(email)
        let reference = text(orderID)
        let currencyText = text(currency)
        // Every line of a row keeps the row as it stands (for fix files).
        let record = keepCells ? (reader.recordBytes(), reader.dialect.delimiter) : nil
        func row(quantity: String, sku: String, name: String) -> OrderRow {
            OrderRow(
                reference: reference, currency: currencyText, address: address,
                line: OrderLine(position: position, quantityText: quantity, sku: sku, name: name, record: record))
        }
        switch layout {
        case .soldOrderItems:
            return [row(quantity: text(quantity), sku: text(sku), name: text(itemName))]
        case .soldOrders:
            let skus = EtsyListingAdapter.commaList(text(sku)).filter { !$0.isEmpty }
            guard skus.count > 1 else { return [row(quantity: text(quantity), sku: skus.first ?? "", name: "")] }
            return skus.map { row(quantity: "1", sku: $0, name: "") }
        }
    }

    /// The options an EtsySoldOrderItems `Variations` cell names, read leniently: `Name:Value` pairs separated by
    /// commas (`Size:M,Primary color:Black`, spaces allowed); a piece without a colon continues the previous
    /// value (personalisation text with commas in it), or is a value without a name when it comes first.
    /// - Parameter text: the cell.
    /// - Returns: the options, in the order written, with the column `Variations`.
    public static func variations(_ text: String) -> [VariantOption] {
        var options: [VariantOption] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let colon = piece.firstIndex(of: ":") {
                let name = String(piece[..<colon]).trimmingSpaces
                let value = String(piece[piece.index(after: colon)...]).trimmingSpaces
                options.append(VariantOption(name: name, value: value, column: "Variations"))
            } else if let last = options.indices.last {
                options[last].value = (options[last].value + "," + piece).trimmingSpaces
            } else if !String(piece).trimmingSpaces.isEmpty {
                options.append(VariantOption(name: "", value: String(piece).trimmingSpaces, column: "Variations"))
            }
        }
        return options
    }
}
