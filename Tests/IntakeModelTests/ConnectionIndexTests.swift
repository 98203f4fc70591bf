import IntakeModel
import Testing

/// The index order lines are joined against: by SKU, or by line-item name when the SKU is empty; the first
/// connection with a key keeps it, as in the file.
@Suite struct ConnectionIndexTests {
    static func connection(_ sku: String, _ name: String, _ uid: String) -> Connection {
        Connection(sku: sku, lineItemName: name, productUID: ProductUID(uid), files: [], position: SourcePosition(file: "c.csv", line: 2, record: 1))
    }

    @Test func theFirstConnectionWithAKeyKeepsIt() {
        var index = ConnectionIndex()
        index.reserveCapacity(5)
        index.insert(Self.connection("A", "Tee - M", "u1"))
        index.insert(Self.connection("A", "Tee - L", "u2"))  // SKU taken, name new: reachable by name
        index.insert(Self.connection("B", "Tee - M", "u3"))  // name taken, SKU new: reachable by SKU
        index.insert(Self.connection("A", "Tee - M", "u4"))  // both taken: not reachable
        index.insert(Self.connection("", "Mug", "u5"))
        #expect(index.count == 5)
        #expect(index.reachable.map(\.productUID.rawValue) == ["u1", "u2", "u3", "u5"])
        #expect(index.connection(sku: "A", name: "")?.productUID.rawValue == "u1")
        #expect(index.connection(sku: "", name: "Tee - L")?.productUID.rawValue == "u2")
        #expect(index.connection(sku: "B", name: "whatever")?.productUID.rawValue == "u3")
        #expect(index.connection(sku: "", name: "Tee - M")?.productUID.rawValue == "u1")
        #expect(index.connection(sku: "", name: "Mug")?.productUID.rawValue == "u5")
        #expect(index.connection(sku: "C", name: "Mug") == nil)
        var keys: [String] = []
        for bySKU in [true, false] {
            index.forEachKey(bySKU: bySKU) { key, position in keys.append("\(bySKU ? "sku" : "name"):\(key)=\(position)") }
        }
        #expect(keys.sorted() == ["name:Mug=3", "name:Tee - L=1", "name:Tee - M=0", "sku:A=0", "sku:B=2"])
    }
}
