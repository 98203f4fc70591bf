import Foundation
import GRDB
import IntakeModel
@testable import IntakeStore
import IntakeTestSupport
import Testing

/// Connections stored in packed batches (`connection_batches`): they read back exactly, they keep what the
/// one-row-per-connection table with `INSERT OR REPLACE` kept, in its order, and an unchanged connect writes nothing.
@Suite struct ConnectionStoreTests {
    static let tricky = "q\"uote\\back/slash\n\r\t\u{8}\u{c}\u{1}\u{1f} é 😀 \u{7f}\u{0}"

    static func connection(_ sku: String, _ name: String, uid: String = "u1", files: [DesignFile] = [], file: String = "c.csv",
                           line: Int = 2) -> Connection {
        Connection(sku: sku, lineItemName: name, productUID: ProductUID(uid), files: files, position: SourcePosition(file: file, line: line, record: 0))
    }

    @Test func packedChunksReadBackExactly() throws {
        var connections: [Connection] = []
        for index in 0..<300 {
            let files = (0..<(index % 4)).map { DesignFile(type: $0 == 0 ? "default" : Self.tricky, url: "https://x.example.com/\(index)/\($0).pdf") }
            connections.append(Self.connection(index % 7 == 0 ? "" : "SKU-\(index)", index % 5 == 0 ? "" : "Tee \(Self.tricky) - \(index)",
                                               uid: "uid_\(index % 13)", files: files, file: ["a.csv", "b/c.csv", Self.tricky][index % 3],
                                               line: index * 1_000_003))
        }
        var chunks: [(Int, [UInt8])] = []
        ConnectionPacking.forEachChunk(of: connections, maxCount: 50, maxBytes: 2_000) { chunks.append(($0, $1)) }
        #expect(chunks.count > 6)
        #expect(chunks.allSatisfy { $0.0 <= 50 })
        var read: [Connection] = []
        for (count, bytes) in chunks {
            let unpacked = try bytes.withUnsafeBytes { raw in
                try Result { () throws(ConnectionPacking.FormatError) in try ConnectionPacking.unpack(raw, into: &read) }.get()
            }
            #expect(unpacked == count)
        }
        #expect(read == connections)
    }

    /// Texts kept once per chunk are told apart by their bytes: canonically equivalent spellings (one string to
    /// Swift) read back as they were written.
    @Test func sharedTextsKeepTheirBytes() throws {
        let connections = [
            Self.connection("A", "Tee", uid: "caf\u{E9}", file: "caf\u{E9}.csv"), Self.connection("B", "Tee", uid: "cafe\u{301}", file: "cafe\u{301}.csv"),
            Self.connection("C", "Tee", uid: "caf\u{E9}", file: "cafe\u{301}.csv"),
        ]
        var read: [Connection] = []
        _ = try ConnectionPacking.pack(connections[...]).withUnsafeBytes { raw in
            try Result { () throws(ConnectionPacking.FormatError) in try ConnectionPacking.unpack(raw, into: &read) }.get()
        }
        #expect(read.map { Array($0.productUID.rawValue.utf8) } == connections.map { Array($0.productUID.rawValue.utf8) })
        #expect(read.map { Array($0.position.file.utf8) } == connections.map { Array($0.position.file.utf8) })
    }

    @Test(arguments: [[], [2], [1, 5, 3, 0x80], [1, 0, 1, 0x61, 0x62], [1, 1, 0, 0, 0, 0, 5, 0, 0]] as [[UInt8]])
    func malformedChunksAreErrorsNotCrashes(bytes: [UInt8]) {
        var read: [Connection] = []
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(ConnectionPacking.FormatError) in try ConnectionPacking.unpack(raw, into: &read) }
        }
        #expect(throws: ConnectionPacking.FormatError.self) { try result.get() }
    }

    @Test func aDamagedBatchIsReportedAsDamaged() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        try SQLiteStore(path: path).upsertConnections(store: "s", [Self.connection("A", "Tee")])
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE connection_batches SET count = 2 WHERE store = 's'") }
        let miscounted = #expect(throws: StoreError.self) { try SQLiteStore(path: path).connectionList(store: "s") }
        #expect(miscounted?.message.contains("damaged") == true)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE connection_batches SET data = x'0100050141', count = 1 WHERE store = 's'") }
        let garbled = #expect(throws: StoreError.self) { try SQLiteStore(path: path).connections(store: "s") }
        #expect(garbled?.message.contains("damaged") == true)
        // A damaged batch is not overwritten by the next connect either: nothing is lost silently.
        #expect(throws: StoreError.self) { try SQLiteStore(path: path).upsertConnections(store: "s", [Self.connection("B", "Bag")]) }
    }

    /// Random upserts against the table they replace (the v1 schema, `INSERT OR REPLACE` row by row): the same
    /// connections come back, in the same order.
    @Test func upsertsKeepWhatInsertOrReplaceKept() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        print("ConnectionStoreTests.upsertsKeepWhatInsertOrReplaceKept seed: \(seed)")
        var random = SplitMix64(seed: seed)
        let store = try SQLiteStore()
        let reference = try DatabaseQueue()
        try reference.write { db in
            try db.execute(sql: """
                CREATE TABLE connections (
                    store TEXT NOT NULL, key TEXT NOT NULL, sku TEXT NOT NULL, line_item_name TEXT NOT NULL,
                    product_uid TEXT NOT NULL, source_line INTEGER NOT NULL, PRIMARY KEY (store, key))
                """)
        }
        // Precomposed and decomposed "é" are one string to Swift and two keys to SQLite.
        let skus = ["", "", "A", "B", "C", "caf\u{E9}", "cafe\u{301}", "1.23E+11"]
        let names = ["", "Tee - M", "Tee - L", "Mug", "Caf\u{E9}", "Cafe\u{301}"]
        for round in 0..<40 {
            var batch: [Connection] = []
            for _ in 0..<random.int(in: 1...12) {
                let sku = skus[random.below(skus.count)]
                let name = names[random.below(names.count)]
                if sku.isEmpty && name.isEmpty { continue }
                batch.append(Self.connection(sku, name, uid: "u\(round)-\(batch.count)", line: round))
            }
            guard !batch.isEmpty else { continue }
            try store.upsertConnections(store: "s", batch)
            try reference.write { db in
                for connection in batch {
                    let key = connection.sku.isEmpty ? "name:" + connection.lineItemName : "sku:" + connection.sku
                    try db.execute(sql: "INSERT OR REPLACE INTO connections VALUES ('s', ?, ?, ?, ?, ?)",
                                   arguments: [key, connection.sku, connection.lineItemName, connection.productUID.rawValue, connection.position.line])
                }
            }
            let expected = try reference.read { db in
                try Row.fetchAll(db, sql: "SELECT sku, line_item_name, product_uid, source_line FROM connections WHERE store = 's' ORDER BY rowid").map {
                    Self.connection($0[0], $0[1], uid: $0[2], line: $0[3])
                }
            }
            let stored = try store.connectionList(store: "s")
            #expect(stored == expected, "round \(round), seed \(seed)")
            guard stored == expected else { return }
        }
        #expect(try store.connectionList(store: "other").isEmpty)
    }

    @Test func anUnchangedConnectWritesNothing() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let store = try SQLiteStore(path: path)
        let connections = (0..<20).map { Self.connection("SKU-\($0)", "Tee - \($0)", line: $0 + 2) }
        try store.upsertConnections(store: "s", connections)
        // Another connection's view: `data_version` changes when someone else commits a change to the file.
        let observer = try DatabaseQueue(path: path)
        func version() throws -> Int { try observer.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
        let before = try version()
        try store.upsertConnections(store: "s", connections.map { connection in
            var connection = connection
            connection.position.record = 7  // not stored: still unchanged
            return connection
        })
        #expect(try version() == before)
        try store.upsertConnections(store: "s", [Self.connection("SKU-3", "Tee - 3", uid: "u2", line: 5)])
        #expect(try version() != before)
        #expect(try store.connectionList(store: "s").last == Self.connection("SKU-3", "Tee - 3", uid: "u2", line: 5))
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("intake-connections-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
