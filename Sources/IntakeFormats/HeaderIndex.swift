import IntakeCSV
import IntakeModel

/// A file's header: its column names as written, and a case- and space-insensitive lookup by name.
public struct HeaderIndex: Sendable {
    /// The column names as written (trimmed).
    public let names: [String]
    private let normalized: [String]
    private let positions: [String: Int]

    /// Creates an index over `names`.
    public init(_ names: [String]) {
        self.names = names.map { $0.trimmingSpaces }
        self.normalized = names.map(HeaderIndex.normalize)
        var positions: [String: Int] = [:]
        for (index, name) in normalized.enumerated() where !name.isEmpty && positions[name] == nil {
            positions[name] = index
        }
        self.positions = positions
    }

    /// Lowercased, with runs of whitespace as one space and no leading or trailing space: how names compare.
    public static func normalize(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{FEFF}" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return result
    }

    /// The number of columns.
    public var count: Int { names.count }

    /// Whether a column with this (normalised) name exists.
    public func contains(_ normalizedName: String) -> Bool { positions[normalizedName] != nil }

    /// The index of the first column named by any of `aliases` (tried in order).
    public func index(ofAny aliases: [String]) -> Int? {
        for alias in aliases {
            if let index = positions[alias] { return index }
        }
        return nil
    }

    /// The indexes of the columns whose normalised name satisfies `predicate`, in file order.
    public func indexes(where predicate: (String) -> Bool) -> [Int] {
        normalized.indices.filter { predicate(normalized[$0]) }
    }

    /// The normalised name of column `index`.
    public func normalizedName(_ index: Int) -> String { normalized[index] }

    /// Non-empty names that occur more than once: the name as written, with the 0-based indexes of its first and
    /// second occurrence.
    public var duplicates: [(name: String, first: Int, second: Int)] {
        var seen: [String: Int] = [:]
        var result: [(String, Int, Int)] = []
        for (index, name) in normalized.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                result.append((names[index], first, index))
            } else {
                seen[name] = index
            }
        }
        return result
    }
}
