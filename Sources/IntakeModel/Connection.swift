/// An option of a store variant (`Size` = `M`), as the store names it.
public struct VariantOption: Sendable, Hashable, Codable {
    /// The option's name (`Size`, `Color`, `Title`).
    public var name: String
    /// The chosen value.
    public var value: String
    /// The column the value was read from (`Option1 Value`), for locating issues.
    public var column: String

    /// Creates an option.
    public init(name: String, value: String, column: String = "") {
        self.name = name
        self.value = value
        self.column = column
    }
}

/// One variant of a store product, read from a product export (or a connection file).
public struct StoreVariant: Sendable, Hashable {
    /// The product's key in the store (Shopify `Handle`).
    public var productKey: String
    /// The product's title (forward-filled from the product's first row).
    public var productTitle: String
    /// The variant's options with their names (names forward-filled).
    public var options: [VariantOption]
    /// The variant SKU (may be empty).
    public var sku: String
    /// Whether the product is active and published in the store.
    public var isActive: Bool
    /// The Product UID written in the connection columns, if any (`nil` when the file has no such column).
    public var productUID: String?
    /// The design files of the connection columns, with the column each came from.
    public var designFiles: [(file: DesignFile, column: String)]
    /// Where the row is.
    public var position: SourcePosition
    /// The line-item name the platform's orders show for this variant, when the export states it (WooCommerce's
    /// variation `Name`); otherwise it is derived from title and options.
    public var explicitLineItemName: String?

    /// Creates a variant.
    public init(
        productKey: String, productTitle: String, options: [VariantOption], sku: String, isActive: Bool,
        productUID: String?, designFiles: [(file: DesignFile, column: String)], position: SourcePosition
    ) {
        self.productKey = productKey
        self.productTitle = productTitle
        self.options = options
        self.sku = sku
        self.isActive = isActive
        self.productUID = productUID
        self.designFiles = designFiles
        self.position = position
    }

    /// The title an order line shows for this variant: `"<title> - <v1> / <v2>"`, or the title alone for a
    /// single-variant product (`Default Title`). Shopify writes this into `Lineitem name`.
    public var lineItemName: String {
        if let explicitLineItemName { return explicitLineItemName }
        // Written as bytes into one string, without arrays of values or appends that look at grapheme boundaries:
        // it runs once per variant of every connect stage.
        var length = 0
        var shown = 0
        for option in options where !option.value.isEmpty && option.value != "Default Title" {
            length += option.value.utf8.count + 3
            shown += 1
        }
        guard shown > 0 else { return productTitle }
        length += productTitle.utf8.count
        return String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            func put(_ text: String) {
                let copied: Int? = text.utf8.withContiguousStorageIfAvailable { bytes in
                    if let source = bytes.baseAddress, let target = buffer.baseAddress { (target + count).update(from: source, count: bytes.count) }
                    return bytes.count
                }
                if let copied {
                    count += copied
                } else {
                    for byte in text.utf8 {
                        buffer[count] = byte
                        count += 1
                    }
                }
            }
            put(productTitle)
            var first = true
            for option in options where !option.value.isEmpty && option.value != "Default Title" {
                put(first ? " - " : " / ")
                first = false
                put(option.value)
            }
            return count
        }
    }

    /// The design files alone, as a connection keeps them.
    public var files: [DesignFile] {
        if designFiles.count == 1 { return [designFiles[0].file] }
        return designFiles.map(\.file)
    }

    public static func == (lhs: StoreVariant, rhs: StoreVariant) -> Bool {
        lhs.productKey == rhs.productKey && lhs.sku == rhs.sku && lhs.position == rhs.position
            && lhs.options == rhs.options && lhs.productUID == rhs.productUID
            && lhs.designFiles.map(\.file) == rhs.designFiles.map(\.file)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(productKey)
        hasher.combine(sku)
        hasher.combine(position)
    }
}

/// A Product UID held by connections, one object per UID for the connections made from one source (the connect
/// stage's catalog entry, a stored chunk's shared text), so that tables of per-UID facts can key on the object
/// (`SharedUIDMemo`) instead of hashing the UID's bytes once more per connection.
///
/// A store's connections name a few catalog products (the 100,000-order bench: 8,168 connections, 109 UIDs of
/// 87 bytes), and each later step asked a byte-keyed table about every connection's UID: ~390 instructions a
/// look-up, four look-ups per connection (validator, order checks, the orders lane, packing for the state).
public final class SharedProductUID: Sendable {
    /// The UID.
    public let uid: ProductUID

    /// Wraps a UID.
    public init(_ uid: ProductUID) { self.uid = uid }
}

/// Small integers remembered per `SharedProductUID` object (a look-up hashes the object's identity, not the UID's
/// bytes). Two objects with the same UID are two keys: a caller that must merge them keeps its byte-keyed table
/// behind this one. The memo keeps its keys alive, so an identity is never reused while it is filled.
public struct SharedUIDMemo {
    private var values: [ObjectIdentifier: Int32] = [:]
    private var owners: [SharedProductUID] = []

    /// Creates an empty memo.
    public init() {}

    /// The value remembered for `uid`, or `nil`.
    @inline(__always)
    public func value(for uid: SharedProductUID) -> Int32? {
        values[ObjectIdentifier(uid)]
    }

    /// Remembers `value` for `uid` (replacing an earlier value).
    public mutating func set(_ value: Int32, for uid: SharedProductUID) {
        if values.updateValue(value, forKey: ObjectIdentifier(uid)) == nil { owners.append(uid) }
    }
}

/// A store variant connected to a catalog product and its design files.
public struct Connection: Sendable, Hashable {
    // The fields live in one immutable object: a connection is copied wherever an order line joins it (the
    // validator returns it, its check keeps it), and with five reference-counted fields each copy cost five
    // atomic increments on memory long out of the cache (measured: a twentieth of the output thread on a nightly
    // run). A copy is now one. Setting a field makes a new object, which only building connections does.
    private final class Storage: Sendable {
        let sku: String
        let lineItemName: String
        let product: SharedProductUID
        let files: [DesignFile]
        let position: SourcePosition

        init(sku: String, lineItemName: String, product: SharedProductUID, files: [DesignFile], position: SourcePosition) {
            self.sku = sku
            self.lineItemName = lineItemName
            self.product = product
            self.files = files
            self.position = position
        }
    }

    private var storage: Storage

    /// The variant's SKU (may be empty: then only the line-item name can match it).
    public var sku: String {
        get { storage.sku }
        set { storage = Storage(sku: newValue, lineItemName: lineItemName, product: storage.product, files: files, position: position) }
    }
    /// The line-item name that matches it when an order line has no SKU.
    public var lineItemName: String {
        get { storage.lineItemName }
        set { storage = Storage(sku: sku, lineItemName: newValue, product: storage.product, files: files, position: position) }
    }
    /// The catalog product.
    public var productUID: ProductUID {
        get { storage.product.uid }
        set { storage = Storage(sku: sku, lineItemName: lineItemName, product: SharedProductUID(newValue), files: files, position: position) }
    }
    /// The design files, one per print area.
    public var files: [DesignFile] {
        get { storage.files }
        set { storage = Storage(sku: sku, lineItemName: lineItemName, product: storage.product, files: newValue, position: position) }
    }
    /// Where the connection was read.
    public var position: SourcePosition {
        get { storage.position }
        set { storage = Storage(sku: sku, lineItemName: lineItemName, product: storage.product, files: files, position: newValue) }
    }

    /// The catalog product as an object that other connections to it may share (see `SharedProductUID`).
    public var sharedProductUID: SharedProductUID { storage.product }

    /// Calls `body` with the fields, lent from the connection: a getter per field hands out a copy (a retain and
    /// a release each), which packing every connection of a store for the state did for each field twice.
    @inline(__always)
    public func withFields<R>(
        _ body: (_ sku: String, _ lineItemName: String, _ product: SharedProductUID, _ files: [DesignFile], _ position: SourcePosition) throws -> R
    ) rethrows -> R {
        let storage = self.storage
        return try withExtendedLifetime(storage) {
            try body(storage.sku, storage.lineItemName, storage.product, storage.files, storage.position)
        }
    }

    /// Creates a connection.
    public init(sku: String, lineItemName: String, productUID: ProductUID, files: [DesignFile], position: SourcePosition) {
        storage = Storage(sku: sku, lineItemName: lineItemName, product: SharedProductUID(productUID), files: files, position: position)
    }

    /// Creates a connection to a Product UID that other connections share.
    public init(sku: String, lineItemName: String, sharedProductUID: SharedProductUID, files: [DesignFile], position: SourcePosition) {
        storage = Storage(sku: sku, lineItemName: lineItemName, product: sharedProductUID, files: files, position: position)
    }

    public static func == (lhs: Connection, rhs: Connection) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.sku == rhs.sku && lhs.lineItemName == rhs.lineItemName && lhs.productUID == rhs.productUID
                && lhs.files == rhs.files && lhs.position == rhs.position)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sku)
        hasher.combine(lineItemName)
        hasher.combine(productUID)
        hasher.combine(files)
        hasher.combine(position)
    }
}

/// The connections an order line is joined against: by SKU first, by line-item name when the SKU is empty.
public struct ConnectionIndex: Sendable {
    /// The connections that some key finds, in insertion order.
    private var found: [Connection] = []
    private var bySKU: [String: Int] = [:]
    private var byName: [String: Int] = [:]
    /// Reference rows that were rejected, by SKU and by name, so a line that fails to match can say why. Two
    /// tables, not one keyed `"sku:" + sku`: every line that matches no connection looks here, and the key's
    /// concatenation cost ~300 instructions a look-up.
    private var rejectedBySKU: [String: (position: SourcePosition, code: IssueCode)] = [:]
    private var rejectedByName: [String: (position: SourcePosition, code: IssueCode)] = [:]
    /// The number of connections held.
    public private(set) var count = 0

    /// Creates an empty index.
    public init() {}

    /// Adds a connection; an earlier one with the same SKU or name stays (first wins, as in the file).
    public mutating func insert(_ connection: Connection) {
        count += 1
        // Each key is hashed once: the defaulted subscript finds the slot and fills it when it is empty, with the
        // position the connection gets if either key is new.
        let position = found.count
        var newSKU = false
        var newName = false
        if !connection.sku.isEmpty { Self.claim(&bySKU[connection.sku, default: -1], position, &newSKU) }
        if !connection.lineItemName.isEmpty { Self.claim(&byName[connection.lineItemName, default: -1], position, &newName) }
        guard newSKU || newName else { return }
        found.append(connection)
    }

    private static func claim(_ slot: inout Int, _ position: Int, _ claimed: inout Bool) {
        guard slot < 0 else { return }
        slot = position
        claimed = true
    }

    /// Makes room for `count` more connections, so that adding them does not rehash the keys as the tables grow.
    public mutating func reserveCapacity(_ count: Int) {
        found.reserveCapacity(found.count + count)
        bySKU.reserveCapacity(bySKU.count + count)
        byName.reserveCapacity(byName.count + count)
    }

    /// Remembers a rejected reference row so that `rejection(sku:name:)` can name it.
    public mutating func noteRejected(sku: String, lineItemName: String, position: SourcePosition, code: IssueCode) {
        if !sku.isEmpty, rejectedBySKU[sku] == nil { rejectedBySKU[sku] = (position, code) }
        if !lineItemName.isEmpty, rejectedByName[lineItemName] == nil { rejectedByName[lineItemName] = (position, code) }
    }

    /// The connection of an order line: by `sku` when it is not empty, otherwise by `name`.
    public func connection(sku: String, name: String) -> Connection? {
        place(sku: sku, name: name).map { found[$0] }
    }

    /// The place in `reachable` of the connection of an order line (the one `connection(sku:name:)` finds).
    public func place(sku: String, name: String) -> Int? {
        sku.isEmpty ? byName[name] : bySKU[sku]
    }

    /// The connection at `place` in `reachable`.
    public subscript(place: Int) -> Connection { found[place] }

    /// The connections some key finds, in insertion order (`forEachKey(bySKU:_:)` refers to them by position).
    public var reachable: [Connection] { found }

    /// Calls `body` with each key of one kind, the SKUs (`bySKU`) or the line-item names, and the place of its
    /// connection (see `subscript(place:)`).
    public func forEachKey(bySKU: Bool, _ body: (_ key: String, _ connection: Int) throws -> Void) rethrows {
        for (key, index) in bySKU ? self.bySKU : byName { try body(key, index) }
    }

    /// The rejected reference row that would have matched the line, if any.
    public func rejection(sku: String, name: String) -> (position: SourcePosition, code: IssueCode)? {
        sku.isEmpty ? rejectedByName[name] : rejectedBySKU[sku]
    }
}
