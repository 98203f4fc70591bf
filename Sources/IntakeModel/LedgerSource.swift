/// The references a run records in the ledger, handed over in pieces so that they need not all be in memory at
/// once (a run spools them to a scratch file; tests give `[LedgerBatch]`).
public protocol LedgerSource {
    /// Calls `body` with consecutive pieces of the references, in the order they were accepted: each piece's
    /// store, its reference count and its packed bytes (as `LedgerBatch.packed`: each reference's length as
    /// unsigned LEB128, then its bytes). A piece holds one store's references, at most `maxCount` of them and at
    /// most `maxBytes` bytes unless a single reference is longer. The bytes are valid only during the call.
    /// - Throws: what reading the references or `body` throws.
    func forEachPiece(maxCount: Int, maxBytes: Int, _ body: (_ store: String, _ count: Int, _ packed: UnsafeRawBufferPointer) throws -> Void) throws
}

extension Array: LedgerSource where Element == LedgerBatch {
    /// The batches in order, each split as `LedgerBatch.forEachChunk` splits it.
    public func forEachPiece(maxCount: Int, maxBytes: Int, _ body: (_ store: String, _ count: Int, _ packed: UnsafeRawBufferPointer) throws -> Void) throws {
        for batch in self where !batch.isEmpty {
            try batch.forEachChunk(maxCount: maxCount, maxBytes: maxBytes) { count, packed in try body(batch.store, count, packed) }
        }
    }
}
