import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeTestSupport
import Testing

/// A CSV read with the project's reader: its header, then its records one by one with their positions.
struct Records {
    let reader: CSVReader
    let header: HeaderIndex
    let file: String

    /// Reads CSV text held in memory (unit tests touch no disk).
    init(_ text: String) throws {
        try self.init(reader: CSVReader(source: MemoryByteSource(text)), file: "memory.csv")
    }

    /// Reads a file under `Fixtures/` (or an absolute path).
    init(fixture: String) throws {
        let path = fixture.hasPrefix("/") ? fixture : TestPaths.fixture(fixture)
        try self.init(reader: CSVReader(source: FileByteSource(path: path)), file: fixture)
    }

    private init(reader: CSVReader, file: String) throws {
        self.reader = reader
        self.file = file
        try #require(try reader.next(), "\(file) has no header")
        header = HeaderIndex(reader.strings())
    }

    /// Advances to the next record; returns its position, or `nil` at the end.
    func next() throws -> SourcePosition? {
        guard try reader.next() else { return nil }
        return SourcePosition(file: file, line: reader.recordLine, record: reader.recordNumber)
    }
}

/// A CSV line from cells, quoted where needed.
func csvLine(_ cells: [String]) -> String {
    cells.map { cell in
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }.joined(separator: ",")
}

/// Headers as the platforms write them.
enum Headers {
    /// Shopify's classic product header (48 columns, `product_template.csv`).
    static let shopifyProductsClassic = """
        Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,\
        Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,\
        Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,\
        Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,\
        Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,\
        Google Shopping / Condition,Google Shopping / Custom Product,Variant Image,Variant Weight Unit,Variant Tax Code,\
        Cost per item,Included / United States,Price / United States,Compare At Price / United States,\
        Included / International,Price / International,Compare At Price / International,Status
        """.split(separator: ",").map(String.init)

    /// Shopify's 2024+ product header names (formats.md §1b).
    static let shopifyProducts2024 = """
        Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,\
        Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,\
        Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Unit price total measure,\
        Unit price total measure unit,Unit price base measure,Unit price base measure unit,Inventory tracker,\
        Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,\
        Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,\
        SEO title,SEO description
        """.split(separator: ",").map(String.init)

    /// Shopify's current 79-column order header.
    static let shopifyOrders = """
        Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,\
        Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,\
        Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,\
        Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,\
        Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,\
        Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,\
        Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,\
        Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,\
        Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,\
        Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References
        """.split(separator: ",").map(String.init)

    /// A row for `header` with the named cells filled.
    static func row(_ header: [String], _ cells: [String: String]) -> [String] {
        header.map { cells[$0] ?? "" }
    }
}
