// A libFuzzer target for the CSV reader (`make fuzz`), and a replay tool for its findings (plain builds).
//
// Each input is read three times, by the SIMD index, the portable index and the byte-at-a-time reference
// scanner: all three must read the same records (fields, problems, lines), and none may crash, hang or leak.
// A disagreement traps, which libFuzzer reports as a crash with the input that shows it.
import FuzzSupport
import IntakeCSV

/// Reads `bytes` with `kernel`; small limits and buffer make the limits' and refills' paths reachable by small inputs.
private func records(_ bytes: [UInt8], kernel: CSVScanKernel) -> [String] {
    let options = CSVOptions(maxRecordBytes: 4096, maxFields: 64, initialBufferBytes: 256, scanKernel: kernel)
    guard let reader = try? CSVReader(source: MemoryByteSource(bytes), options: options) else { return ["unreadable"] }
    var out: [String] = ["\(reader.dialect)"]
    while (try? reader.next()) == true {
        out.append("\(reader.recordLine) \(reader.recordNumber) \(String(describing: reader.problem)) \(reader.strings())")
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reference = records(bytes, kernel: .reference)
    for kernel in [CSVScanKernel.automatic, .portable] where records(bytes, kernel: kernel) != reference {
        fatalError("the \(kernel) kernel reads other records than the reference scanner")
    }
    return 0
}

@main
struct Fuzz {
    /// `fuzz-csv FILE...`: runs each file through the target (the findings kept under Tests/Fuzz/Corpus); built
    /// for fuzzing, libFuzzer with its options.
    static func main() { FuzzReplay.run(fuzzCSV) }
}
