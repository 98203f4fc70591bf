import IntakeCSV
import IntakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One order row as a platform adapter read it: the order-level fields (meaningful on an order's first row) and
/// the line item.
public struct OrderRow: Sendable {
    /// The order reference.
    public var reference: String
    /// The customer reference ID, when the file has one.
    public var customerReference: String
    /// The currency.
    public var currency: String
    /// The shipping method as written.
    public var shippingMethod: String
    /// The shipping address with e-mail and phone.
    public var address: Address
    /// The line item.
    public var line: OrderLine

    /// Creates a row.
    public init(reference: String, customerReference: String = "", currency: String = "", shippingMethod: String = "", address: Address, line: OrderLine) {
        self.reference = reference
        self.customerReference = customerReference
        self.currency = currency
        self.shippingMethod = shippingMethod
        self.address = address
        self.line = line
    }

    /// Moves the line out, leaving an empty one (no references): `row.line` of a row about to end is a copy of
    /// the line (a retain of each of its references) and then a release of each with the row.
    mutating func takeLine() -> OrderLine {
        // Moved out of its memory and replaced at once (`swap` with the empty line still made a copy of one).
        withUnsafeMutablePointer(to: &line) { pointer in
            let taken = pointer.move()
            pointer.initialize(
                to: OrderLine(position: SourcePosition(file: "", line: 0, record: 0), quantityText: "", sku: "", name: "", encodedCells: nil))
            return taken
        }
    }
}

/// Groups consecutive rows that share an order reference into orders, as every platform exports them; the
/// order-level fields come from an order's first row. Holds one order at a time.
public struct OrderAssembler: Sendable {
    private var current: Order?
    private let columns: OrderColumns
    private let linesPerOrder: Int

    /// Creates an assembler for a file whose columns are `columns`.
    /// - Parameter linesPerOrder: the lines an order's array makes room for when it starts (a caller that knows
    ///   how many rows come spares the array's growing).
    public init(columns: OrderColumns, linesPerOrder: Int = 1) {
        self.columns = columns
        self.linesPerOrder = max(linesPerOrder, 1)
    }

    /// Adds a row; returns the previous order when this row starts a new one.
    ///
    /// References are compared by their UTF-8 bytes, as the ledger and the duplicate checks compare them (and the
    /// orders fast lane groups rows): `#1001é` written precomposed and decomposed are two references, where
    /// `String`'s `==` (canonical equivalence) would join them into one order.
    public mutating func add(_ row: consuming OrderRow) -> Order? {
        if !row.reference.isEmpty, let reference = current?.reference, Self.sameBytes(reference, row.reference) {
            // In place: a copy of the order would copy its lines at every row.
            append(line: row.takeLine())
            return nil
        }
        let finished = current.take()
        var lines: [OrderLine] = []
        lines.reserveCapacity(linesPerOrder)
        let headerPosition = row.line.position
        lines.append(row.takeLine())
        // The row's fields moved into the order, not copied out of it (a retain of each string, and its release
        // with the row: ~600 instructions an order).
        var address = Address()
        swap(&address, &row.address)
        current = Order(
            reference: Self.take(&row.reference), customerReference: Self.take(&row.customerReference),
            currency: Self.take(&row.currency), shippingMethod: Self.take(&row.shippingMethod), address: consume address,
            headerPosition: headerPosition, columns: columns, lines: consume lines)
        return finished
    }

    /// Whether a row whose reference reads as `bytes` (UTF-8) continues the order in hand, as `add(_:)` decides:
    /// a reference that is not empty and the same bytes.
    public func continues(referenceUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, var reference = current?.reference else { return false }
        return reference.withUTF8 { Self.equal($0, bytes) }
    }

    /// Adds the line of a row that `continues(referenceUTF8:)` said continues the order in hand (its other
    /// fields are not read).
    public mutating func append(_ row: consuming OrderRow) {
        append(line: row.takeLine())
    }

    /// Adds a line continuing the order in hand (see `append(_:)`), given without a row: a row made around the
    /// line was built and destroyed for nothing (its twenty empty fields), ~600 instructions a continuation row.
    public mutating func append(line: consuming OrderLine) {
        // Moved out, appended, moved back (optional chaining appended a copy of the line and destroyed the original).
        guard var order = current.take() else { return }
        order.lines.append(line)
        current = consume order
    }

    /// Moves `text` out, leaving it empty.
    @inline(__always)
    private static func take(_ text: inout String) -> String {
        var taken = ""
        swap(&taken, &text)
        return taken
    }

    /// Whether two strings have the same UTF-8 bytes: on their storage, not through a generic walk of their views
    /// (`elementsEqual`, some 500 instructions a row).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in equal(x, y) } }
    }

    private static func equal(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard let a = x.baseAddress, let b = y.baseAddress else { return true }
        return memcmp(a, b, x.count) == 0
    }

    /// Whether no order is pending (nothing added since the last one was returned).
    public var isEmpty: Bool {
        // A pattern, not `== nil`, which copies the order to compare it.
        guard case .some = current else { return true }
        return false
    }

    /// Returns the last order, if one is pending.
    public mutating func finish() -> Order? {
        current.take()
    }
}

/// Adapts the records of one platform's order export to order rows; resolves its columns once per file.
public protocol OrderRowAdapter {
    /// The file's column names of the logical order fields, to locate issues.
    var columns: OrderColumns { get }
    /// Whether each line keeps its row's cells (for fix files).
    var keepCells: Bool { get set }
    /// The order rows of the reader's current record: one for most layouts, one per line item for layouts that
    /// put a whole order on one row (WooCommerce's `line_item_N` cells). Row-level format problems go to `issues`.
    mutating func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow]
}

extension OrderColumns {
    /// The column names of a header for the logical fields an adapter resolved (`nil` indexes are left empty).
    public init(header: HeaderIndex, _ pairs: [(OrderField, Int?)]) {
        self.init()
        for (field, index) in pairs {
            if let index { self[field] = header.names[index] }
        }
    }
}
