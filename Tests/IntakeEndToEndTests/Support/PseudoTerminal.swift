import Foundation
import IntakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Intake {
    /// What a run under a terminal did: its exit status, standard output (a file) and what the terminal showed
    /// of standard error (the terminal turns each line feed into `\r\n`).
    struct TerminalResult {
        var status: Int32
        var stdout: Data
        var screen: String
    }

    /// Runs `intake arguments...` in the package root with standard error on a pseudo-terminal of `columns`
    /// columns (what an operator at a shell sees), standard output to a file, standard input empty.
    /// - Parameters:
    ///   - arguments: the arguments after `intake`.
    ///   - environment: variables added to the test's own (`TERM` is `xterm` unless given).
    ///   - columns: the terminal's width.
    ///   - interruptWhen: with it, standard input stays open (a command reading `-` waits on it), and SIGINT is sent
    ///     once what the terminal shows satisfies it (an operator's Ctrl-C).
    static func runInTerminal(_ arguments: [String], environment: [String: String] = [:], columns: UInt16 = 100,
                              interruptWhen: ((String) -> Bool)? = nil) throws -> TerminalResult {
        let binary = try #require(Intake.binary, "no intake binary: build it (swift build) or set INTAKE_BIN")
        var controller: Int32 = -1
        var terminal: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        try #require(openpty(&controller, &terminal, nil, nil, &size) == 0, "openpty failed: errno \(errno)")
        defer { close(controller) }
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)

        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["TERM": "xterm"].merging(environment) { $1 }) { $1 }
        process.currentDirectoryURL = TestPaths.packageRoot
        process.standardOutput = out
        process.standardError = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        let input = Pipe()
        process.standardInput = interruptWhen == nil ? FileHandle.nullDevice : input
        defer { try? input.fileHandleForWriting.close() }
        do {
            try process.run()
        } catch {
            close(terminal)
            throw error
        }
        close(terminal)

        // Read while it runs (a full terminal buffer would stop it), then what is left once it is done.
        var screen = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        func drain(timeout: Int32) -> Bool {
            var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeout) > 0 else { return false }
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { return false }  // EIO on Linux once no process holds the terminal
            screen.append(contentsOf: buffer[..<count])
            return true
        }
        var interrupted: Date?
        let started = Date()
        while process.isRunning {
            _ = drain(timeout: 50)
            if let interruptWhen, interrupted == nil, interruptWhen(String(decoding: screen, as: UTF8.self)) {
                kill(process.processIdentifier, SIGINT)
                interrupted = Date()
            }
            // A command that ignores the interrupt, or never shows what was waited for, must not hang the suite.
            if interruptWhen != nil, Date().timeIntervalSince(interrupted ?? started) > 20 { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        while drain(timeout: 100) {}
        return TerminalResult(status: process.terminationStatus, stdout: try Data(contentsOf: outURL), screen: String(decoding: screen, as: UTF8.self))
    }
}
