import Foundation
import IntakeCSV
import IntakeFormats
import IntakeModel
import IntakeStore

/// The commands that read or change the state directly (no input rows): customers, stores, products export,
/// runs, the order template. Pipelines and imports go through `PipelineRunner`.
public enum StateCommands {
    /// Opens the state at `path`.
    /// - Throws: `UsageError` when it cannot be opened.
    public static func open(_ path: String) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: path)
        } catch let error as StoreError {
            throw UsageError(error.message)
        }
    }

    /// Runs a state operation, turning `StoreError` into a usage error (exit 2).
    public static func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw UsageError(error.message)
        }
    }

    /// Writes a store's synced products as a connection file to fill in: the export's own columns plus
    /// `Product UID` and `Design file URL`, filled where the variant is already connected.
    /// - Throws: `UsageError` when the store has no synced products.
    public static func exportProducts(store id: String, state: any StateStore, to path: String) throws -> Int {
        guard try state.store(id: id) != nil else { throw UsageError("no store \(id) (intake stores list)") }
        guard let products = try state.storeProducts(store: id) else {
            throw UsageError("the store \(id) has no products yet; sync its product export first (intake products sync --store \(id) FILE)")
        }
        let connections = try state.connections(store: id)
        var header = products.header
        let index = HeaderIndex(header)
        let uidColumn = index.index(ofAny: ColumnAliases.productUID) ?? { header.append("Product UID"); return header.count - 1 }()
        let designColumn = index.index(ofAny: ColumnAliases.designURL) ?? { header.append("Design file URL"); return header.count - 1 }()
        var writer = CSVWriter(sink: try FileByteSink(path: path), spreadsheetSafe: true)
        try writer.writeRow(header)
        var connected = 0
        for row in products.rows {
            var cells = row.cells + Array(repeating: "", count: max(0, header.count - row.cells.count))
            if !(row.sku.isEmpty && row.lineItemName.isEmpty), let connection = connections.connection(sku: row.sku, name: row.lineItemName) {
                cells[uidColumn] = connection.productUID.rawValue
                cells[designColumn] = connection.files.first { $0.type == "default" }?.url ?? connection.files.first?.url ?? ""
                connected += 1
            }
            try writer.writeRow(cells)
        }
        try writer.sink.synchronize()
        return connected
    }

    /// The manual order CSV header (contract §4), with `Template` (a line names a SKU, a Product UID with its
    /// Design file URL, or a template of `intake templates`).
    public static let manualOrderHeader = [
        "Order Reference", "Customer Reference ID", "Currency", "SKU", "Product UID", "Template", "Quantity", "Design file URL",
        "First Name", "Last Name", "Company", "Address Line 1", "Address Line 2", "City", "Post Code", "State", "Country",
        "Email", "Phone", "Shipping Method",
    ]

    /// Writes the manual order template: the header and one example row.
    public static func writeOrderTemplate(to path: String) throws {
        var writer = CSVWriter(sink: try FileByteSink(path: path), spreadsheetSafe: true)
        try writer.writeRow(manualOrderHeader)
        try writer.writeRow([
            "PO-2026-0001", "ACME-001", "EUR", "", "flat_product_pf_a3_pt_200-gsm-80lb-uncoated_cl_4-0_ver", "", "2",
            "https://files.example.com/designs/poster-a3.pdf", "Anna", "Müller", "Acme Prints GmbH", "Hauptstraße 1", "",
            "München", "80331", "BY", "DE", "anna.mueller@example.com", "+49 89 1234567", "normal",
        ])
        try writer.sink.synchronize()
    }
}
