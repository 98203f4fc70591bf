import IntakeCSV
import IntakeModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One row of a store's product export, adapted: the variants it describes (none for an image-only row, a
/// variable parent or a grouped product; several for an Etsy listing with comma-joined SKUs) and, on a
/// product's first row, why the product is not active in the store.
public struct ProductRow: Sendable {
    /// The variants of the row, in the order the row lists them.
    public var variants: [StoreVariant]
    /// Set on the row that carries a product's status when the product is draft, archived or unpublished.
    public var inactive: (column: String, value: String, message: String)?

    /// Creates a row with at most one variant.
    public init(variant: consuming StoreVariant?, inactive: (column: String, value: String, message: String)? = nil) {
        // Moved into the array, not copied (`map` copied it: a retain and a release of each of its dozen fields,
        // 3.6M instructions for the 8,215 variants of the 100,000-order bench's connect stage).
        switch consume variant {
        case .some(let variant): variants = [variant]
        case .none: variants = []
        }
        self.inactive = inactive
    }

    /// Creates a row with several variants.
    public init(variants: [StoreVariant], inactive: (column: String, value: String, message: String)? = nil) {
        self.variants = variants
        self.inactive = inactive
    }

    /// The first variant, if any.
    public var variant: StoreVariant? { variants.first }
}

/// Adapts the records of one platform's product export; resolves its columns once per file.
public protocol ProductRowAdapter {
    /// Whether the file carries the connection columns.
    var isConnectionFile: Bool { get }
    /// The file's names of the Product UID column and of the first design file column.
    var connectionColumnNames: (uid: String, design: String) { get }
    /// The file's name of the SKU column.
    var skuColumn: String { get }
    /// Adapts the reader's current record; format-level issues go to `issues`.
    mutating func row(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> ProductRow
}

/// Reads the connection columns of a product export: `Product UID` and one design file column per print area.
struct ConnectionColumns: Sendable {
    let header: HeaderIndex
    let uid: Int?
    let design: [(index: Int, area: String)]

    init(header: HeaderIndex) {
        self.header = header
        uid = header.index(ofAny: ColumnAliases.productUID)
        design = FormatDetector.designColumns(header)
    }

    var isPresent: Bool { uid != nil && !design.isEmpty }

    var names: (uid: String, design: String) {
        (uid.map { header.names[$0] } ?? "Product UID", design.first.map { header.names[$0.index] } ?? "Design file URL")
    }

    /// The Product UIDs read so far: a store's variants name few catalog products.
    private var uidTexts = RepeatedTexts()

    mutating func productUID(_ reader: CSVReader) -> String? {
        guard let uid else { return nil }
        return uidTexts.text(reader, uid)
    }

    /// The row's design files (a loop that looks at empty cells before it makes a `String`, into an array sized
    /// once: `compactMap` cost 1,050 instructions a row).
    func designFiles(_ reader: CSVReader) -> [(file: DesignFile, column: String)] {
        var files: [(file: DesignFile, column: String)] = []
        for column in design where !reader.isEmpty(column.index) {
            let url = reader.trimmedString(column.index)
            guard !url.isEmpty else { continue }
            if files.isEmpty { files.reserveCapacity(design.count) }
            files.append((DesignFile(type: column.area, url: url), header.names[column.index]))
        }
        return files
    }
}

/// The strings of a column whose values repeat, made once per distinct value: a field with the bytes of one seen
/// before gets that `String` (the same bytes decode to the same string) instead of a new one.
///
/// The 8,215 variants of the 100,000-order bench's connect stage name 109 Product UIDs of 87 bytes: a `String`
/// made (~330 instructions) and freed (~340, with its variant's batch) per row.
struct RepeatedTexts: Sendable {
    /// The texts and their UTF-8, by number; slots hold number + 1 (0: empty).
    private var texts: [String] = []
    private var keys: [[UInt8]] = []
    private var slots = [Int32](repeating: 0, count: 256)
    /// Past this many distinct values the column is not one of few values: new ones are no longer kept.
    private static let maxCount = 4096

    /// `reader.trimmedString(index)`, the string of an earlier row when the bytes are the same.
    mutating func text(_ reader: CSVReader, _ index: Int) -> String {
        guard let bytes = reader.plainTrimmedBytes(index), !bytes.isEmpty else { return reader.trimmedString(index) }
        let hash = ByteHash.hash(UnsafeRawBufferPointer(bytes))
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = Int(slots[slot])
            if found == 0 { break }
            let same = keys[found - 1].withUnsafeBufferPointer { key in
                guard key.count == bytes.count, let stored = key.baseAddress, let read = bytes.baseAddress else { return false }
                return memcmp(stored, read, key.count) == 0
            }
            if same { return texts[found - 1] }
            slot = (slot + 1) & mask
        }
        let text = reader.trimmedString(index)
        guard texts.count < Self.maxCount else { return text }
        if (texts.count + 1) * 2 > slots.count {
            grow()
            slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        }
        texts.append(text)
        keys.append(Array(bytes))
        slots[slot] = Int32(texts.count)
        return text
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, key) in keys.enumerated() {
            var slot = key.withUnsafeBytes { Int(truncatingIfNeeded: ByteHash.hash($0)) } & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number + 1)
        }
    }
}
