import Foundation

/// The entry point of the fuzz targets. Built for fuzzing (`-DFUZZING`, `make fuzz`), libFuzzer's driver runs
/// with the command line's options (SwiftPM gives an executable a `main` of its own, so libFuzzer's cannot be
/// it). Otherwise each file named on the command line (or each file of a directory) runs through the target
/// once, as libFuzzer would run it: `make fuzz` replays the kept findings this way first.
public enum FuzzReplay {
    /// Runs `target` as the build asks: under libFuzzer's driver, or over the files of the command line.
    public static func run(_ target: @escaping (UnsafePointer<UInt8>, Int) -> CInt) {
        #if FUZZING
        FuzzDriver.target = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            guard let data, let target = FuzzDriver.target else { return 0 }
            return target(data, size)
        })
        #else
        replay(target)
        #endif
    }

    private static func replay(_ target: (UnsafePointer<UInt8>, Int) -> CInt) {
        var paths: [String] = []
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                paths += names.sorted().map { argument + "/" + $0 }
            } else {
                paths.append(argument)
            }
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            // One byte more than the input, so that an empty input still has an address.
            var bytes = [UInt8](data)
            bytes.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { _ = target(base, data.count) }
            }
        }
        print("\(paths.count) inputs replayed")
    }
}

#if FUZZING
/// The target the driver's C callback calls (a C function pointer captures nothing); set once, before it runs.
private enum FuzzDriver {
    nonisolated(unsafe) static var target: ((UnsafePointer<UInt8>, Int) -> CInt)?
}

/// libFuzzer's driver, for programs with a `main` of their own.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
