// A libFuzzer target for detection and validation of one file (`make fuzz`), and a replay tool for its findings
// (plain builds).
//
// Each input is written to a file and validated as `intake validate FILE --catalog … --connections …` would do
// it (kind detected from the header, rows checked and joined, rejects written): nothing may crash, hang or leak,
// and a summary must come back.
import Foundation
import FuzzSupport
import IntakePipeline
import Logging

/// The catalog and connections the inputs are checked against (`FUZZ_FIXTURES`, else `Fixtures` under the
/// current directory, where `make fuzz` runs).
private let fixtures = ProcessInfo.processInfo.environment["FUZZ_FIXTURES"] ?? "Fixtures"
private let scratch = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/intake-fuzz-validate-\(getpid())"
/// The pipeline logs each file it reads (swift-log's default: standard error, from `info`); not once per input here.
private let logsOff: Void = LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = logsOff
    let input = scratch + ".csv"
    guard FileManager.default.createFile(atPath: input, contents: Data(bytes: data, count: size)) else {
        fatalError("cannot write \(input)")
    }
    defer { try? FileManager.default.removeItem(atPath: input) }
    let request = ValidateRequest(inputs: [input], catalogPath: fixtures + "/catalog.csv",
                                  connectionPaths: [fixtures + "/shopify/products_connected.csv"], rejectsPath: scratch + "-rejects.csv")
    do {
        _ = try Validation.run(request)
    } catch {
        // Usage errors (an unreadable catalog) are the harness's fault, not the input's.
        fatalError("validate threw: \(error)")
    }
    return 0
}

@main
struct Fuzz {
    /// `fuzz-validate FILE...`: runs each file through the target (built for fuzzing: libFuzzer).
    static func main() { FuzzReplay.run(fuzzValidate) }
}
