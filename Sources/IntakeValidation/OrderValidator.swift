import IntakeModel

/// What validating one order found: per line, its issues and the connection it joined.
public struct OrderCheck: Sendable {
    /// Issues of each line, aligned with `order.lines` (order-level issues are on the first line).
    public var issues: [[Issue]]
    /// The connection each line joined, aligned with `order.lines` (`nil` when it matched none or none was checked).
    public var joins: [Connection?]

    /// Whether any line has an error: the order is held.
    public var isHeld: Bool { issues.indices.contains { issues[$0].hasError } }
}

/// `ConnectionIndex`'s keys in byte-keyed tables, by SKU and by line-item name, each key's value its connection's
/// place in `reachable` (the orders fast lane builds them). The tables are filled before any order is checked and
/// only read after: `@unchecked Sendable`.
public struct ConnectionKeyTables: @unchecked Sendable {
    let bySKU: ByteKeyTable
    let byName: ByteKeyTable

    /// Tables made from the index whose lines they look up (see `OrderValidator.connectionKeys`).
    public init(bySKU: ByteKeyTable, byName: ByteKeyTable) {
        self.bySKU = bySKU
        self.byName = byName
    }

    /// `ConnectionIndex.place(sku:name:)`: by `sku` when it is not empty, otherwise by `name`.
    func place(sku: String, name: String) -> Int? {
        let found = sku.isEmpty ? Self.value(of: name, in: byName) : Self.value(of: sku, in: bySKU)
        return found.map { Int($0) }
    }

    private static func value(of key: String, in table: ByteKeyTable) -> Int32? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ table.value(for: UnsafeRawBufferPointer($0)) }) { return found }
        return table.value(for: key)
    }
}

/// Checks orders against the rules of contract §6 and joins their lines with the connections. Pure: no I/O.
public struct OrderValidator: Sendable {
    /// The catalog to check Product UIDs against; `nil` skips those checks.
    public var catalog: Catalog? {
        didSet { joinedProducts = Self.joinedProducts(connections, in: catalog) }
    }
    /// The connections to join lines with; `nil` skips the join (nothing to check against).
    public var connections: ConnectionIndex? {
        didSet { joinedProducts = Self.joinedProducts(connections, in: catalog) }
    }
    /// The catalog status of each connection's product (`nil`: not in the catalog), by its place in
    /// `connections.reachable`; empty without a catalog. Found once per validator, as the orders fast lane finds
    /// its own: a catalog look-up per joined line hashed the whole Product UID, 15M instructions for the 13,500
    /// held lines of the 100,000-order bench run.
    private var joinedProducts: [CatalogStatus?] = []

    /// Set when the store's customer does not exist: every order gets `unknown_customer` (it cannot be billed).
    public var unknownCustomer: String?
    /// The store's customer reference ID: an order naming another one (`Customer Reference ID`, Pressero's
    /// `Integration ID`) gets `unknown_customer`.
    public var storeCustomer: String?
    /// Whether an order without an e-mail is `missing_value` (Etsy exports carry none: their runs fill in the
    /// store customer's admin e-mail instead, and `validate` does not require one).
    public var emailRequired = true
    /// Report a customer mismatch on every row of the order (Pressero), not only on its first.
    public var customerMismatchOnEveryLine = false
    /// The templates lines may name (`Template`), by name, each as the connection its lines join; `nil` skips
    /// the check (no state to take them from).
    public var templates: [String: Connection]?
    /// The connections' keys as byte-keyed tables (the orders fast lane's), each key's value its connection's place
    /// in `connections.reachable`, as `ConnectionIndex.place(sku:name:)` finds it; lines they miss, and all lines
    /// when `nil`, are looked up there. A
    /// `[String: Int]` look-up hashed the SKU as a `String` (~470 instructions a held line, 6.3M at the 13,500
    /// held lines of the 100,000-order bench run).
    public var connectionKeys: ConnectionKeyTables?

    /// Countries whose addresses have no postcode.
    static let countriesWithoutPostcode: Set<String> = [
        "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CM", "CW", "DJ", "DM",
        "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "JM", "KI", "KM", "KN", "LY", "ML", "MO", "MR",
        "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SR", "ST", "SY", "TD", "TG", "TK", "TL", "TO", "TV", "UG",
        "VU", "YE", "ZW",
    ]

    /// Creates a validator.
    public init(catalog: Catalog? = nil, connections: ConnectionIndex? = nil) {
        self.catalog = catalog
        self.connections = connections
        joinedProducts = Self.joinedProducts(connections, in: catalog)
    }

    /// The catalog status of each connection's product, by its place in `connections.reachable`: one catalog
    /// look-up per Product UID (connections share them), the others through the UID's shared object or, for
    /// connections that do not share it, a byte-keyed table.
    private static func joinedProducts(_ connections: ConnectionIndex?, in catalog: Catalog?) -> [CatalogStatus?] {
        guard let connections, let catalog else { return [] }
        let reachable = connections.reachable
        var byObject = SharedUIDMemo()
        let byUID = ByteKeyTable(capacity: 256)
        var statuses: [CatalogStatus?] = []
        statuses.reserveCapacity(reachable.count)
        for index in reachable.indices {
            let shared = reachable[index].sharedProductUID
            let known: Int32
            if let found = byObject.value(for: shared) {
                known = found
            } else {
                let uid = shared.uid
                if let found = byUID.value(for: uid.rawValue) {
                    known = found
                } else {
                    known = catalog[uid].map { $0.status == .active ? 1 : 2 } ?? 0
                    byUID.insertIfAbsent(uid.rawValue, known)
                }
                byObject.set(known, for: shared)
            }
            statuses.append(known == 0 ? nil : known == 1 ? .active : .discontinued)
        }
        return statuses
    }

    /// Validates `order`: order-level fields once (on the row that carries them), then every line; when any line
    /// fails, every other line gets `order_held` (the policy holds whole orders).
    public func validate(_ order: Order, holdWholeOrder: Bool = true) -> OrderCheck {
        let count = order.lines.count
        // Room made once, then filled by appends: `Array(repeating:count:)` cost some 750 instructions an order for
        // each of the two, and `init(unsafeUninitializedCapacity:)` ~650 (it allocates through the unspecialized
        // generic path, a metadata look-up per call); `reserveCapacity` allocates specialized, ~200.
        var issues: [[Issue]] = []
        issues.reserveCapacity(count)
        var joins: [Connection?] = []
        joins.reserveCapacity(count)
        for _ in 0..<count {
            issues.append([])
            joins.append(nil)
        }
        guard count > 0 else { return OrderCheck(issues: issues, joins: joins) }
        // Each line borrowed where it lies, through the buffer: the array's subscript handed `checkLine` a copy of
        // every line (a retain and a release per string of it), which the held orders of a nightly run felt.
        order.lines.withUnsafeBufferPointer { lines in
            if lines[0].rejection == nil { checkOrderFields(order, into: &issues[0]) }
            // Whether an issue so far holds the whole order: its lines' joins are then never read, and not fetched
            // (each is a connection's object, a cache miss on a nightly run's held lines).
            var held = false
            for index in lines.indices {
                defer { held = held || (holdWholeOrder && issues[index].hasError) }
                if customerMismatchOnEveryLine, let storeCustomer, order.customerReference != storeCustomer {
                    issues[index].append(customerMismatch(order, at: lines[index].position))
                }
                if var rejection = lines[index].rejection {
                    rejection.order = order.reference.isEmpty ? nil : order.reference
                    issues[index].append(rejection)
                    continue
                }
                let join = !held && !(holdWholeOrder && issues[index].hasError)
                joins[index] = checkLine(lines, at: index, of: order, into: &issues[index], join: join)
            }
            // `held` says it already: with the whole order held, it became `true` at the first line with an error
            // (each `hasError` read an array out of `issues`, a retain and a release).
            guard holdWholeOrder, held else { return }
            // One message for all the order's held lines: each issue shares its storage. Made at the first such line
            // (an order whose every line failed has none: ~1,000 instructions for a message nobody read).
            var message = ""
            for index in issues.indices where !issues[index].hasError {
                if message.isEmpty { message = Self.heldMessage(order.reference) }
                issues[index].append(
                    Issue(.orderHeld, at: lines[index].position, order: order.reference, message: message,
                          hint: "fix the other lines of the order; the whole order is held until then"))
            }
        }
        return OrderCheck(issues: issues, joins: joins)
    }

    /// The message of `order_held`, made at its size in one go (`concatenated`): interpolated it was grown and
    /// copied again, and appended to a reserved string still ~1,300 instructions a held order (5.2M at the 4,034
    /// held orders with such a line of the 100,000-order bench run).
    private static func heldMessage(_ reference: String) -> String {
        concatenated("the line is fine, but another line of order ", reference, " was rejected")
    }

    /// The hint of `invalid_quantity`, made once (interpolating the limit cost ~400 instructions a line).
    private static let quantityHint = "write a whole number from 1 to \(ValueChecks.maximumQuantity)"

    /// `a + b + c`, made at its size with one copy of each part's bytes (for messages with one value in them):
    /// an interpolated message grew its string and copied it again, ~1,000 instructions.
    static func concatenated(_ a: String, _ b: String, _ c: String) -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var at = base
            copyUTF8(of: a, to: &at)
            copyUTF8(of: b, to: &at)
            copyUTF8(of: c, to: &at)
            return at - base
        }
    }

    private static func copyUTF8(of text: String, to at: inout UnsafeMutablePointer<UInt8>) {
        let end: UnsafeMutablePointer<UInt8>? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard let source = utf8.baseAddress else { return at }
            at.update(from: source, count: utf8.count)
            return at + utf8.count
        }
        if let end {
            at = end
            return
        }
        for byte in text.utf8 {
            at.pointee = byte
            at += 1
        }
    }

    private func checkOrderFields(_ order: Order, into issues: inout [Issue]) {
        let position = order.headerPosition
        let columns = order.columns
        let reference = order.reference
        func add(_ code: IssueCode, _ field: OrderField, _ value: String, _ message: String, _ hint: String) {
            issues.append(Issue(code, at: position, order: reference, column: columns[field], value: value, message: message, hint: hint))
        }
        func required(_ field: OrderField, _ value: String, _ what: String) -> Bool {
            guard value.isEmpty else { return true }
            add(.missingValue, field, value, Self.concatenated("the order has no ", what, ""),
                Self.concatenated("fill in ", columns[field].isEmpty ? what : columns[field], " on the order's first row"))
            return false
        }
        guard required(.reference, reference, "order reference") else { return }
        if let storeCustomer, !order.customerReference.isEmpty, order.customerReference != storeCustomer, !customerMismatchOnEveryLine {
            issues.append(customerMismatch(order, at: position))
        }
        if let unknownCustomer {
            issues.append(Issue(.unknownCustomer, at: position, order: reference, column: columns[.customerReference], value: unknownCustomer,
                                message: "the store's customer \(unknownCustomer.isEmpty ? "(none)" : unknownCustomer) does not exist",
                                hint: "add the customer (intake customers add NAME --ref \(unknownCustomer)) and run again"))
        }
        _ = required(.firstName, order.address.firstName, "recipient name")
        _ = required(.address1, order.address.addressLine1, "street address")
        _ = required(.city, order.address.city, "city")
        if required(.country, order.address.country, "country") {
            let country = order.address.country
            if !Countries.isValidAlpha2(country) {
                let suggestion = Countries.alpha2(forName: country)
                add(.invalidCountry, .country, country, Self.concatenated("'", country, "' is not an ISO 3166-1 alpha-2 country code"),
                    suggestion.map { "write \($0) instead" } ?? "write the two-letter country code, e.g. DE, GB, US")
            } else {
                checkPostcode(order.address.postCode, country: country, add: add)
                if Countries.requiresState(country) {
                    _ = required(.state, order.address.state, "state or province (required for \(country))")
                }
            }
        }
        if order.address.email.isEmpty && !emailRequired {
            // Nothing to check.
        } else if required(.email, order.address.email, "e-mail address"), !ValueChecks.isPlausibleEmail(order.address.email) {
            add(.invalidEmail, .email, order.address.email, Self.concatenated("'", order.address.email, "' is not an e-mail address"),
                "write an address like name@example.com")
        }
        checkLengths(order.address, add: add)
    }

    private func customerMismatch(_ order: Order, at position: SourcePosition) -> Issue {
        Issue(.unknownCustomer, at: position, order: order.reference, column: order.columns[.customerReference], value: order.customerReference,
              message: "the order names the customer \(order.customerReference), but the store belongs to \(storeCustomer ?? "")",
              hint: "write the store's customer reference ID (\(storeCustomer ?? "")), or import the order into that customer's store")
    }

    private func checkPostcode(
        _ postCode: String, country: String, add: (IssueCode, OrderField, String, String, String) -> Void
    ) {
        if postCode.isEmpty {
            if !Self.countriesWithoutPostcode.contains(country) {
                add(.missingValue, .postCode, postCode, "the order has no postcode", "fill in the postcode of the shipping address")
            }
            return
        }
        guard Postcodes.isValid(postCode, country: country) == false else { return }
        if let restored = Postcodes.restoredLeadingZeros(postCode, country: country) {
            add(.excelMangledValue, .postCode, postCode, "the postcode '\(postCode)' lost its leading zeros (a spreadsheet read it as a number)",
                "write \(restored), and format the column as text before saving")
        } else {
            add(.invalidPostcode, .postCode, postCode, "'\(postCode)' is not a valid postcode for \(country)", "check the postcode and the country")
        }
    }

    private func checkLengths(_ address: Address, add: (IssueCode, OrderField, String, String, String) -> Void) {
        // One call per field (no array of them per order: this runs for every order of the full path).
        func check(_ limitField: ValueChecks.AddressField, _ field: OrderField, _ value: String) {
            guard value.utf8.count > limitField.maxLength, value.count > limitField.maxLength else { return }
            add(.valueTooLong, field, value, "\(value.count) characters; production accepts at most \(limitField.maxLength)",
                "shorten it, or it will be cut to \(limitField.maxLength) characters")
        }
        check(.firstName, .firstName, address.firstName)
        check(.lastName, .lastName, address.lastName)
        check(.companyName, .company, address.companyName)
        check(.addressLine1, .address1, address.addressLine1)
        check(.addressLine2, .address2, address.addressLine2)
        check(.city, .city, address.city)
        check(.postCode, .postCode, address.postCode)
        check(.phone, .phone, address.phone)
    }

    /// Checks line `index` of `lines`; returns the connection it joins (made for a template line; a store's only
    /// when `join`).
    ///
    /// The line's fields are read where it lies, one by one: handed over as a value (even `borrowing`), the line
    /// was copied at every call, since `issues` is written meanwhile (~320 instructions a line with its release,
    /// 4.3M at the 13,500 held lines of the 100,000-order bench run).
    private func checkLine(_ lines: UnsafeBufferPointer<OrderLine>, at index: Int, of order: borrowing Order, into issues: inout [Issue],
                           join: Bool) -> Connection? {
        // `add` captures these alone, not the order or the line (a copy of each per line otherwise).
        let columns = order.columns
        let reference = order.reference
        let position = lines[index].position
        func add(_ code: IssueCode, _ field: OrderField, _ value: String, _ message: String, _ hint: String) {
            issues.append(Issue(code, at: position, order: reference, column: columns[field], value: value, message: message, hint: hint))
        }
        let quantityText = lines[index].quantityText
        if quantityText.isEmpty {
            add(.missingValue, .quantity, "", "the line has no quantity", "write a whole number of at least 1")
        } else if ValueChecks.parseQuantity(quantityText) == nil {
            add(.invalidQuantity, .quantity, quantityText, Self.concatenated("'", quantityText, "' is not a quantity"), Self.quantityHint)
        }
        if !lines[index].template.isEmpty {
            return checkTemplate(lines[index], add: add)
        }
        let sku = lines[index].sku
        if ValueChecks.looksExcelMangled(sku) {
            add(.excelMangledValue, .sku, sku, "the SKU '\(sku)' was turned into a number in scientific notation by a spreadsheet",
                "restore the SKU from the store, and format the column as text before saving")
            return nil
        }
        if !lines[index].productUID.isEmpty {
            checkDirectProduct(lines[index], add: add)
            return nil
        }
        let name = lines[index].name
        if sku.isEmpty && name.isEmpty {
            add(.missingValue, .sku, "", "the line names neither a SKU nor a Product UID", "write the SKU of a connected product, or a Product UID with its Design file URL")
            return nil
        }
        guard let connections else { return nil }
        // Bytes first, then the index: its `[String: Int]`s find a key by canonical equivalence (a SKU written in
        // decomposed Unicode finds the composed one), which a byte look-up misses; a byte hit is the index's answer.
        if let place = connectionKeys?.place(sku: sku, name: name) ?? connections.place(sku: sku, name: name) {
            checkJoinedProduct(at: place, in: connections, byName: sku.isEmpty, add: add)
            return join ? connections[place] : nil
        }
        var hint = sku.isEmpty
            ? "connect the product (Product UID and Design file URL) in the store's connection file, or fill in the line's SKU"
            : "connect the variant with this SKU in the store's connection file, then re-import the orders"
        if let rejected = connections.rejection(sku: sku, name: name) {
            hint = "its connection at \(rejected.position.file) line \(rejected.position.line) was rejected (\(rejected.code.rawValue)); fix that row first"
        }
        add(.unknownProduct, sku.isEmpty ? .lineName : .sku, sku.isEmpty ? name : sku,
            // "no connected product matches its name '…'" or "… SKU '…'", made at its size (`concatenated`).
            Self.concatenated(sku.isEmpty ? "no connected product matches its name '" : "no connected product matches SKU '", sku.isEmpty ? name : sku, "'"),
            hint)
        return nil
    }

    /// A line naming a template (manual and Pressero orders): the template's Product UID and design files, checked
    /// against the catalog as a connection's are; a line that also names a SKU, a Product UID or a design file is
    /// `invalid_value` (which one would it be?).
    private func checkTemplate(_ line: OrderLine, add: (IssueCode, OrderField, String, String, String) -> Void) -> Connection? {
        let also = [(line.sku, "SKU"), (line.productUID, "Product UID"), (line.designFiles.first?.url ?? "", "Design file URL")]
            .filter { !$0.0.isEmpty }.map(\.1)
        guard also.isEmpty else {
            add(.invalidValue, .template, line.template,
                "the line names the template '\(line.template)' and a \(also.joined(separator: " and a ")); a line names a template or a product, not both",
                "empty the \(also.joined(separator: " and ")) of the line, or its Template")
            return nil
        }
        guard let templates else { return nil }
        guard let connection = templates[line.template] else {
            add(.unknownProduct, .template, line.template, "no template is named '\(line.template)'",
                "intake templates list shows the templates (names are compared exactly); add one with intake templates add NAME --product-uid UID --design-url URL")
            return nil
        }
        if let catalog {
            if let product = catalog[connection.productUID] {
                if product.status == .discontinued {
                    add(.discontinuedProductUID, .template, connection.productUID.rawValue,
                        "the template '\(line.template)' names '\(connection.productUID)', which is discontinued",
                        "replace the template with an active Product UID (intake templates add \(line.template) --replace ...)")
                }
            } else {
                add(.unknownProductUID, .template, connection.productUID.rawValue,
                    "the template '\(line.template)' names '\(connection.productUID)', which is not in the catalog",
                    "replace the template with a Product UID of the catalog (intake templates add \(line.template) --replace ...)")
            }
        }
        return connection
    }

    /// A line naming a Product UID and design files itself (manual and Pressero orders).
    private func checkDirectProduct(_ line: OrderLine, add: (IssueCode, OrderField, String, String, String) -> Void) {
        if let catalog {
            if let product = catalog[ProductUID(line.productUID)] {
                if product.status == .discontinued {
                    add(.discontinuedProductUID, .productUID, line.productUID, "the Product UID '\(line.productUID)' is discontinued", "use an active Product UID")
                }
            } else {
                add(.unknownProductUID, .productUID, line.productUID, "the Product UID '\(line.productUID)' is not in the catalog",
                    "copy the Product UID exactly from the catalog")
            }
        }
        if line.designFiles.isEmpty {
            add(.missingValue, .designURL, "", "a line with a Product UID needs its design file URL", "fill in the URL of the print file")
        }
        for file in line.designFiles {
            if let problem = DesignFileRule.problem(file.url) { add(problem.code, .designURL, file.url, problem.message, problem.hint) }
        }
    }

    /// `byName`: the line names no SKU (its issue is then on the line-item name's column).
    private func checkJoinedProduct(
        at place: Int, in connections: ConnectionIndex, byName: Bool, add: (IssueCode, OrderField, String, String, String) -> Void
    ) {
        guard catalog != nil else { return }
        let status = place < joinedProducts.count ? joinedProducts[place] : catalog?[connections[place].productUID]?.status
        if status == .active { return }
        let connection = connections[place]
        guard let status else {
            add(.unknownProductUID, byName ? .lineName : .sku, connection.productUID.rawValue,
                "the line's product is connected to '\(connection.productUID)', which is not in the catalog",
                "connect the variant to a Product UID of the catalog")
            return
        }
        if status == .discontinued {
            add(.discontinuedProductUID, byName ? .lineName : .sku, connection.productUID.rawValue,
                "the line's product is connected to '\(connection.productUID)', which is discontinued",
                "connect the variant to an active Product UID")
        }
    }
}
