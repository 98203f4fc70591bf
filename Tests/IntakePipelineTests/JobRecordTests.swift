import CIntakeSystem
import Foundation
@testable import IntakePipeline
import IntakeValidation
import Testing

/// The clean orders' job lines, written from their records through a raw cursor that copies fields 16 bytes at a
/// time: every field reads back as it went in, whatever its length and wherever a byte to escape sits, and a line
/// stays inside the room `maximumLength` promises.
struct JobRecordTests {
    /// Characters of every kind the copy tells apart: plain ASCII, each byte JSON escapes, and multi-byte UTF-8
    /// (bytes >= 0x80, which a signed compare would take for control characters).
    static let alphabet: [String] = ["a", "Z", " ", "7", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", "ë", "日", "🚚"]

    @Test func fieldsReadBackAsTheyWentInAtEveryLength() throws {
        var random = SystemRandomNumberGenerator()
        let renderer = JobRecord(store: "shop \"one\"", customerReference: "C-1", file: "/in/orders.csv")
        for round in 0..<400 {
            // Lengths 0 to 40 characters, mostly plain (so that long plain runs end in a byte to escape, too).
            let fields: [String] = (0..<12).map { _ in
                let length = Int.random(in: 0...40, using: &random)
                return String((0..<length).map { _ in
                    Bool.random(using: &random) ? "x" : (Self.alphabet.randomElement(using: &random) ?? "x")
                }.joined())
            }
            let reference = round % 3 == 0 ? "#10\"0\(round)" : "#\(1000 + round)"
            let line = try render(reference: reference, fields: fields, quantity: round + 1, renderer: renderer)
            let job = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(job["orderReferenceId"] as? String == reference)
            #expect(job["currency"] as? String == fields[0])
            let address = try #require(job["shippingAddress"] as? [String: String])
            let keys = ["firstName", "lastName", "companyName", "addressLine1", "addressLine2", "city", "postCode", "state",
                        "country", "email", "phone"]
            for (key, value) in zip(keys, fields.dropFirst()) {
                #expect(address[key] == value, "\(key) of round \(round)")
            }
            let items = try #require(job["items"] as? [[String: Any]])
            #expect(items.first?["itemReferenceId"] as? String == "\(reference)-1")
            #expect(items.first?["quantity"] as? Int == round + 1)
            let metadata = try #require(job["metadata"] as? [[String: String]])
            #expect(metadata.first?["value"] == "shop \"one\"")
            #expect(metadata.last?["value"] == "orders.csv:2-3")
            #expect(line.hasSuffix("}]}\n"))
        }
    }

    /// The copy says "plain" exactly when no byte is a control character, `"` or `\` (bytes >= 0x80 are plain),
    /// at every length and position, and copies the bytes either way; what lies past `count` is never looked at.
    @Test func theCopyFindsEveryByteToEscapeAndOnlyThose() {
        var random = SystemRandomNumberGenerator()
        let special: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C]
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x41, 0x5B, 0x5D, 0x7E, 0x7F, 0x80, 0xA0, 0xC3, 0xFF]
        for length in 0..<50 {
            for _ in 0..<40 {
                var bytes = (0..<length).map { _ in plain.randomElement(using: &random) ?? 0x41 }
                if length > 0 && Bool.random(using: &random) {
                    bytes[Int.random(in: 0..<length, using: &random)] = special.randomElement(using: &random) ?? 0
                }
                let expected = !bytes.contains { (byte: UInt8) -> Bool in byte < 0x20 || byte == 0x22 || byte == 0x5C }
                // Special bytes right after the value, inside the 15 the copy may read: they must not count.
                let source = bytes + [UInt8](repeating: 0x22, count: 16)
                var target = [UInt8](repeating: 0, count: length + 16)
                let result = source.withUnsafeBufferPointer { from in
                    target.withUnsafeMutableBufferPointer { to in
                        intake_json_copy_plain(to.baseAddress, from.baseAddress, length)
                    }
                }
                #expect((result == 1) == expected, "\(bytes)")
                if expected { #expect(Array(target.prefix(length)) == bytes) }
            }
        }
    }

    /// The short comparison says "equal" exactly when the first `count` bytes are, at every length and wherever
    /// the first difference is; bytes past `count` (which it loads) never count.
    @Test func theShortComparisonLooksAtTheFirstCountBytesOnly() {
        for count in 0...40 {
            let a = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) } + [UInt8](repeating: 0xAA, count: 16)
            let same = Array(a.prefix(count)) + [UInt8](repeating: 0x55, count: 16)
            #expect(a.withUnsafeBufferPointer { a in same.withUnsafeBufferPointer { intake_equal_short(a.baseAddress, $0.baseAddress, count) } } == 1)
            for position in 0..<count {
                var other = same
                other[position] ^= 0x01
                #expect(a.withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { intake_equal_short(a.baseAddress, $0.baseAddress, count) } } == 0,
                        "count \(count), difference at \(position)")
            }
        }
    }

    /// Writes the job line of an order with these fields (currency first) twice, into a growing buffer and into
    /// memory of exactly `maximumLength` bytes, and checks that both are the same line, with room to spare for the
    /// copy's 15 bytes of overrun.
    private func render(reference: String, fields: [String], quantity: Int, renderer: JobRecord) throws -> String {
        let joined = fields.joined()
        var records = ByteBuffer(capacity: 64)
        defer { records.free() }
        let payload = Array(",\"productUid\":\"uid-1\",\"quantity\":".utf8)
        // The fields as a reader's buffer holds them: with `CSVReader.readSlack` bytes after the last.
        (Array(joined.utf8) + [UInt8](repeating: 0x22, count: 16)).withUnsafeBufferPointer { all in
            var offset = 0
            let slices = fields.map { field -> UnsafeBufferPointer<UInt8> in
                let slice = UnsafeBufferPointer(rebasing: all[offset..<offset + field.utf8.count])
                offset += field.utf8.count
                return slice
            }
            var address = CleanOrderRules.Address()
            (address.firstName, address.lastName, address.company, address.address1, address.address2, address.city) =
                (slices[1], slices[2], slices[3], slices[4], slices[5], slices[6])
            (address.postCode, address.state, address.country, address.email, address.phone) =
                (slices[7], slices[8], slices[9], slices[10], slices[11])
            JobRecord.record(currency: slices[0], express: false, address, to: &records)
        }
        payload.withUnsafeBytes { JobRecord.item(payload: $0, quantity: quantity, record: 0, to: &records) }
        var grown = ByteBuffer(capacity: 64)
        defer { grown.free() }
        let referenceBytes = Array(reference.utf8)
        return try referenceBytes.withUnsafeBytes { reference in
            renderer.render(reference: reference, record: records.bytes, firstLine: 2, lastLine: 3, to: &grown)
            let bound = renderer.maximumLength(reference: reference, record: records.bytes)
            let exact = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
            defer { exact.deallocate() }
            let end = renderer.write(reference: reference, record: records.bytes, firstLine: 2, lastLine: 3, at: exact)
            #expect(end - exact + 16 <= bound)
            #expect(Array(UnsafeBufferPointer(start: exact, count: end - exact)) == Array(grown.bytes))
            return try #require(String(validating: grown.bytes, as: UTF8.self))
        }
    }
}
