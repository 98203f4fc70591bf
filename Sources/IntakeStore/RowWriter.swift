import GRDB
import GRDBSQLite

/// One prepared `INSERT` run once per row, with the row's values bound straight through SQLite's C API.
///
/// `setUncheckedArguments` builds a `StatementArguments` array of existentials and converts each value per row:
/// a tenth of a 10,000-connection import. Here a string is bound from its UTF-8 buffer (copied by SQLite) and
/// an integer as is. GRDB still steps the statement, so its error handling and transaction observation apply.
struct RowWriter {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// SQLite copies the bytes before `bind` returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Prepares `sql` in `db`.
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        // Marks the arguments as bound and valid, so `execute()` only resets and steps.
        statement.setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null, count: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))))
    }

    /// Writes one row: `bind` binds its values (1-based), then the statement runs.
    func insert(_ bind: (Binder) throws -> Void) throws {
        sqlite3_reset(handle)
        let binder = Binder(handle: handle)
        try bind(binder)
        try statement.execute()
    }

    /// Binds the values of one row.
    struct Binder {
        fileprivate let handle: OpaquePointer

        /// Binds a text value at a 1-based index.
        func bind(_ index: Int32, _ text: String) throws {
            var text = text
            let code = text.withUTF8 { utf8 in
                // An empty buffer may have no address; SQLite needs one to bind text rather than NULL.
                guard let base = utf8.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, RowWriter.transient) }
                return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                    sqlite3_bind_text(handle, index, chars, Int32(utf8.count), RowWriter.transient)
                }
            }
            try check(code)
        }

        /// Binds an integer value at a 1-based index.
        func bind(_ index: Int32, _ value: Int) throws {
            try check(sqlite3_bind_int64(handle, index, Int64(value)))
        }

        private func check(_ code: Int32) throws {
            guard code == SQLITE_OK else {
                throw StoreError(.unavailable, "a value could not be bound: \(String(cString: sqlite3_errstr(code)))")
            }
        }
    }
}
