/// A pipe-encoded cell of a WooCommerce order-export plugin: `key:value|key:value|…`, as in WebToffee's
/// `line_item_N` (`name:Hoodie - Red, No|product_id:45|sku:woo-hoodie-red|quantity:2|total:90.00|meta:…`),
/// SkyVerge's `line_items` and both plugins' `shipping_items`.
///
/// Read leniently, because the plugins escape inconsistently: `\|`, `\:`, `\;` and `\\` are literal; a key is
/// lowercase letters, digits and `_` (`sub_total`, `product_id`); the first `:` of a pair ends its key, so a
/// value may hold more (`meta:_reduced_stock:1`); and a `|`-separated piece that does not start with such a key
/// (`name:Poster | A3|sku:…`, `name:Tote Bag - Blue|Natural`) belongs to the value before it.
struct WooCommerceItemCell: Sendable {
    /// The pairs in cell order; a key may repeat (`meta`).
    private(set) var pairs: [(key: String, value: String)] = []
    /// Text before the first key, which no pair could take (empty for a well-formed cell).
    private(set) var unparsed = ""

    /// Parses one item's cell.
    init(_ text: String) {
        for segment in Self.split(Array(text.unicodeScalars), at: "|", when: { _ in true }) {
            if let colon = Self.unescapedIndex(of: ":", in: segment), colon > segment.startIndex, segment[..<colon].allSatisfy(Self.isKeyScalar) {
                var key = ""
                key.unicodeScalars.append(contentsOf: segment[..<colon])
                pairs.append((key, Self.unescape(segment[(colon + 1)...])))
            } else if !pairs.isEmpty {
                pairs[pairs.count - 1].value += "|" + Self.unescape(segment[...])
            } else {
                unparsed += (unparsed.isEmpty ? "" : "|") + Self.unescape(segment[...])
            }
        }
        pairs = pairs.map { ($0.key, $0.value.trimmingSpaces) }
        unparsed = unparsed.trimmingSpaces
    }

    /// Whether the cell holds at least one `key:value` pair.
    var isEmpty: Bool { pairs.isEmpty }

    /// The value of the first of `keys` the cell has (tried in order), or `nil`.
    func value(_ keys: String...) -> String? {
        for key in keys {
            if let pair = pairs.first(where: { $0.key == key }) { return pair.value }
        }
        return nil
    }

    /// The items of a cell that holds several, separated by `;` (SkyVerge's `line_items`:
    /// `id:1|name:Mug|quantity:1;id:2|name:Tee|quantity:2`). A `;` splits only when a `key:` follows it, so a `;`
    /// inside a name stays.
    static func items(_ cell: String) -> [String] {
        let scalars = Array(cell.unicodeScalars)
        return split(scalars, at: ";") { rest in
            let trimmed = rest.drop { $0 == " " }
            guard let colon = trimmed.firstIndex(of: ":"), colon > trimmed.startIndex else { return false }
            return trimmed[..<colon].allSatisfy(isKeyScalar)
        }.map { piece in
            var text = ""
            text.unicodeScalars.append(contentsOf: piece)
            return text.trimmingSpaces
        }.filter { !$0.isEmpty }
    }

    // MARK: - Scanning

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    /// Splits at each unescaped `separator` for which `accept` (given the text after it) says yes; escapes stay.
    private static func split(
        _ scalars: [Unicode.Scalar], at separator: Unicode.Scalar, when accept: (ArraySlice<Unicode.Scalar>) -> Bool
    ) -> [ArraySlice<Unicode.Scalar>] {
        var pieces: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count {
                index += 2
                continue
            }
            if scalars[index] == separator, accept(scalars[(index + 1)...]) {
                pieces.append(scalars[start..<index])
                start = index + 1
            }
            index += 1
        }
        pieces.append(scalars[start..<scalars.count])
        return pieces
    }

    private static func unescapedIndex(of target: Unicode.Scalar, in scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "\\", index + 1 < scalars.endIndex {
                index += 2
                continue
            }
            if scalars[index] == target { return index }
            index += 1
        }
        return nil
    }

    /// `\|`, `\:`, `\;`, `\,` and `\\` as the character; any other backslash stays.
    private static func unescape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.endIndex, "|:;,\\".unicodeScalars.contains(scalars[index + 1]) {
                text.unicodeScalars.append(scalars[index + 1])
                index += 2
                continue
            }
            text.unicodeScalars.append(scalar)
            index += 1
        }
        return text
    }
}
