// csv-bench: reads one CSV file with `CSVReader`, counting records and fields, and prints the throughput.
// Not a test: `Tests/Bench/csv.sh` builds it in release and runs it on the benchmark's orders export.
//
//     csv-bench FILE [RUNS] [--kernel automatic|portable|reference]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IntakeCSV

/// Writes `message` to standard error.
func complain(_ message: String) {
    var text = message
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
var options = CSVOptions()
if let flag = arguments.firstIndex(of: "--kernel"), flag + 1 < arguments.count {
    guard let kernel = CSVScanKernel(rawValue: arguments[flag + 1]) else {
        complain("csv-bench: unknown kernel \(arguments[flag + 1])\n")
        exit(2)
    }
    options.scanKernel = kernel
    arguments.removeSubrange(flag...(flag + 1))
}
guard let path = arguments.first else {
    complain("usage: csv-bench FILE [RUNS] [--kernel automatic|portable|reference]\n")
    exit(2)
}
let runs = arguments.count > 1 ? max(Int(arguments[1]) ?? 5, 1) : 5

var seconds: [Double] = []
// CPU time too: on a shared machine the wall clock also counts the time other processes had the core.
var cpuSeconds: [Double] = []
var records = 0, fields = 0, bytes = 0
do {
    for _ in 0..<runs {
        let started = now()
        let cpuStarted = now(CLOCK_PROCESS_CPUTIME_ID)
        let reader = try CSVReader(source: try FileByteSource(path: path), options: options)
        var recordCount = 0, fieldCount = 0
        while try reader.next() {
            recordCount += 1
            fieldCount += reader.fieldCount
        }
        seconds.append(now() - started)
        cpuSeconds.append(now(CLOCK_PROCESS_CPUTIME_ID) - cpuStarted)
        records = recordCount
        fields = fieldCount
    }
    var info = stat()
    if stat(path, &info) == 0 { bytes = Int(info.st_size) }
} catch {
    complain("csv-bench: \(error)\n")
    exit(1)
}
seconds.sort()
cpuSeconds.sort()
let median = seconds[seconds.count / 2]
let cpuMedian = cpuSeconds[cpuSeconds.count / 2]
let megabytes = Double(bytes) / 1e6
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
}
print("\(fixed(megabytes, 0).split(separator: ".")[0]) MB in \(fixed(median, 3)) s = \(fixed(megabytes / 1000 / median, 2)) GB/s, \(records) records, \(fields) fields (median of \(runs); CPU time \(fixed(cpuMedian, 3)) s = \(fixed(megabytes / 1000 / cpuMedian, 2)) GB/s)")
