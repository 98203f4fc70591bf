/// One CSV input handed to the pipeline: a plain file, or one entry of an archive.
public struct InputEntry: Sendable, Equatable {
    /// Where to point the operator: `Fixtures/x.csv` or `Fixtures/drops.zip:orders_2.csv`.
    public var displayPath: String
    /// The input path as given (`-` for standard input).
    public var inputPath: String
    /// The path inside the archive; `nil` for a plain file.
    public var entryPath: String?
    /// What the input turned out to be, by content.
    public var container: ContainerFormat

    /// Creates an entry description.
    /// - Parameters:
    ///   - displayPath: where to point the operator.
    ///   - inputPath: the input path as given.
    ///   - entryPath: the path inside the archive, or `nil` for a plain file.
    ///   - container: what the input is.
    public init(displayPath: String, inputPath: String, entryPath: String?, container: ContainerFormat) {
        self.displayPath = displayPath
        self.inputPath = inputPath
        self.entryPath = entryPath
        self.container = container
    }
}
