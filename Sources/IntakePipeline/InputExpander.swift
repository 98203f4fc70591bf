import Foundation
import IntakeModel

/// Turns the `FILE` arguments of a command into input paths: `-` (stdin), plain files and archives as given,
/// directories into the readable files inside them (recursively, sorted by path), globs into their matches
/// (sorted). What matches nothing becomes an `unreadable_file` issue.
public enum InputExpander {
    /// The file name endings read from a directory: CSV-like files and the archives that may hold them.
    public static let readableSuffixes = [".csv", ".tsv", ".txt", ".zip", ".tar", ".tgz", ".gz", ".zst", ".bz2", ".xz"]

    /// Expands `arguments`.
    /// - Returns: the paths to read, in order, and issues for arguments that name nothing.
    public static func expand(_ arguments: [String]) -> (paths: [String], issues: [Issue]) {
        var paths: [String] = []
        var issues: [Issue] = []
        let fileManager = FileManager.default
        for argument in arguments {
            if argument == "-" {
                paths.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let found = files(in: argument)
                    if found.isEmpty {
                        issues.append(
                            Issue(.unreadableFile, at: SourcePosition(file: argument, line: 0, record: 0),
                                  message: "the folder holds no CSV, TSV, TXT or archive files", hint: "check the folder"))
                    }
                    paths.append(contentsOf: found)
                } else {
                    paths.append(argument)
                }
            } else if argument.contains(where: { "*?[".contains($0) }) {
                let matches = glob(argument)
                if matches.isEmpty {
                    issues.append(
                        Issue(.unreadableFile, at: SourcePosition(file: argument, line: 0, record: 0),
                              message: "no file matches the pattern \(argument)", hint: "check the pattern and the folder"))
                }
                paths.append(contentsOf: matches)
            } else {
                paths.append(argument)  // reported as unreadable_file when it is opened
            }
        }
        return (paths, issues)
    }

    /// Readable files under `directory`, recursively, sorted by path; hidden files are skipped.
    static func files(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let lower = name.lowercased()
            guard readableSuffixes.contains(where: { lower.hasSuffix($0) }) else { continue }
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }

    /// The matches of a shell glob pattern, sorted.
    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        var result: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            if let path = matches.gl_pathv[index] { result.append(String(cString: path)) }
        }
        return result.sorted()
    }
}
