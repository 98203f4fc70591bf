// swift-tools-version: 6.0
import PackageDescription

// The folder list reads as the pipeline: each stage depends only on the stages below it
// (see ../shared/design/architecture.md).

// Release builds of the modules on a run's hot path check exclusive access at compile time only: the run-time
// checks (`swift_beginAccess` on every access to a class's stored property) were 3% of the output thread of the
// nightly job. Debug builds, which every test runs, keep them. They are also optimized across modules (the lane's
// byte tables, value checks and CSV reader inlined into their callers): 1,617 -> 1,588 M instructions for the
// 100,000-order nightly run (callgrind, address checks on the reading thread), the reading thread 3% less.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "order-intake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "intake", targets: ["intake"]),
        .library(name: "IntakePipeline", targets: ["IntakePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        // The hand-written SIMD indexer under CSVReader's hot path (see the comment atop ccsv_scan.c).
        .target(name: "CCSVScan"),
        .target(name: "IntakeCSV", dependencies: ["CCSVScan"], swiftSettings: hotPath),
        // What Swift does not import from C: the O_DIRECT constant, a prefetch hint.
        .target(name: "CIntakeSystem"),
        .target(name: "IntakeArchive", dependencies: ["CArchive", "IntakeCSV"]),
        .target(name: "IntakeModel", dependencies: ["CIntakeSystem"], swiftSettings: hotPath),
        .target(name: "IntakeFormats", dependencies: ["IntakeCSV", "IntakeModel"], swiftSettings: hotPath),
        .target(name: "IntakeValidation", dependencies: ["IntakeModel"], swiftSettings: hotPath),
        .target(
            name: "IntakeStore",
            dependencies: ["IntakeModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "IntakePipeline",
            dependencies: [
                "CIntakeSystem", "IntakeArchive", "IntakeCSV", "IntakeFormats", "IntakeModel", "IntakeValidation", "IntakeStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotPath
        ),
        .executableTarget(
            name: "intake",
            dependencies: [
                "CIntakeSystem", "IntakeArchive", "IntakeCSV", "IntakeModel", "IntakePipeline", "IntakeStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "IntakeTestSupport", path: "Tests/IntakeTestSupport"),
        // Not a test: `Tests/Bench/csv.sh` builds it in release and times the reader on the orders export.
        .executableTarget(name: "csv-bench", dependencies: ["IntakeCSV"], path: "Tests/Bench/CSVBench"),
        // Not tests: libFuzzer targets under `make fuzz` (built with -sanitize=fuzzer,address -DFUZZING), and in
        // plain builds tools that replay inputs through them (`make fuzz` replays the kept findings first).
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", "IntakeCSV"], path: "Tests/Fuzz/FuzzCSV"),
        .executableTarget(name: "fuzz-archive", dependencies: ["FuzzSupport", "IntakeArchive", "IntakeCSV"], path: "Tests/Fuzz/FuzzArchive"),
        .executableTarget(
            name: "fuzz-validate", dependencies: ["FuzzSupport", "IntakePipeline", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Fuzz/FuzzValidate"),
        // CCSVScan too: ScanKernelTests checks the C kernels entry by entry.
        .testTarget(name: "IntakeCSVTests", dependencies: ["CCSVScan", "IntakeCSV", "IntakeTestSupport"]),
        .testTarget(name: "IntakeArchiveTests", dependencies: ["IntakeArchive", "IntakeCSV", "IntakeTestSupport"]),
        .testTarget(name: "IntakeFormatsTests", dependencies: ["IntakeFormats", "IntakeCSV", "IntakeModel", "IntakeTestSupport"]),
        .testTarget(name: "IntakeModelTests", dependencies: ["IntakeModel"]),
        .testTarget(name: "IntakeValidationTests", dependencies: ["IntakeValidation", "IntakeModel"]),
        // GRDB only to build state files of earlier schemas, and the table the connection batches replaced.
        .testTarget(name: "IntakeStoreTests", dependencies: ["IntakeStore", "IntakeModel", "IntakeTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "IntakePipelineTests",
            dependencies: [
                "CIntakeSystem", "IntakePipeline", "IntakeCSV", "IntakeModel", "IntakeStore", "IntakeValidation", "IntakeTestSupport",
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Pipelines"]
        ),
        .testTarget(
            name: "IntakeEndToEndTests",
            dependencies: ["IntakePipeline", "IntakeCSV", "IntakeTestSupport"],
            exclude: ["Golden"]  // read from disk by path, so they can be re-recorded in place
        ),
    ],
    swiftLanguageModes: [.v6]
)
