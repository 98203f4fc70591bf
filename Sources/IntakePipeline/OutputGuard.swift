import Foundation

/// Refuses outputs that would overwrite an input: `intake validate orders.csv --rejects orders.csv` truncated the
/// export before reading it (found while proving issue 6's "never overwrites an input").
enum OutputGuard {
    /// - Throws: `UsageError` (exit 2, nothing read or written) when `output` is the same file as one of `inputs`
    ///   (the same device and inode: other spellings, hard links and symbolic links included).
    static func refuseToOverwrite(_ output: String?, inputs: [String], what: String = "rejects") throws {
        guard let output, output != "-", let target = identity(output) else { return }
        for input in inputs where input != "-" {
            if identity(input) == target {
                throw UsageError("\(output) is an input of this command (\(input)); refusing to overwrite it: write the \(what) elsewhere")
            }
        }
    }

    /// The device and inode of an existing file (following links), or nil.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
