/// A shipping address, in the order API's terms.
public struct Address: Sendable, Hashable, Codable {
    /// First name (≤ 25 characters in production).
    public var firstName = ""
    /// Last name (≤ 25).
    public var lastName = ""
    /// Company (≤ 60).
    public var companyName = ""
    /// Street and number (≤ 35).
    public var addressLine1 = ""
    /// More address (≤ 35).
    public var addressLine2 = ""
    /// City (≤ 30).
    public var city = ""
    /// Postcode (≤ 15).
    public var postCode = ""
    /// State or province (required for US, CA, AU).
    public var state = ""
    /// ISO 3166-1 alpha-2 country.
    public var country = ""
    /// The recipient's e-mail.
    public var email = ""
    /// The recipient's phone (≤ 25).
    public var phone = ""

    /// Creates an empty address.
    public init() {}

    /// Splits a full name at its first space: `Anna Maria Müller` → `Anna`, `Maria Müller`.
    ///
    /// The space is the first U+0020 of the text, even where a combining mark follows it (`Anna ́Müller`): the
    /// orders fast lane splits the bytes there, and both paths must write the same job. (Looking for the first
    /// `Character` " " would also walk grapheme clusters, some thousand instructions a name.)
    public mutating func setName(_ fullName: String) {
        var trimmed = fullName.trimmingSpaces
        let split = trimmed.withUTF8 { bytes -> Bool in
            guard bytes.contains(0x20) else { return false }
            setName(trimmedUTF8: bytes)
            return true
        }
        if !split {
            firstName = trimmed
            lastName = ""
        }
    }

    /// `setName(_:)` of a full name given as UTF-8 without leading and trailing spaces and tabs: an adapter that
    /// has the bytes spares the `String` of the whole name (~300 instructions an order of the full path).
    public mutating func setName(trimmedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let space = bytes.firstIndex(of: 0x20) else {
            firstName = String(decoding: bytes, as: UTF8.self)
            lastName = ""
            return
        }
        firstName = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<space]), as: UTF8.self)
        lastName = String(decoding: UnsafeBufferPointer(rebasing: bytes[(space + 1)...]), as: UTF8.self).trimmingSpaces
    }
}

/// The logical fields of an order row; a file maps each to one of its columns.
public enum OrderField: Int, Sendable, CaseIterable {
    case reference, customerReference, email, currency, shippingMethod
    case quantity, sku, lineName, productUID, designURL
    case fullName, firstName, lastName, company, address1, address2, city, postCode, state, country, phone
    /// A template's name (`intake templates`), standing for a Product UID with its design files.
    case template
}

/// The column names a file uses for the logical order fields, for locating issues.
public struct OrderColumns: Sendable, Hashable {
    private var names: [String]

    /// Creates a mapping with no columns.
    public init() { names = Array(repeating: "", count: OrderField.allCases.count) }

    /// The file's column name for `field` (empty when the file has none).
    public subscript(field: OrderField) -> String {
        get { names[field.rawValue] }
        set { names[field.rawValue] = newValue }
    }
}

/// One line item of an order.
///
/// A handful of references: the fields most lines leave empty (manual orders' Product UID, design files and
/// template, the row's cells or record, a reading problem) live in one immutable box, `nil` when all are empty.
/// With all sixteen references inline, a copy of a line cost ~300 instructions and its destruction ~220, and the
/// full path copies each line a few times (~30M instructions at the 13,500 held lines of the 100,000-order bench
/// run).
public struct OrderLine: Sendable, Hashable {
    public static func == (lhs: OrderLine, rhs: OrderLine) -> Bool {
        lhs.position == rhs.position && lhs.quantityText == rhs.quantityText && lhs.sku == rhs.sku && lhs.name == rhs.name
            && lhs.productUID == rhs.productUID && lhs.designFiles == rhs.designFiles && lhs.cells == rhs.cells
            && lhs.rejection == rhs.rejection && lhs.record?.bytes == rhs.record?.bytes && lhs.template == rhs.template
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(sku)
        hasher.combine(quantityText)
    }

    /// The fields few lines set.
    @usableFromInline
    struct Rare: Sendable {
        @usableFromInline var productUID: String
        @usableFromInline var designFiles: [DesignFile]
        @usableFromInline var template: String
        @usableFromInline var cells: [String]
        @usableFromInline var record: (bytes: [UInt8], delimiter: UInt8)?
        @usableFromInline var rejection: Issue?

        @inlinable
        init(productUID: String = "", designFiles: [DesignFile] = [], template: String = "", cells: [String] = [],
             record: (bytes: [UInt8], delimiter: UInt8)? = nil, rejection: Issue? = nil) {
            self.productUID = productUID
            self.designFiles = designFiles
            self.template = template
            self.cells = cells
            self.record = record
            self.rejection = rejection
        }

        /// Whether every field is empty (no box needed).
        @inlinable
        var isEmpty: Bool {
            productUID.isEmpty && designFiles.isEmpty && template.isEmpty && cells.isEmpty && record == nil && rejection == nil
        }
    }

    /// The box of the rare fields: immutable, so copies of a line share it; a setter makes a new one.
    @usableFromInline
    final class RareBox: Sendable {
        @usableFromInline let rare: Rare
        @inlinable init(_ rare: Rare) { self.rare = rare }
    }

    /// Where the line's row is.
    public var position: SourcePosition
    /// The quantity as written.
    public var quantityText: String
    /// The SKU (may be empty).
    public var sku: String
    /// The line-item name (`<title> - <variant>`).
    public var name: String
    /// The row's fields already encoded for its fix file (spreadsheet-safe CSV with `,`, padded to the header),
    /// with their number: set where the row was read anyway, so the fix file need not read it again.
    public var encodedCells: (bytes: [UInt8], fields: Int)?
    /// The rare fields; `nil` when all are empty.
    @usableFromInline var box: RareBox?

    /// Changes the rare fields (a new box: copies of the line share the old one).
    @inlinable
    mutating func updateRare(_ change: (inout Rare) -> Void) {
        var rare = box?.rare ?? Rare()
        box = nil
        change(&rare)
        box = rare.isEmpty ? nil : RareBox(rare)
    }

    /// A Product UID named directly (manual orders), if any.
    @inlinable
    public var productUID: String {
        get { box?.rare.productUID ?? "" }
        set { updateRare { $0.productUID = newValue } }
    }
    /// Design files named directly (manual orders).
    @inlinable
    public var designFiles: [DesignFile] {
        get { box?.rare.designFiles ?? [] }
        set { updateRare { $0.designFiles = newValue } }
    }
    /// The name of a template (`intake templates`) standing for the Product UID and design files (manual orders).
    @inlinable
    public var template: String {
        get { box?.rare.template ?? "" }
        set { updateRare { $0.template = newValue } }
    }
    /// The row's cells as read, for fix files (or see `record`).
    @inlinable
    public var cells: [String] {
        get { box?.rare.cells ?? [] }
        set { updateRare { $0.cells = newValue } }
    }
    /// The row as it stands in the file (UTF-8, with its delimiter), for fix files: kept instead of `cells` on
    /// the hot path, one copy per row rather than a string per field.
    @inlinable
    public var record: (bytes: [UInt8], delimiter: UInt8)? {
        get { box?.rare.record }
        set { updateRare { $0.record = newValue } }
    }
    /// A problem found while reading the row (`malformed_row`, `wrong_field_count`): the line is rejected as it
    /// stands and holds its order.
    @inlinable
    public var rejection: Issue? {
        get { box?.rare.rejection }
        set { updateRare { $0.rejection = newValue } }
    }

    /// Creates a line without rare fields, as a Shopify export's are.
    ///
    /// Apart from the general initializer: inlined, that one still made each of its defaults (an empty optional
    /// issue, some 450 bytes with the rest) and copied the line it built once, ~300 instructions a line.
    @inlinable
    public init(position: SourcePosition, quantityText: String, sku: String, name: String, encodedCells: (bytes: [UInt8], fields: Int)?) {
        self.position = position
        self.quantityText = quantityText
        self.sku = sku
        self.name = name
        self.encodedCells = encodedCells
        self.box = nil
    }

    /// Creates a line.
    ///
    /// Inlinable: the adapters of the full path make one per row, and as a call into this module the line was
    /// built here and copied out, ~250 instructions a row.
    @inlinable
    public init(
        position: SourcePosition, quantityText: String, sku: String, name: String, productUID: String = "",
        designFiles: [DesignFile] = [], cells: [String] = [], record: (bytes: [UInt8], delimiter: UInt8)? = nil, rejection: Issue? = nil,
        template: String = "", encodedCells: (bytes: [UInt8], fields: Int)? = nil
    ) {
        self.position = position
        self.quantityText = quantityText
        self.sku = sku
        self.name = name
        self.encodedCells = encodedCells
        // Field by field, not `Rare.isEmpty` of a `Rare` built first: that was a copy of every argument and a call
        // per line, where the defaults here fold away.
        if productUID.isEmpty && designFiles.isEmpty && template.isEmpty && cells.isEmpty && record == nil && rejection == nil {
            self.box = nil
        } else {
            self.box = RareBox(Rare(productUID: productUID, designFiles: designFiles, template: template, cells: cells,
                                    record: record, rejection: rejection))
        }
    }
}

/// An order: the consecutive rows of one file that share an order reference.
public struct Order: Sendable, Hashable {
    /// The order reference (`#1001`).
    public var reference: String
    /// The customer reference ID, when the file names one.
    public var customerReference: String
    /// ISO 4217 currency.
    public var currency: String
    /// The shipping method as written (`Standard`, `Express` ...).
    public var shippingMethod: String
    /// The shipping address (with the order's e-mail and phone).
    public var address: Address
    /// The row that carries the order-level fields (the order's first row).
    public var headerPosition: SourcePosition
    /// The column names of the file, to locate issues.
    public var columns: OrderColumns
    /// The line items, in file order.
    public var lines: [OrderLine]

    /// Creates an order.
    public init(
        reference: String, customerReference: String = "", currency: String = "", shippingMethod: String = "",
        address: Address = Address(), headerPosition: SourcePosition, columns: OrderColumns, lines: [OrderLine] = []
    ) {
        self.reference = reference
        self.customerReference = customerReference
        self.currency = currency
        self.shippingMethod = shippingMethod
        self.address = address
        self.headerPosition = headerPosition
        self.columns = columns
        self.lines = lines
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        let utf8 = self.utf8
        // Most cells have nothing to trim: a look at the first and last byte (of a native string's storage, without
        // walking the view) says so.
        let untrimmed = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let head = bytes.first, let tail = bytes.last else { return true }
            return head != 0x20 && head != 0x09 && tail != 0x20 && tail != 0x09
        }
        if untrimmed == true { return self }
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? first
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
