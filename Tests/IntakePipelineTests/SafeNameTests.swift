import Foundation
@testable import IntakePipeline
import Testing

/// File names made from order references and store IDs (`jobs: files`, fix files) stay inside their folder
/// (issue 6): no separator, no leading dot, nothing empty, bounded length, and two references never share a name
/// unless their bytes are the same.
struct SafeNameTests {
    static let hostile = [
        "../../etc/passwd", "/etc/passwd", "..", ".", "", "a/b", "a\\b", ".hidden", "#1001/../../x", "\u{0}", "\n",
        String(repeating: "../", count: 500), "%2F..%2F", "C:\\Windows", "CON", "order 1001", "Zoë", "#1001",
    ]

    @Test(arguments: hostile)
    func aNameStaysInItsFolder(_ reference: String) {
        let name = SafeName.make(reference)
        #expect(!name.isEmpty)
        #expect(!name.contains("/"))
        #expect(!name.hasPrefix("."))
        #expect(name.utf8.count <= 200)
        let folder = URL(fileURLWithPath: "/out/run/jobs/shop")
        #expect(folder.appendingPathComponent(name + ".json").standardized.deletingLastPathComponent().path == folder.path)
    }

    @Test func differentReferencesGetDifferentNames() {
        let names = Self.hostile.filter { $0.utf8.count < 100 }.map(SafeName.make)
        #expect(Set(names).count == names.count)
        // `%` is escaped too, so an escape cannot be forged.
        #expect(SafeName.make("%2F") != SafeName.make("/"))
    }
}
