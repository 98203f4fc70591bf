import Foundation

/// Paths of the package's own folders, for tests that read fixtures or run the built binary.
public enum TestPaths {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `Fixtures/` of the package.
    public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }

    /// A file under `Fixtures/`.
    public static func fixture(_ relativePath: String) -> String {
        fixtures.appendingPathComponent(relativePath).path
    }

    /// `../shared/realworld/`: real exports written by the platforms.
    public static var realworld: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realworld")
    }
}
